using System.Collections.Generic;
using System.IO;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using PtToolkit.Hosting;
using PtToolkit.Launch;
using PtToolkit.Samples.SampleTransport;
using PtToolkit.Socks;
using PtToolkit.Text;

namespace PtToolkit.Benchmarks;

/// <summary>
/// Relay throughput, one way, 16 MiB per operation into a sink on 127.0.0.1 that acks each 16 MiB with one byte:
/// a direct loopback connection (the baseline), then through a PT client and server pair, each pair launched once
/// by <see cref="PtLauncher"/> with one SOCKS connection (with the server's SMETHOD ARGS as arguments) kept open:
/// obfs4proxy (obfs4, iat-mode=0), the sample transport as processes and run in this process, and a transport that
/// changes nothing run in this process (what the host, SOCKS and relay cost without a transport's own work: the
/// sample transport's keystream is one HMAC-SHA256 per 32 bytes each way).
/// </summary>
[Config(typeof(LaunchBenchmarks.Config))]
public class LaunchRelayBenchmarks
{
    /// <summary>The bytes of one operation.</summary>
    public const int Bytes = 16 * 1024 * 1024;

    private readonly byte[] _data = RandomNumberGenerator.GetBytes(Bytes);
    private readonly byte[] _ack = new byte[1];
    private readonly List<PtLauncher> _launchers = new();
    private readonly List<DirectoryInfo> _states = new();
    private LaunchBenchmarks.Sink _sink = null!;
    private Stream _direct = null!;
    private Stream _obfs4 = null!;
    private Stream _sample = null!;
    private Stream _sampleInProcess = null!;
    private Stream _plainInProcess = null!;

    /// <summary>Starts the sink, the three pairs, and one connection through each.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _sink = new LaunchBenchmarks.Sink(Bytes);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        socket.Connect(_sink.Endpoint);
        _direct = new NetworkStream(socket, ownsSocket: true);

        _obfs4 = Pair(
            state => new PtLauncher(PtLaunchOptions.ForServer(LaunchBenchmarks.Obfs4proxy, LaunchBenchmarks.Server("obfs4", state, _sink.Endpoint.Port))),
            state => new PtLauncher(PtLaunchOptions.ForClient(LaunchBenchmarks.Obfs4proxy, LaunchBenchmarks.Client("obfs4", state))));
        var key = new PtKeyValueList(("key", LaunchBenchmarks.SampleKey));
        _sample = Pair(
            state => new PtLauncher(LaunchBenchmarks.SampleProcess(PtLaunchOptions.ForServer(LaunchBenchmarks.DotnetHost, LaunchBenchmarks.Server(SampleTransport.Name, state, _sink.Endpoint.Port, key)))),
            state => new PtLauncher(LaunchBenchmarks.SampleProcess(PtLaunchOptions.ForClient(LaunchBenchmarks.DotnetHost, LaunchBenchmarks.Client(SampleTransport.Name, state)))));
        _sampleInProcess = Pair(
            state => PtLauncher.InProcessServer(new SampleTransport(), PtLaunchOptions.ForServer("sample", LaunchBenchmarks.Server(SampleTransport.Name, state, _sink.Endpoint.Port, key))),
            state => PtLauncher.InProcessClient(new SampleTransport(), PtLaunchOptions.ForClient("sample", LaunchBenchmarks.Client(SampleTransport.Name, state))));
        _plainInProcess = Pair(
            state => PtLauncher.InProcessServer(new PlainTransport(), PtLaunchOptions.ForServer("plain", LaunchBenchmarks.Server(PlainTransport.Name, state, _sink.Endpoint.Port))),
            state => PtLauncher.InProcessClient(new PlainTransport(), PtLaunchOptions.ForClient("plain", LaunchBenchmarks.Client(PlainTransport.Name, state))));
    }

    /// <summary>Closes the connections, stops every PT, removes the state folders.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var stream in new[] { _direct, _obfs4, _sample, _sampleInProcess, _plainInProcess }) stream?.Dispose();
        foreach (var launcher in _launchers) launcher.DisposeAsync().AsTask().Wait(LaunchBenchmarks.Timeout);
        foreach (var state in _states) state.Delete(recursive: true);
        _sink.Dispose();
    }

    /// <summary>Straight to the sink.</summary>
    [Benchmark(Baseline = true)]
    public Task Direct() => LaunchBenchmarks.SendAndWaitAckAsync(_direct, _data, _ack);

    /// <summary>Through obfs4proxy client and server.</summary>
    [Benchmark]
    public Task Obfs4proxyPair() => LaunchBenchmarks.SendAndWaitAckAsync(_obfs4, _data, _ack);

    /// <summary>Through the sample transport's client and server processes.</summary>
    [Benchmark]
    public Task SampleProcessPair() => LaunchBenchmarks.SendAndWaitAckAsync(_sample, _data, _ack);

    /// <summary>Through the sample transport's client and server run in this process.</summary>
    [Benchmark]
    public Task SampleInProcessPair() => LaunchBenchmarks.SendAndWaitAckAsync(_sampleInProcess, _data, _ack);

    /// <summary>Through a client and server of a transport that changes nothing, run in this process.</summary>
    [Benchmark]
    public Task PlainInProcessPair() => LaunchBenchmarks.SendAndWaitAckAsync(_plainInProcess, _data, _ack);

    // Server first (its SMETHOD ARGS are the client's SOCKS arguments), then client, then one connection through both.
    private Stream Pair(System.Func<DirectoryInfo, PtLauncher> server, System.Func<DirectoryInfo, PtLauncher> client)
    {
        var serverLauncher = server(State());
        _launchers.Add(serverLauncher);
        var smethod = LaunchBenchmarks.Configured(serverLauncher).ServerMethods[0];
        var clientLauncher = client(State());
        _launchers.Add(clientLauncher);
        var cmethod = LaunchBenchmarks.Configured(clientLauncher).ClientMethods[0];
        var connected = PtSocksClient.ConnectAsync(LaunchBenchmarks.ToIp(cmethod.Address), LaunchBenchmarks.ToIp(smethod.Address), smethod.Args)
            .WaitAsync(LaunchBenchmarks.Timeout).GetAwaiter().GetResult();
        if (!connected.IsSuccess) throw new System.InvalidOperationException("SOCKS connection failed: " + connected.Error);
        return connected.Value;
    }

    private DirectoryInfo State()
    {
        var state = Directory.CreateTempSubdirectory("pt-bench-relay-");
        _states.Add(state);
        return state;
    }

    /// <summary>A transport that hands the connection on as it is: SOCKS, host and relay, nothing else.</summary>
    private sealed class PlainTransport : IPtClientTransport, IPtServerTransport
    {
        public const string Name = "plain";

        public IReadOnlyList<string> Names { get; } = [Name];

        public string? CheckArguments(string transport, PtKeyValueList arguments) => null;

        public Task<Stream> ConnectAsync(PtClientConnection connection, CancellationToken cancellationToken) => Task.FromResult(connection.Stream);

        public PtServerSetup Setup(string transport, PtKeyValueList options) => PtServerSetup.Ready();

        public Task<Stream> AcceptAsync(PtServerConnection connection, CancellationToken cancellationToken) => Task.FromResult(connection.Stream);
    }
}
