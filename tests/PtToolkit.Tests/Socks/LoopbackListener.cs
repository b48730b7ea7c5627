using System;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace PtToolkit.Tests.Socks;

/// <summary>A TCP listener on 127.0.0.1, port 0, stopped on dispose; accepting waits at most 10 s.</summary>
internal sealed class LoopbackListener : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

    public LoopbackListener() => _listener.Start();

    public IPEndPoint EndPoint => (IPEndPoint)_listener.LocalEndpoint;

    /// <summary>True when a connection waits to be accepted.</summary>
    public bool Pending => _listener.Pending();

    /// <summary>Accepts one connection as a stream that owns its socket.</summary>
    public async Task<NetworkStream> AcceptAsync()
    {
        var socket = await _listener.AcceptSocketAsync().WaitAsync(TimeSpan.FromSeconds(10));
        return new NetworkStream(socket, ownsSocket: true);
    }

    /// <summary>A raw client connection to this listener and the server's end of it.</summary>
    public async Task<(NetworkStream Client, NetworkStream Server)> PairAsync()
    {
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var accepting = AcceptAsync();
        await client.ConnectAsync(EndPoint).WaitAsync(TimeSpan.FromSeconds(10));
        return (new NetworkStream(client, ownsSocket: true), await accepting);
    }

    public void Dispose() => _listener.Stop();
}
