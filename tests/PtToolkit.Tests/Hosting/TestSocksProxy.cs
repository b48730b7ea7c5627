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
internal sealed class TestSocksProxy : LoopbackServer
{
    private readonly List<EndPoint> _targets = new();

    public TestSocksProxy()
    {
        Start();
    }

    /// <summary>The targets asked for, in order.</summary>
    public IReadOnlyList<EndPoint> Targets
    {
        get { lock (_targets) return _targets.ToList(); }
    }

    protected override async Task ServeAsync(Socket socket)
    {
        await using var client = new NetworkStream(socket, ownsSocket: true);
        try
        {
            var handshake = await PtSocksServer.HandshakeAsync(client, new PtSocksServerOptions { WantsArguments = false }, Stopping);
            if (!handshake.IsSuccess) return;
            lock (_targets) _targets.Add(handshake.Value.Target);
            using var upstream = new Socket(SocketType.Stream, ProtocolType.Tcp);
            await upstream.ConnectAsync(handshake.Value.Target, Stopping);
            await PtSocksServer.SendReplyAsync(client, PtSocksReply.Succeeded, null, Stopping);
            await using var target = new NetworkStream(upstream, ownsSocket: false);
            await StreamRelay.RunAsync(client, target, null, Stopping);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException)
        {
            // The test is over, or a side went away.
        }
    }
}
