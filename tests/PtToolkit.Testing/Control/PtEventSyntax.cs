using System;
using System.Linq;
using System.Text;
using Pidgin;
using static Pidgin.Parser;
using static Pidgin.Parser<byte>;

namespace PtToolkit.Testing.Control;

/// <summary>One argument of an event line as the reference reads it: the key (null for a positional), the value as written, and whether it was quoted.</summary>
/// <param name="Key">The keyword before <c>=</c>, or null.</param>
/// <param name="Raw">The value as written: without the quotes of a QuotedString, escapes not decoded.</param>
/// <param name="Quoted">True for a QuotedString.</param>
public sealed record PtEventArgument(string? Key, byte[] Raw, bool Quoted);

/// <summary>
/// The argument grammar of control-spec §4.1 as Pidgin parsers over bytes, written from the documents, not from the
/// runtime's readers: <c>SP KEYWORD "=" (QuotedString / *NonSpDquote)</c> for a keyword argument (KEYWORD: letters,
/// digits, <c>-</c>, <c>_</c>), a QuotedString or <c>1*NonSpDquote</c> for a positional; an argument ends at a space
/// or at the end of the line. A QuotedString (§2.1) is read with the rule of current control-spec §2.1.1: a
/// backslash takes the byte after it, whatever it is; decoding turns <c>\n \t \r</c> and one to three octal digits
/// (at most 255) into their bytes and any other escaped byte into itself. §2.1: "all 8-bit characters are
/// permitted unless explicitly disallowed", so CR, NUL and bytes above 0x7F are argument bytes like any other.
/// </summary>
public static class PtEventSyntax
{
    private static Parser<byte, byte> Byte(char c) => Token((byte)c);

    /// <summary>KEYWORD characters: ALPHA, DIGIT, <c>-</c>, <c>_</c>.</summary>
    public static bool IsKeywordChar(byte b) => b is (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'_';

    private static bool IsOctal(byte b) => b is >= (byte)'0' and <= (byte)'7';

    /// <summary>One or more spaces: what separates arguments (a controller accepts a run of them as one).</summary>
    public static readonly Parser<byte, Unit> Spaces = Byte(' ').SkipAtLeastOnce();

    /// <summary>The end of an argument: a space follows, or the line ends.</summary>
    private static readonly Parser<byte, Unit> ArgumentEnd = Lookahead(OneOf(Byte(' ').IgnoreResult(), End));

    /// <summary>A QuotedString, yielding the bytes between its quotes as written.</summary>
    public static readonly Parser<byte, byte[]> QuotedString =
        Byte('"').Then(OneOf(Byte('\\').Then(Any).IgnoreResult(), Token(b => b is not ((byte)'"' or (byte)'\\')).IgnoreResult()).SkipMany()
            .Slice((span, _) => span.ToArray())).Before(Byte('"'));

    /// <summary><c>*NonSpDquote</c>: any bytes but space and double quote.</summary>
    private static Parser<byte, byte[]> Bare(bool atLeastOne)
    {
        var plain = Token(b => b is not ((byte)' ' or (byte)'"'));
        return (atLeastOne ? plain.SkipAtLeastOnce() : plain.SkipMany()).Slice((span, _) => span.ToArray());
    }

    private static Parser<byte, PtEventArgument> Value(string? key, bool atLeastOne) => OneOf(
        QuotedString.Select(raw => new PtEventArgument(key, raw, Quoted: true)),
        Bare(atLeastOne).Select(raw => new PtEventArgument(key, raw, Quoted: false))).Before(ArgumentEnd);

    private static readonly Parser<byte, string> Keyword =
        Try(Token(IsKeywordChar).SkipAtLeastOnce().Slice((span, _) => Encoding.ASCII.GetString(span)).Before(Byte('=')));

    /// <summary>One argument, keyword or positional, where it starts (after its spaces).</summary>
    public static readonly Parser<byte, PtEventArgument> Argument =
        OneOf(Map((key, value) => value with { Key = key }, Keyword, Value(null, atLeastOne: false)), Value(null, atLeastOne: true));

    /// <summary>Spaces, one argument, and how many bytes that took.</summary>
    public static readonly Parser<byte, (PtEventArgument Argument, int Length)> NextArgument =
        Map((argument, end) => (argument, end), Spaces.Then(Argument), CurrentOffset);

    /// <summary>What may end the arguments: spaces, then the end of the line.</summary>
    public static readonly Parser<byte, Unit> TrailingSpaces = Byte(' ').SkipMany().Then(End);

    private static Parser<byte, byte> OctalFrom(int value, int digits) => digits == 3
        ? Return((byte)value)
        : OneOf(Token(b => IsOctal(b) && value * 8 + (b - '0') <= 255).Then(b => OctalFrom(value * 8 + (b - '0'), digits + 1)), Return((byte)value));

    private static readonly Parser<byte, byte> Escape = Byte('\\').Then(OneOf(
        Byte('n').ThenReturn((byte)'\n'),
        Byte('t').ThenReturn((byte)'\t'),
        Byte('r').ThenReturn((byte)'\r'),
        Token(IsOctal).Then(d => OctalFrom(d - '0', 1)),
        Any));

    /// <summary>The inside of a QuotedString (as <see cref="QuotedString"/> yields it) decoded to its bytes.</summary>
    public static readonly Parser<byte, byte[]> QuotedContent = OneOf(Escape, Token(b => b != (byte)'\\')).Many().Before(End).Select(b => b.ToArray());

    /// <summary>A number: <c>1*DIGIT</c>, unquoted, at most 2^64 - 1, in canonical decimal.</summary>
    public static readonly Parser<byte, string> Number = Token(b => b is >= (byte)'0' and <= (byte)'9').SkipAtLeastOnce()
        .Slice((span, _) => Encoding.ASCII.GetString(span)).Before(End)
        .Select(digits => digits.TrimStart('0') is { Length: > 0 } d ? d : "0")
        .Assert(d => d.Length < 20 || (d.Length == 20 && string.CompareOrdinal(d, "18446744073709551615") <= 0), "a number of at most 2^64 - 1");

    /// <summary>The decoded value of an argument as UTF-8 text (invalid sequences become U+FFFD).</summary>
    public static string Decoded(PtEventArgument argument)
    {
        ArgumentNullException.ThrowIfNull(argument);
        return Encoding.UTF8.GetString(argument.Quoted ? QuotedContent.Parse(argument.Raw.AsSpan()).Value : argument.Raw);
    }
}
