using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PtToolkit.Cli.Io;
using PtToolkit.Ipc;

namespace PtToolkit.Cli.Fuzz;

/// <summary>What one launch of a PT gave: its stdout and stderr lines (bounded), how it ended, and whether it finished configuring.</summary>
/// <param name="Stdout">The stdout lines, without their LF.</param>
/// <param name="Stderr">The stderr lines, without their LF.</param>
/// <param name="Configured">True when CMETHODS DONE or SMETHODS DONE came.</param>
/// <param name="ExitCode">The exit code when the PT exited by itself; null when it was stopped or hung.</param>
/// <param name="Hung">True when it neither finished, nor reported an error and exited, within the timeout.</param>
/// <param name="StartError">Why it could not be started, or null.</param>
internal sealed record PtProbeResult(IReadOnlyList<byte[]> Stdout, IReadOnlyList<byte[]> Stderr, bool Configured, int? ExitCode, bool Hung, string? StartError);

/// <summary>
/// Launches a PT once with exactly the given variables (a clean environment) and arguments, in its own working
/// directory, reads what it writes, and stops it by its process object: after DONE by closing stdin and then
/// killing it; after an error line by waiting for its exit up to the timeout; never longer than the timeout.
/// </summary>
internal static class PtProbe
{
    private const int MaxLineBytes = 64 * 1024;
    private const int MaxLines = 200;

    /// <summary>Runs <paramref name="program"/> once.</summary>
    public static async Task<PtProbeResult> RunAsync(string program, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment,
        string workingDirectory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        start.Environment.Clear();
        foreach (var (name, value) in environment) start.Environment[name] = value;

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return new PtProbeResult(Array.Empty<byte[]>(), Array.Empty<byte[]>(), false, null, false, e.Message);
        }

        var stdout = new List<byte[]>();
        var stderr = new List<byte[]>();
        var ended = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var readOut = Task.Run(() => Read(process.StandardOutput.BaseStream, stdout, line => Signal(line, ended)));
        var readErr = Task.Run(() => Read(process.StandardError.BaseStream, stderr, line => Signal(line, ended)));
        using var deadline = new CancellationTokenSource(timeout);
        var exited = process.WaitForExitAsync(deadline.Token);
        await Task.WhenAny(exited, ended.Task, Task.Delay(Timeout.Infinite, deadline.Token)).ConfigureAwait(false);

        bool configured = ended.Task.IsCompletedSuccessfully && ended.Task.Result;
        bool hung = false;
        int? exitCode = null;
        if (configured)
        {
            process.StandardInput.Close();
            await WaitAsync(process, TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        }
        else if (!await WaitAsync(process, timeout).ConfigureAwait(false))
        {
            hung = true;
        }
        if (process.HasExited && !configured) exitCode = process.ExitCode;
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await WaitAsync(process, TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        try
        {
            await Task.WhenAll(readOut, readErr).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A descendant still holds a pipe: what was read so far is the answer.
        }
        return new PtProbeResult(Snapshot(stdout), Snapshot(stderr), configured, exitCode, hung, null);
    }

    private static byte[][] Snapshot(List<byte[]> lines)
    {
        lock (lines) return lines.ToArray();
    }

    private static async Task<bool> WaitAsync(Process process, TimeSpan limit)
    {
        using var wait = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return process.HasExited;
        }
    }

    /// <summary>DONE ends the wait as configured; an error line ends it as refused (the PT must then exit).</summary>
    private static void Signal(byte[] line, TaskCompletionSource<bool> ended)
    {
        var kind = PtIpc.ParseOwned(line, out _).Kind;
        if (kind is PtIpc.MessageKind.CmethodsDone or PtIpc.MessageKind.SmethodsDone) ended.TrySetResult(true);
        else if (kind is PtIpc.MessageKind.VersionError or PtIpc.MessageKind.EnvError or PtIpc.MessageKind.ProxyError) ended.TrySetResult(false);
    }

    private static void Read(Stream stream, List<byte[]> lines, Action<byte[]> onLine)
    {
        var reader = new BoundedLineReader(stream, MaxLineBytes);
        while (true)
        {
            var status = reader.Read(out var line);
            if (status == LineStatus.End) return;
            byte[] bytes = status == LineStatus.TooLong ? "(line longer than 64 KiB)"u8.ToArray() : line.ToArray();
            lock (lines)
            {
                if (lines.Count < MaxLines) lines.Add(bytes);
            }
            onLine(bytes);
        }
    }
}
