using System;

namespace PtToolkit.Socks;

/// <summary>The SOCKS version a PT's CMETHOD line names (pt-1.0 §3.3.2: <c>socks4</c> or <c>socks5</c>).</summary>
public enum PtSocksVersion : byte
{
    /// <summary>SOCKS 5 (RFC 1928).</summary>
    Socks5 = 5,
    /// <summary>SOCKS 4, with the 4a extension for domain names; arguments go in USERID.</summary>
    Socks4 = 4,
}

/// <summary>How a SOCKS 5 client carries per-connection arguments.</summary>
public enum PtSocksArgumentEncoding : byte
{
    /// <summary>PT 1.0: <c>k=v;k=v</c> in RFC 1929 UNAME and PASSWD, split as tor does (at most 510 bytes).</summary>
    UsernamePassword,
    /// <summary>PT 2.x: the JSON parameter block of method X'09' (pt-2.2 §1.4).</summary>
    JsonParameterBlock,
}

/// <summary>Settings of <see cref="PtSocksClient"/>.</summary>
public sealed class PtSocksClientOptions
{
    /// <summary>The defaults: SOCKS 5, RFC 1929 arguments, 30 s.</summary>
    public static PtSocksClientOptions Default { get; } = new();

    /// <summary>The protocol of the PT's CMETHOD. Default SOCKS 5.</summary>
    public PtSocksVersion Version { get; init; } = PtSocksVersion.Socks5;

    /// <summary>How SOCKS 5 carries the arguments (SOCKS 4 always uses USERID). Default RFC 1929.</summary>
    public PtSocksArgumentEncoding ArgumentEncoding { get; init; } = PtSocksArgumentEncoding.UsernamePassword;

    /// <summary>
    /// Time for connecting to the PT and the whole handshake, including the PT's own connection to the target, whose
    /// outcome the final reply carries. Default 30 s.
    /// </summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    internal void Validate()
    {
        PtSocksTimeout.Check(Timeout, nameof(Timeout));
        if (!Enum.IsDefined(Version)) throw new ArgumentOutOfRangeException(nameof(Version));
        if (!Enum.IsDefined(ArgumentEncoding)) throw new ArgumentOutOfRangeException(nameof(ArgumentEncoding));
    }
}
