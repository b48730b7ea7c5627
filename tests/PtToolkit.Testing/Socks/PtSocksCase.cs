using System;
using System.Collections.Generic;
using System.Linq;

namespace PtToolkit.Testing.Socks;

/// <summary>Where a case comes from: a handshake tor could send, one step wrong, or one meant to hurt.</summary>
public enum PtSocksFamily
{
    /// <summary>A handshake a conforming client sends.</summary>
    Valid,
    /// <summary>One field wrong.</summary>
    NearMiss,
    /// <summary>Stalls, huge lengths, boundary lengths, garbage, early closes.</summary>
    Hostile,
}

/// <summary>The kinds of case <see cref="PtSocksCaseGen"/> makes; <see cref="PtSocksCase.Label"/> names them for tables.</summary>
public enum PtSocksCaseKind
{
    /// <summary>Method X'00', then CONNECT.</summary>
    NoAuthentication,
    /// <summary>Method X'02' with the arguments packed into RFC 1929 as tor packs them, then CONNECT.</summary>
    UserPassword,
    /// <summary>Method X'09' with a JSON parameter block (pt-2.2 §1.4), then CONNECT.</summary>
    ParameterBlock,
    /// <summary>A greeting whose VER is not 5.</summary>
    WrongVersion,
    /// <summary>A greeting with NMETHODS 0.</summary>
    NoMethods,
    /// <summary>A greeting announcing more methods than it sends.</summary>
    MethodsShort,
    /// <summary>An RFC 1929 message whose VER is 2.</summary>
    AuthVersion,
    /// <summary>An RFC 1929 message with ULEN 0.</summary>
    EmptyUser,
    /// <summary>Arguments with a broken escape or pair (a final <c>\</c>, a pair without <c>=</c>, an empty key).</summary>
    BadEscape,
    /// <summary>A request with an ATYP other than 1, 3, 4.</summary>
    BadAddressType,
    /// <summary>A request for a domain name of length 0.</summary>
    EmptyDomain,
    /// <summary>A CONNECT to port 0.</summary>
    PortZero,
    /// <summary>A BIND request.</summary>
    Bind,
    /// <summary>A UDP ASSOCIATE request.</summary>
    UdpAssociate,
    /// <summary>A parameter block announcing more bytes than it sends.</summary>
    BlockShort,
    /// <summary>A message cut in the middle, then nothing (the connection stays open).</summary>
    Stall,
    /// <summary>A parameter block announcing 2 to 4 GiB.</summary>
    HugeBlock,
    /// <summary>Arguments of 254, 255, 256, 510 bytes (RFC 1929, tor's packing) or 511 bytes (X'09').</summary>
    ArgumentLength,
    /// <summary>Bytes that are not SOCKS 5 (VER other than 5).</summary>
    Garbage,
    /// <summary>The client closes its side in the middle of the handshake.</summary>
    EarlyClose,
}

/// <summary>
/// The free parameters a case is built from, which shrinking makes smaller.
/// </summary>
/// <param name="Target">Which target of the generator (wraps around).</param>
/// <param name="Extra">Arguments added to the generator's base arguments.</param>
/// <param name="Noise">Bytes for garbage, padding and cut points.</param>
/// <param name="Variant">Picks among the forms of a kind (0 is the simplest).</param>
public sealed record PtSocksCaseParameters(int Target, IReadOnlyList<KeyValuePair<string, string>> Extra, byte[] Noise, int Variant)
{
    /// <summary>Values shown, bytes escaped.</summary>
    public override string ToString() =>
        $"target {Target}, variant {Variant}, extra [{string.Join(";", Extra.Select(p => PtShow.Text(p.Key + "=" + p.Value, 40)))}], noise {PtShow.Bytes(Noise, 40)}";
}

