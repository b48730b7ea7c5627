using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using PtToolkit.Tests.Hosting;

namespace PtToolkit.Tests;

/// <summary>
/// A test server on 127.0.0.1 (a port the system picks): accepts connections until disposed and serves each in
/// its own task; disposing cancels <see cref="Stopping"/>, stops listening and waits for every connection (bounded).
/// A subclass calls <see cref="Start"/> at the end of its constructor, once its own fields are set.
/// </summary>
internal abstract class LoopbackServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _connections = new();
    private Task _accepting = Task.CompletedTask;

    /// <summary>Where it listens.</summary>
    public IPEndPoint Endpoint { get; private set; } = new(IPAddress.Loopback, 0);

    /// <summary>Cancelled when the server is disposed.</summary>
    protected CancellationToken Stopping => _stop.Token;

    /// <summary>Starts listening and accepting.</summary>
    protected void Start()
    {
        _listener.Start();
        Endpoint = (IPEndPoint)_listener.LocalEndpoint;
        _accepting = AcceptAsync();
    }

    /// <summary>Serves one accepted connection; the socket is the subclass's to dispose.</summary>
    protected abstract Task ServeAsync(Socket socket);

    public virtual async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        Task[] connections;
        lock (_connections) connections = _connections.ToArray();
        await Task.WhenAll(connections).WaitAsync(InProcessHost.Timeout);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (true)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException or InvalidOperationException)
            {
                // Stopped; InvalidOperationException when the listener was stopped between two accepts.
                return;
            }
            lock (_connections) _connections.Add(ServeAsync(socket));
        }
    }
}
