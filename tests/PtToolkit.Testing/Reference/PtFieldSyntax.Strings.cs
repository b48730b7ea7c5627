using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Pidgin;
using PtToolkit.Text;
using static Pidgin.Parser;
using static Pidgin.Parser<byte>;

namespace PtToolkit.Testing.Reference;

/// <summary>
/// String, CString, SMETHOD ARGS and STATUS pairs, from spec/README.md: a String is a bare run of %x21-7E (empty
/// allowed; one starting with a quote is a CString); a CString is <c>"</c>...<c>"</c> holding any byte but NUL, LF,
/// quote and backslash, or the escapes <c>\n \r \t \\ \" \'</c>, one to three octal digits (at most 255) and
/// <c>\x</c> with two hex digits. ARGS pairs <c>k=v</c> are separated by <c>,</c>; a backslash takes the visible byte
/// after it as itself; keys are not empty. STATUS pairs <c>K=V</c> are separated by one space, K a run of visible
/// bytes without <c>=</c>, V a String or CString.
/// </summary>
public static partial class PtFieldSyntax
{
    private static bool IsOctal(byte b) => b is >= (byte)'0' and <= (byte)'7';

    private static byte HexValue(byte b) => (byte)(IsDigit(b) ? b - '0' : (b | 0x20) - 'a' + 10);

    private static readonly Parser<byte, byte> Octal = Token(IsOctal);

    private static int OctalValue(byte first, Maybe<byte> second, Maybe<byte> third)
    {
        int value = first - '0';
        if (second.HasValue) value = value * 8 + second.Value - '0';
        if (third.HasValue) value = value * 8 + third.Value - '0';
        return value;
    }

    private static readonly Parser<byte, byte> CEscape = Byte('\\').Then(OneOf(
        Token(b => b is (byte)'n' or (byte)'r' or (byte)'t' or (byte)'\\' or (byte)'"' or (byte)'\'')
            .Select(b => b switch { (byte)'n' => (byte)'\n', (byte)'r' => (byte)'\r', (byte)'t' => (byte)'\t', _ => b }),
        Byte('x').Then(Map((hi, lo) => (byte)(HexValue(hi) * 16 + HexValue(lo)), Token(IsHex), Token(IsHex))),
        Map(OctalValue, Octal, Octal.Optional(), Octal.Optional())
            .Assert(v => v <= 255, "an octal escape of at most 255")
            .Select(v => (byte)v)));

    /// <summary>A quoted CString, decoded to its bytes.</summary>
    public static readonly Parser<byte, byte[]> CString =
        Byte('"').Then(OneOf(CEscape, Token(b => b is not ((byte)'"' or (byte)'\\' or 0 or (byte)'\n'))).Many()).Before(Byte('"')).Select(b => b.ToArray());

    /// <summary>A String or CString value, decoded as UTF-8.</summary>
    public static readonly Parser<byte, string> QuotedStringField =
        OneOf(CString, Run(IsVisible, atLeastOne: false)).Select(b => Encoding.UTF8.GetString(b));

    private static readonly Parser<byte, byte> ArgsEscape = Byte('\\').Then(Token(IsVisible));

    private static Parser<byte, string> ArgsPart(Func<byte, bool> plain, bool atLeastOne)
    {
        var piece = OneOf(ArgsEscape, Token(plain));
        return (atLeastOne ? piece.AtLeastOnce() : piece.Many()).Select(b => Encoding.ASCII.GetString(b.ToArray()));
    }

    private static readonly Parser<byte, KeyValuePair<string, string>> ArgsPair = Map(
        (key, value) => new KeyValuePair<string, string>(key, value),
        ArgsPart(b => IsVisible(b) && b is not ((byte)'=' or (byte)',' or (byte)'\\'), atLeastOne: true).Before(Byte('=')),
        ArgsPart(b => IsVisible(b) && b is not ((byte)',' or (byte)'\\'), atLeastOne: false));

    /// <summary><c>kvargs</c>: SMETHOD ARGS pairs, unescaped.</summary>
    public static readonly Parser<byte, PtKeyValueList> ArgsField = ArgsPair.SeparatedAtLeastOnce(Byte(',')).Select(p => new PtKeyValueList(p));

    private static readonly Parser<byte, KeyValuePair<string, string>> KvPair = Map(
        (key, value) => new KeyValuePair<string, string>(Encoding.ASCII.GetString(key), value),
        Run(b => IsVisible(b) && b != '=').Before(Byte('=')),
        QuotedStringField);

    /// <summary><c>kvline</c>: STATUS pairs to the end of the line, values decoded.</summary>
    public static readonly Parser<byte, PtKeyValueList> KeyValuesField = KvPair.SeparatedAtLeastOnce(Byte(' ')).Select(p => new PtKeyValueList(p));
}