/// <summary>
/// One generated SOCKS 5 conversation from the client's side, and what a conforming server must do with it. A client
/// sends <see cref="Greeting"/>; when the server picks X'02' it sends <see cref="UserPassword"/>, when it picks X'09'
/// <see cref="ParameterBlock"/> (with the request right behind it, as the runtime's client does); then
/// <see cref="Request"/>. A null message is not sent: the client waits for an answer there. With
/// <see cref="CloseAfterSending"/>, the client shuts its sending side after its last message and reads until the end.
/// </summary>
/// <param name="Kind">The kind.</param>
/// <param name="Parameters">What it was built from.</param>
/// <param name="Detail">A short description of this instance (method offered, target kind, length, cut point).</param>
/// <param name="Greeting">VER | NMETHODS | METHODS, or whatever the case sends first.</param>
/// <param name="UserPassword">The RFC 1929 message, or null.</param>
/// <param name="ParameterBlock">The 4-byte length and JSON text, or null.</param>
/// <param name="Request">VER | CMD | RSV | ATYP | DST.ADDR | DST.PORT, or null.</param>
/// <param name="CloseAfterSending">True when the client closes its side after its last message.</param>
/// <param name="Expected">What a conforming server may do.</param>
public sealed record PtSocksCase(
    PtSocksCaseKind Kind,
    PtSocksCaseParameters Parameters,
    string Detail,
    byte[] Greeting,
    byte[]? UserPassword,
    byte[]? ParameterBlock,
    byte[]? Request,
    bool CloseAfterSending,
    PtSocksExpectation Expected)
{
    /// <summary>The family of <see cref="Kind"/>.</summary>
    public PtSocksFamily Family => FamilyOf(Kind);

    /// <summary>The kind's name for tables: <c>valid 0x02</c>, <c>near-miss atyp</c>, <c>hostile stall</c>...</summary>
    public string Label => LabelOf(Kind);

    /// <summary>The methods the greeting offers and actually sends (none when its VER is not 5).</summary>
    public ReadOnlySpan<byte> Offered => Greeting.Length >= 2 && Greeting[0] == 5 ? Greeting.AsSpan(2, Math.Min(Greeting[1], Greeting.Length - 2)) : default;

    /// <summary>The family of a kind.</summary>
    public static PtSocksFamily FamilyOf(PtSocksCaseKind kind) => kind switch
    {
        <= PtSocksCaseKind.ParameterBlock => PtSocksFamily.Valid,
        <= PtSocksCaseKind.BlockShort => PtSocksFamily.NearMiss,
        _ => PtSocksFamily.Hostile,
    };

    /// <summary>The table name of a kind.</summary>
    public static string LabelOf(PtSocksCaseKind kind) => kind switch
    {
        PtSocksCaseKind.NoAuthentication => "valid 0x00",
        PtSocksCaseKind.UserPassword => "valid 0x02",
        PtSocksCaseKind.ParameterBlock => "valid 0x09",
        PtSocksCaseKind.WrongVersion => "near-miss greeting version",
        PtSocksCaseKind.NoMethods => "near-miss nmethods 0",
        PtSocksCaseKind.MethodsShort => "near-miss nmethods > sent",
        PtSocksCaseKind.AuthVersion => "near-miss rfc1929 version",
        PtSocksCaseKind.EmptyUser => "near-miss ulen 0",
        PtSocksCaseKind.BadEscape => "near-miss bad arguments",
        PtSocksCaseKind.BadAddressType => "near-miss atyp",
        PtSocksCaseKind.EmptyDomain => "near-miss domain length 0",
        PtSocksCaseKind.PortZero => "near-miss port 0",
        PtSocksCaseKind.Bind => "near-miss bind",
        PtSocksCaseKind.UdpAssociate => "near-miss udp associate",
        PtSocksCaseKind.BlockShort => "near-miss block length > sent",
        PtSocksCaseKind.Stall => "hostile stall",
        PtSocksCaseKind.HugeBlock => "hostile block of 4 GiB",
        PtSocksCaseKind.ArgumentLength => "hostile argument lengths",
        PtSocksCaseKind.Garbage => "hostile garbage",
        PtSocksCaseKind.EarlyClose => "hostile early close",
        _ => kind.ToString(),
    };

    /// <summary>The case in one line: label, detail and the bytes of each message.</summary>
    public override string ToString() =>
        $"{Label} ({Detail}): greeting {PtShow.Bytes(Greeting, 40)}"
        + (UserPassword is null ? "" : $", rfc1929 {PtShow.Bytes(UserPassword, 80)}")
        + (ParameterBlock is null ? "" : $", block {PtShow.Bytes(ParameterBlock, 80)}")
        + (Request is null ? "" : $", request {PtShow.Bytes(Request, 40)}")
        + (CloseAfterSending ? ", then close" : "")
        + $"; expected {Expected}";
}
