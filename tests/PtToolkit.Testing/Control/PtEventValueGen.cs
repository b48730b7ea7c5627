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

    /// <summary>Draws: <paramref name="min"/> to <paramref name="max"/> numbers below 1000, which the value generators map to bytes in one step (far cheaper than a generator per byte).</summary>
    private static Gen<int[]> Draws(int min, int max) => Gen.Choose(min, max).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 999), n));

    private static readonly byte[][] WordPieces = Enumerable.Range(0x21, 0x7E - 0x20).Where(b => b != '"').Select(b => new[] { (byte)b })
        .Concat(new[] { "$", "=", ",", ":", "~", "\\", "-", "_", "." }.Select(Ascii))
        .Concat(new[] { "é", "ñ", "д", "中" }.Select(Encoding.UTF8.GetBytes)).ToArray();

    /// <summary>True when a bare word would read as a keyword argument (<c>KEY=...</c>) rather than a positional one.</summary>
    public static bool LooksLikeKeyword(ReadOnlySpan<byte> word)
    {
        int i = 0;
        while (i < word.Length && PtEventSyntax.IsKeywordChar(word[i])) i++;
        return i > 0 && i < word.Length && word[i] == (byte)'=';
    }

    /// <summary>A bare word: one or more bytes, no space or double quote; for a positional, not one that reads as <c>KEY=</c>.</summary>
    public static Gen<PtEventValue> Bare(bool positional) => Draws(positional ? 1 : 0, 12).Select(draws =>
    {
        byte[] word = EventBytes.Concat(draws.Select(d => WordPieces[d % WordPieces.Length]));
        // A word that would read as KEY= gets a leading '$', as a relay's fingerprint has.
        if (positional && LooksLikeKeyword(word)) word = EventBytes.Concat(new[] { Ascii("$"), word });
        return new PtEventValue(word, Encoding.UTF8.GetString(word));
    });

    private static readonly byte[] Special = Encoding.ASCII.GetBytes("\"\\\n\r\t\0" + "07n");

    /// <summary>A content byte from a draw: printable text mostly, the bytes escapes are about sometimes, any byte else.</summary>
    private static byte ContentByte(int draw) => draw switch
    {
        < 700 => (byte)(0x20 + draw % 0x5F),
        < 850 => Special[draw % Special.Length],
        _ => (byte)(draw % 256),
    };

    /// <summary>One content byte written inside quotes, one of the ways §2.1.1 allows (picked by <paramref name="draw"/>); a short octal form only when no digit follows.</summary>
    private static byte[] Escaped(byte b, bool digitFollows, int draw)
    {
        var forms = new List<string> { "\\" + Convert.ToString(b, 8).PadLeft(3, '0') };
        if (!digitFollows) forms.Add("\\" + Convert.ToString(b, 8));
        switch (b)
        {
            case (byte)'"' or (byte)'\\': forms.Add("\\" + (char)b); break;
            case (byte)'\n': forms.Add("\\n"); break;
            case (byte)'\r': forms.Add("\\r"); forms.Add("\r"); break;
            case (byte)'\t': forms.Add("\\t"); forms.Add("\t"); break;
            case >= 0x20 and < 0x7F when "ntr01234567".IndexOf((char)b) < 0:
                forms.Add(((char)b).ToString()); forms.Add(((char)b).ToString()); forms.Add(((char)b).ToString()); forms.Add("\\" + (char)b); break;
            case >= 0x20 and < 0x7F: forms.Add(((char)b).ToString()); forms.Add(((char)b).ToString()); break;
            // Other control bytes and bytes above 0x7E may stand as they are (§2.1: 8-bit characters are permitted).
            default: forms.Add(((char)b).ToString()); break;
        }
        return Encoding.Latin1.GetBytes(forms[draw % forms.Count]);
    }

    /// <summary>A QuotedString holding any bytes, each escaped one of the allowed ways.</summary>
    public static readonly Gen<PtEventValue> Quoted = Draws(0, 24).SelectMany(content => Gen.ArrayOf(Gen.Choose(0, 999), content.Length).Select(forms =>
    {
        byte[] bytes = content.Select(ContentByte).ToArray();
        var pieces = bytes.Select((b, i) => Escaped(b, i + 1 < bytes.Length && bytes[i + 1] is >= (byte)'0' and <= (byte)'9', forms[i]));
        return new PtEventValue(EventBytes.Concat(pieces.Prepend(Ascii("\"")).Append(Ascii("\""))), Encoding.UTF8.GetString(bytes));
    }));

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

    private static readonly byte[][] TextPieces = Enumerable.Range(0x21, 0x7E - 0x20).Select(b => new[] { (byte)b })
        .Concat(Enumerable.Repeat(Ascii(" "), 12))
        .Concat(new[] { "\"", "K=v", "\\", "  ", "é" }.Select(Encoding.UTF8.GetBytes)).ToArray();

    /// <summary>Free text to the end of the line: its first byte not a space, no LF; quotes, <c>=</c> and UTF-8 included.</summary>
    public static readonly Gen<PtEventValue> Text = Draws(1, 30).Select(draws =>
    {
        byte[] text = EventBytes.Concat(draws.Select(d => TextPieces[d % TextPieces.Length]).Prepend(TextPieces[draws[0] % 0x5E]));
        return new PtEventValue(text, Encoding.UTF8.GetString(text));
    });

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
