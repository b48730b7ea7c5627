using System;
using System.Buffers;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace PtToolkit.Udp;

/// <summary>
/// Writes UDP packets as frames of a transport stream (pt-2.2 §1.5.4) with <see cref="UdpFrameEncoder"/>: each
/// packet is encoded into one pooled buffer, written in one call and flushed, so a packet never waits behind the
/// next one. Nothing is allocated per packet. One writer per stream, used by one caller at a time; dispose it to
/// give the buffer back (the stream is not disposed).
/// </summary>
public sealed class UdpFrameWriter : IDisposable
{
    private readonly Stream _stream;
    private readonly UdpFraming _framing;
    private readonly int _maxPacketLength;
    private readonly byte[] _frame;
    private bool _disposed;

    /// <summary>Writes packets of at most <paramref name="maxPacketLength"/> bytes framed as <paramref name="framing"/> to <paramref name="stream"/>.</summary>
    public UdpFrameWriter(Stream stream, UdpFraming framing, int maxPacketLength)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegative(maxPacketLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxPacketLength,
            UdpFrameEncoder.RequireKnown(framing) == UdpFraming.LengthPrefixed ? UdpFrameEncoder.MaxPrefixedPacketLength : StunHeader.MaxMessageLength);
        _stream = stream;
        _framing = framing;
        _maxPacketLength = maxPacketLength;
        _frame = ArrayPool<byte>.Shared.Rent(UdpFrameEncoder.GetFrameLength(framing, maxPacketLength));
    }

    /// <summary>
    /// Frames and writes <paramref name="packet"/>, then flushes. A packet that cannot be framed (longer than the
    /// limit, or not one whole STUN message under <see cref="UdpFraming.Stun"/>) is not written: the error says why.
    /// Stream exceptions and cancellation are the stream's own.
    /// </summary>
    public async ValueTask<UdpFrameError> WriteAsync(ReadOnlyMemory<byte> packet, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (packet.Length > _maxPacketLength) return new UdpFrameError(UdpFrameErrorKind.PacketTooLarge, _maxPacketLength);
        if (!UdpFrameEncoder.TryEncode(_framing, packet.Span, _frame, out int written, out var error)) return error;
        await _stream.WriteAsync(_frame.AsMemory(0, written), cancellationToken).ConfigureAwait(false);
        await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        return default;
    }

    /// <summary>Gives the buffer back to the pool.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        ArrayPool<byte>.Shared.Return(_frame);
    }
}
