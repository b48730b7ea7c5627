using System.Buffers;

namespace PtToolkit.Text;

/// <summary>The byte classes of the line grammars, as vectorised search sets.</summary>
internal static class PtByteClasses
{
    /// <summary>KeywordChar (pt-1.0 §3.3): US-ASCII alphanumeric, dash and underscore.</summary>
    public static readonly SearchValues<byte> Keyword =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"u8);

    /// <summary>Bytes that end or break a key of an ARGS pair.</summary>
    public static readonly SearchValues<byte> ArgsKeyStop = SearchValues.Create("=,\\ "u8);

    /// <summary>Bytes that end or break a value of an ARGS pair.</summary>
    public static readonly SearchValues<byte> ArgsValueStop = SearchValues.Create(",\\ "u8);

    /// <summary>Bytes that end or break the inside of a quoted CString.</summary>
    public static readonly SearchValues<byte> QuotedStop = SearchValues.Create("\"\\\0\n"u8);

    /// <summary>Bytes a rest-of-line text may not hold (pt-1.0 §3.3: ArgChar is anything but NUL or NL).</summary>
    public static readonly SearchValues<byte> TextStop = SearchValues.Create("\0\n"u8);

    /// <summary>Hexadecimal digits.</summary>
    public static readonly SearchValues<byte> Hex = SearchValues.Create("0123456789abcdefABCDEF"u8);

    /// <summary>Host-name bytes: LDH plus underscore (seen in real names) and dot.</summary>
    public static readonly SearchValues<byte> HostName =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_."u8);

    /// <summary>True for a visible US-ASCII byte (VCHAR, 0x21-0x7E).</summary>
    public static bool IsVisible(byte b) => (uint)(b - 0x21) <= 0x7E - 0x21;
}
