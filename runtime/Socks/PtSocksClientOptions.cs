using System;
using System.Text;

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
    /// <summary>UTF-8 that refuses lone surrogates instead of replacing them.</summary>
    internal static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

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

    /// <summary>
    /// The RFC 1929 user name the SOCKS 5 server itself asks for (an upstream proxy, pt-spec §3.2.2), set together
    /// with <see cref="Password"/>; each 1 to 255 bytes of UTF-8. Such credentials use the fields that PT 1.0
    /// arguments use, so a handshake carries one or the other. Null (the default): none.
    /// </summary>
    public string? UserName { get; init; }

    /// <summary>The RFC 1929 password that goes with <see cref="UserName"/>, or null.</summary>
    public string? Password { get; init; }

    /// <summary>True when <see cref="UserName"/> and <see cref="Password"/> are set.</summary>
    internal bool HasCredentials => UserName is not null;

    internal void Validate()
    {
        PtSocksTimeout.Check(Timeout, nameof(Timeout));
        if (!Enum.IsDefined(Version)) throw new ArgumentOutOfRangeException(nameof(Version));
        if (!Enum.IsDefined(ArgumentEncoding)) throw new ArgumentOutOfRangeException(nameof(ArgumentEncoding));
        if ((UserName is null) != (Password is null)) throw new ArgumentException("a SOCKS 5 user name and password are set together (RFC 1929)");
        if (UserName is null) return;
        if (Version != PtSocksVersion.Socks5) throw new ArgumentException("credentials need SOCKS 5 (RFC 1929)", nameof(Version));
        if (Utf8Length(UserName) is < 1 or > PtSocksClientMessages.MaxFieldLength)
            throw new ArgumentException("the SOCKS 5 user name must be 1 to 255 bytes of UTF-8 (RFC 1929)", nameof(UserName));
        if (Utf8Length(Password!) is < 1 or > PtSocksClientMessages.MaxFieldLength)
            throw new ArgumentException("the SOCKS 5 password must be 1 to 255 bytes of UTF-8 (RFC 1929)", nameof(Password));
    }

    /// <summary>The UTF-8 length of <paramref name="text"/>, or -1 when it holds a lone surrogate.</summary>
    internal static int Utf8Length(string text)
    {
        try
        {
            return Strict.GetByteCount(text);
        }
        catch (EncoderFallbackException)
        {
            return -1;
        }
    }
}
