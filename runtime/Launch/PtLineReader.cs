using System;
using System.Buffers;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace PtToolkit.Launch;

/// <summary>Receives the lines that <see cref="PtLineReader"/> cuts.</summary>
internal interface IPtLineSink
{
    /// <summary>One line, without its LF (a CR before it stays; the IPC parsers drop it).</summary>
    void OnLine(ReadOnlySpan<byte> line);

    /// <summary>A line longer than the bound: its <paramref name="length"/> bytes (before the LF) were skipped.</summary>
    void OnLineTooLong(long length);
}

/// <summary>
/// Cuts a byte stream into LF-terminated lines of at most a given length, without decoding: bytes that are not
/// UTF-8 reach the sink as they came. A longer line is skipped up to its LF and reported by its length. A last line
/// without LF is delivered at the end of the stream. The buffer grows from 4 KiB up to the bound and is pooled.
/// </summary>
internal static class PtLineReader
{
    private const int InitialBuffer = 4096;

    /// <summary>Reads <paramref name="stream"/> to its end (or until <paramref name="cancellationToken"/>), handing lines to <paramref name="sink"/>.</summary>
    public static async Task ReadAsync(Stream stream, int maxLineBytes, IPtLineSink sink, CancellationToken cancellationToken)
    {
        int limit = maxLineBytes + 1;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Min(InitialBuffer, limit));
        var state = new State();
        try
        {
            while (true)
            {
                if (state.End == Capacity(buffer, limit)) MakeRoom(ref buffer, ref state, limit);
                int n = await stream.ReadAsync(buffer.AsMemory(state.End, Capacity(buffer, limit) - state.End), cancellationToken).ConfigureAwait(false);
                if (n == 0) break;
                int scanFrom = state.End;
                state.End += n;
                Cut(buffer, ref state, scanFrom, sink);
            }
            if (state.Discarding) sink.OnLineTooLong(state.Discarded + state.End - state.Start);
            else if (state.End > state.Start) sink.OnLine(buffer.AsSpan(state.Start, state.End - state.Start));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // A rented array may be longer than asked for; no more than the bound is ever used.
    private static int Capacity(byte[] buffer, int limit) => Math.Min(buffer.Length, limit);

    private struct State
    {
        public int Start;
        public int End;
        public bool Discarding;
        public long Discarded;
    }

    private static void Cut(byte[] buffer, ref State state, int scanFrom, IPtLineSink sink)
    {
        while (true)
        {
            int lf = buffer.AsSpan(scanFrom, state.End - scanFrom).IndexOf((byte)'\n');
            if (lf < 0) return;
            int at = scanFrom + lf;
            if (state.Discarding)
            {
                sink.OnLineTooLong(state.Discarded + at - state.Start);
                state.Discarding = false;
                state.Discarded = 0;
            }
            else
            {
                sink.OnLine(buffer.AsSpan(state.Start, at - state.Start));
            }
            state.Start = at + 1;
            scanFrom = state.Start;
        }
    }

    // The buffer is full: drop the lines already handed out, else grow, else the line is too long (skip it).
    private static void MakeRoom(ref byte[] buffer, ref State state, int limit)
    {
        if (state.Start > 0)
        {
            buffer.AsSpan(state.Start, state.End - state.Start).CopyTo(buffer);
            state.End -= state.Start;
            state.Start = 0;
        }
        else if (buffer.Length < limit)
        {
            byte[] larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(buffer.Length * 2L, limit));
            buffer.AsSpan(0, state.End).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = larger;
        }
        else
        {
            state.Discarding = true;
            state.Discarded += state.End;
            state.End = 0;
        }
    }
}
