using System;
using System.Collections.Generic;
using System.Text;

namespace PtToolkit.Text;

/// <summary>
/// Space-separated <c>K=V</c> pairs whose values are String or CString (STATUS, pt-1.0 §3.3.5;
/// control-spec §2). A key is one or more visible US-ASCII bytes other than <c>=</c>.
/// </summary>
public static class PtKvLine
{
    /// <summary>Scans one or more pairs from <paramref name="start"/> to the end of the line.</summary>
    public static bool TryScan(ReadOnlySpan<byte> line, int start, out int errorOffset, out PtErrorReason reason)
    {
        int i = start;
        while (true)
        {
            int keyStart = i;
            while (i < line.Length && line[i] != (byte)'=' && PtByteClasses.IsVisible(line[i])) i++;
            if (i == keyStart) return Fail(i, i < line.Length && line[i] == (byte)'=' ? PtErrorReason.EmptyKey : PtErrorReason.MissingField, out errorOffset, out reason);
            if (i >= line.Length || line[i] != (byte)'=') return Fail(i, i < line.Length && line[i] != (byte)' ' ? PtErrorReason.BadByte : PtErrorReason.ExpectedEquals, out errorOffset, out reason);
            i++;
            if (!TryScanValue(line, i, out i, out errorOffset, out reason)) return false;
            if (i == line.Length) return true;
            if (line[i] != (byte)' ') return Fail(i, PtErrorReason.ExpectedSpace, out errorOffset, out reason);
            i++;
        }
    }

    /// <summary>Scans one String or CString value at <paramref name="start"/>; <paramref name="end"/> is where it stops.</summary>
    public static bool TryScanValue(ReadOnlySpan<byte> line, int start, out int end, out int errorOffset, out PtErrorReason reason)
    {
        if (start < line.Length && line[start] == (byte)'"')
        {
            if (!PtCString.TryScanQuoted(line, start, out end, out errorOffset, out reason)) return false;
            if (end < line.Length && line[end] != (byte)' ') return Fail(end, PtErrorReason.ExpectedSpace, out errorOffset, out reason);
            return true;
        }
        int stop = line[start..].IndexOf((byte)' ');
        end = stop < 0 ? line.Length : start + stop;
        int bad = line[start..end].IndexOfAnyExceptInRange((byte)0x21, (byte)0x7E);
        if (bad >= 0) return Fail(start + bad, PtErrorReason.BadByte, out errorOffset, out reason);
        errorOffset = 0;
        reason = PtErrorReason.None;
        return true;
    }

    private static bool Fail(int offset, PtErrorReason why, out int errorOffset, out PtErrorReason reason)
    {
        errorOffset = offset;
        reason = why;
        return false;
    }

    /// <summary>True when <paramref name="key"/> can be written as a STATUS key.</summary>
    public static bool CanWriteKey(ReadOnlySpan<char> key) =>
        key.Length > 0 && key.IndexOf('=') < 0 && key.IndexOfAnyExceptInRange('!', '~') < 0;

    /// <summary>
    /// Writes the pairs, each value bare when it can be and quoted otherwise. Returns
    /// <see cref="System.Buffers.OperationStatus.InvalidData"/> for an empty list or a key that cannot be written.
    /// </summary>
    public static System.Buffers.OperationStatus TryWrite(IReadOnlyList<KeyValuePair<string, string>> pairs, Span<byte> destination, out int written)
    {
        written = 0;
        if (pairs.Count == 0) return System.Buffers.OperationStatus.InvalidData;
        int w = 0;
        for (int p = 0; p < pairs.Count; p++)
        {
            var (key, value) = (pairs[p].Key, pairs[p].Value);
            if (!CanWriteKey(key)) return System.Buffers.OperationStatus.InvalidData;
            int need = key.Length + 1 + (p > 0 ? 1 : 0);
            if (w + need > destination.Length) return System.Buffers.OperationStatus.DestinationTooSmall;
            if (p > 0) destination[w++] = (byte)' ';
            System.Text.Ascii.FromUtf16(key, destination[w..], out int keyBytes);
            w += keyBytes;
            destination[w++] = (byte)'=';
            var status = PtCString.TryWrite(value, destination[w..], out int n);
            if (status != System.Buffers.OperationStatus.Done) return status;
            w += n;
        }
        written = w;
        return System.Buffers.OperationStatus.Done;
    }
}

/// <summary>The K=V pairs of a STATUS line inside a parsed line (no allocation).</summary>
public readonly ref struct PtKvLineView
{
    /// <summary>Creates a view over validated pairs.</summary>
    public PtKvLineView(ReadOnlySpan<byte> raw) => Raw = raw;

    /// <summary>The pairs as written.</summary>
    public ReadOnlySpan<byte> Raw { get; }

    /// <summary>Enumerates the pairs.</summary>
    public Enumerator GetEnumerator() => new(Raw);

    /// <summary>Copies the pairs, values decoded, into an owned list.</summary>
    public PtKeyValueList ToOwned()
    {
        var list = new List<KeyValuePair<string, string>>();
        foreach (var pair in this) list.Add(new(Encoding.ASCII.GetString(pair.Key), pair.Value.ToString()));
        return new PtKeyValueList(list);
    }

    /// <summary>One pair.</summary>
    public readonly ref struct Pair
    {
        internal Pair(ReadOnlySpan<byte> key, PtStringView value)
        {
            Key = key;
            Value = value;
        }

        /// <summary>The key.</summary>
        public ReadOnlySpan<byte> Key { get; }

        /// <summary>The value.</summary>
        public PtStringView Value { get; }
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
            int eq = _raw[_next..].IndexOf((byte)'=') + _next;
            var key = _raw[_next..eq];
            PtKvLine.TryScanValue(_raw, eq + 1, out int end, out _, out _);
            bool quoted = _raw[(eq + 1)..end].Length > 0 && _raw[eq + 1] == (byte)'"';
            var value = quoted ? _raw[(eq + 2)..(end - 1)] : _raw[(eq + 1)..end];
            Current = new Pair(key, new PtStringView(value, quoted));
            _next = end < _raw.Length ? end + 1 : -1;
            return true;
        }
    }
}
