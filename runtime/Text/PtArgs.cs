using System;
using System.Collections.Generic;
using System.Text;

namespace PtToolkit.Text;

/// <summary>
/// The SMETHOD <c>ARGS:</c> option (pt-1.0 §3.3.3, pt-2.2 §1.2.3): <c>k=v</c> pairs separated by
/// <c>,</c>; "Equal signs and commas MUST be escaped with a backslash", and so is the backslash itself.
/// Reading takes a backslash before any visible byte as that byte. Keys are not empty.
/// </summary>
public static class PtArgs
{
    /// <summary>
    /// Scans pairs from <paramref name="start"/> to the next space or the end of the line. On success
    /// <paramref name="end"/> is the offset where the pairs stop.
    /// </summary>
    public static bool TryScan(ReadOnlySpan<byte> line, int start, out int end, out int errorOffset, out PtErrorReason reason)
    {
        int i = start;
        end = 0;
        while (true)
        {
            int keyStart = i;
            if (!ScanPart(line, ref i, PtByteClasses.ArgsKeyStop, out errorOffset, out reason)) return false;
            if (i == keyStart) return Fail(i, PtErrorReason.EmptyKey, out errorOffset, out reason);
            if (i >= line.Length || line[i] != (byte)'=') return Fail(i, PtErrorReason.ExpectedEquals, out errorOffset, out reason);
            i++;
            if (!ScanPart(line, ref i, PtByteClasses.ArgsValueStop, out errorOffset, out reason)) return false;
            if (i < line.Length && line[i] == (byte)',')
            {
                i++;
                continue;
            }
            end = i;
            return true;
        }
    }

    /// <summary>Advances over escaped visible bytes until a byte of <paramref name="stops"/> other than a backslash.</summary>
    private static bool ScanPart(ReadOnlySpan<byte> line, ref int i, System.Buffers.SearchValues<byte> stops, out int errorOffset, out PtErrorReason reason)
    {
        while (true)
        {
            int hit = line[i..].IndexOfAny(stops);
            int stop = hit < 0 ? line.Length : i + hit;
            int bad = line[i..stop].IndexOfAnyExceptInRange((byte)0x21, (byte)0x7E);
            if (bad >= 0) return Fail(i + bad, PtErrorReason.BadByte, out errorOffset, out reason);
            i = stop;
            if (i >= line.Length || line[i] != (byte)'\\')
            {
                errorOffset = 0;
                reason = PtErrorReason.None;
                return true;
            }
            if (i + 1 >= line.Length || !PtByteClasses.IsVisible(line[i + 1])) return Fail(i, PtErrorReason.BadEscape, out errorOffset, out reason);
            i += 2;
        }
    }

    private static bool Fail(int offset, PtErrorReason why, out int errorOffset, out PtErrorReason reason)
    {
        errorOffset = offset;
        reason = why;
        return false;
    }

    /// <summary>Unescapes a validated key or value into <paramref name="destination"/>; returns the bytes written.</summary>
    public static int Unescape(ReadOnlySpan<byte> escaped, Span<byte> destination)
    {
        int w = 0;
        for (int i = 0; i < escaped.Length; i++)
        {
            if (escaped[i] == (byte)'\\') i++;
            destination[w++] = escaped[i];
        }
        return w;
    }

    /// <summary>Unescapes a validated key or value to a string.</summary>
    public static string UnescapeToString(ReadOnlySpan<byte> escaped)
    {
        if (escaped.IndexOf((byte)'\\') < 0) return Encoding.ASCII.GetString(escaped);
        Span<byte> buffer = escaped.Length <= 256 ? stackalloc byte[escaped.Length] : new byte[escaped.Length];
        int n = Unescape(escaped, buffer);
        return Encoding.ASCII.GetString(buffer[..n]);
    }

    /// <summary>True when a key or value can be written: visible US-ASCII only (a space would end the option).</summary>
    public static bool CanWrite(ReadOnlySpan<char> part) => part.IndexOfAnyExceptInRange('!', '~') < 0;

