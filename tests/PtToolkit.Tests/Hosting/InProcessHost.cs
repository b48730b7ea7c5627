using System;
using System.Collections.Generic;
using System.Net;
using System.Text;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using PtToolkit.Config;
using PtToolkit.Hosting;
using PtToolkit.Samples.SampleTransport;
using Xunit;

namespace PtToolkit.Tests.Hosting;

/// <summary>
/// A <see cref="PtHost"/> run inside the test process on a given environment: its stdout and stderr lines come out of
/// channels, its stdin closes on demand, signals and the parent watch are off. Every wait has a timeout; disposing
/// cancels the host and waits for it.
/// </summary>
internal sealed class InProcessHost : IAsyncDisposable
{
    /// <summary>The bound of every wait.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>A key the sample transport accepts.</summary>
    public const string Key = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    private readonly LineStream _stdout = new();
    private readonly LineStream _stderr = new();
    private readonly ClosableStdin _stdin = new();
    private readonly CancellationTokenSource _cancel = new();

    private InProcessHost(Func<PtHostOptions, CancellationToken, Task<int>> run, PtHostOptions? options)
    {
        var settings = (options ?? new PtHostOptions()) with
        {
            Ipc = new PtIpcWriter(_stdout, _stderr),
            Stdin = _stdin,
            HandleSignals = false,
            ParentPollInterval = null,
        };
        Exit = Task.Run(() => run(settings, _cancel.Token));
    }

    /// <summary>The host's exit code, once it returned.</summary>
    public Task<int> Exit { get; }

    /// <summary>A client host of the sample transport bound from <paramref name="environment"/>.</summary>
    public static InProcessHost Client(IReadOnlyDictionary<string, string> environment, PtHostOptions? options = null, IReadOnlyList<string>? versions = null) =>
        new((o, ct) => PtHost.RunClientAsync(PtConfigSource.FromEnvironment(environment, versions), new SampleTransport(), o, ct), options);

    /// <summary>A client host of <paramref name="transport"/> bound from <paramref name="environment"/>.</summary>
    public static InProcessHost Client(IReadOnlyDictionary<string, string> environment, IPtClientTransport transport, PtHostOptions? options = null) =>
        new((o, ct) => PtHost.RunClientAsync(PtConfigSource.FromEnvironment(environment), transport, o, ct), options);

    /// <summary>A server host of the sample transport bound from <paramref name="environment"/>.</summary>
    public static InProcessHost Server(IReadOnlyDictionary<string, string> environment, PtHostOptions? options = null, IReadOnlyList<string>? versions = null) =>
        new((o, ct) => PtHost.RunServerAsync(PtConfigSource.FromEnvironment(environment, versions), new SampleTransport(), o, ct), options);

    /// <summary>A host of the sample transport bound from dispatcher flags, in the role <see cref="PtHost.IsServer"/> picks.</summary>
    public static InProcessHost FromFlags(IReadOnlyList<string> arguments, IReadOnlyList<string> versions) =>
        new((o, ct) => PtHost.RunAsync(PtConfigSource.FromArguments(arguments, versions), new SampleTransport(), o, ct), null);

    /// <summary>A host of both sides of <paramref name="transport"/> bound from dispatcher flags, in the role <see cref="PtHost.IsServer"/> picks.</summary>
    public static InProcessHost FromFlags<TTransport>(IReadOnlyList<string> arguments, IReadOnlyList<string> versions, TTransport transport, PtHostOptions? options = null)
        where TTransport : IPtClientTransport, IPtServerTransport =>
        new((o, ct) => PtHost.RunAsync(PtConfigSource.FromArguments(arguments, versions), transport, o, ct), options);

