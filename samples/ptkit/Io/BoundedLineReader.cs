using System;
using System.IO;

namespace PtToolkit.Cli.Io;

/// <summary>What <see cref="BoundedLineReader.Read"/> found.</summary>
internal enum LineStatus
{
    /// <summary>A line, without its LF (a CR before it is kept).</summary>
    Line,
    /// <summary>A line longer than the limit: its bytes were skipped up to and including its LF.</summary>
    TooLong,
    /// <summary>No more input.</summary>
    End,
}

/// <summary>
/// Splits a byte stream on LF without decoding it (invalid UTF-8 reaches the parser as it was sent).
/// A line longer than the limit is never held whole: it is reported as <see cref="LineStatus.TooLong"/>
/// and skipped, and reading goes on with the next line. The empty rest after a final LF is not a line.
/// </summary>
internal sealed class BoundedLineReader
{
    private const int InitialBufferBytes = 64 * 1024;

    private readonly Stream _input;
    private readonly int _maxLineBytes;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _eof;

    /// <summary>Reads from <paramref name="input"/>; lines may hold up to <paramref name="maxLineBytes"/> bytes before their LF.</summary>
    public BoundedLineReader(Stream input, int maxLineBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineBytes, 1);
        _input = input;
        _maxLineBytes = maxLineBytes;
        _buffer = new byte[Math.Min(InitialBufferBytes, maxLineBytes + 1)];
    }

    /// <summary>Called before each read that may block, so that a caller can flush what it wrote so far.</summary>
    public Action? BeforeRead { get; init; }

    /// <summary>The limit given to the constructor.</summary>
    public int MaxLineBytes => _maxLineBytes;

    /// <summary>
    /// Reads the next line. The returned memory is valid until the next call. Throws <see cref="IOException"/>
    /// when the stream cannot be read.
    /// </summary>
    public LineStatus Read(out ReadOnlyMemory<byte> line)
    {
        line = default;
        int searched = _start;
        while (true)
        {
            int lf = _buffer.AsSpan(searched, _end - searched).IndexOf((byte)'\n');
            if (lf >= 0)
            {
                int stop = searched + lf;
                line = _buffer.AsMemory(_start, stop - _start);
                _start = stop + 1;
                return LineStatus.Line;
            }
            if (_end - _start > _maxLineBytes)
            {
                SkipPastNextLineFeed();
                return LineStatus.TooLong;
            }
            if (_eof)
            {
                if (_start == _end) return LineStatus.End;
                line = _buffer.AsMemory(_start, _end - _start);
                _start = _end;
                return LineStatus.Line;
            }
            searched = _end;
            searched -= Fill();
        }
    }

    /// <summary>
    /// Reads more bytes after the pending ones, moving them to the front or growing the buffer first
    /// (the buffer never grows past one line of the limit plus its LF). Returns how far the pending bytes moved.
    /// </summary>
    private int Fill()
    {
        int shift = _start;
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length) Array.Resize(ref _buffer, Math.Min(_buffer.Length * 2, _maxLineBytes + 1));
        BeforeRead?.Invoke();
        int n = _input.Read(_buffer, _end, _buffer.Length - _end);
        if (n == 0) _eof = true;
        _end += n;
        return shift;
    }

    /// <summary>Drops the pending bytes and everything up to and including the next LF (or the end of input).</summary>
    private void SkipPastNextLineFeed()
    {
        while (true)
        {
            _start = _end = 0;
            if (_eof) return;
            BeforeRead?.Invoke();
            int n = _input.Read(_buffer, 0, _buffer.Length);
            if (n == 0)
            {
                _eof = true;
                return;
            }
            int lf = _buffer.AsSpan(0, n).IndexOf((byte)'\n');
            if (lf >= 0)
            {
                _start = lf + 1;
                _end = n;
                return;
            }
        }
    }
}
