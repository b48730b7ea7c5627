using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using PtToolkit.Launch;
using Xunit;

namespace PtToolkit.Tests.Launch;

/// <summary>
/// The built ptkit (ptkit.dll beside the tests) running as a child of the test: its stdout lines come out of a channel
/// (as JSON for <c>ptkit launch</c>), its stdin can be written and closed, it can be signalled by its pid. Every wait
/// has <see cref="FakePt.Timeout"/>; disposing kills it (by its Process object) if it is still running.
/// </summary>
internal sealed class PtkitRun : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly Task<string> _stderr;
    private readonly Task _stdout;
    private readonly MemoryStream _bytes = new();

    private PtkitRun(Process process)
    {
        _process = process;
        _stdout = PumpAsync();
        _stderr = process.StandardError.ReadToEndAsync();
    }

    /// <summary>The process id.</summary>
    public int Id => _process.Id;

    /// <summary>Every stdout line read so far, in order.</summary>
    public List<string> Lines { get; } = new();

    /// <summary>Starts <c>ptkit</c> with <paramref name="arguments"/>; <paramref name="environment"/> is added to the test's own.</summary>
    public static PtkitRun Start(IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        string host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path ? path : "dotnet";
        var info = new ProcessStartInfo(host)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ptkit.dll"));
        foreach (string argument in arguments) info.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;
        return new PtkitRun(Process.Start(info)!);
    }

    /// <summary>The dotnet host and sample-transport.dll beside the tests: the sample transport's command line after <c>--</c>.</summary>
    public static string[] SampleTransport => [Cli.Demo.SampleTransportLaunch.DotnetHost, Cli.Demo.SampleTransportLaunch.Dll];

    /// <summary>Reads stdout lines until a JSON object whose <c>event</c> is <paramref name="name"/>; throws when stdout ends first.</summary>
    public async Task<JsonElement> NextEventAsync(string name)
    {
        using var timeout = new CancellationTokenSource(FakePt.Timeout);
        while (await _lines.Reader.WaitToReadAsync(timeout.Token))
        {
            while (_lines.Reader.TryRead(out string? line))
            {
                var e = JsonDocument.Parse(line).RootElement;
                if (e.GetProperty("event").GetString() == name) return e;
            }
        }
        throw new InvalidOperationException($"stdout ended before an event {name}; stderr: {await _stderr}");
    }

    /// <summary>Writes <paramref name="bytes"/> to its stdin and closes it.</summary>
    public async Task SendAndCloseAsync(byte[] bytes)
    {
        await _process.StandardInput.BaseStream.WriteAsync(bytes).AsTask().WaitAsync(FakePt.Timeout);
        _process.StandardInput.Close();
    }

    /// <summary>Closes its stdin.</summary>
    public void CloseStdin() => _process.StandardInput.Close();

    /// <summary>Sends <paramref name="signal"/> to it.</summary>
    public void Signal(int signal) => Assert.True(PtSignals.Send(_process.Id, signal), $"signal {signal} could not be sent");

    /// <summary>Waits for it to exit: its exit code, every stdout line and its stderr.</summary>
    public async Task<(int Exit, List<string> Stdout, string Stderr)> WaitExitAsync()
    {
        await _process.WaitForExitAsync().WaitAsync(FakePt.Timeout);
        await _stdout.WaitAsync(FakePt.Timeout);
        return (_process.ExitCode, Lines, await _stderr.WaitAsync(FakePt.Timeout));
    }

    /// <summary>Every stdout byte read so far (for <c>ptkit connect</c>).</summary>
    public byte[] StdoutBytes
    {
        get { lock (_bytes) return _bytes.ToArray(); }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(FakePt.Timeout);
        }
        _process.Dispose();
    }

    // Keeps every byte, and hands each LF-terminated line (as UTF-8) to the channel.
    private async Task PumpAsync()
    {
        var stream = _process.StandardOutput.BaseStream;
        byte[] buffer = new byte[64 * 1024];
        int lineStart = 0, n;
        while ((n = await stream.ReadAsync(buffer)) > 0)
        {
            byte[] all;
            lock (_bytes)
            {
                _bytes.Write(buffer, 0, n);
                all = _bytes.ToArray();
            }
            int lf;
            while ((lf = Array.IndexOf(all, (byte)'\n', lineStart)) >= 0)
            {
                string line = Encoding.UTF8.GetString(all, lineStart, lf - lineStart);
                lineStart = lf + 1;
                lock (Lines) Lines.Add(line);
                _lines.Writer.TryWrite(line);
            }
        }
        _lines.Writer.TryComplete();
    }
}
