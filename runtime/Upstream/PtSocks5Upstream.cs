using System;
using System.IO;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using PtToolkit.Config;
using PtToolkit.Socks;

namespace PtToolkit.Upstream;

/// <summary>
/// A SOCKS 5 upstream proxy (RFC 1928), with the proxy's RFC 1929 user name and password when the URI has them:
/// <see cref="PtSocksClient"/> does the handshake, offering X'00' alone or X'02' alone, and reads exactly the reply.
/// </summary>
internal static class PtSocks5Upstream
{
    public static async ValueTask<PtUpstreamResult> HandshakeAsync(Stream stream, PtProxy proxy, EndPoint target, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        if (!PtUpstream.IsSendable(target)) return Fail(PtUpstreamErrorReason.TargetNotSupported, 0);
        var options = new PtSocksClientOptions { Timeout = timeout, UserName = proxy.User, Password = proxy.Password };
        var error = await PtSocksClient.HandshakeAsync(stream, target, null, options, cancellationToken).ConfigureAwait(false);
        if (!error.IsError) return new PtUpstreamResult(stream);
        var reason = error.Reason switch
        {
            PtSocksErrorReason.Timeout => PtUpstreamErrorReason.Timeout,
            PtSocksErrorReason.Closed => PtUpstreamErrorReason.Closed,
            PtSocksErrorReason.IOError => PtUpstreamErrorReason.IOError,
            PtSocksErrorReason.BadVersion => PtUpstreamErrorReason.BadVersion,
            PtSocksErrorReason.NoAcceptableMethod => PtUpstreamErrorReason.NoAcceptableMethod,
            PtSocksErrorReason.AuthenticationRejected => PtUpstreamErrorReason.AuthenticationRejected,
            PtSocksErrorReason.Refused => PtUpstreamErrorReason.Refused,
            PtSocksErrorReason.TargetNotSupported => PtUpstreamErrorReason.TargetNotSupported,
            _ => PtUpstreamErrorReason.BadReply,
        };
        return Fail(reason, error.Offset, error.Reply is { } reply ? (int)reply : 0);
    }

    private static PtUpstreamResult Fail(PtUpstreamErrorReason reason, long offset, int code = 0) =>
        new(new PtUpstreamError(PtProxyScheme.Socks5, reason, offset, code));
}
