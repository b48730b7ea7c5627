using System;
using System.Buffers;
using System.IO;
using System.IO.Pipelines;
using System.Threading.Tasks;

namespace PtToolkit.InProcess;

/// <summary>
/// The write end of an in-memory pipe, as a stream for <see cref="Hosting.PtIpcWriter"/> (which writes and flushes
/// each line under its own lock). Once <see cref="Complete"/> ran, writes fail with <see cref="IOException"/>, as
/// writes to a pipe whose reader is gone do, and the writer stops writing.
/// </summary>
internal sealed class PtPipeWriteStream(PipeWriter writer) : Stream
{
    private readonly object _gate = new();
    private bool _completed;

    /// <inheritdoc/>
    public override bool CanRead => false;

    /// <inheritdoc/>
    public override bool CanSeek => false;

    /// <inheritdoc/>
    public override bool CanWrite => true;

    /// <inheritdoc/>
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc/>
    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Ends the pipe: its reader sees the end of the stream after what was written.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            if (_completed) return;
            _completed = true;
            writer.Complete();
        }
    }

    /// <inheritdoc/>
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        lock (_gate)
        {
            ThrowIfCompleted();
            writer.Write(buffer);
        }
    }

    /// <inheritdoc/>
    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    /// <summary>Hands what was written to the reader; blocks while the reader is behind by more than the pipe holds.</summary>
    public override void Flush()
    {
        ValueTask<FlushResult> flush;
        lock (_gate)
        {
            ThrowIfCompleted();
            flush = writer.FlushAsync();
        }
        // Completed at once unless the reader is behind (no allocation then); otherwise wait, as a pipe write blocks.
        if (flush.IsCompletedSuccessfully) _ = flush.Result;
        else flush.AsTask().GetAwaiter().GetResult();
    }

    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void SetLength(long value) => throw new NotSupportedException();

    private void ThrowIfCompleted()
    {
        if (_completed) throw new IOException("the pipe to the parent is closed");
    }
}
