using System;
using PtToolkit.Config;
using PtToolkit.Socks;

namespace PtToolkit.Upstream;

/// <summary>Why a handshake with an upstream proxy failed.</summary>
public enum PtUpstreamErrorReason : byte
{
    /// <summary>No error.</summary>
    None,
    /// <summary>The handshake did not finish within its time limit.</summary>
    Timeout,
    /// <summary>The proxy closed the connection before the handshake finished.</summary>
    Closed,
    /// <summary>Reading or writing failed.</summary>
    IOError,
    /// <summary>The reply's version field is wrong (SOCKS VER/VN, or an HTTP version other than 1.x).</summary>
    BadVersion,
    /// <summary>The reply is malformed.</summary>
    BadReply,
    /// <summary>The HTTP response headers did not end within <see cref="PtUpstream.MaxHttpHeaderBytes"/>.</summary>
    HeadersTooLong,
    /// <summary>The SOCKS 5 proxy accepts none of the methods offered (it wants credentials, or other ones).</summary>
    NoAcceptableMethod,
    /// <summary>The SOCKS 5 proxy refused the user name and password (RFC 1929 STATUS not X'00').</summary>
    AuthenticationRejected,
    /// <summary>The proxy refused the request; <see cref="PtUpstreamError.Code"/> holds its reply code or HTTP status.</summary>
    Refused,
    /// <summary>The protocol cannot carry the target (an IPv6 address over SOCKS 4a, a name SOCKS cannot send).</summary>
    TargetNotSupported,
}

/// <summary>
/// What went wrong with an upstream proxy and where: the proxy's protocol, the reason, the byte offset in what the
/// proxy sent (for a timeout or a closed connection, how many bytes had arrived), and the proxy's own code (SOCKS
/// reply byte or HTTP status; 0 when none). <see cref="Reply"/> is the SOCKS reply a PT gives its own client.
/// A default value means no error. The text never holds credentials or addresses.
/// </summary>
public readonly struct PtUpstreamError : IEquatable<PtUpstreamError>
{
    /// <summary>Creates an error value.</summary>
    public PtUpstreamError(PtProxyScheme scheme, PtUpstreamErrorReason reason, long offset, int code = 0)
    {
        Scheme = scheme;
        Reason = reason;
        Offset = offset;
        Code = code;
    }

    /// <summary>The proxy's protocol.</summary>
    public PtProxyScheme Scheme { get; }

    /// <summary>What was wrong.</summary>
    public PtUpstreamErrorReason Reason { get; }

    /// <summary>Byte offset in the proxy's bytes where the problem was found.</summary>
    public long Offset { get; }

    /// <summary>For <see cref="PtUpstreamErrorReason.Refused"/>: the SOCKS 5 REP, SOCKS 4 CD or HTTP status code.</summary>
    public int Code { get; }

    /// <summary>True when this value holds an error.</summary>
    public bool IsError => Reason != PtUpstreamErrorReason.None;

    /// <summary>
    /// The SOCKS 5 reply for the PT's client: the proxy's own SOCKS 5 code when it sent one; X'02' when the proxy
    /// refused its credentials or the request (SOCKS 4 CD 92/93, HTTP 401/403/407); X'04' for HTTP 502/503; X'06'
    /// for a timeout or HTTP 504; X'08' for a target the protocol cannot carry; X'01' otherwise.
    /// </summary>
    public PtSocksReply Reply => Reason switch
    {
        PtUpstreamErrorReason.None => PtSocksReply.Succeeded,
        PtUpstreamErrorReason.Timeout => PtSocksReply.TtlExpired,
        PtUpstreamErrorReason.TargetNotSupported => PtSocksReply.AddressTypeNotSupported,
        PtUpstreamErrorReason.NoAcceptableMethod or PtUpstreamErrorReason.AuthenticationRejected => PtSocksReply.NotAllowed,
        PtUpstreamErrorReason.Refused => RefusalReply(),
        _ => PtSocksReply.GeneralFailure,
    };

    private PtSocksReply RefusalReply() => (Scheme, Code) switch
    {
        (PtProxyScheme.Socks5, >= 1 and <= 8) => (PtSocksReply)Code,
        (PtProxyScheme.Socks4a, 92 or 93) => PtSocksReply.NotAllowed,
        (PtProxyScheme.Http, 401 or 403 or 407) => PtSocksReply.NotAllowed,
        (PtProxyScheme.Http, 502 or 503) => PtSocksReply.HostUnreachable,
        (PtProxyScheme.Http, 504) => PtSocksReply.TtlExpired,
        _ => PtSocksReply.GeneralFailure,
    };

    /// <inheritdoc/>
    public override string ToString()
    {
        if (!IsError) return "no error";
        string scheme = Enum.IsDefined(Scheme) ? PtProxyUri.SchemeText(Scheme) : "upstream";
        string text = $"{scheme} proxy: {Reason} at offset {Offset}";
        if (Reason == PtUpstreamErrorReason.Refused) text += Scheme == PtProxyScheme.Http ? $", status {Code}" : $", code 0x{Code:x2}";
        return text;
    }

    /// <inheritdoc/>
    public bool Equals(PtUpstreamError other) =>
        Scheme == other.Scheme && Reason == other.Reason && Offset == other.Offset && Code == other.Code;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is PtUpstreamError other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Scheme, Reason, Offset, Code);

    /// <summary>Equality.</summary>
    public static bool operator ==(PtUpstreamError left, PtUpstreamError right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(PtUpstreamError left, PtUpstreamError right) => !left.Equals(right);
}
