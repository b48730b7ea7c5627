using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Pipelines;
using System.Threading;
using System.Threading.Tasks;
using PtToolkit.Config;
using PtToolkit.Hosting;
using PtToolkit.Launch;

namespace PtToolkit.InProcess;

/// <summary>Runs a transport's host (<see cref="PtHost.RunClientAsync(PtConfigSource, IPtClientTransport, PtHostOptions?, CancellationToken)"/> or the server's) and returns its exit code.</summary>
internal delegate Task<int> PtHostEntry(PtConfigSource source, PtHostOptions options, CancellationToken cancellationToken);

/// <summary>
/// A transport hosted inside the parent's process, in place of a child process: the host runs on the thread pool
/// with the configuration the launch options carry (their variables and flags as a <see cref="PtConfigSource"/>, no
/// process environment), writes its IPC lines into in-memory pipes that the launcher reads as it reads a child's
/// stdout and stderr, and watches an in-memory stdin. It never touches the process's signals, streams or parent.
/// </summary>
/// <remarks>
/// Shutdown follows pt-2.2 §1.3 with what exists in a process: stdin is closed (the host stops when the configuration
/// says TOR_PT_EXIT_ON_STDIN_CLOSE=1), then after <see cref="PtLaunchOptions.StdinCloseWait"/> the host's
/// cancellation token is cancelled (the place of SIGTERM; the host stops gracefully), then the launcher waits
/// <see cref="PtLaunchOptions.SigtermWait"/> plus <see cref="PtLaunchOptions.KillWait"/>. Nothing can be killed:
/// a host still running then is reported with no exit status. An exception out of the host ends the run with exit
/// code <see cref="PtLauncher.InProcessFaultExitCode"/> and is kept as <see cref="Fault"/>.
/// </remarks>
internal sealed class PtInProcessTarget : IPtRunTarget
{
    private readonly Pipe _stdin = new();
    private readonly Pipe _stdout = new();
    private readonly Pipe _stderr = new();
    private readonly PtPipeWriteStream _stdoutWriter;
    private readonly PtPipeWriteStream _stderrWriter;
    private readonly CancellationTokenSource _terminate = new();
    private readonly Task<int> _run;
    private Exception? _fault;

    private PtInProcessTarget(PtLaunchOptions options, IReadOnlyList<string> supportedVersions, PtHostOptions host, PtHostEntry entry)
    {
        Stdout = _stdout.Reader.AsStream();
        Stderr = _stderr.Reader.AsStream();
        _stdoutWriter = new PtPipeWriteStream(_stdout.Writer);
        _stderrWriter = new PtPipeWriteStream(_stderr.Writer);
        var source = PtConfigSource.FromLaunch(new PtLaunchArguments(options.Environment, options.Arguments), supportedVersions);
        var hosted = host with
        {
            Ipc = new PtIpcWriter(_stdoutWriter, _stderrWriter),
            Stdin = _stdin.Reader.AsStream(),
            HandleSignals = false,
            ParentPollInterval = null,
        };
        _run = Task.Run(() => RunAsync(entry, source, hosted));
    }

    /// <summary>Starts <paramref name="entry"/> with the configuration of <paramref name="options"/>.</summary>
    public static PtInProcessTarget Start(PtLaunchOptions options, IReadOnlyList<string> supportedVersions, PtHostOptions host, PtHostEntry entry) =>
        new(options, supportedVersions, host, entry);

    /// <summary>Null: the transport has no process of its own.</summary>
    public int? ProcessId => null;

    /// <inheritdoc/>
    public Stream Stdout { get; }

    /// <inheritdoc/>
    public Stream Stderr { get; }

    /// <inheritdoc/>
    public Task Exited => _run;

    /// <inheritdoc/>
    public PtExitStatus? Exit => _run.IsCompletedSuccessfully ? new PtExitStatus(_run.Result) : null;

    /// <inheritdoc/>
    public Exception? Fault => Volatile.Read(ref _fault);

    /// <summary>Nothing to note: the transport starts no process.</summary>
    public void Snapshot()
    {
    }

    /// <summary>Nothing to kill: the transport starts no process.</summary>
    public void KillLeftovers()
    {
    }

    /// <inheritdoc/>
    public async Task<PtShutdownResult> ShutdownAsync(PtLaunchOptions options)
    {
        var step = await StopAsync(options).ConfigureAwait(false);
        return new PtShutdownResult(step, Exit);
    }

    /// <summary>Releases the cancellation source once the host has returned (a host still running keeps it).</summary>
    public void Dispose()
    {
        if (_run.IsCompleted) _terminate.Dispose();
    }

    private async Task<int> RunAsync(PtHostEntry entry, PtConfigSource source, PtHostOptions options)
    {
        try
        {
            return await entry(source, options, _terminate.Token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // The transport's own code threw out of the host: the run is over, the launcher reports the exception.
            Volatile.Write(ref _fault, e);
            return PtLauncher.InProcessFaultExitCode;
        }
        finally
        {
            // The end of the output, as when a process exits: the launcher's readers see the end of the stream.
            _stdoutWriter.Complete();
            _stderrWriter.Complete();
        }
    }

    private async Task<PtShutdownStep> StopAsync(PtLaunchOptions options)
    {
        if (_run.IsCompleted) return PtShutdownStep.AlreadyExited;
        await _stdin.Writer.CompleteAsync().ConfigureAwait(false);
        if (await WaitAsync(options.StdinCloseWait).ConfigureAwait(false)) return PtShutdownStep.StdinClosed;
        await _terminate.CancelAsync().ConfigureAwait(false);
        await WaitAsync(options.SigtermWait + options.KillWait).ConfigureAwait(false);
        return PtShutdownStep.Terminated;
    }

    private async Task<bool> WaitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource();
        var first = await Task.WhenAny(_run, Task.Delay(timeout, cancel.Token)).ConfigureAwait(false);
        await cancel.CancelAsync().ConfigureAwait(false);
        return first == _run;
    }
}
