using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Pidgin;
using static Pidgin.Parser;
using static Pidgin.Parser<byte>;

namespace PtToolkit.Testing.Reference;

/// <summary>
/// The field types of the spec language (spec/README.md "Field types") as Pidgin parsers over bytes, written
/// from that table and its notes on addresses and escapes, independently of the runtime's hand-written
/// readers. Each field parser reads the field where it stands in a line and yields its decoded value (see
/// <see cref="PtFieldValue"/>); what follows a field (a space or the end of the line) is the rule's business.
/// </summary>
public static partial class PtFieldSyntax
{
    /// <summary>VCHAR (%x21-7E).</summary>
    public static bool IsVisible(byte b) => b is >= 0x21 and <= 0x7E;

    /// <summary>KeywordChar (pt-1.0 §3.3): US-ASCII letters, digits, dash and underscore.</summary>
    public static bool IsKeywordChar(byte b) => b is (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'_';

    private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';

    private static bool IsHex(byte b) => IsDigit(b) || b is (>= (byte)'a' and <= (byte)'f') or (>= (byte)'A' and <= (byte)'F');

    private static Parser<byte, byte> Byte(char c) => Token((byte)c);

    /// <summary>Fixed ASCII text.</summary>
    public static Parser<byte, Unit> Text(string text) =>
        Sequence(Encoding.ASCII.GetBytes(text ?? throw new ArgumentNullException(nameof(text)))).IgnoreResult();

    private static Parser<byte, byte[]> Run(Func<byte, bool> allowed, bool atLeastOne = true) =>
        (atLeastOne ? Token(allowed).SkipAtLeastOnce() : Token(allowed).SkipMany()).Slice((span, _) => span.ToArray());

    private static string Ascii(byte[] bytes) => Encoding.ASCII.GetString(bytes);

    private static string Show(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static int Decimal(byte[] digits) => digits.Aggregate(0, (value, d) => value * 10 + (d - '0'));

    /// <summary>Runs <paramref name="inner"/> over a whole word read by <paramref name="word"/>: the word must match it entirely.</summary>
    private static Parser<byte, T> Within<T>(Parser<byte, byte[]> word, Parser<byte, T> inner, string what) =>
        word.Then(bytes =>
        {
            var result = inner.Before(End).Parse(bytes.AsSpan());
            return result.Success ? Return(result.Value) : Fail<T>(what);
        });

    /// <summary>A run of visible bytes (a property, so that every part of this class can use it while its fields are initialised).</summary>
    private static Parser<byte, byte[]> Word => Run(IsVisible);

    /// <summary><c>token</c>: 1*(%x21-7E).</summary>
    public static readonly Parser<byte, string> TokenField = Word.Select(Ascii);

    /// <summary><c>keyword</c>, and the word of an enumeration field: 1*(ALPHA / DIGIT / "-" / "_").</summary>
    public static readonly Parser<byte, string> KeywordField = Run(IsKeywordChar).Select(Ascii);

    /// <summary><c>version</c>: 1*(%x21-7E except ",") (pt-2.2 §1.1.1).</summary>
    public static readonly Parser<byte, string> VersionField = Run(b => IsVisible(b) && b != ',').Select(Ascii);

    /// <summary><c>text</c>: the rest of the line, 1*(any byte but NUL and LF), decoded as UTF-8.</summary>
    public static readonly Parser<byte, string> TextField = Run(b => b != 0 && b != '\n').Select(b => Encoding.UTF8.GetString(b));

    /// <summary>The parser of a field of type <paramref name="type"/> (enumeration fields read any keyword-like word).</summary>
    public static Parser<byte, PtFieldValue> Field(Grammar.PtFieldType type, string name) => type switch
    {
        Grammar.PtFieldType.Token => TokenField.Select(v => new PtFieldValue(name, v)),
        Grammar.PtFieldType.Keyword or Grammar.PtFieldType.Enum => KeywordField.Select(v => new PtFieldValue(name, v)),
        Grammar.PtFieldType.Version => VersionField.Select(v => new PtFieldValue(name, v)),
        Grammar.PtFieldType.Text => TextField.Select(v => new PtFieldValue(name, v)),
        Grammar.PtFieldType.Port => PortField.Select(v => new PtFieldValue(name, v)),
        Grammar.PtFieldType.Number => NumberField.Select(v => new PtFieldValue(name, v)),
        Grammar.PtFieldType.Host => HostField.Select(v => new PtFieldValue(name, v)),
        Grammar.PtFieldType.IpPort => IpPortField.Select(v => new PtFieldValue(name, v)),
        Grammar.PtFieldType.HostPort => HostPortField.Select(v => new PtFieldValue(name, v)),
        Grammar.PtFieldType.QuotedString => QuotedStringField.Select(v => new PtFieldValue(name, v)),
        Grammar.PtFieldType.Args => ArgsField.Select(v => new PtFieldValue(name, "", v)),
        Grammar.PtFieldType.KeyValues => KeyValuesField.Select(v => new PtFieldValue(name, "", v)),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a field type"),
    };

    internal static IEnumerable<Parser<byte, T>> Tried<T>(IEnumerable<Parser<byte, T>> alternatives) => alternatives.Select(a => Try(a));
}
