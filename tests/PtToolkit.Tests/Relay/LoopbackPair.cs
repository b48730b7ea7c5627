using System;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace PtToolkit.Tests.Relay;

/// <summary>Two connected TCP sockets on 127.0.0.1; the listener is closed as soon as they are connected.</summary>
internal sealed class LoopbackPair : IDisposable
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    private LoopbackPair(Socket left, Socket right)
    {
        Left = left;
        Right = right;
        LeftStream = new NetworkStream(left, ownsSocket: false);
        RightStream = new NetworkStream(right, ownsSocket: false);
    }

    public Socket Left { get; }

    public Socket Right { get; }

    public NetworkStream LeftStream { get; }

    public NetworkStream RightStream { get; }

    public static async Task<LoopbackPair> ConnectAsync()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var left = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var connect = left.ConnectAsync(listener.LocalEndPoint!);
        var right = await listener.AcceptAsync().WaitAsync(ConnectTimeout);
        await connect.WaitAsync(ConnectTimeout);
        return new LoopbackPair(left, right);
    }

    public void Dispose()
    {
        LeftStream.Dispose();
        RightStream.Dispose();
        Left.Dispose();
        Right.Dispose();
    }
}
