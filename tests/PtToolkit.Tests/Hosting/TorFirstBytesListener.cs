using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace PtToolkit.Tests.Hosting;

/// <summary>
/// A listener on 127.0.0.1 (a port the system picks) that plays an ORPort or a bridge which must stay untouched: it
/// counts connections and keeps the first bytes of the first one (up to 5, the header of a TLS record), then closes
/// them. Stops on dispose.
/// </summary>
internal sealed class TorFirstBytesListener : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource<byte[]> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _accepting;
    private int _connections;

    public TorFirstBytesListener()
    {
        _listener.Start();
        EndPoint = (IPEndPoint)_listener.LocalEndpoint;
        _accepting = AcceptAsync();
    }

    /// <summary>Where it listens.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>Connections accepted so far.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>The first bytes of the first connection; fails when none came within <see cref="TorWithSample.Timeout"/>.</summary>
    public Task<byte[]> FirstBytesAsync() => _first.Task.WaitAsync(TorWithSample.Timeout);

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                using var socket = await _listener.AcceptSocketAsync(_stop.Token);
                Interlocked.Increment(ref _connections);
                if (!_first.Task.IsCompleted) _first.TrySetResult(await HeaderAsync(socket));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }

    private async Task<byte[]> HeaderAsync(Socket socket)
    {
        byte[] header = new byte[5];
        int read = 0;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        timeout.CancelAfter(TorWithSample.Timeout);
        try
        {
            int n;
            while (read < header.Length && (n = await socket.ReceiveAsync(header.AsMemory(read), timeout.Token)) > 0) read += n;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException)
        {
            // The peer left or went silent: what came is the answer.
        }
        return header[..read];
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
