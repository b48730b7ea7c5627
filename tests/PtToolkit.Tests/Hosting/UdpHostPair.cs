using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using PtToolkit.Hosting;
using PtToolkit.Ipc;
using Xunit;

namespace PtToolkit.Tests.Hosting;

/// <summary>
/// A UDP echo server, an <see cref="XorTransport"/> server host sending to it and a client host sending to that, all in
/// process on 127.0.0.1 in one PT 2.2 UDP mode, with the address the client's CMETHOD announced.
/// </summary>
internal sealed class UdpHostPair : IAsyncDisposable
{
    private UdpHostPair(UdpEchoServer echo, XorTransport transport, InProcessHost server, InProcessHost client, IPEndPoint udp)
    {
        Echo = echo;
        Transport = transport;
        Server = server;
        Client = client;
        Udp = udp;
    }

    public UdpEchoServer Echo { get; }

    public XorTransport Transport { get; }

    public InProcessHost Server { get; }

    public InProcessHost Client { get; }

    /// <summary>The client's CMETHOD address, where the app sends its packets.</summary>
    public IPEndPoint Udp { get; }

    /// <summary>Starts the three in <paramref name="mode"/> (<c>transparent-UDP</c> or <c>STUN</c>).</summary>
    public static async Task<UdpHostPair> StartAsync(string mode, PtHostOptions? clientOptions = null, PtHostOptions? serverOptions = null)
    {
        var echo = new UdpEchoServer();
        var transport = new XorTransport();
        var server = InProcessHost.FromFlags(["-ptversion", "2.2", "-server", "-transport", "xor", "-mode", mode, "-target", echo.Endpoint.ToString()], ["2.2"], transport, serverOptions);
        var smethod = Assert.IsType<PtIpc.SmethodMessage>(HostPair.Owned((await server.LinesThroughAsync("SMETHODS DONE")).Single(l => l.StartsWith("SMETHOD ", StringComparison.Ordinal))));
        var bridge = HostPair.ToIp(smethod.Address);
        var client = InProcessHost.FromFlags(["-ptversion", "2.2", "-client", "-transport", "xor", "-mode", mode, "-target", bridge.ToString()], ["2.2"], transport, clientOptions);
        var cmethod = Assert.IsType<PtIpc.CmethodMessage>(HostPair.Owned((await client.LinesThroughAsync("CMETHODS DONE")).Single(l => l.StartsWith("CMETHOD ", StringComparison.Ordinal))));
        Assert.Equal(mode == "STUN" ? PtIpc.ClientProxyKind.Stun : PtIpc.ClientProxyKind.TransparentUdp, cmethod.Method);
        return new UdpHostPair(echo, transport, server, client, HostPair.ToIp(cmethod.Address));
    }

    /// <summary>A client app's socket on 127.0.0.1, connected to the client host's UDP address.</summary>
    public Socket NewApp()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        socket.Connect(Udp);
        return socket;
    }

    /// <summary>Sends <paramref name="packet"/> from <paramref name="app"/> and checks that the next datagram back is the same bytes.</summary>
    public static async Task AssertEchoesAsync(Socket app, byte[] packet)
    {
        await app.SendAsync(packet.AsMemory(), SocketFlags.None).AsTask().WaitAsync(InProcessHost.Timeout);
        byte[] back = await ReceiveAsync(app);
        Assert.True(packet.AsSpan().SequenceEqual(back), $"a packet of {packet.Length} bytes came back as {back.Length} different bytes");
    }

    /// <summary>The next datagram <paramref name="app"/> receives, within the timeout.</summary>
    public static async Task<byte[]> ReceiveAsync(Socket app)
    {
        byte[] buffer = new byte[65536];
        using var timeout = new CancellationTokenSource(InProcessHost.Timeout);
        int n = await app.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
        return buffer[..n];
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await Server.DisposeAsync();
        Echo.Dispose();
    }
}

/// <summary>A UDP echo server on 127.0.0.1 that remembers where the last datagram came from; it stops when disposed.</summary>
internal sealed class UdpEchoServer : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private IPEndPoint? _lastSource;

    public UdpEchoServer()
    {
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        Endpoint = (IPEndPoint)_socket.LocalEndPoint!;
        _loop = Task.Run(EchoAsync);
    }

    public IPEndPoint Endpoint { get; }

    /// <summary>The source of the last datagram echoed: the server host's UDP socket.</summary>
    public IPEndPoint? LastSource => Volatile.Read(ref _lastSource);

    public void Dispose()
    {
        _stop.Cancel();
        _socket.Dispose();
        _loop.Wait(InProcessHost.Timeout);
        _stop.Dispose();
    }

    private async Task EchoAsync()
    {
        byte[] buffer = new byte[65536];
        try
        {
            while (true)
            {
                var received = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), _stop.Token);
                var from = (IPEndPoint)received.RemoteEndPoint;
                Volatile.Write(ref _lastSource, from);
                await _socket.SendToAsync(buffer.AsMemory(0, received.ReceivedBytes), SocketFlags.None, from, _stop.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Stopped.
        }
    }
}
