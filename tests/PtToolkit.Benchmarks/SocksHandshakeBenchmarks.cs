using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using PtToolkit.Socks;

namespace PtToolkit.Benchmarks;

/// <summary>
/// SOCKS 5 handshakes on loopback, one new TCP connection each, as goptlib's BenchmarkSocks5HandshakeRFC1929 and
/// BenchmarkSocks5HandshakeRFC1929Parallel do (../shared/bench/goptlib/external_bench_test.go): the same lock-step
/// client (blocking socket, TCP_NODELAY as Go's net.Dial sets it, only method X'02' offered, the 86-byte arguments
/// <c>cert=...;iat-mode=0</c> in UNAME with a one-byte NUL PASSWD as tor packs them, CONNECT to 127.0.0.1:43210, read
/// the 10-byte reply, close). The server is <see cref="PtSocksServer.HandshakeAsync"/> then the success reply, each
/// connection on its own task as PtHost serves them. <c>CannedServer</c> is the floor: the same connections answered
/// with fixed bytes and no parsing. Allocation is the whole process's (client and server), as Go's -benchmem counts.
/// </summary>
[MemoryDiagnoser]
public class SocksHandshakeBenchmarks
{
    private const string Cert = "ssH+9rP8dG2NLDN2XuFw63hIO/9MNNinLmxQDpVa+7kTOa9/m+tGWT1SmSYpQ9uTBGa6Hw";
    private const int PerClient = 64;
    private const int Clients = 2;

    private static readonly byte[] Greeting = [5, 1, 2];
    private static readonly byte[] Request = [5, 1, 0, 1, 127, 0, 0, 1, 43210 >> 8, 43210 & 0xFF];
    private static readonly byte[] Auth = UserPassword(Encoding.ASCII.GetBytes("cert=" + Cert + ";iat-mode=0"));
    private static readonly byte[] MethodChosen = [5, 2];
    private static readonly byte[] AuthOk = [1, 0];
    private static readonly byte[] Granted = [5, 0, 0, 1, 0, 0, 0, 0, 0, 0];

    private Server? _server;

    /// <summary>Starts the runtime's SOCKS server.</summary>
    [GlobalSetup(Targets = [nameof(PtSocksServerSequential), nameof(PtSocksServerParallel)])]
    public void StartPtSocksServer() => Start(canned: false);

    /// <summary>Starts the server that answers with fixed bytes.</summary>
    [GlobalSetup(Target = nameof(CannedServerSequential))]
    public void StartCannedServer() => Start(canned: true);

    private void Start(bool canned)
    {
        if (Auth.Length != 2 + 86 + 2) throw new InvalidOperationException("the arguments are not 86 bytes");
        _server = new Server(canned);
        Handshake(_server.EndPoint, new byte[16]);
    }

    /// <summary>Stops the server; fails when a handshake went wrong on its side.</summary>
    [GlobalCleanup]
    public void Stop()
    {
        _server?.Dispose();
        if (_server?.Failure is { } failure) throw new InvalidOperationException("the server failed: " + failure);
    }

    /// <summary>One handshake after another on new connections (goptlib: BenchmarkSocks5HandshakeRFC1929).</summary>
    [Benchmark]
    public void PtSocksServerSequential() => Handshake(_server!.EndPoint, new byte[16]);

    /// <summary>Two clients at once, as Go's RunParallel with GOMAXPROCS=2 (goptlib: BenchmarkSocks5HandshakeRFC1929Parallel).</summary>
    [Benchmark(OperationsPerInvoke = Clients * PerClient)]
    public void PtSocksServerParallel()
    {
        var endPoint = _server!.EndPoint;
        var others = new Task[Clients - 1];
        for (int i = 0; i < others.Length; i++) others[i] = Task.Factory.StartNew(() => Handshakes(endPoint), TaskCreationOptions.LongRunning);
        Handshakes(endPoint);
        Task.WaitAll(others);
    }

    /// <summary>The floor: the same client against a server that answers fixed bytes without parsing them.</summary>
    [Benchmark]
    public void CannedServerSequential() => Handshake(_server!.EndPoint, new byte[16]);

