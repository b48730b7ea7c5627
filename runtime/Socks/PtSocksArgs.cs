using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using System.Text.Unicode;
using PtToolkit.Text;

namespace PtToolkit.Socks;

/// <summary>
/// Per-connection arguments as a PT 1.0 client receives them over SOCKS (pt-spec §3.5, "Pluggable PT Client
/// Per-Connection Arguments"): <c>key=value</c> pairs joined with <c>;</c>, where a backslash makes the next byte
/// literal. For example <c>shared-secret=rahasia;secrets-file=/tmp/blob</c>.
/// </summary>
/// <remarks>
/// Reading follows goptlib (the reference for what a PT accepts): a key ends at the first unescaped <c>=</c>, a value
/// at the next unescaped <c>;</c>, so an unescaped <c>=</c> inside a value is kept (base64 padding). Keys are not
/// empty; keys may repeat; a trailing <c>;</c> is an error; empty text is no pairs. The text must be UTF-8 without NUL.
/// Writing follows tor (<c>pt_stringify_socks_args</c>: each <c>k=v</c> escaped with
/// <c>tor_escape_str_for_pt_args(s, ";\\")</c>, joined with <c>;</c>), so the bytes are tor's; <c>=</c> is also
/// escaped inside keys, which tor never needs, so that every key reads back.
/// </remarks>
public static class PtSocksArgs
{
    private static readonly SearchValues<byte> KeyStops = SearchValues.Create("=;\\\0"u8);
    private static readonly SearchValues<byte> ValueStops = SearchValues.Create(";\\\0"u8);

    /// <summary>The empty list, shared (a <see cref="PtKeyValueList"/> is immutable).</summary>
    internal static readonly PtKeyValueList None = new(Array.Empty<KeyValuePair<string, string>>());

    /// <summary>Checks <paramref name="text"/> without allocating. On failure <paramref name="error"/> says what and where.</summary>
    public static bool TryValidate(ReadOnlySpan<byte> text, out PtParseError error) => Scan(text, out _, out error);

    /// <summary>Reads <paramref name="text"/> into an owned list (unescaped).</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out PtKeyValueList arguments, out PtParseError error)
    {
        arguments = None;
        if (!Scan(text, out int count, out error)) return false;
        if (count == 0) return true;
        var pairs = new KeyValuePair<string, string>[count];
        int i = 0;
        for (int p = 0; p < count; p++)
        {
            int keyEnd = FindUnescaped(text, i, KeyStops);
            int valueEnd = FindUnescaped(text, keyEnd + 1, ValueStops);
            pairs[p] = new(Unescape(text[i..keyEnd]), Unescape(text[(keyEnd + 1)..valueEnd]));
            i = valueEnd + 1;
        }
        arguments = new PtKeyValueList(pairs);
        return true;
    }

    /// <summary>
    /// The length of the written form of <paramref name="arguments"/> in bytes, or -1 when they cannot be written
    /// (an empty key, a NUL, or a lone surrogate).
    /// </summary>
    public static int GetFormattedLength(IReadOnlyList<KeyValuePair<string, string>> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        long length = Math.Max(0, arguments.Count - 1);
        for (int p = 0; p < arguments.Count; p++)
        {
            var (key, value) = (arguments[p].Key ?? "", arguments[p].Value ?? "");
            if (key.Length == 0) return -1;
            long k = EscapedLength(key, inKey: true), v = EscapedLength(value, inKey: false);
            if (k < 0 || v < 0) return -1;
            length += k + 1 + v;
        }
        return length > int.MaxValue ? -1 : (int)length;
    }

    /// <summary>
    /// Writes <paramref name="arguments"/> as tor does. Returns <see cref="OperationStatus.InvalidData"/> for an empty
    /// key, a NUL or a lone surrogate, and <see cref="OperationStatus.DestinationTooSmall"/> when the bytes do not fit.
    /// </summary>
    public static OperationStatus TryFormat(IReadOnlyList<KeyValuePair<string, string>> arguments, Span<byte> destination, out int written)
    {
        written = 0;
        int length = GetFormattedLength(arguments);
        if (length < 0) return OperationStatus.InvalidData;
        if (length > destination.Length) return OperationStatus.DestinationTooSmall;
        int w = 0;
        for (int p = 0; p < arguments.Count; p++)
        {
            if (p > 0) destination[w++] = (byte)';';
            w += WriteEscaped(arguments[p].Key, inKey: true, destination[w..]);
            destination[w++] = (byte)'=';
            w += WriteEscaped(arguments[p].Value ?? "", inKey: false, destination[w..]);
        }
        written = w;
        return OperationStatus.Done;
    }

