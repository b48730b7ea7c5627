using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using PtToolkit.Grammar;

namespace PtToolkit.Testing.Generation;

/// <summary>
/// FsCheck generators of valid field values for each field type of spec/README.md, as the bytes that stand in a
/// line: visible tokens, rest-of-line texts (UTF-8, controls and CR inside, never NUL or LF, never a final CR),
/// ports with and without leading zeros, IPv4, IPv6 (compressed, mixed case, with a dotted quad), host names,
/// String and CString values with every escape, escaped ARGS pairs, STATUS pairs, enumeration words.
/// </summary>
public static class PtFieldGen
{
    private static byte[] Ascii(string s) => Encoding.ASCII.GetBytes(s);

    private static Gen<byte[]> Join(Gen<byte[]> piece, int min, int max) =>
        Gen.Sized(size => Gen.Choose(min, Math.Max(min, Math.Min(max, min + size)))).SelectMany(n => Gen.ArrayOf(piece, n)).Select(Concat);

    /// <summary>The concatenation of byte arrays.</summary>
    public static byte[] Concat(IEnumerable<byte[]> parts) => parts.SelectMany(p => p).ToArray();

    /// <summary>Arrays of <paramref name="min"/> to <paramref name="max"/> values of <paramref name="gen"/>.</summary>
    public static Gen<T[]> Between<T>(Gen<T> gen, int min, int max) => Gen.Choose(min, max).SelectMany(n => Gen.ArrayOf(gen, n));

    private static Gen<byte[]> OneByte(Gen<int> value) => value.Select(v => new[] { (byte)v });

    private static readonly Gen<byte[]> Visible = OneByte(Gen.Choose(0x21, 0x7E));

    private static Gen<byte[]> VisibleExcept(string excluded) => OneByte(Gen.Choose(0x21, 0x7E).Where(b => excluded.IndexOf((char)b) < 0));

    private static readonly Gen<byte[]> KeywordChar =
        OneByte(Gen.Elements(Encoding.ASCII.GetBytes("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_").Select(b => (int)b).ToArray()));

    /// <summary><c>token</c>: 1*(%x21-7E), often a transport name.</summary>
    public static readonly Gen<byte[]> Token = Gen.Frequency(
        (2, Gen.Elements("obfs4", "meek_lite", "snowflake", "webtunnel", "trebuchet", "x").Select(Ascii)),
        (3, Join(Visible, 1, 12)));

    /// <summary><c>keyword</c>: letters, digits, dash and underscore.</summary>
    public static readonly Gen<byte[]> Keyword = Join(KeywordChar, 1, 10);

    /// <summary><c>version</c>: visible US-ASCII without a comma.</summary>
    public static readonly Gen<byte[]> Version = Gen.Frequency(
        (2, Gen.Elements("1", "2", "2.1", "2.2").Select(Ascii)),
        (1, Join(VisibleExcept(","), 1, 6)));

    private static readonly Gen<byte[]> Utf8 = Gen.Elements("é", "ж", "中", "😀", "\u00a0", "\u2028", "\ufeff").Select(s => Encoding.UTF8.GetBytes(s));

    private static readonly Gen<byte[]> RawHigh = OneByte(Gen.Choose(0x80, 0xFF));

    private static readonly Gen<byte[]> Control = OneByte(Gen.Elements(0x01, 0x09, 0x0B, 0x0C, 0x1B, 0x7F));

    private static readonly Gen<byte[]> TextPiece = Gen.Frequency(
        (12, Visible), (4, Gen.Constant(Ascii(" "))), (2, Utf8), (1, RawHigh), (1, Control), (1, Gen.Constant(Ascii("\r"))));

    /// <summary><c>text</c>: at least one byte, no NUL or LF, not ending in CR (a final CR belongs to the line ending).</summary>
    public static readonly Gen<byte[]> Text = Join(TextPiece, 1, 40).Where(t => t[^1] != (byte)'\r');

