using System;
using System.Text;

namespace PtToolkit.Tests.Ipc;

/// <summary>Byte and string helpers for line tests: UTF-8 encoding and a readable, escaped form for failure messages.</summary>
internal static class LineText
{
    /// <summary>The UTF-8 bytes of <paramref name="s"/>.</summary>
    public static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    /// <summary>Bytes shown as ASCII with <c>\xNN</c> escapes, cut to <paramref name="max"/> bytes with the full length noted.</summary>
    public static string Show(ReadOnlySpan<byte> bytes, int max = 200)
    {
        var sb = new StringBuilder();
        foreach (byte b in bytes.Length > max ? bytes[..max] : bytes)
        {
            if (b == (byte)'\\') sb.Append("\\\\");
            else if (b >= 0x20 && b < 0x7F) sb.Append((char)b);
            else sb.Append("\\x").Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        if (bytes.Length > max) sb.Append("...(").Append(bytes.Length).Append(" bytes)");
        return sb.ToString();
    }

    /// <summary>A string shown with control, non-ASCII and surrogate characters as <c>\uNNNN</c>.</summary>
    public static string Show(string s, int max = 200)
    {
        var sb = new StringBuilder();
        foreach (char c in s.Length > max ? s[..max] : s)
        {
            if (c >= 0x20 && c < 0x7F) sb.Append(c);
            else sb.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
        }
        if (s.Length > max) sb.Append("...(").Append(s.Length).Append(" chars)");
        return sb.ToString();
    }
}
