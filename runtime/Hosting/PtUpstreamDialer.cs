using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using PtToolkit.Config;
using PtToolkit.Socks;
using PtToolkit.Upstream;
using static PtToolkit.Config.PtConfig;

namespace PtToolkit.Hosting;

/// <summary>
/// How a client host reaches the bridge: straight, or through the upstream proxy of TOR_PT_PROXY, which every
/// outgoing connection MUST use once the PT accepted it (pt-spec §3.2.2): SOCKS 4a, SOCKS 5 (credentials with
/// RFC 1929) or HTTP CONNECT (Basic credentials), see <see cref="PtUpstream"/>. <see cref="Supports"/> is checked
/// before PROXY DONE, so no connection can bypass a proxy the host cannot use. Outgoing sockets are bound to
/// TOR_PT_OUTBOUND_BIND_ADDRESS_V4/_V6 unless the destination is loopback.
/// </summary>
internal sealed class PtUpstreamDialer
{
    private readonly PtProxy? _proxy;
    private readonly IPAddress? _bindV4;
    private readonly IPAddress? _bindV6;
    private readonly TimeSpan _timeout;

    public PtUpstreamDialer(PtClientConfig config, TimeSpan timeout)
    {
        _proxy = config.Proxy;
        _bindV4 = config.OutboundBindAddressV4;
        _bindV6 = config.OutboundBindAddressV6;
        _timeout = timeout;
    }

    /// <summary>True for the proxies this dialer can use; otherwise <paramref name="problem"/> says why (no credential in it).</summary>
    public static bool Supports(PtProxy proxy, out string problem)
    {
        problem = PtUpstream.Check(proxy) ?? "";
        return problem.Length == 0;
    }

    /// <summary>
    /// Connects to <paramref name="target"/> within the connect timeout, the proxy's handshake included. On success
    /// the socket and the stream to read and write (which may hold bytes the proxy sent after its reply); on failure
    /// the SOCKS code to give the client and why (safe to log).
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<PtDial> ConnectAsync(EndPoint target, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        EndPoint first = _proxy is { } proxy ? new IPEndPoint(IPAddress.Parse(proxy.Endpoint.Host), proxy.Endpoint.Port) : target;
        Socket? socket = null;
        Stream? stream = null;
        try
        {
            socket = Open(first);
            await socket.ConnectAsync(first, timeout.Token).ConfigureAwait(false);
            socket.NoDelay = true;
            stream = new NetworkStream(socket, ownsSocket: false);
            if (_proxy is not null)
            {
                var result = await PtUpstream.HandshakeAsync(stream, _proxy, target, _timeout, timeout.Token).ConfigureAwait(false);
                if (!result.IsSuccess) return Failed(result.Error.Reply, $"{result.Error.Reply} ({result.Error})");
                stream = result.Stream;
            }
            var dial = new PtDial(socket, stream, PtSocksReply.Succeeded, "");
            socket = null;
            stream = null;
            return dial;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed(PtSocksReply.TtlExpired);
        }
        catch (SocketException e)
        {
            return Failed(PtSocksServer.ReplyFor(e.SocketErrorCode));
        }
        catch (IOException)
        {
            return Failed(PtSocksReply.GeneralFailure);
        }
        finally
        {
            if (stream is not null) await stream.DisposeAsync().ConfigureAwait(false);
            socket?.Dispose();
        }
    }

    private static PtDial Failed(PtSocksReply reply, string? why = null) => new(null, null, reply, why ?? reply.ToString());

    private Socket Open(EndPoint remote)
    {
        if (remote is not IPEndPoint ip) return new Socket(SocketType.Stream, ProtocolType.Tcp);
        var socket = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        var bind = ip.AddressFamily == AddressFamily.InterNetwork ? _bindV4 : _bindV6;
        if (bind is not null && !IPAddress.IsLoopback(ip.Address))
        {
            try
            {
                socket.Bind(new IPEndPoint(bind, 0));
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        return socket;
    }
}

/// <summary>A dial's outcome: the socket and its stream, or the SOCKS reply for the client and why.</summary>
internal readonly record struct PtDial(Socket? Socket, Stream? Stream, PtSocksReply Failure, string Why);
