namespace PtToolkit.Control;

/// <summary>Why authentication stopped on this side (<see cref="TorAuthenticationException.Failure"/>).</summary>
public enum TorAuthenticationFailure : byte
{
    /// <summary>No method Tor offers is usable here (for example HASHEDPASSWORD alone, and no password given).</summary>
    NoUsableMethod,
    /// <summary>The cookie file PROTOCOLINFO names does not exist (Tor runs with another DataDirectory, or removed it).</summary>
    CookieFileMissing,
    /// <summary>The cookie file exists but cannot be read: permissions, a directory in its place, a path the system refuses.</summary>
    CookieFileUnreadable,
    /// <summary>The cookie file does not hold exactly 32 bytes (truncated, being written, or not a Tor cookie).</summary>
    CookieFileWrongLength,
    /// <summary>
    /// SAFECOOKIE: Tor's SERVERHASH does not match the file's cookie. The file is stale (Tor was restarted and
    /// holds another cookie, or the file was replaced), or the peer is not the Tor that wrote it. Nothing
    /// derived from the cookie was sent, and the connection is closed.
    /// </summary>
    CookieMismatch,
}
