using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using PtToolkit.Grammar;
using PtToolkit.Testing.Generation;

namespace PtToolkit.Testing.Control;

/// <summary>A value written on an event line: its bytes and what a reader must make of them.</summary>
/// <param name="Bytes">The bytes on the line (an argument's value, without its key).</param>
/// <param name="Value">The decoded value (see <see cref="PtEventFieldValue"/>).</param>
/// <param name="Member">For an enumerated value, the member it names, or <c>Unknown</c>.</param>
public sealed record PtEventValue(byte[] Bytes, string Value, string? Member = null)
{
    /// <inheritdoc/>
    public override string ToString() => PtShow.Bytes(Bytes);
}

/// <summary>
/// FsCheck generators of valid argument values by type (<see cref="PtEventValueKind"/>), each with what it decodes to:
/// bare words (visible US-ASCII and UTF-8 letters), QuotedStrings holding any byte through every escape form of
/// control-spec §2.1.1, numbers up to 2^64 - 1 (leading zeros included), enumerated words listed or not (§4.1 keeps
/// unknown ones), free text.
/// </summary>
public static class PtEventValueGen
{
    private static byte[] Ascii(string s) => Encoding.ASCII.GetBytes(s);

    private static readonly Gen<byte[]> WordPiece = Gen.Frequency(
        (12, Gen.Choose(0x21, 0x7E).Where(b => b != '"').Select(b => new[] { (byte)b })),
        (3, Gen.Elements("$", "=", ",", ":", "~", "\\", "-", "_", ".").Select(Ascii)),
        (1, Gen.Elements("é", "ñ", "д", "中").Select(Encoding.UTF8.GetBytes)));

    /// <summary>True when a bare word would read as a keyword argument (<c>KEY=...</c>) rather than a positional one.</summary>
    public static bool LooksLikeKeyword(ReadOnlySpan<byte> word)
    {
        int i = 0;
        while (i < word.Length && PtEventSyntax.IsKeywordChar(word[i])) i++;
        return i > 0 && i < word.Length && word[i] == (byte)'=';
    }

    /// <summary>A bare word: one or more bytes, no space or double quote; for a positional, not one that reads as <c>KEY=</c>.</summary>
    public static Gen<PtEventValue> Bare(bool positional) =>
        PtFieldGen.Between(WordPiece, positional ? 1 : 0, 12).Select(PtFieldGen.Concat)
            .Where(w => !positional || (w.Length > 0 && !LooksLikeKeyword(w)))
            .Select(w => new PtEventValue(w, Encoding.UTF8.GetString(w)));

    /// <summary>Content bytes: printable text mostly, and every byte sometimes.</summary>
    private static readonly Gen<byte[]> Content = PtFieldGen.Between(Gen.Frequency(
        (10, Gen.Choose(0x20, 0x7E)),
        (2, Gen.Elements<int>('"', '\\', '\n', '\r', '\t', 0, '0', '7', 'n')),
        (2, Gen.Choose(0, 255))).Select(b => (byte)b), 0, 24);

    /// <summary>One content byte written inside quotes, one of the ways §2.1.1 allows; a short octal form only when no digit follows.</summary>
    private static Gen<byte[]> Escaped(byte b, bool digitFollows)
    {
        string octal3 = "\\" + Convert.ToString(b, 8).PadLeft(3, '0');
        var forms = new List<string> { octal3 };
        if (!digitFollows) forms.Add("\\" + Convert.ToString(b, 8));
        switch (b)
        {
            case (byte)'"' or (byte)'\\': forms.Add("\\" + (char)b); break;
            case (byte)'\n': forms.Add("\\n"); break;
            case (byte)'\r': forms.Add("\\r"); break;
            case (byte)'\t': forms.Add("\\t"); forms.Add("\t"); break;
            case >= 0x20 and < 0x7F when "ntr01234567".IndexOf((char)b) < 0:
                forms.Add(((char)b).ToString()); forms.Add(((char)b).ToString()); forms.Add("\\" + (char)b); break;
            case >= 0x20 and < 0x7F: forms.Add(((char)b).ToString()); forms.Add(((char)b).ToString()); break;
            default: break;
        }
        var text = Gen.Elements(forms.ToArray()).Select(Encoding.Latin1.GetBytes);
        // Control bytes and bytes above 0x7E may also stand as they are (§2.1: 8-bit characters are permitted), but not LF.
        return b is not ((byte)'\n' or (byte)'"' or (byte)'\\') && (b < 0x20 || b > 0x7E) ? Gen.OneOf(text, Gen.Constant(new[] { b })) : text;
    }