    private static void Handshakes(IPEndPoint endPoint)
    {
        byte[] buffer = new byte[16];
        for (int i = 0; i < PerClient; i++) Handshake(endPoint, buffer);
    }

    // goptlib's socksClient: lock-step, each answer read in full before the next message.
    private static void Handshake(IPEndPoint endPoint, byte[] buffer)
    {
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        client.Connect(endPoint);
        client.Send(Greeting);
        Expect(client, buffer, 2, 5, 2);
        client.Send(Auth);
        Expect(client, buffer, 2, 1, 0);
        client.Send(Request);
        Expect(client, buffer, 10, 5, 0);
    }

    private static void Expect(Socket client, byte[] buffer, int count, byte first, byte second)
    {
        int read = 0;
        while (read < count)
        {
            int n = client.Receive(buffer, read, count - read, SocketFlags.None);
            if (n == 0) throw new InvalidOperationException("the server closed the connection during the handshake");
            read += n;
        }
        if (buffer[0] != first || buffer[1] != second) throw new InvalidOperationException($"unexpected answer {buffer[0]:X2} {buffer[1]:X2}");
    }

    private static byte[] UserPassword(byte[] user)
    {
        byte[] message = new byte[3 + user.Length + 1];
        message[0] = 1;
        message[1] = (byte)user.Length;
        user.CopyTo(message, 2);
        message[2 + user.Length] = 1;
        message[3 + user.Length] = 0;
        return message;
    }

    /// <summary>A listener on 127.0.0.1 whose accepted connections are each served on their own task.</summary>
    private sealed class Server : IDisposable
    {
        private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        private readonly bool _canned;
        private readonly Task _accepting;
        private string? _failure;

        public Server(bool canned)
        {
            _canned = canned;
            _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            _listener.Listen(512);
            EndPoint = (IPEndPoint)_listener.LocalEndPoint!;
            _accepting = AcceptAsync();
        }

        public IPEndPoint EndPoint { get; }

        public string? Failure => Volatile.Read(ref _failure);

        public void Dispose()
        {
            _listener.Dispose();
            _accepting.Wait(TimeSpan.FromSeconds(10));
        }

        private async Task AcceptAsync()
        {
            try
            {
                while (true)
                {
                    var socket = await _listener.AcceptAsync().ConfigureAwait(false);
                    socket.NoDelay = true;
                    _ = _canned ? ServeCannedAsync(socket) : ServeAsync(socket);
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // Stopped.
            }
        }

        private async Task ServeAsync(Socket socket)
        {
            await using var stream = new NetworkStream(socket, ownsSocket: true);
            try
            {
                var handshake = await PtSocksServer.HandshakeAsync(stream).ConfigureAwait(false);
                if (!handshake.IsSuccess || handshake.Value.Arguments.Count != 2)
                {
                    Volatile.Write(ref _failure, handshake.ToString());
                    return;
                }
                await PtSocksServer.SendReplyAsync(stream, PtSocksReply.Succeeded).ConfigureAwait(false);
            }
            catch (Exception e) when (e is System.IO.IOException or SocketException)
            {
                Volatile.Write(ref _failure, e.Message);
            }
        }

        // Reads the handshake's known lengths and answers each step with fixed bytes.
        private async Task ServeCannedAsync(Socket socket)
        {
            await using var stream = new NetworkStream(socket, ownsSocket: true);
            byte[] buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(256);
            try
            {
                await stream.ReadExactlyAsync(buffer.AsMemory(0, Greeting.Length)).ConfigureAwait(false);
                await stream.WriteAsync(MethodChosen).ConfigureAwait(false);
                await stream.ReadExactlyAsync(buffer.AsMemory(0, Auth.Length)).ConfigureAwait(false);
                await stream.WriteAsync(AuthOk).ConfigureAwait(false);
                await stream.ReadExactlyAsync(buffer.AsMemory(0, Request.Length)).ConfigureAwait(false);
                await stream.WriteAsync(Granted).ConfigureAwait(false);
            }
            catch (Exception e) when (e is System.IO.IOException or SocketException or System.IO.EndOfStreamException)
            {
                Volatile.Write(ref _failure, e.Message);
            }
            finally
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }
}
