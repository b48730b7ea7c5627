using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace PtToolkit.Tests.Socks;

/// <summary>
/// An in-memory duplex stream: reads hand out <see cref="Input"/> in the given chunk sizes (cycled), then either
/// end (read returns 0) or stay silent until cancelled; writes are collected in <see cref="Written"/>. Every read and
/// write completes synchronously unless it waits for cancellation.
/// </summary>
internal sealed class ScriptedStream : TestStream
{
    private readonly byte[] _input;
    private readonly int[] _chunks;
    private readonly bool _silentAtEnd;
    private readonly MemoryStream _written = new();
    private int _position;
    private int _reads;

    public ScriptedStream(byte[] input, int[]? chunks = null, bool silentAtEnd = false)
    {
        _input = input;
        _chunks = chunks is { Length: > 0 } ? chunks : [int.MaxValue];
        _silentAtEnd = silentAtEnd;
    }

    public byte[] Input => _input;

    public byte[] Written => _written.ToArray();

    /// <summary>How many input bytes were handed out.</summary>
    public int Delivered => _position;

    /// <summary>Clears what was written and starts the input again, so that one stream serves many rounds.</summary>
    public void Rewind()
    {
        _position = 0;
        _reads = 0;
        _written.SetLength(0);
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position == _input.Length)
            return _silentAtEnd ? new ValueTask<int>(WaitForCancellationAsync(cancellationToken)) : new ValueTask<int>(0);
        int n = Math.Min(Math.Min(buffer.Length, _chunks[_reads++ % _chunks.Length]), _input.Length - _position);
        _input.AsSpan(_position, n).CopyTo(buffer.Span);
        _position += n;
        return new ValueTask<int>(n);
    }

    private static async Task<int> WaitForCancellationAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        return 0;
    }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _written.Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override void Write(byte[] buffer, int offset, int count) => _written.Write(buffer, offset, count);

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
