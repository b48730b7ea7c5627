using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace PtToolkit.Tests.Udp;

/// <summary>
/// A stream over fixed bytes whose reads return at most the next of the given sizes (cycled), as a transport's reads
/// come; writes go to <see cref="Written"/>. Every call completes at once.
/// </summary>
internal sealed class ChunkedStream(byte[] content, int[] reads) : TestStream
{
    private int _at;
    private int _read;

    public MemoryStream Written { get; } = new();

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int n = Math.Min(Math.Min(reads[_read++ % reads.Length], buffer.Length), content.Length - _at);
        content.AsSpan(_at, n).CopyTo(buffer.Span);
        _at += n;
        return ValueTask.FromResult(n);
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Written.Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().Result;

    public override void Write(byte[] buffer, int offset, int count) => Written.Write(buffer, offset, count);
}
