using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace PtToolkit.Launch;

/// <summary>
/// One PT process: started with exactly the given argv and environment, stdin held open, stdout and stderr as raw
/// byte streams; stopped as pt-2.2 §1.3 says (close stdin → wait → SIGTERM → wait → SIGKILL to the whole tree),
/// after which the descendants seen while it ran, and the members of its session when it leads one
/// (<see cref="PtLaunchOptions.OwnSession"/>), are killed too, so that no orphan is left.
/// </summary>
internal sealed class PtProcess : IPtRunTarget
{
    private readonly Process _process;
    private readonly Task<int> _exited;
    private readonly HashSet<PtProcessTree.Member> _descendants = new();

    // The PT's start time when it leads its own session: the lower bound of the session's members.
    private readonly ulong? _sessionSince;

    private PtProcess(Process process, bool ownSession)
    {
        _process = process;
        Id = process.Id;
        if (ownSession) _sessionSince = PtProcessTree.StartTime(Id) ?? 0;
        _exited = ExitCodeAsync(process);
        Stdout = process.StandardOutput.BaseStream;
        Stderr = process.StandardError.BaseStream;
    }

    /// <summary>The process id.</summary>
    public int Id { get; }

    /// <inheritdoc/>
    public int? ProcessId => Id;

    /// <summary>Null: a child process's failures are its exit status.</summary>
    public Exception? Fault => null;

    /// <summary>The PT's stdout, read as bytes.</summary>
    public Stream Stdout { get; }

    /// <summary>The PT's stderr, read as bytes.</summary>
    public Stream Stderr { get; }

    /// <summary>Completes when the process has exited.</summary>
    public Task Exited => _exited;

    /// <summary>The exit status once the process has exited, else null.</summary>
    public PtExitStatus? Exit => _exited.IsCompletedSuccessfully ? new PtExitStatus(_exited.Result) : null;

    // The code is read as soon as the process exits, so that it stays readable after Dispose.
    private static async Task<int> ExitCodeAsync(Process process)
    {
        await process.WaitForExitAsync().ConfigureAwait(false);
        return process.ExitCode;
    }

    /// <summary>
    /// Starts the PT. Throws what <see cref="Process.Start()"/> throws when the executable cannot be run
    /// (<see cref="Win32Exception"/> for a missing or non-executable file).
    /// </summary>
    public static PtProcess Start(PtLaunchOptions options)
    {
        string? sessionLeader = options.OwnSession ? PtSession.Resolve(options.Executable) : null;
        var info = new ProcessStartInfo(sessionLeader is null ? options.Executable : PtSession.Program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = options.WorkingDirectory ?? "",
        };
        if (sessionLeader is not null) info.ArgumentList.Add(sessionLeader);
        foreach (string argument in options.Arguments) info.ArgumentList.Add(argument);
        info.Environment.Clear();
        string? path = options.InheritPath ? System.Environment.GetEnvironmentVariable("PATH") : null;
        if (path is not null) info.Environment["PATH"] = path;
        foreach (var (name, value) in options.Environment) info.Environment[name] = value;

        var process = new Process { StartInfo = info };
        try
        {
            process.Start();
            return new PtProcess(process, sessionLeader is not null);
        }
        catch
        {
            process.Dispose();
            throw;
        }
    }

    /// <summary>Remembers the current descendants, to kill those that outlive the PT.</summary>
    public void Snapshot()
    {
        if (_exited.IsCompleted) return;
        var members = PtProcessTree.Descendants(Id);
        lock (_descendants) _descendants.UnionWith(members);
    }

    /// <summary>Runs the shutdown sequence of pt-2.2 §1.3 with the waits of <paramref name="options"/>.</summary>
    public async Task<PtShutdownResult> ShutdownAsync(PtLaunchOptions options)
    {
        var step = await StopAsync(options).ConfigureAwait(false);
        KillLeftovers();
        return new PtShutdownResult(step, Exit);
    }

    /// <summary>
    /// Kills the descendants seen by <see cref="Snapshot"/> that still run, and the members of the PT's session:
    /// once the PT is gone they are orphans.
    /// </summary>
    public void KillLeftovers()
    {
        lock (_descendants) PtProcessTree.KillSurvivors(_descendants);
        if (_sessionSince is { } since) PtProcessTree.KillSurvivors(PtProcessTree.SessionMembers(Id, since));
    }

    private async Task<PtShutdownStep> StopAsync(PtLaunchOptions options)
    {
        if (_exited.IsCompleted) return PtShutdownStep.AlreadyExited;
        Snapshot();
        CloseStdin();
        if (await WaitExitAsync(options.StdinCloseWait).ConfigureAwait(false)) return PtShutdownStep.StdinClosed;
        Snapshot();
        bool terminated = PtSignals.Send(Id, PtSignals.SigTerm);
        if (terminated && await WaitExitAsync(options.SigtermWait).ConfigureAwait(false)) return PtShutdownStep.Terminated;
        if (_exited.IsCompleted) return terminated ? PtShutdownStep.Terminated : PtShutdownStep.StdinClosed;
        Snapshot();
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
        catch (Exception e) when (e is Win32Exception or AggregateException)
        {
            // Part of the tree could not be signalled; the survivors are killed by pid below.
        }
        await WaitExitAsync(options.KillWait).ConfigureAwait(false);
        return PtShutdownStep.Killed;
    }

    private void CloseStdin()
    {
        try
        {
            _process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The PT already closed its end.
        }
    }

    private async Task<bool> WaitExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource();
        var first = await Task.WhenAny(_exited, Task.Delay(timeout, cancel.Token)).ConfigureAwait(false);
        await cancel.CancelAsync().ConfigureAwait(false);
        return first == _exited;
    }

    /// <summary>Releases the process handle and its pipes once the process has exited (a survivor keeps its handle, so it is still reaped).</summary>
    public void Dispose()
    {
        if (_exited.IsCompleted) _process.Dispose();
    }
}
