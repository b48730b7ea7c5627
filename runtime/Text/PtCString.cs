using System;
using System.Buffers;
using System.Text;

namespace PtToolkit.Text;

/// <summary>
/// String and CString values (control-spec §2, used by LOG and STATUS, pt-1.0 §3.3.4-5): a bare run of
/// visible US-ASCII, or a double-quoted string with C escapes. Reading accepts <c>\n \r \t \\ \" \'</c>,
/// one to three octal digits and <c>\x</c> with two hex digits. Writing quotes only when needed and
/// escapes every byte outside visible ASCII and space, so the line stays 7-bit and one line long.
/// </summary>
public static class PtCString
{
    /// <summary>Characters written inside quotes as they are: printable ASCII but the quote and the backslash.</summary>
    private static readonly SearchValues<char> PlainQuoted =
        SearchValues.Create(" !#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    /// <summary>
    /// Scans a quoted string that starts at <paramref name="start"/> (on its opening quote). On success
    /// <paramref name="end"/> is the offset just past the closing quote.
    /// </summary>
    public static bool TryScanQuoted(ReadOnlySpan<byte> line, int start, out int end, out int errorOffset, out PtErrorReason reason)
    {
        int i = start + 1;
        while (true)
        {
            int hit = line[i..].IndexOfAny(PtByteClasses.QuotedStop);
            if (hit < 0)
            {
                return Fail(line.Length, PtErrorReason.UnterminatedString, out end, out errorOffset, out reason);
            }
            i += hit;
            switch (line[i])
            {
                case (byte)'"':
                    end = i + 1;
                    errorOffset = 0;
                    reason = PtErrorReason.None;
                    return true;
                case (byte)'\\':
                    int len = EscapeLength(line, i);
                    if (len == 0) return Fail(i, PtErrorReason.BadEscape, out end, out errorOffset, out reason);
                    i += len;
                    break;
                default:
                    return Fail(i, PtErrorReason.BadByte, out end, out errorOffset, out reason);
            }
        }
    }

    private static bool Fail(int offset, PtErrorReason why, out int end, out int errorOffset, out PtErrorReason reason)
    {
        end = 0;
        errorOffset = offset;
        reason = why;
        return false;
    }

    /// <summary>Length of the escape at <paramref name="i"/> (on its backslash), or 0 when it is not one.</summary>
    private static int EscapeLength(ReadOnlySpan<byte> s, int i)
    {
        if (i + 1 >= s.Length) return 0;
        byte c = s[i + 1];
        switch (c)
        {
            case (byte)'n' or (byte)'r' or (byte)'t' or (byte)'\\' or (byte)'"' or (byte)'\'':
                return 2;
            case (byte)'x':
                return i + 3 < s.Length && PtByteClasses.Hex.Contains(s[i + 2]) && PtByteClasses.Hex.Contains(s[i + 3]) ? 4 : 0;
        }
        if (!IsOctal(c)) return 0;
        int n = 1, value = c - '0';
        while (n < 3 && i + 1 + n < s.Length && IsOctal(s[i + 1 + n]))
        {
            value = value * 8 + (s[i + 1 + n] - '0');
            n++;
        }
        return value > 255 ? 0 : n + 1;
    }

    private static bool IsOctal(byte b) => (uint)(b - '0') <= 7;

    private static int HexValue(byte b) => b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;

    /// <summary>Unescapes the inside of a validated quoted string into <paramref name="destination"/>; returns the bytes written.</summary>
    public static int Unescape(ReadOnlySpan<byte> escaped, Span<byte> destination)
    {
        int w = 0;
        for (int i = 0; i < escaped.Length;)
        {
            int hit = escaped[i..].IndexOf((byte)'\\');
            if (hit < 0) hit = escaped.Length - i;
            escaped.Slice(i, hit).CopyTo(destination[w..]);
            w += hit;
            i += hit;
            if (i >= escaped.Length) break;
            int len = EscapeLength(escaped, i);
            destination[w++] = Decode(escaped.Slice(i, len));
            i += len;
        }
        return w;
    }

    private static byte Decode(ReadOnlySpan<byte> escape) => escape[1] switch
    {
        (byte)'n' => (byte)'\n',
        (byte)'r' => (byte)'\r',
        (byte)'t' => (byte)'\t',
        (byte)'x' => (byte)(HexValue(escape[2]) * 16 + HexValue(escape[3])),
        >= (byte)'0' and <= (byte)'7' => DecodeOctal(escape[1..]),
        var c => c,
    };

    private static byte DecodeOctal(ReadOnlySpan<byte> digits)
    {
        int value = 0;
        foreach (byte d in digits) value = value * 8 + (d - '0');
        return (byte)value;
    }

    /// <summary>Unescapes a validated value to a string (UTF-8; invalid sequences become U+FFFD).</summary>
    public static string ToString(ReadOnlySpan<byte> raw, bool quoted)
    {
        if (!quoted || raw.IndexOf((byte)'\\') < 0) return Encoding.UTF8.GetString(raw);
        byte[] rented = System.Buffers.ArrayPool<byte>.Shared.Rent(raw.Length);
        int n = Unescape(raw, rented);
        string s = Encoding.UTF8.GetString(rented, 0, n);
        System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        return s;
    }

    /// <summary>True when <paramref name="value"/> can be written bare (a non-empty run of visible ASCII not starting with a quote).</summary>
    public static bool CanWriteBare(ReadOnlySpan<char> value) =>
        value.Length > 0 && value[0] != '"' && value.IndexOfAnyExceptInRange('!', '~') < 0;

    /// <summary>
    /// Writes <paramref name="value"/> as a String when it can stay bare, else as a quoted CString.
    /// DestinationTooSmall when it does not fit; InvalidData for a lone surrogate, which has no UTF-8 form.
    /// </summary>
    public static OperationStatus TryWrite(ReadOnlySpan<char> value, Span<byte> destination, out int written)
    {
        written = 0;
        if (CanWriteBare(value))
        {
            if (value.Length > destination.Length) return OperationStatus.DestinationTooSmall;
            System.Text.Ascii.FromUtf16(value, destination, out written);
            return OperationStatus.Done;
        }
        return TryWriteQuoted(value, destination, out written);
    }

    /// <summary>Writes <paramref name="value"/> as a quoted CString (see <see cref="TryWrite"/> for the results).</summary>
    public static OperationStatus TryWriteQuoted(ReadOnlySpan<char> value, Span<byte> destination, out int written)
    {
        written = 0;
        int w = 0;
        if (destination.Length < 2) return OperationStatus.DestinationTooSmall;
        destination[w++] = (byte)'"';
        Span<byte> utf8 = stackalloc byte[4];
        while (!value.IsEmpty)
        {
            // Runs of printable ASCII that need no escape are copied in one vectorised step.
            int run = value.IndexOfAnyExcept(PlainQuoted);
            if (run < 0) run = value.Length;
            if (run > 0)
            {
                if (w + run + 1 > destination.Length) return OperationStatus.DestinationTooSmall;
                System.Text.Ascii.FromUtf16(value[..run], destination[w..], out int copied);
                w += copied;
                value = value[run..];
                continue;
            }
            if (Rune.DecodeFromUtf16(value, out var rune, out int consumed) != OperationStatus.Done) return OperationStatus.InvalidData;
            value = value[consumed..];
            int n = rune.EncodeToUtf8(utf8);
            for (int k = 0; k < n; k++)
            {
                byte b = utf8[k];
                int need = b switch
                {
                    (byte)'"' or (byte)'\\' or (byte)'\n' or (byte)'\r' or (byte)'\t' => 2,
                    < 0x20 or >= 0x7F => 4,
                    _ => 1,
                };
                if (w + need + 1 > destination.Length) return OperationStatus.DestinationTooSmall;
                switch (need)
                {
                    case 1:
                        destination[w++] = b;
                        break;
                    case 2:
                        destination[w++] = (byte)'\\';
                        destination[w++] = b switch { (byte)'\n' => (byte)'n', (byte)'\r' => (byte)'r', (byte)'\t' => (byte)'t', _ => b };
                        break;
                    default:
                        destination[w++] = (byte)'\\';
                        destination[w++] = (byte)('0' + (b >> 6));
                        destination[w++] = (byte)('0' + ((b >> 3) & 7));
                        destination[w++] = (byte)('0' + (b & 7));
                        break;
                }
            }
        }
        destination[w++] = (byte)'"';
        written = w;
        return OperationStatus.Done;
    }
}

/// <summary>A String or CString value inside a parsed line (no allocation).</summary>
public readonly ref struct PtStringView
{
    /// <summary>Creates a view over a validated value.</summary>
    public PtStringView(ReadOnlySpan<byte> raw, bool isQuoted)
    {
        Raw = raw;
        IsQuoted = isQuoted;
    }

    /// <summary>The value as written: without its quotes, escapes not yet decoded.</summary>
    public ReadOnlySpan<byte> Raw { get; }

    /// <summary>True when the value was a quoted CString.</summary>
    public bool IsQuoted { get; }

    /// <summary>Decodes escapes into <paramref name="destination"/> (at most <see cref="Raw"/>.Length bytes); returns the bytes written.</summary>
    public int Unescape(Span<byte> destination)
    {
        if (IsQuoted) return PtCString.Unescape(Raw, destination);
        Raw.CopyTo(destination);
        return Raw.Length;
    }

    /// <summary>The decoded value.</summary>
    public override string ToString() => PtCString.ToString(Raw, IsQuoted);
}