    /// <summary>A decimal port, 0 to 65535, sometimes with leading zeros (1*5DIGIT).</summary>
    public static readonly Gen<byte[]> Port = Gen.Frequency(
            (3, Gen.Choose(0, 65535)), (1, Gen.Elements(0, 1, 80, 443, 9999, 65535)))
        .SelectMany(p => Gen.Choose(0, 4).Select(pad => Ascii(Pad(p, pad))));

    private static string Pad(int value, int pad)
    {
        string digits = value.ToString(CultureInfo.InvariantCulture);
        return pad == 0 ? digits : digits.PadLeft(Math.Min(5, digits.Length + pad), '0');
    }

    /// <summary><c>number</c>: 1*9DIGIT.</summary>
    public static readonly Gen<byte[]> Number = Gen.Choose(0, 999_999_999).Select(n => Ascii(n.ToString(CultureInfo.InvariantCulture)));

    /// <summary>An IPv4 address: four octets without leading zeros.</summary>
    public static readonly Gen<string> IPv4 = Gen.ArrayOf(Gen.Choose(0, 255), 4).Select(o => string.Join('.', o));

    private static readonly Gen<string> Group = Gen.Choose(0, 0xFFFF).SelectMany(v => Gen.Choose(0, 3).SelectMany(pad => Gen.Elements(true, false).Select(upper =>
    {
        string hex = v.ToString(upper ? "X" : "x", CultureInfo.InvariantCulture);
        return hex.PadLeft(Math.Min(4, hex.Length + pad), '0');
    })));

    /// <summary>An IPv6 address (RFC 4291 §2.2): eight groups, or fewer around one <c>::</c>, maybe ending in a dotted quad.</summary>
    public static readonly Gen<string> IPv6 =
        from quad in Gen.Elements(false, false, false, true)
        from groups in Gen.ArrayOf(Group, quad ? 6 : 8)
        from tail in IPv4
        from compress in Gen.Elements(false, true, true)
        from start in Gen.Choose(0, groups.Length - 1)
        from length in Gen.Choose(1, groups.Length - start)
        select Ipv6Text(groups, quad ? tail : null, compress, start, length);

    private static string Ipv6Text(string[] groups, string? quad, bool compress, int start, int length)
    {
        var units = groups.ToList();
        if (quad is not null) units.Add(quad);
        if (!compress) return string.Join(':', units);
        return string.Join(':', units.Take(start)) + "::" + string.Join(':', units.Skip(start + length));
    }

    private static readonly Gen<string> Label =
        from first in Gen.Elements("a", "b", "z", "x9", "_", "k")
        from middle in Between(Gen.Elements("a", "m", "0", "7", "-", "_", "Q"), 0, 8)
        from last in Gen.Elements("a", "0", "z", "9", "_", "Z")
        select first + string.Concat(middle) + last;

    /// <summary>A host name: one to four labels, the last not all digits; sometimes a 63-byte label.</summary>
    public static readonly Gen<string> HostName =
        from labels in Between(Label, 0, 3)
        from last in Gen.Elements("com", "org", "onion", "example", "a1", "localhost")
        from longLabel in Gen.Elements(false, false, false, false, true)
        select string.Join('.', labels.Append(longLabel ? new string('q', 63) : last));

    private static readonly Gen<string> PortText = Port.Select(p => Encoding.ASCII.GetString(p));

    /// <summary><c>host</c>: IPv4, IPv6 without brackets, or a host name.</summary>
    public static readonly Gen<byte[]> Host = Gen.OneOf(IPv4, IPv6, HostName).Select(Ascii);

    /// <summary><c>ipport</c>: IPv4:port or [IPv6]:port.</summary>
    public static readonly Gen<byte[]> IpPort = Gen.OneOf(
        IPv4.SelectMany(h => PortText.Select(p => h + ":" + p)),
        IPv6.SelectMany(h => PortText.Select(p => "[" + h + "]:" + p))).Select(Ascii);

    /// <summary><c>hostport</c>: as <c>ipport</c>, or name:port.</summary>
    public static readonly Gen<byte[]> HostPort = Gen.OneOf(IpPort, HostName.SelectMany(h => PortText.Select(p => Ascii(h + ":" + p))));

