using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using PtToolkit.Config;
using PtToolkit.Socks;

namespace PtToolkit.Upstream;

/// <summary>
/// The client side of the upstream proxies TOR_PT_PROXY names (pt-spec §3.2.2): SOCKS 4a, SOCKS 5 with or without
/// an RFC 1929 user name and password, and HTTP CONNECT with or without Basic credentials. <see cref="Check"/> says
/// before PROXY DONE whether a proxy can be used; <see cref="HandshakeAsync"/> asks it for one target on a stream
/// already connected to it. Every failure is an error value; credentials never appear in any text.
/// </summary>
public static class PtUpstream
{
    /// <summary>The most bytes an HTTP proxy's response status line and headers may take.</summary>
    public const int MaxHttpHeaderBytes = 16 * 1024;

    /// <summary>The most bytes of UTF-8 a SOCKS 4a user id, or HTTP user name and password together, may take.</summary>
    public const int MaxCredentialBytes = 255;

    /// <summary>
    /// Null when <paramref name="proxy"/> can be used, else why not (safe to log: it never repeats a credential).
    /// A usable proxy has a known scheme, an IP address and a port other than 0, and credentials its protocol can
    /// carry: a SOCKS 4a user id without password or NUL; a SOCKS 5 user name and password together, 1 to 255 bytes
    /// each (RFC 1929); an HTTP user name without <c>:</c> (RFC 7617 §2), and no control character in either.
    /// </summary>
    public static string? Check(PtProxy proxy)
    {
        ArgumentNullException.ThrowIfNull(proxy);
        if (!Enum.IsDefined(proxy.Scheme)) return "unknown upstream proxy type";
        string scheme = PtProxyUri.SchemeText(proxy.Scheme);
        if (!IPAddress.TryParse(proxy.Endpoint.Host, out _)) return $"the {scheme} proxy must be given as an IP address";
        if (proxy.Endpoint.Port == 0) return $"the {scheme} proxy port must not be 0";
        if (proxy.User is null) return proxy.Password is null ? null : $"a {scheme} proxy password needs a user name";
        int user = PtSocksClientOptions.Utf8Length(proxy.User), password = proxy.Password is null ? 0 : PtSocksClientOptions.Utf8Length(proxy.Password);
        if (user < 0 || password < 0) return $"the {scheme} proxy credentials are not valid Unicode text";
        return proxy.Scheme switch
        {
            PtProxyScheme.Socks4a when proxy.Password is not null => "a socks4a proxy takes a user id but no password",
            PtProxyScheme.Socks4a when proxy.User.Contains('\0') => "a socks4a proxy user id cannot hold a NUL character",
            PtProxyScheme.Socks4a when user > MaxCredentialBytes => $"the socks4a proxy user id is over {MaxCredentialBytes} bytes",
            PtProxyScheme.Socks5 when proxy.Password is null => "a socks5 proxy user name needs a password (RFC 1929)",
            PtProxyScheme.Socks5 when user is < 1 or > 255 || password is < 1 or > 255 => "the socks5 proxy user name and password must be 1 to 255 bytes each (RFC 1929)",
            PtProxyScheme.Http when proxy.User.Contains(':') => "an http proxy user name cannot hold \":\" (RFC 7617 §2)",
            PtProxyScheme.Http when HasControl(proxy.User) || proxy.Password is not null && HasControl(proxy.Password) =>
                "the http proxy credentials cannot hold control characters (RFC 7617 §2)",
            PtProxyScheme.Http when user + password > MaxCredentialBytes => $"the http proxy user name and password are over {MaxCredentialBytes} bytes together",
            _ => null,
        };
    }

    /// <summary>
    /// Asks the proxy at the other end of <paramref name="stream"/> to connect to <paramref name="target"/> (an
    /// <see cref="IPEndPoint"/> or a <see cref="DnsEndPoint"/>), within <paramref name="timeout"/>. Only the
    /// proxy's reply is consumed; bytes it sent after the reply come first out of the result's stream.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="proxy"/> fails <see cref="Check"/>, or the target is another kind of endpoint.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is not positive.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static ValueTask<PtUpstreamResult> HandshakeAsync(Stream stream, PtProxy proxy, EndPoint target, TimeSpan timeout,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(target);
        if (Check(proxy) is { } problem) throw new ArgumentException(problem, nameof(proxy));
        if (target is not (IPEndPoint or DnsEndPoint)) throw new ArgumentException("the target must be an IPEndPoint or a DnsEndPoint", nameof(target));
        PtSocksTimeout.Check(timeout, nameof(timeout));
        return proxy.Scheme switch
        {
            PtProxyScheme.Socks4a => PtSocks4aUpstream.HandshakeAsync(stream, proxy.User, target, timeout, cancellationToken),
            PtProxyScheme.Socks5 => PtSocks5Upstream.HandshakeAsync(stream, proxy, target, timeout, cancellationToken),
            _ => PtHttpConnectUpstream.HandshakeAsync(stream, proxy, target, timeout, cancellationToken),
        };
    }

    /// <summary>The error for an exception out of a read or write: the caller's cancellation goes on, else a timeout or an I/O error.</summary>
    internal static PtUpstreamError Failed(PtProxyScheme scheme, long received, CancellationToken token, CancellationToken callerToken)
    {
        callerToken.ThrowIfCancellationRequested();
        return new PtUpstreamError(scheme, token.IsCancellationRequested ? PtUpstreamErrorReason.Timeout : PtUpstreamErrorReason.IOError, received);
    }

    /// <summary>True for the exceptions a read or write on a closing or cancelled connection throws.</summary>
    internal static bool IsStreamFailure(Exception e) => e is OperationCanceledException or IOException or SocketException or ObjectDisposedException;

    /// <summary>True for a target SOCKS and HTTP can name: an IP address, or 1 to 255 bytes of visible US-ASCII.</summary>
    internal static bool IsSendable(EndPoint target) => target is IPEndPoint || target is DnsEndPoint dns && PtSocksClientMessages.IsSocksName(dns.Host);

    private static bool HasControl(string text) => text.AsSpan().IndexOfAnyInRange('\0', '\x1f') >= 0 || text.Contains('\x7f');
}