    /// <summary>A QuotedString holding <see cref="Content"/>, each byte escaped one of the allowed ways.</summary>
    public static readonly Gen<PtEventValue> Quoted = Content.SelectMany(content =>
    {
        var pieces = content.Select((b, i) => Escaped(b, i + 1 < content.Length && content[i + 1] is >= (byte)'0' and <= (byte)'9')).ToArray();
        var all = pieces.Length == 0 ? Gen.Constant(Array.Empty<byte[]>()) : Gen.CollectToArray(pieces);
        return all.Select(p => new PtEventValue(PtFieldGen.Concat(p.Prepend(Ascii("\"")).Append(Ascii("\""))), Encoding.UTF8.GetString(content)));
    });

    /// <summary>A decimal number: small, at the 32- and 64-bit bounds, or with leading zeros.</summary>
    public static readonly Gen<PtEventValue> Number = Gen.Frequency(
        (6, Gen.Choose(0, 100_000).Select(n => (ulong)n)),
        (2, Gen.Elements(0UL, 1UL, uint.MaxValue, (ulong)uint.MaxValue + 1, ulong.MaxValue - 1, ulong.MaxValue)),
        (2, Gen.Choose(0, int.MaxValue).SelectMany(hi => Gen.Choose(0, int.MaxValue).Select(lo => ((ulong)hi << 33) ^ (ulong)lo))))
        .SelectMany(n => Gen.Elements("", "", "", "0", "000").Select(zeros =>
        {
            string value = n.ToString(CultureInfo.InvariantCulture);
            return new PtEventValue(Ascii(zeros + value), value);
        }));

    /// <summary>An enumerated word: a member's text, a word the spec does not list, or a member's text quoted.</summary>
    public static Gen<PtEventValue> Enum(PtEnumRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var members = rule.Members.ToArray();
        var known = Gen.Elements(members).Select(m => new PtEventValue(Ascii(m.Text), m.Text, m.Name));
        var unknown = PtFieldGen.Keyword.Select(Encoding.ASCII.GetString).Select(w => w.ToUpperInvariant())
            .Select(w => members.FirstOrDefault(m => m.Text == w) is { } m ? new PtEventValue(Ascii(w), w, m.Name) : new PtEventValue(Ascii(w), w, "Unknown"));
        var quoted = Gen.Elements(members).Select(m => new PtEventValue(Ascii("\"" + m.Text + "\""), m.Text, m.Name));
        return Gen.Frequency((6, known), (3, unknown), (1, quoted));
    }

    /// <summary>Free text to the end of the line: its first byte not a space, no LF; quotes, <c>=</c> and UTF-8 included.</summary>
    public static readonly Gen<PtEventValue> Text = PtFieldGen.Between(Gen.Frequency(
            (10, Gen.Choose(0x21, 0x7E).Select(b => new[] { (byte)b })),
            (3, Gen.Constant(Ascii(" "))),
            (2, Gen.Elements("\"", "K=v", "\\", "  ", "é").Select(Encoding.UTF8.GetBytes))), 1, 30)
        .Select(PtFieldGen.Concat).Where(t => t.Length > 0 && t[0] != (byte)' ')
        .Select(t => new PtEventValue(t, Encoding.UTF8.GetString(t)));

    /// <summary>A valid value for <paramref name="field"/>; a positional's bare word never reads as <c>KEY=</c>.</summary>
    public static Gen<PtEventValue> For(PtEventField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        bool positional = !field.IsKeyword;
        return field.Kind switch
        {
            PtEventValueKind.Number => Number,
            PtEventValueKind.Text => Text,
            PtEventValueKind.Enum when field.Enum is not null => Enum(field.Enum),
            PtEventValueKind.QuotedString => Gen.Frequency((4, Quoted), (1, Bare(positional))),
            _ => Gen.Frequency((4, Bare(positional)), (1, Quoted)),
        };
    }
}
