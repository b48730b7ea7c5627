using System.Collections.Generic;
using System.Linq;
using System.Text;
using Pidgin;
using static Pidgin.Parser;
using static Pidgin.Parser<byte>;

namespace PtToolkit.Testing.Reference;

/// <summary>Ports, numbers and addresses, from spec/README.md "Addresses": IPv4 without leading zeros, IPv6 as RFC 4291 §2.2 writes it, RFC 1123 host names.</summary>
public static partial class PtFieldSyntax
{
    private enum Piece { Group, Colon, DoubleColon, Quad }

    /// <summary><c>port</c>: 1*5DIGIT, 0 to 65535.</summary>
    public static readonly Parser<byte, int> Port =
        Run(IsDigit).Assert(d => d.Length <= 5 && Decimal(d) <= 65535, "port from 0 to 65535").Select(Decimal);

    /// <summary><c>number</c>: 1*9DIGIT.</summary>
    public static readonly Parser<byte, int> Number = Run(IsDigit).Assert(d => d.Length <= 9, "at most 9 digits").Select(Decimal);

    /// <summary>A decimal octet: 1 to 3 digits, no leading zero, at most 255.</summary>
    private static readonly Parser<byte, int> DecOctet =
        Run(IsDigit).Assert(d => d.Length <= 3 && (d.Length == 1 || d[0] != '0') && Decimal(d) <= 255, "octet").Select(Decimal);

    /// <summary>IPv4: four decimal octets separated by dots.</summary>
    public static readonly Parser<byte, string> IPv4 =
        DecOctet.SeparatedAtLeastOnce(Byte('.')).Assert(octets => octets.Count() == 4, "four octets").Slice((span, _) => Encoding.ASCII.GetString(span));

    /// <summary>
    /// IPv6 (RFC 4291 §2.2): groups of one to four hex digits separated by single colons, at most one <c>::</c>
    /// standing for one or more zero groups, and an optional trailing dotted quad counting for two groups; eight
    /// groups without <c>::</c>, at most seven with it. No zone, no brackets.
    /// </summary>
    public static readonly Parser<byte, string> IPv6 = OneOf(
            Try(Text("::")).ThenReturn(Piece.DoubleColon),
            Byte(':').ThenReturn(Piece.Colon),
            Try(IPv4.Before(Not(Token(b => IsHex(b) || b == '.' || b == ':')))).ThenReturn(Piece.Quad),
            Run(IsHex).Assert(g => g.Length <= 4, "a group of at most 4 hex digits").ThenReturn(Piece.Group))
        .AtLeastOnce()
        .Select(pieces => pieces.ToArray())
        .Assert(IsIPv6Shape, "an IPv6 address")
        .Slice((span, _) => Encoding.ASCII.GetString(span));

    private static bool IsIPv6Shape(Piece[] p)
    {
        static bool IsGroup(Piece x) => x is Piece.Group or Piece.Quad;
        int groups = 0, compressions = 0;
        for (int i = 0; i < p.Length; i++)
        {
            switch (p[i])
            {
                case Piece.Group:
                    groups++;
                    if (i > 0 && IsGroup(p[i - 1])) return false;
                    break;
                case Piece.Quad:
                    groups += 2;
                    if (i != p.Length - 1 || i == 0 || IsGroup(p[i - 1])) return false;
                    break;
                case Piece.Colon:
                    if (i == 0 || i == p.Length - 1 || p[i - 1] != Piece.Group || !IsGroup(p[i + 1])) return false;
                    break;
                case Piece.DoubleColon:
                    compressions++;
                    break;
            }
        }
        return compressions == 0 ? groups == 8 : compressions == 1 && groups <= 7;
    }

    private static readonly Parser<byte, byte[]> Label =
        Run(b => IsKeywordChar(b)).Assert(l => l.Length <= 63 && l[0] != '-' && l[^1] != '-', "a host name label");

    /// <summary>
    /// A host name: dot-separated labels of 1 to 63 letters, digits, dashes or underscores, not starting or ending
    /// with a dash; 253 bytes at most; the last label not all digits.
    /// </summary>
    public static readonly Parser<byte, string> HostName =
        Label.SeparatedAtLeastOnce(Byte('.'))
            .Assert(labels => !labels.Last().All(IsDigit), "a last label that is not all digits")
            .Slice((span, _) => Encoding.ASCII.GetString(span))
            .Assert(name => name.Length <= 253, "at most 253 bytes");

    /// <summary>A host without a port: IPv4, IPv6 or a host name (tried whole, in that order).</summary>
    public static readonly Parser<byte, string> Host = OneOf(Tried(new[] { IPv4.Before(End), IPv6.Before(End), HostName.Before(End) }));

    /// <summary><c>host:port</c> with an IPv4 or bracketed IPv6 host, or a host name when <paramref name="allowName"/>; as <c>host:port</c>, port in decimal.</summary>
    public static Parser<byte, string> Endpoint(bool allowName)
    {
        var forms = new List<Parser<byte, string>>
        {
            Map((host, port) => host + ":" + Show(port), IPv4.Before(Byte(':')), Port),
            Map((host, port) => "[" + host + "]:" + Show(port), Byte('[').Then(IPv6).Before(Text("]:")), Port),
        };
        if (allowName) forms.Add(Map((host, port) => host + ":" + Show(port), HostName.Before(Byte(':')), Port));
        return OneOf(Tried(forms.Select(f => f.Before(End))));
    }

    /// <summary>The <c>port</c> field: a port that is the whole word.</summary>
    public static readonly Parser<byte, string> PortField = Within(Word, Port, "port").Select(Show);

    /// <summary>The <c>number</c> field: a number that is the whole word.</summary>
    public static readonly Parser<byte, string> NumberField = Within(Word, Number, "number").Select(Show);

    /// <summary><c>host</c>: IPv4 / IPv6 (no brackets) / host name, the whole word.</summary>
    public static readonly Parser<byte, string> HostField = Within(Word, Host, "host");

    /// <summary><c>ipport</c>: IPv4 ":" port / "[" IPv6 "]:" port, as <c>host:port</c> with the port in decimal.</summary>
    public static readonly Parser<byte, string> IpPortField = Within(Word, Endpoint(allowName: false), "IP address and port");

    /// <summary><c>hostport</c>: as <c>ipport</c>, or host name ":" port.</summary>
    public static readonly Parser<byte, string> HostPortField = Within(Word, Endpoint(allowName: true), "address and port");
}