    /// <summary>
    /// Writes the pairs, escaping <c>\</c>, <c>=</c> and <c>,</c>. Returns <see cref="System.Buffers.OperationStatus.InvalidData"/>
    /// when a key is empty or a key or value holds a byte outside visible ASCII.
    /// </summary>
    public static System.Buffers.OperationStatus TryWrite(IReadOnlyList<KeyValuePair<string, string>> pairs, Span<byte> destination, out int written)
    {
        written = 0;
        if (pairs.Count == 0) return System.Buffers.OperationStatus.InvalidData;
        int w = 0;
        for (int p = 0; p < pairs.Count; p++)
        {
            var (key, value) = (pairs[p].Key, pairs[p].Value);
            if (key.Length == 0 || !CanWrite(key) || !CanWrite(value)) return System.Buffers.OperationStatus.InvalidData;
            if (p > 0 && !Put(destination, ref w, (byte)',')) return System.Buffers.OperationStatus.DestinationTooSmall;
            if (!PutEscaped(key, destination, ref w) || !Put(destination, ref w, (byte)'=') || !PutEscaped(value, destination, ref w))
                return System.Buffers.OperationStatus.DestinationTooSmall;
        }
        written = w;
        return System.Buffers.OperationStatus.Done;
    }

    private static bool Put(Span<byte> d, ref int w, byte b)
    {
        if (w >= d.Length) return false;
        d[w++] = b;
        return true;
    }

    private static bool PutEscaped(ReadOnlySpan<char> s, Span<byte> d, ref int w)
    {
        while (!s.IsEmpty)
        {
            int run = s.IndexOfAny('\\', '=', ',');
            if (run < 0) run = s.Length;
            if (run > d.Length - w) return false;
            System.Text.Ascii.FromUtf16(s[..run], d[w..], out int copied);
            w += copied;
            if (run == s.Length) return true;
            if (!Put(d, ref w, (byte)'\\') || !Put(d, ref w, (byte)s[run])) return false;
            s = s[(run + 1)..];
        }
        return true;
    }
}

/// <summary>The pairs of an SMETHOD <c>ARGS:</c> option inside a parsed line (no allocation).</summary>
public readonly ref struct PtArgsView
{
    /// <summary>Creates a view over validated pairs.</summary>
    public PtArgsView(ReadOnlySpan<byte> raw) => Raw = raw;

    /// <summary>The pairs as written, escapes not decoded.</summary>
    public ReadOnlySpan<byte> Raw { get; }

    /// <summary>Enumerates the pairs (escaped key and value spans).</summary>
    public Enumerator GetEnumerator() => new(Raw);

    /// <summary>Copies the pairs, unescaped, into an owned list.</summary>
    public PtKeyValueList ToOwned()
    {
        var list = new List<KeyValuePair<string, string>>();
        foreach (var pair in this) list.Add(new(PtArgs.UnescapeToString(pair.Key), PtArgs.UnescapeToString(pair.Value)));
        return new PtKeyValueList(list);
    }

    /// <summary>One pair, escapes not decoded (see <see cref="PtArgs.Unescape"/>).</summary>
    public readonly ref struct Pair
    {
        internal Pair(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
        {
            Key = key;
            Value = value;
        }

        /// <summary>The escaped key.</summary>
        public ReadOnlySpan<byte> Key { get; }

        /// <summary>The escaped value.</summary>
        public ReadOnlySpan<byte> Value { get; }
    }

    /// <summary>Enumerator over validated pairs.</summary>
    public ref struct Enumerator
    {
        private readonly ReadOnlySpan<byte> _raw;
        private int _next;

        internal Enumerator(ReadOnlySpan<byte> raw)
        {
            _raw = raw;
            _next = raw.IsEmpty ? -1 : 0;
            Current = default;
        }

        /// <summary>The current pair.</summary>
        public Pair Current { get; private set; }

        /// <summary>Moves to the next pair.</summary>
        public bool MoveNext()
        {
            if (_next < 0) return false;
            int i = _next;
            int keyEnd = FindUnescaped(_raw, i, (byte)'=');
            int valueEnd = FindUnescaped(_raw, keyEnd + 1, (byte)',');
            Current = new Pair(_raw[i..keyEnd], _raw[(keyEnd + 1)..valueEnd]);
            _next = valueEnd < _raw.Length ? valueEnd + 1 : -1;
            return true;
        }

        private static int FindUnescaped(ReadOnlySpan<byte> s, int i, byte target)
        {
            for (; i < s.Length; i++)
            {
                if (s[i] == (byte)'\\') i++;
                else if (s[i] == target) return i;
            }
            return s.Length;
        }
    }
}
