using System;
using System.Buffers;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace PtToolkit.Udp;

/// <summary>
/// Reads the UDP packets framed on a transport stream (pt-2.2 §1.5.4), one at a time, with
/// <see cref="UdpFrameDecoder"/> over two pooled buffers: nothing is allocated per packet. One reader per
/// stream, used by one caller at a time; dispose it to give the buffers back (the stream is not disposed).
/// </summary>
public sealed class UdpFrameReader : IDisposable
{
    private const int InputLength = 16 * 1024;
    private readonly Stream _stream;
    private UdpFrameDecoder _decoder;
    private readonly byte[] _input;
    private readonly byte[] _assembly;
    private bool _disposed;
    private int _start;
    private int _end;

    /// <summary>Reads packets of at most <paramref name="maxPacketLength"/> bytes framed as <paramref name="framing"/> from <paramref name="stream"/>.</summary>
    public UdpFrameReader(Stream stream, UdpFraming framing, int maxPacketLength)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _decoder = new UdpFrameDecoder(framing, maxPacketLength);
        _stream = stream;
        _input = ArrayPool<byte>.Shared.Rent(InputLength);
        _assembly = ArrayPool<byte>.Shared.Rent(_decoder.AssemblyLength);
    }

    /// <summary>
    /// Why reading stopped: <see cref="UdpFrameErrorKind.None"/> while packets come and after a clean end,
    /// else the framing error (<see cref="UdpFrameErrorKind.Truncated"/> when the stream ended inside a frame).
    /// </summary>
    public UdpFrameError Error => _decoder.Error;

    /// <summary>
    /// The next packet, valid until the next call; null when the stream ended or its framing is wrong (see
    /// <see cref="Error"/>). Stream exceptions and cancellation are the stream's own.
    /// </summary>
    public async ValueTask<ReadOnlyMemory<byte>?> ReadAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        while (true)
        {
            if (_start < _end)
            {
                var status = Step(out var packet);
                if (status == UdpDecodeStatus.Packet) return packet;
                if (status == UdpDecodeStatus.Error) return null;
            }
            int read = await _stream.ReadAsync(_input.AsMemory(), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                _decoder.TryComplete();
                return null;
            }
            _start = 0;
            _end = read;
        }
    }

    /// <summary>Gives the buffers back to the pool.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        ArrayPool<byte>.Shared.Return(_input);
        ArrayPool<byte>.Shared.Return(_assembly);
    }

    // One decoder call on the buffered input. The packet is a slice of the input or of the assembly buffer; which
    // one, and where, is found by overlap so that it can be returned as memory across the caller's awaits.
    private UdpDecodeStatus Step(out ReadOnlyMemory<byte> packet)
    {
        packet = ReadOnlyMemory<byte>.Empty;
        var status = _decoder.Decode(_input.AsSpan(_start, _end - _start), _assembly, out int consumed, out var span);
        _start += consumed;
        if (status != UdpDecodeStatus.Packet || span.IsEmpty) return status;
        byte[] holder = span.Overlaps(_input) ? _input : _assembly;
        holder.AsSpan().Overlaps(span, out int offset);
        packet = holder.AsMemory(offset, span.Length);
        return status;
    }
}