    private static readonly Gen<byte[]> QuotedPiece = Gen.Frequency(
        (10, VisibleExcept("\"\\")),
        (3, Gen.Constant(Ascii(" "))),
        (2, Gen.Elements("\\n", "\\r", "\\t", "\\\\", "\\\"", "\\'").Select(Ascii)),
        (2, Gen.Choose(0, 255).Select(v => Ascii("\\" + Convert.ToString(v, 8).PadLeft(3, '0')))),
        (2, Gen.Choose(0, 255).SelectMany(v => Gen.Elements("x2", "X2").Select(f => Ascii("\\x" + v.ToString(f, CultureInfo.InvariantCulture))))),
        (1, Utf8), (1, RawHigh), (1, Control), (1, Gen.Constant(Ascii("\r"))));

    /// <summary><c>qstring</c>: a bare String (visible, possibly empty, not starting with a quote) or a quoted CString.</summary>
    public static readonly Gen<byte[]> QuotedString = Gen.Frequency(
        (2, Join(Visible, 0, 12).Where(b => b.Length == 0 || b[0] != (byte)'"')),
        (3, Join(QuotedPiece, 0, 20).Select(inside => Concat(new[] { Ascii("\""), inside, Ascii("\"") }))));

    private static readonly Gen<byte[]> ArgsEscape = Gen.Frequency(
        (3, Gen.Elements("\\=", "\\,", "\\\\").Select(Ascii)), (1, Visible.Select(b => Concat(new[] { Ascii("\\"), b }))));

    private static readonly Gen<byte[]> ArgsKey = Join(Gen.Frequency((6, VisibleExcept("=,\\")), (1, ArgsEscape)), 1, 8);

    private static readonly Gen<byte[]> ArgsValue = Join(Gen.Frequency((6, VisibleExcept(",\\")), (1, ArgsEscape)), 0, 12);

    /// <summary><c>kvargs</c>: <c>k=v</c> pairs separated by commas, with escapes.</summary>
    public static readonly Gen<byte[]> Args = Between(ArgsKey.SelectMany(k => ArgsValue.Select(v => Concat(new[] { k, Ascii("="), v }))), 1, 4)
        .Select(pairs => Concat(pairs.SelectMany((p, i) => i == 0 ? new[] { p } : new[] { Ascii(","), p })));

    /// <summary><c>kvline</c>: space-separated <c>K=V</c> pairs, V a String or CString.</summary>
    public static readonly Gen<byte[]> KeyValues = Between(
            Gen.Frequency((2, Gen.Elements("ADDRESS", "CONNECT", "TYPE", "COUNT").Select(Ascii)), (1, Join(VisibleExcept("="), 1, 8)))
                .SelectMany(k => QuotedString.Select(v => Concat(new[] { k, Ascii("="), v }))), 1, 4)
        .Select(pairs => Concat(pairs.SelectMany((p, i) => i == 0 ? new[] { p } : new[] { Ascii(" "), p })));

    /// <summary>An enumeration word: one of <paramref name="members"/> mostly, else any keyword-like word (kept as Unknown).</summary>
    public static Gen<byte[]> Enum(IReadOnlyList<string> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        return members.Count == 0 ? Keyword : Gen.Frequency((4, Gen.Elements(members.ToArray()).Select(Ascii)), (1, Keyword));
    }

    /// <summary>The generator of valid values of <paramref name="type"/>; <paramref name="enumMembers"/> for an enumeration field.</summary>
    public static Gen<byte[]> For(PtFieldType type, IReadOnlyList<string> enumMembers) => type switch
    {
        PtFieldType.Token => Token,
        PtFieldType.Keyword => Keyword,
        PtFieldType.Version => Version,
        PtFieldType.Text => Text,
        PtFieldType.Port => Port,
        PtFieldType.Number => Number,
        PtFieldType.Host => Host,
        PtFieldType.IpPort => IpPort,
        PtFieldType.HostPort => HostPort,
        PtFieldType.QuotedString => QuotedString,
        PtFieldType.Args => Args,
        PtFieldType.KeyValues => KeyValues,
        PtFieldType.Enum => Enum(enumMembers),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a field type"),
    };
}
