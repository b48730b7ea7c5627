using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using PtToolkit.Config;
using PtToolkit.Socks;
using static PtToolkit.Config.PtConfig;

namespace PtToolkit.Hosting;

/// <summary>
/// How a client host reaches the bridge: straight, or through the upstream proxy of TOR_PT_PROXY, which every
/// outgoing connection MUST use once the PT accepted it (pt-spec §3.2.2). Only a SOCKS 5 proxy without credentials
/// is supported; <see cref="Supports"/> is checked before PROXY DONE, so no connection can bypass a proxy the host
/// cannot use. Outgoing sockets are bound to TOR_PT_OUTBOUND_BIND_ADDRESS_V4/_V6 unless the destination is loopback.
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

    /// <summary>True for the proxies this dialer can use: SOCKS 5 without user name and password.</summary>
    public static bool Supports(PtProxy proxy) => proxy.Scheme == PtProxyScheme.Socks5 && proxy.User is null && proxy.Password is null;

    /// <summary>
    /// Connects to <paramref name="target"/> within the connect timeout. On failure the socket is null and the reply
    /// is the SOCKS code to give the client.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<(Socket? Socket, PtSocksReply Failure)> ConnectAsync(EndPoint target, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        EndPoint first = _proxy is { } proxy ? new IPEndPoint(IPAddress.Parse(proxy.Endpoint.Host), proxy.Endpoint.Port) : target;
        Socket? socket = null;
        try
        {
            socket = Open(first);
            await socket.ConnectAsync(first, timeout.Token).ConfigureAwait(false);
            socket.NoDelay = true;
            if (_proxy is not null)
            {
                var stream = new NetworkStream(socket, ownsSocket: false);
                await using (stream.ConfigureAwait(false))
                {
                    var error = await PtSocksClient.HandshakeAsync(stream, target, null, new PtSocksClientOptions { Timeout = _timeout }, timeout.Token).ConfigureAwait(false);
                    if (error.IsError) return (null, error.Reason == PtSocksErrorReason.Refused && error.Reply is { } reply ? reply : PtSocksReply.GeneralFailure);
                }
            }
            var connected = socket;
            socket = null;
            return (connected, PtSocksReply.Succeeded);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, PtSocksReply.TtlExpired);
        }
        catch (SocketException e)
        {
            return (null, PtSocksServer.ReplyFor(e.SocketErrorCode));
        }
        catch (IOException)
        {
            return (null, PtSocksReply.GeneralFailure);
        }
        finally
        {
            socket?.Dispose();
        }
    }

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
