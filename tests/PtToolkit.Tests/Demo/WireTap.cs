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
internal sealed class WireTap : LoopbackServer
{
    private readonly MemoryStream _upstream = new();

    public WireTap(IPEndPoint target)
    {
        Target = target;
        Start();
    }

    /// <summary>Where it forwards.</summary>
    public IPEndPoint Target { get; }

    /// <summary>The bytes clients sent towards the target so far, all connections together.</summary>
    public byte[] Upstream
    {
        get { lock (_upstream) return _upstream.ToArray(); }
    }

    protected override async Task ServeAsync(Socket client)
    {
        using (client)
        using (var target = new Socket(SocketType.Stream, ProtocolType.Tcp))
        {
            try
            {
                await target.ConnectAsync(Target, Stopping);
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
            while ((n = await from.ReceiveAsync(buffer, Stopping)) > 0)
            {
                if (record)
                {
                    lock (_upstream) _upstream.Write(buffer, 0, n);
                }
                await to.SendAsync(buffer.AsMemory(0, n), Stopping);
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
