using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using PtToolkit.Relay;

namespace PtToolkit.Benchmarks;

/// <summary>
/// One-direction throughput on loopback with 64 KiB writes, as goptlib's BenchmarkLoopbackDirect and
/// BenchmarkRelayCopyViaGoptlibSocks measure it (../shared/bench/goptlib/external_bench_test.go): a client writes on a
/// blocking socket into a sink that counts bytes, directly (the baseline) or through <see cref="StreamRelay"/> between
/// an accepted connection and a connection to the sink (PtHost's relay), with the relay's default 64 KiB buffer
/// (zero-byte reads first, as it reads sockets) and with 16 KiB. One operation is one 64 KiB write, and an invocation ends only once the sink has every byte.
/// </summary>
[MemoryDiagnoser]
public class RelayThroughputBenchmarks
{
    private const int Chunk = 64 * 1024;
    private const int ChunksPerInvoke = 256;

    private readonly byte[] _chunk = new byte[Chunk];
    private Sink? _sink;
    private Socket? _client;
    private Socket? _relayListener;
    private Task<RelayResult>? _relay;
    private Thread? _copy;

    /// <summary>Connects the client straight to the sink.</summary>
    [GlobalSetup(Target = nameof(Direct))]
    public void SetupDirect()
    {
        _sink = new Sink();
        _client = Connect(_sink.EndPoint);
    }

    /// <summary>Puts a relay with the default buffer between the client and the sink.</summary>
    [GlobalSetup(Target = nameof(StreamRelayDefaultBuffer))]
    public void SetupRelayDefault() => SetupRelay(StreamRelayOptions.DefaultBufferSize);

    /// <summary>Puts a relay with a 16 KiB buffer (the default before 64 KiB) between the client and the sink.</summary>
    [GlobalSetup(Target = nameof(StreamRelay16KiBBuffer))]
    public void SetupRelay16KiB() => SetupRelay(16 * 1024);

    /// <summary>Puts a thread that copies with blocking calls between the client and the sink.</summary>
    [GlobalSetup(Target = nameof(BlockingCopyLoop))]
    public void SetupBlockingCopy()
    {
        var (accepted, toSink) = Middle();
        _copy = new Thread(() => CopyLoop(accepted, toSink)) { IsBackground = true, Name = "copy" };
        _copy.Start();
    }

    private void SetupRelay(int bufferSize)
    {
        var (accepted, toSink) = Middle();
        _relay = StreamRelay.RunAsync(new NetworkStream(accepted, ownsSocket: true), new NetworkStream(toSink, ownsSocket: true),
            new StreamRelayOptions { BufferSize = bufferSize });
    }

    // The sink, a listener the client connects to, and the two sockets of the middle: the accepted one and one to the sink.
    private (Socket Accepted, Socket ToSink) Middle()
    {
        _sink = new Sink();
        _relayListener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _relayListener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _relayListener.Listen(1);
        var accepting = _relayListener.AcceptAsync();
        _client = Connect((IPEndPoint)_relayListener.LocalEndPoint!);
        var accepted = accepting.GetAwaiter().GetResult();
        accepted.NoDelay = true;
        return (accepted, Connect(_sink.EndPoint));
    }

    // One direction of a relay with no runtime in it: blocking receive, blocking send, 64 KiB buffer.
    private static void CopyLoop(Socket from, Socket to)
    {
        using (from)
        using (to)
        {
            byte[] buffer = new byte[Chunk];
            int n;
            while ((n = from.Receive(buffer)) > 0) to.Send(buffer, 0, n, SocketFlags.None);
            to.Shutdown(SocketShutdown.Send);
        }
    }

    /// <summary>Closes the client's sending side, checks that every byte came through and stops everything.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _client!.Shutdown(SocketShutdown.Send);
        long received = _sink!.WaitForEnd();
        _client.Dispose();
        _copy?.Join(TimeSpan.FromSeconds(10));
        if (_relay is not null)
        {
            var result = _relay.GetAwaiter().GetResult();
            if (result.Outcome != RelayOutcome.Completed || result.BytesAToB != received) throw new InvalidOperationException($"relay: {result}, sink: {received}");
        }
        _relayListener?.Dispose();
        if (received != _sink.Expected) throw new InvalidOperationException($"the sink received {received} bytes of {_sink.Expected}");
    }

    /// <summary>Client to sink on loopback (goptlib: BenchmarkLoopbackDirect).</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = ChunksPerInvoke)]
    public void Direct() => Pump();

    /// <summary>Client to relay to sink, the relay's default buffer (goptlib: BenchmarkRelayCopyViaGoptlibSocks, whose io.Copy splices between the TCP sockets on Linux).</summary>
    [Benchmark(OperationsPerInvoke = ChunksPerInvoke)]
    public void StreamRelayDefaultBuffer() => Pump();

    /// <summary>Client to relay to sink, a 16 KiB relay buffer.</summary>
    [Benchmark(OperationsPerInvoke = ChunksPerInvoke)]
    public void StreamRelay16KiBBuffer() => Pump();

    /// <summary>Client to a blocking copy loop to sink: what a user-space relay costs without the runtime.</summary>
    [Benchmark(OperationsPerInvoke = ChunksPerInvoke)]
    public void BlockingCopyLoop() => Pump();

    private void Pump()
    {
        _sink!.Expect((long)ChunksPerInvoke * Chunk);
        for (int i = 0; i < ChunksPerInvoke; i++) _client!.Send(_chunk);
        _sink.WaitForExpected();
    }

    private static Socket Connect(IPEndPoint endPoint)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        socket.Connect(endPoint);
        return socket;
    }

    /// <summary>Accepts one connection and counts what it reads on its own thread, as goptlib's sink does with io.Copy.</summary>
    private sealed class Sink
    {
        private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);
        private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        private readonly ManualResetEventSlim _reached = new();
        private readonly Thread _thread;
        private long _received;
        private long _expected;

        public Sink()
        {
            _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            _listener.Listen(1);
            EndPoint = (IPEndPoint)_listener.LocalEndPoint!;
            _thread = new Thread(Run) { IsBackground = true, Name = "sink" };
            _thread.Start();
        }

        public IPEndPoint EndPoint { get; }

        public long Expected => Volatile.Read(ref _expected);

        /// <summary>Adds <paramref name="count"/> bytes to what must arrive before <see cref="WaitForExpected"/> returns.</summary>
        public void Expect(long count)
        {
            _reached.Reset();
            Interlocked.Add(ref _expected, count);
        }

        public void WaitForExpected()
        {
            if (!_reached.Wait(Limit)) throw new TimeoutException($"the sink has {Volatile.Read(ref _received)} bytes of {Expected}");
        }

        /// <summary>Waits for the end of the stream; the bytes received.</summary>
        public long WaitForEnd()
        {
            if (!_thread.Join(Limit)) throw new TimeoutException("the sink did not see the end of the stream");
            _listener.Dispose();
            return Volatile.Read(ref _received);
        }

        private void Run()
        {
            using var connection = _listener.Accept();
            byte[] buffer = new byte[Chunk];
            int n;
            while ((n = connection.Receive(buffer)) > 0)
            {
                if (Interlocked.Add(ref _received, n) >= Volatile.Read(ref _expected)) _reached.Set();
            }
        }
    }
}
