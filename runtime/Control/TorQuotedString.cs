using System;
using System.Buffers;
using System.Text;

namespace PtToolkit.Control;

/// <summary>
/// QuotedString values of the control protocol (control-spec §2.1: <c>DQUOTE *qcontent DQUOTE</c>, where a
/// backslash quotes the next byte). Reading follows the rule of current control-spec §2.1.1 ("Notes on an
/// escaping bug"), which covers the CStrings Tor actually sends: <c>\n \t \r</c> and octal <c>\0</c> to
/// <c>\377</c> are C escapes, and a backslash before any other byte stands for that byte. Writing escapes
/// <c>\</c> and <c>"</c>, writes CR, LF and tab as <c>\r \n \t</c> and other control bytes as three-digit
/// octal, so a value can never end a command line, and Tor's own decoder reads it back.
/// </summary>
public static class TorQuotedString
{
    /// <summary>Bytes written inside the quotes as they are: everything but controls, DEL, quote and backslash.</summary>
    private static readonly SearchValues<byte> NeedsEscape = SearchValues.Create(
        "\0\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f\"\\\u007f"u8);

    private static readonly SearchValues<byte> QuoteOrBackslash = SearchValues.Create("\"\\"u8);

    /// <summary>
    /// Finds the closing quote of the quoted string whose opening quote is at <paramref name="start"/>.
    /// A backslash always takes the byte after it, so <c>"\\"</c> ends at its third quote and <c>"\"</c> has
    /// no end. Returns false when the text ends first; <paramref name="end"/> is then the text's length.
    /// </summary>
    public static bool TryScan(ReadOnlySpan<byte> text, int start, out int end)
    {
        int i = start + 1;
        while (i < text.Length)
        {
            int hit = text[i..].IndexOfAny(QuoteOrBackslash);
            if (hit < 0) break;
            i += hit;
            if (text[i] == (byte)'"')
            {
                end = i + 1;
                return true;
            }
            i += 2;
        }
        end = text.Length;
        return false;
    }

    /// <summary>
    /// Decodes the inside of a scanned quoted string (without its quotes) into <paramref name="destination"/>,
    /// which needs at most <paramref name="escaped"/>.Length bytes; returns the bytes written. Never fails.
    /// </summary>
    public static int Unescape(ReadOnlySpan<byte> escaped, Span<byte> destination)
    {
        int w = 0;
        int i = 0;
        while (i < escaped.Length)
        {
            int hit = escaped[i..].IndexOf((byte)'\\');
            if (hit < 0) hit = escaped.Length - i;
            escaped.Slice(i, hit).CopyTo(destination[w..]);
            w += hit;
            i += hit;
            if (i >= escaped.Length) break;
            if (i + 1 == escaped.Length)
            {
                destination[w++] = (byte)'\\';
                break;
            }
            byte c = escaped[i + 1];
            i += 2;
            switch (c)
            {
                case (byte)'n': destination[w++] = (byte)'\n'; break;
                case (byte)'t': destination[w++] = (byte)'\t'; break;
                case (byte)'r': destination[w++] = (byte)'\r'; break;
                case >= (byte)'0' and <= (byte)'7':
                    int value = c - '0';
                    // Up to three octal digits, as long as the value stays a byte (\377 at most).
                    for (int n = 1; n < 3 && i < escaped.Length && IsOctal(escaped[i]) && value * 8 + (escaped[i] - '0') <= 255; n++)
                    {
                        value = value * 8 + (escaped[i] - '0');
                        i++;
                    }
                    destination[w++] = (byte)value;
                    break;
                default: destination[w++] = c; break;
            }
        }
        return w;
    }

    private static bool IsOctal(byte b) => (uint)(b - '0') <= 7;

    /// <summary>Decodes the inside of a scanned quoted string to text (UTF-8; invalid sequences become U+FFFD).</summary>
    public static string Decode(ReadOnlySpan<byte> escaped)
    {
        if (escaped.IndexOf((byte)'\\') < 0) return Encoding.UTF8.GetString(escaped);
        byte[] rented = ArrayPool<byte>.Shared.Rent(escaped.Length);
        int n = Unescape(escaped, rented);
        string s = Encoding.UTF8.GetString(rented, 0, n);
        ArrayPool<byte>.Shared.Return(rented);
        return s;
    }

    /// <summary>The length of <paramref name="value"/> written as a quoted string, quotes included.</summary>
    public static int GetEncodedLength(ReadOnlySpan<byte> value)
    {
        int length = value.Length + 2;
        int i = 0;
        while (true)
        {
            int hit = value[i..].IndexOfAny(NeedsEscape);
            if (hit < 0) return length;
            i += hit;
            length += value[i] is (byte)'"' or (byte)'\\' or (byte)'\n' or (byte)'\r' or (byte)'\t' ? 1 : 3;
            i++;
        }
    }

    /// <summary>
    /// Writes <paramref name="value"/> (bytes, normally UTF-8) as a quoted string; returns the bytes written,
    /// or -1 when <paramref name="destination"/> is shorter than <see cref="GetEncodedLength"/>.
    /// </summary>
    public static int Write(ReadOnlySpan<byte> value, Span<byte> destination)
    {
        if (destination.Length < GetEncodedLength(value)) return -1;
        int w = 0;
        destination[w++] = (byte)'"';
        while (!value.IsEmpty)
        {
            int run = value.IndexOfAny(NeedsEscape);
            if (run < 0) run = value.Length;
            value[..run].CopyTo(destination[w..]);
            w += run;
            if (run == value.Length) break;
            byte b = value[run];
            value = value[(run + 1)..];
            destination[w++] = (byte)'\\';
            switch (b)
            {
                case (byte)'"' or (byte)'\\': destination[w++] = b; break;
                case (byte)'\n': destination[w++] = (byte)'n'; break;
                case (byte)'\r': destination[w++] = (byte)'r'; break;
                case (byte)'\t': destination[w++] = (byte)'t'; break;
                default:
                    destination[w++] = (byte)('0' + (b >> 6));
                    destination[w++] = (byte)('0' + ((b >> 3) & 7));
                    destination[w++] = (byte)('0' + (b & 7));
                    break;
            }
        }
        destination[w++] = (byte)'"';
        return w;
    }
}
