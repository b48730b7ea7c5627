namespace PtToolkit.Socks;

/// <summary>
/// A SOCKS reply code: the REP field of a SOCKS 5 reply (RFC 1928 §6, plus the parameter-block codes of
/// pt-2.2 §1.4), or the CD field of a SOCKS 4 reply, which has its own values (91 to 93).
/// </summary>
public enum PtSocksReply : byte
{
    /// <summary>X'00' succeeded.</summary>
    Succeeded = 0x00,
    /// <summary>X'01' general SOCKS server failure.</summary>
    GeneralFailure = 0x01,
    /// <summary>X'02' connection not allowed by ruleset.</summary>
    NotAllowed = 0x02,
    /// <summary>X'03' network unreachable.</summary>
    NetworkUnreachable = 0x03,
    /// <summary>X'04' host unreachable.</summary>
    HostUnreachable = 0x04,
    /// <summary>X'05' connection refused.</summary>
    ConnectionRefused = 0x05,
    /// <summary>X'06' TTL expired.</summary>
    TtlExpired = 0x06,
    /// <summary>X'07' command not supported.</summary>
    CommandNotSupported = 0x07,
    /// <summary>X'08' address type not supported.</summary>
    AddressTypeNotSupported = 0x08,
    /// <summary>X'10' connection settings size too large (pt-2.2 §1.4).</summary>
    SettingsTooLarge = 0x10,
    /// <summary>X'11' timeout reading connection settings (pt-2.2 §1.4).</summary>
    SettingsTimeout = 0x11,
    /// <summary>X'12' error parsing connection settings (pt-2.2 §1.4).</summary>
    SettingsParseError = 0x12,
    /// <summary>X'13' connection settings have invalid or missing keys or values (pt-2.2 §1.4).</summary>
    SettingsInvalid = 0x13,
    /// <summary>SOCKS 4 CD 90: request granted.</summary>
    Socks4Granted = 90,
    /// <summary>SOCKS 4 CD 91: request rejected or failed.</summary>
    Socks4Rejected = 91,
    /// <summary>SOCKS 4 CD 92: rejected because the server cannot reach identd on the client.</summary>
    Socks4NoIdentd = 92,
    /// <summary>SOCKS 4 CD 93: rejected because identd reports a different user id.</summary>
    Socks4IdentdMismatch = 93,
}