    /// <summary>Validates and counts the pairs. Offsets in <paramref name="error"/> are from the start of <paramref name="text"/>.</summary>
    private static bool Scan(ReadOnlySpan<byte> text, out int count, out PtParseError error)
    {
        count = 0;
        if (!Utf8.IsValid(text)) return Fail(FirstInvalidUtf8(text), PtErrorReason.BadByte, out error);
        if (text.IsEmpty)
        {
            error = default;
            return true;
        }
        int i = 0;
        while (true)
        {
            int keyStart = i;
            if (!ScanPart(text, ref i, KeyStops, out error)) return false;
            if (i >= text.Length || text[i] != (byte)'=') return Fail(i, PtErrorReason.ExpectedEquals, out error);
            if (i == keyStart) return Fail(keyStart, PtErrorReason.EmptyKey, out error);
            i++;
            if (!ScanPart(text, ref i, ValueStops, out error)) return false;
            count++;
            if (i >= text.Length) return true;
            i++;
        }
    }

    /// <summary>Advances over escaped bytes until a byte of <paramref name="stops"/> other than a backslash, or the end.</summary>
    private static bool ScanPart(ReadOnlySpan<byte> text, ref int i, SearchValues<byte> stops, out PtParseError error)
    {
        while (true)
        {
            int hit = text[i..].IndexOfAny(stops);
            i = hit < 0 ? text.Length : i + hit;
            if (i >= text.Length || text[i] is not ((byte)'\\' or 0))
            {
                error = default;
                return true;
            }
            if (text[i] == 0) return Fail(i, PtErrorReason.BadByte, out error);
            if (i + 1 >= text.Length) return Fail(i, PtErrorReason.BadEscape, out error);
            if (text[i + 1] == 0) return Fail(i + 1, PtErrorReason.BadByte, out error);
            i += 2;
        }
    }

    private static bool Fail(int offset, PtErrorReason reason, out PtParseError error)
    {
        error = new PtParseError(offset, reason, null);
        return false;
    }

    /// <summary>The offset of the first byte that does not start a valid UTF-8 sequence (called only on invalid text).</summary>
    internal static int FirstInvalidUtf8(ReadOnlySpan<byte> text)
    {
        int i = 0;
        while (i < text.Length && Rune.DecodeFromUtf8(text[i..], out _, out int used) == OperationStatus.Done) i += used;
        return i;
    }

    /// <summary>The offset of the first unescaped byte of <paramref name="stops"/> from <paramref name="i"/> in validated text, or its length.</summary>
    private static int FindUnescaped(ReadOnlySpan<byte> text, int i, SearchValues<byte> stops)
    {
        while (true)
        {
            int hit = text[i..].IndexOfAny(stops);
            if (hit < 0) return text.Length;
            i += hit;
            if (text[i] != (byte)'\\') return i;
            i += 2;
        }
    }

    private static string Unescape(ReadOnlySpan<byte> escaped)
    {
        if (escaped.IndexOf((byte)'\\') < 0) return Encoding.UTF8.GetString(escaped);
        byte[]? rented = null;
        Span<byte> buffer = escaped.Length <= 256 ? stackalloc byte[256] : (rented = ArrayPool<byte>.Shared.Rent(escaped.Length));
        int w = 0;
        for (int i = 0; i < escaped.Length; i++)
        {
            if (escaped[i] == (byte)'\\') i++;
            buffer[w++] = escaped[i];
        }
        string result = Encoding.UTF8.GetString(buffer[..w]);
        if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        return result;
    }

    private static bool MustEscape(char c, bool inKey) => c is ';' or '\\' || (inKey && c == '=');

    /// <summary>UTF-8 length with escapes, or -1 for a NUL or a lone surrogate.</summary>
    private static long EscapedLength(string s, bool inKey)
    {
        long length = 0;
        var rest = s.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out Rune rune, out int used) != OperationStatus.Done || rune.Value == 0) return -1;
            length += rune.Utf8SequenceLength + (rune.IsAscii && MustEscape((char)rune.Value, inKey) ? 1 : 0);
            rest = rest[used..];
        }
        return length;
    }

    private static int WriteEscaped(string s, bool inKey, Span<byte> destination)
    {
        int w = 0;
        var rest = s.AsSpan();
        while (!rest.IsEmpty)
        {
            int run = inKey ? rest.IndexOfAny(';', '\\', '=') : rest.IndexOfAny(';', '\\');
            if (run < 0) run = rest.Length;
            w += Encoding.UTF8.GetBytes(rest[..run], destination[w..]);
            if (run == rest.Length) break;
            destination[w++] = (byte)'\\';
            destination[w++] = (byte)rest[run];
            rest = rest[(run + 1)..];
        }
        return w;
    }
}
