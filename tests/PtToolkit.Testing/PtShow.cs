using System;
using System.Globalization;
using System.Text;

namespace PtToolkit.Testing;

/// <summary>Readable, escaped forms of bytes and strings for failure messages: every control and non-ASCII unit escaped.</summary>
public static class PtShow
{
    /// <summary>Bytes as ASCII with <c>\xNN</c> escapes, cut to <paramref name="max"/> bytes with the full length noted.</summary>
    public static string Bytes(ReadOnlySpan<byte> bytes, int max = 300)
    {
        var text = new StringBuilder();
        foreach (byte b in bytes.Length > max ? bytes[..max] : bytes)
        {
            if (b == (byte)'\\') text.Append("\\\\");
            else if (b >= 0x20 && b < 0x7F) text.Append((char)b);
            else text.Append("\\x").Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        if (bytes.Length > max) text.Append("...(").Append(bytes.Length.ToString(CultureInfo.InvariantCulture)).Append(" bytes)");
        return text.ToString();
    }

    /// <summary>A string with control, non-ASCII and surrogate characters as <c>\uNNNN</c>, cut to <paramref name="max"/> characters.</summary>
    public static string Text(string value, int max = 300)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = new StringBuilder();
        foreach (char c in value.Length > max ? value[..max] : value)
        {
            if (c == '\\') text.Append("\\\\");
            else if (c >= 0x20 && c < 0x7F) text.Append(c);
            else text.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
        }
        if (value.Length > max) text.Append("...(").Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(" chars)");
        return text.ToString();
    }
}
