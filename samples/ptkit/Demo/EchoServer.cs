using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace PtToolkit.Cli.Demo;

/// <summary>A TCP echo server on 127.0.0.1 (a port the system picks): what the demo's PT server forwards to, as its ORPort.</summary>
internal sealed class EchoServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _connections = new();
    private readonly Task _accepting;

    public EchoServer()
    {
        _listener.Start();
        Endpoint = (IPEndPoint)_listener.LocalEndpoint;
        _accepting = AcceptAsync();
    }

    /// <summary>Where it listens.</summary>
    public IPEndPoint Endpoint { get; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        await _accepting.ConfigureAwait(false);
        Task[] connections;
        lock (_connections) connections = _connections.ToArray();
        await Task.WhenAll(connections).ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (true)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            lock (_connections) _connections.Add(EchoAsync(socket));
        }
    }

    // Sends back every byte, then half-closes once the peer has; ends when the peer goes or the server stops.
    private async Task EchoAsync(Socket socket)
    {
        byte[] buffer = new byte[16 * 1024];
        using (socket)
        {
            try
            {
                int n;
                while ((n = await socket.ReceiveAsync(buffer, _stop.Token).ConfigureAwait(false)) > 0)
                    await socket.SendAsync(buffer.AsMemory(0, n), _stop.Token).ConfigureAwait(false);
                socket.Shutdown(SocketShutdown.Send);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or IOException)
            {
                // The peer went away, or the demo is over.
            }
        }
    }
}
