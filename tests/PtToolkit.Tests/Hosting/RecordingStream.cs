using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;

namespace PtToolkit.Tests.Hosting;

/// <summary>
/// A write-only stream that keeps each Write call as one chunk. It copies a chunk a byte at a time into one shared
/// buffer, pausing halfway, so that two writers that are not serialised would mix their bytes.
/// </summary>
internal sealed class RecordingStream : TestStream
{
    private readonly List<byte[]> _chunks = new();
    private readonly List<byte> _bytes = new();
    private int _inside;

    /// <summary>True when two writes ever overlapped.</summary>
    public bool Overlapped { get; private set; }

    /// <summary>How many times Flush was called.</summary>
    public int Flushes { get; private set; }

    /// <summary>Every Write call's bytes, in order.</summary>
    public IReadOnlyList<byte[]> Chunks
    {
        get { lock (_chunks) return _chunks.ToList(); }
    }

    /// <summary>Everything written, as UTF-8 text.</summary>
    public string Text
    {
        get { lock (_bytes) return Encoding.UTF8.GetString(_bytes.ToArray()); }
    }

    /// <summary>The lines written, without their LF.</summary>
    public string[] Lines => Text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public override void Write(byte[] buffer, int offset, int count)
    {
        if (Interlocked.Increment(ref _inside) > 1) Overlapped = true;
        lock (_chunks) _chunks.Add(buffer.AsSpan(offset, count).ToArray());
        for (int i = 0; i < count; i++)
        {
            lock (_bytes) _bytes.Add(buffer[offset + i]);
            if (i == count / 2) Thread.SpinWait(2000);
        }
        Interlocked.Decrement(ref _inside);
    }

    public override void Flush() => Flushes++;

    public override bool CanRead => false;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
