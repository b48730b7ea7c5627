using System;
using System.Buffers;
using System.Text;

namespace PtToolkit.Control;

/// <summary>
/// The data block after a <c>NNN+</c> reply line (control-spec §2.3, §2.4 CmdData): lines ending in CRLF,
/// a leading period doubled, closed by a line holding a single period (not part of this view). Un-stuffing
/// is lazy: <see cref="Lines"/> yields each line without its extra period and CRLF (a slice, no copy), and
/// <see cref="CopyTo"/> writes the whole content with LF between lines into a caller's buffer.
/// </summary>
public readonly ref struct TorDataBlockView
{
    internal TorDataBlockView(ReadOnlySpan<byte> raw) => Raw = raw;

    /// <summary>The block as received: dot-stuffed lines, each with its CRLF, without the closing <c>.</c> line.</summary>
    public ReadOnlySpan<byte> Raw { get; }

    /// <summary>True when the block has no line.</summary>
    public bool IsEmpty => Raw.IsEmpty;

    /// <summary>The lines, un-stuffed, without their CRLF.</summary>
    public TorDataLineEnumerator Lines => new(Raw);

    /// <summary>The length of the content <see cref="CopyTo"/> writes: lines joined by LF, no final LF.</summary>
    public int ContentLength
    {
        get
        {
            int length = 0, count = 0;
            foreach (var line in Lines)
            {
                length += line.Length;
                count++;
            }
            return count == 0 ? 0 : length + count - 1;
        }
    }

    /// <summary>
    /// Writes the content (lines un-stuffed, joined by LF, no final LF: the form stem returns) into
    /// <paramref name="destination"/>; returns the bytes written, or -1 when it is shorter than <see cref="ContentLength"/>.
    /// </summary>
    public int CopyTo(Span<byte> destination)
    {
        if (destination.Length < ContentLength) return -1;
        int w = 0;
        bool first = true;
        foreach (var line in Lines)
        {
            if (!first) destination[w++] = (byte)'\n';
            first = false;
            line.CopyTo(destination[w..]);
            w += line.Length;
        }
        return w;
    }

    /// <summary>The content as text (UTF-8; invalid sequences become U+FFFD).</summary>
    public override string ToString()
    {
        int length = ContentLength;
        byte[] rented = ArrayPool<byte>.Shared.Rent(length);
        int n = CopyTo(rented);
        string s = Encoding.UTF8.GetString(rented, 0, n);
        ArrayPool<byte>.Shared.Return(rented);
        return s;
    }

    /// <summary>The offset in <paramref name="rest"/> of the line holding a single period that closes a framed block.</summary>
    internal static int FindEnd(ReadOnlySpan<byte> rest)
    {
        int pos = 0;
        while (true)
        {
            if (rest[pos] == (byte)'.' && rest[pos + 1] == (byte)'\r' && rest[pos + 2] == (byte)'\n') return pos;
            pos += rest[pos..].IndexOf((byte)'\n') + 1;
        }
    }
}

/// <summary>Enumerates the lines of a data block, each without its dot-stuffing and CRLF.</summary>
public ref struct TorDataLineEnumerator
{
    private ReadOnlySpan<byte> _rest;

    internal TorDataLineEnumerator(ReadOnlySpan<byte> raw)
    {
        _rest = raw;
        Current = default;
    }

    /// <summary>The current line.</summary>
    public ReadOnlySpan<byte> Current { get; private set; }

    /// <summary>Returns this enumerator (for <c>foreach</c>).</summary>
    public readonly TorDataLineEnumerator GetEnumerator() => this;

    /// <summary>Moves to the next line.</summary>
    public bool MoveNext()
    {
        if (_rest.IsEmpty) return false;
        int lf = _rest.IndexOf((byte)'\n');
        var line = _rest[..(lf - 1)];
        _rest = _rest[(lf + 1)..];
        // §2.4: a leading period is escaped with another; drop the one added.
        Current = !line.IsEmpty && line[0] == (byte)'.' ? line[1..] : line;
        return true;
    }
}