    /// <summary>A client of the sample transport on 127.0.0.1 (version 1, exit on stdin close) plus <paramref name="extra"/> variables.</summary>
    public static Dictionary<string, string> ClientEnvironment(params (string Name, string Value)[] extra) =>
        With(new() { ["TOR_PT_MANAGED_TRANSPORT_VER"] = "1", ["TOR_PT_CLIENT_TRANSPORTS"] = "sample", ["TOR_PT_EXIT_ON_STDIN_CLOSE"] = "1" }, extra);

    /// <summary>A server of the sample transport with <see cref="Key"/>, in front of <paramref name="orPort"/>, plus <paramref name="extra"/>.</summary>
    public static Dictionary<string, string> ServerEnvironment(IPEndPoint orPort, params (string Name, string Value)[] extra) =>
        With(new()
        {
            ["TOR_PT_MANAGED_TRANSPORT_VER"] = "1",
            ["TOR_PT_SERVER_TRANSPORTS"] = "sample",
            ["TOR_PT_SERVER_BINDADDR"] = "sample-127.0.0.1:0",
            ["TOR_PT_ORPORT"] = orPort.ToString(),
            ["TOR_PT_SERVER_TRANSPORT_OPTIONS"] = "sample:key=" + Key,
            ["TOR_PT_EXIT_ON_STDIN_CLOSE"] = "1",
        }, extra);

    /// <summary>The next stdout line; fails when none comes within the timeout or the host ended.</summary>
    public Task<string> NextLineAsync() => _stdout.NextAsync();

    /// <summary>Stdout lines up to and including the first that starts with <paramref name="prefix"/>.</summary>
    public async Task<List<string>> LinesThroughAsync(string prefix)
    {
        var lines = new List<string>();
        string line;
        do
        {
            line = await NextLineAsync();
            lines.Add(line);
        }
        while (!line.StartsWith(prefix, StringComparison.Ordinal));
        return lines;
    }

    /// <summary>Every stdout line written so far that was not read yet.</summary>
    public List<string> RemainingLines() => _stdout.Drain();

    /// <summary>Every stderr line written so far.</summary>
    public List<string> ErrorLines() => _stderr.Drain();

    /// <summary>Closes the host's stdin.</summary>
    public void CloseStdin() => _stdin.End();

    /// <summary>Cancels the host.</summary>
    public void Cancel() => _cancel.Cancel();

    /// <summary>The exit code, within the timeout.</summary>
    public Task<int> ExitAsync() => Exit.WaitAsync(Timeout);

    public async ValueTask DisposeAsync()
    {
        await _cancel.CancelAsync();
        await Exit.WaitAsync(Timeout);
        _cancel.Dispose();
    }

    private static Dictionary<string, string> With(Dictionary<string, string> environment, (string Name, string Value)[] extra)
    {
        foreach (var (name, value) in extra) environment[name] = value;
        return environment;
    }

    /// <summary>A write-only stream whose lines come out of a channel.</summary>
    private sealed class LineStream : TestStream
    {
        private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
        private readonly StringBuilder _partial = new();

        public async Task<string> NextAsync()
        {
            using var timeout = new CancellationTokenSource(Timeout);
            return await _lines.Reader.ReadAsync(timeout.Token);
        }

        public List<string> Drain()
        {
            var lines = new List<string>();
            while (_lines.Reader.TryRead(out var line)) lines.Add(line);
            return lines;
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            lock (_partial)
            {
                _partial.Append(Encoding.UTF8.GetString(buffer, offset, count));
                string text = _partial.ToString();
                int end;
                while ((end = text.IndexOf('\n', StringComparison.Ordinal)) >= 0)
                {
                    Assert.True(_lines.Writer.TryWrite(text[..end]));
                    text = text[(end + 1)..];
                }
                _partial.Clear().Append(text);
            }
        }

        public override bool CanRead => false;

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>A stdin that sends nothing and ends when <see cref="End"/> is called.</summary>
    private sealed class ClosableStdin : TestStream
    {
        private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void End() => _closed.TrySetResult();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await _closed.Task.WaitAsync(cancellationToken);
            return 0;
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override bool CanWrite => false;

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
