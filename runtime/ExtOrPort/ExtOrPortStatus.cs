namespace PtToolkit.ExtOrPort;

/// <summary>How an Extended ORPort exchange ended (ext-orport-spec §2, §3).</summary>
public enum ExtOrPortStatus : byte
{
    /// <summary>Authenticated, metadata sent, and the server answered OKAY: OR traffic may flow.</summary>
    Okay,
    /// <summary>Authenticated and metadata sent, but the server answered DENY (§3.1).</summary>
    Denied,
    /// <summary>The cookie file is missing, unreadable, of the wrong size or without its header (§2.1.2).</summary>
    CookieFile,
    /// <summary>The server offered no SAFE_COOKIE (1), or the client chose another type (§2).</summary>
    NoSafeCookie,
    /// <summary>The server's ServerHash is wrong: it does not know the cookie. Nothing more was sent (§2.1.3).</summary>
    ServerHashMismatch,
    /// <summary>The client's ClientHash is wrong: it does not know the cookie (§2.1.3).</summary>
    ClientHashMismatch,
    /// <summary>The server answered authentication status 0 (§2.1.3).</summary>
    AuthRejected,
    /// <summary>A recognised command whose body does not parse, or is longer than allowed (§3.1: the server MUST close).</summary>
    BadCommand,
    /// <summary>Bytes that break the protocol: a status byte other than 0 or 1, too many auth types or commands.</summary>
    ProtocolError,
    /// <summary>The peer closed the connection before the exchange was over.</summary>
    Closed,
    /// <summary>The exchange took longer than the configured timeout.</summary>
    Timeout,
    /// <summary>The connection could not be made or broke (a socket or I/O error).</summary>
    NetworkError,
}
