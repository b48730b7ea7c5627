using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using PtToolkit.Tests.Hosting;

namespace PtToolkit.Tests.Demo;

/// <summary>
/// A TCP forwarder on 127.0.0.1 that keeps a copy of every byte its clients send on to <see cref="Target"/>: what a
/// censor on the path between a PT client and a PT server sees. Disposing stops it and its connections.
/// </summary>
internal sealed class WireTap : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly MemoryStream _upstream = new();
    private readonly List<Task> _connections = new();
    private readonly Task _accepting;

    public WireTap(IPEndPoint target)
    {
        Target = target;
        _listener.Start();
        Endpoint = (IPEndPoint)_listener.LocalEndpoint;
        _accepting = AcceptAsync();
    }

    /// <summary>Where it listens.</summary>
    public IPEndPoint Endpoint { get; }

    /// <summary>Where it forwards.</summary>
    public IPEndPoint Target { get; }

    /// <summary>The bytes clients sent towards the target so far, all connections together.</summary>
    public byte[] Upstream
    {
        get { lock (_upstream) return _upstream.ToArray(); }
    }

    public async ValueTask DisposeAsync()
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
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            lock (_connections) _connections.Add(ForwardAsync(socket));
        }
    }

    private async Task ForwardAsync(Socket client)
    {
        using (client)
        using (var target = new Socket(SocketType.Stream, ProtocolType.Tcp))
        {
            try
            {
                await target.ConnectAsync(Target, _stop.Token);
                await Task.WhenAll(PumpAsync(client, target, record: true), PumpAsync(target, client, record: false));
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException)
            {
                // The test is over, or the target refused.
            }
        }
    }

    private async Task PumpAsync(Socket from, Socket to, bool record)
    {
        byte[] buffer = new byte[16 * 1024];
        try
        {
            int n;
            while ((n = await from.ReceiveAsync(buffer, _stop.Token)) > 0)
            {
                if (record)
                {
                    lock (_upstream) _upstream.Write(buffer, 0, n);
                }
                await to.SendAsync(buffer.AsMemory(0, n), _stop.Token);
            }
            to.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // A side went away: the other direction ends with it.
            from.Dispose();
            to.Dispose();
        }
    }
}
