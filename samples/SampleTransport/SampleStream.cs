using System;
using System.Buffers;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace PtToolkit.Samples.SampleTransport;

/// <summary>
/// The sample transport's stream over a connection: bytes written are XORed with the sending keystream before they
/// go out, bytes read are XORed with the receiving keystream. Reading and writing may run at the same time (each
/// direction has its own keystream); two reads, or two writes, at once are not supported.
/// </summary>
internal sealed class SampleStream : Stream
{
    private const int WriteChunk = 16 * 1024;
    private readonly Stream _inner;
    private readonly SampleKeystream _send;
    private readonly SampleKeystream _receive;

    public SampleStream(Stream inner, SampleKeystream send, SampleKeystream receive)
    {
        _inner = inner;
        _send = send;
        _receive = receive;
    }

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int n = await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        _receive.Apply(buffer.Span[..n]);
        return n;
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        int n = _inner.Read(buffer, offset, count);
        _receive.Apply(buffer.AsSpan(offset, n));
        return n;
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        byte[] chunk = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length, WriteChunk));
        try
        {
            while (!buffer.IsEmpty)
            {
                int n = Math.Min(buffer.Length, chunk.Length);
                buffer.Span[..n].CopyTo(chunk);
                _send.Apply(chunk.AsSpan(0, n));
                await _inner.WriteAsync(chunk.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
                buffer = buffer[n..];
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    public override void Write(byte[] buffer, int offset, int count) =>
        WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task FlushAsync(CancellationToken cancellationToken) => _inner.FlushAsync(cancellationToken);

    public override void Flush() => _inner.Flush();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
            _send.Dispose();
            _receive.Dispose();
        }
        base.Dispose(disposing);
    }
}
