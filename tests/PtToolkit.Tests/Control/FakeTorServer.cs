using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;

namespace PtToolkit.Tests.Control;

/// <summary>
/// A scripted control port for client tests: it listens on 127.0.0.1 port 0 (or a Unix socket), takes one
/// connection, and the test reads the client's command lines and writes replies itself. Every wait has a timeout.
/// </summary>
internal sealed class FakeTorServer : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly Socket _listener;
    private readonly Task<Socket> _accept;
    private readonly List<byte> _pending = new();
    private readonly byte[] _chunk = new byte[4096];
    private Socket? _peer;

    private FakeTorServer(Socket listener, EndPoint endPoint)
    {
        _listener = listener;
        EndPoint = endPoint;
        _accept = listener.AcceptAsync();
    }

    /// <summary>Where the client connects.</summary>
    public EndPoint EndPoint { get; }

    /// <summary>Listens on 127.0.0.1, port 0.</summary>
    public static FakeTorServer StartTcp()
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        return new FakeTorServer(listener, listener.LocalEndPoint!);
    }

    /// <summary>Listens on a Unix domain socket at <paramref name="path"/>.</summary>
    public static FakeTorServer StartUnix(string path)
    {
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        var endPoint = new UnixDomainSocketEndPoint(path);
        listener.Bind(endPoint);
        listener.Listen(1);
        return new FakeTorServer(listener, endPoint);
    }

    private async Task<Socket> PeerAsync() => _peer ??= await _accept.WaitAsync(Timeout);

    /// <summary>The next command line the client sent, without CRLF; null when the client closed the connection.</summary>
    public async Task<string?> ReadLineAsync()
    {
        var peer = await PeerAsync();
        while (true)
        {
            for (int i = 1; i < _pending.Count; i++)
            {
                if (_pending[i - 1] != (byte)'\r' || _pending[i] != (byte)'\n') continue;
                string line = Encoding.UTF8.GetString(_pending.GetRange(0, i - 1).ToArray());
                _pending.RemoveRange(0, i + 1);
                return line;
            }
            int n;
            try
            {
                n = await peer.ReceiveAsync(_chunk.AsMemory()).AsTask().WaitAsync(Timeout);
            }
            catch (SocketException)
            {
                return null;
            }
            if (n == 0) return null;
            _pending.AddRange(_chunk.AsSpan(0, n));
        }
    }

    /// <summary>Reads a line and checks it is <paramref name="expected"/>.</summary>
    public async Task ExpectAsync(string expected) => Xunit.Assert.Equal(expected, await ReadLineAsync());

    /// <summary>Writes <paramref name="text"/> with every LF sent as CRLF.</summary>
    public Task SendAsync(string text) => SendRawAsync(ControlText.Crlf(text));

    /// <summary>Writes bytes as they are.</summary>
    public async Task SendRawAsync(byte[] bytes)
    {
        var peer = await PeerAsync();
        await peer.SendAsync(bytes.AsMemory()).AsTask().WaitAsync(Timeout);
    }

    /// <summary>Closes the connection from the server's side.</summary>
    public async Task CloseAsync()
    {
        var peer = await PeerAsync();
        peer.Shutdown(SocketShutdown.Both);
        peer.Dispose();
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        _peer?.Dispose();
        _listener.Dispose();
        return ValueTask.CompletedTask;
    }
}
