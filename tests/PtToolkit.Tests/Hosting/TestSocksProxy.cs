using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using PtToolkit.Relay;
using PtToolkit.Socks;

namespace PtToolkit.Tests.Hosting;

/// <summary>
/// An upstream SOCKS 5 proxy on 127.0.0.1 built on <see cref="PtSocksServer"/>: it records each request's target,
/// connects to it and relays. Disposing stops it and its connections.
/// </summary>
internal sealed class TestSocksProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<EndPoint> _targets = new();
    private readonly List<Task> _connections = new();
    private readonly Task _accepting;

    public TestSocksProxy()
    {
        _listener.Start();
        Endpoint = (IPEndPoint)_listener.LocalEndpoint;
        _accepting = AcceptAsync();
    }

    /// <summary>Where it listens.</summary>
    public IPEndPoint Endpoint { get; }

    /// <summary>The targets asked for, in order.</summary>
    public IReadOnlyList<EndPoint> Targets
    {
        get { lock (_targets) return _targets.ToList(); }
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
            lock (_connections) _connections.Add(ServeAsync(socket));
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        await using var client = new NetworkStream(socket, ownsSocket: true);
        try
        {
            var handshake = await PtSocksServer.HandshakeAsync(client, new PtSocksServerOptions { WantsArguments = false }, _stop.Token);
            if (!handshake.IsSuccess) return;
            lock (_targets) _targets.Add(handshake.Value.Target);
            using var upstream = new Socket(SocketType.Stream, ProtocolType.Tcp);
            await upstream.ConnectAsync(handshake.Value.Target, _stop.Token);
            await PtSocksServer.SendReplyAsync(client, PtSocksReply.Succeeded, null, _stop.Token);
            await using var target = new NetworkStream(upstream, ownsSocket: false);
            await StreamRelay.RunAsync(client, target, null, _stop.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException)
        {
            // The test is over, or a side went away.
        }
    }
}
