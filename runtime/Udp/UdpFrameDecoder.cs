using System;
using System.Buffers.Binary;

namespace PtToolkit.Udp;

/// <summary>What one <see cref="UdpFrameDecoder.Decode"/> call found.</summary>
public enum UdpDecodeStatus : byte
{
    /// <summary>All input was taken and no packet is complete yet; feed the next read.</summary>
    NeedMoreData,
    /// <summary>A whole packet is ready; call again with the input that was not consumed.</summary>
    Packet,
    /// <summary>The stream is not validly framed; <see cref="UdpFrameDecoder.Error"/> says what and where. Final.</summary>
    Error,
}

/// <summary>
/// Cuts a transport stream back into UDP packets (PT 2.2 §1.5), one read at a time. The decoder is a small
/// state struct, in the manner of <c>Utf8JsonReader</c>: feed it each span read from the stream; it returns
/// one whole packet per call and keeps a packet that spans reads in a caller-owned assembly buffer, so a
/// caller never keeps input around. Nothing is allocated.
/// </summary>
/// <remarks>
/// A packet that lies whole inside the input is returned as a slice of the input; one that spans reads is
/// returned from the assembly buffer. Either stays valid only until the next call. Pass the same assembly
/// buffer, at least <see cref="AssemblyLength"/> bytes long, to every call. After an error the framing is
/// lost and every later call returns <see cref="UdpDecodeStatus.Error"/>.
/// </remarks>
public struct UdpFrameDecoder
{
    private readonly UdpFraming _framing;
    private readonly int _maxPacketLength;
    private int _filled;
    private int _frameLength;
    private long _frameStart;
    private UdpFrameError _error;

    /// <summary>Creates a decoder.</summary>
    /// <param name="framing">The framing both ends agreed on.</param>
    /// <param name="maxPacketLength">
    /// The longest packet accepted: at most 65535 for <see cref="UdpFraming.LengthPrefixed"/> (the payload), from
    /// 20 to <see cref="StunHeader.MaxMessageLength"/> for <see cref="UdpFraming.Stun"/> (the whole message).
    /// Null takes the largest the framing can express.
    /// </param>
    public UdpFrameDecoder(UdpFraming framing, int? maxPacketLength = null)
    {
        bool prefixed = UdpFrameEncoder.RequireKnown(framing) == UdpFraming.LengthPrefixed;
        int max = maxPacketLength ?? (prefixed ? UdpFrameEncoder.MaxPrefixedPacketLength : StunHeader.MaxMessageLength);
        if (prefixed) ArgumentOutOfRangeException.ThrowIfGreaterThan(max, UdpFrameEncoder.MaxPrefixedPacketLength, nameof(maxPacketLength));
        else ArgumentOutOfRangeException.ThrowIfGreaterThan(max, StunHeader.MaxMessageLength, nameof(maxPacketLength));
        ArgumentOutOfRangeException.ThrowIfLessThan(max, prefixed ? 0 : StunHeader.Length, nameof(maxPacketLength));
        _framing = framing;
        _maxPacketLength = max;
        _filled = 0;
        _frameLength = 0;
        _frameStart = 0;
        _error = default;
    }

    /// <summary>The framing.</summary>
    public readonly UdpFraming Framing => _framing;

    /// <summary>The longest packet accepted.</summary>
    public readonly int MaxPacketLength => _maxPacketLength;

    /// <summary>The least length of the assembly buffer: the longest frame.</summary>
    public readonly int AssemblyLength => _framing == UdpFraming.LengthPrefixed ? UdpFrameEncoder.PrefixLength + _maxPacketLength : _maxPacketLength;

    /// <summary>The error that stopped decoding, or none.</summary>
    public readonly UdpFrameError Error => _error;

    /// <summary>Bytes consumed so far over all calls.</summary>
    public readonly long BytesConsumed => _frameStart + _filled;

    /// <summary>True when some bytes of an unfinished frame are held in the assembly buffer.</summary>
    public readonly bool InsideFrame => _filled > 0;

    /// <summary>
    /// Reads at most one packet from <paramref name="input"/>. <paramref name="consumed"/> is how many input
    /// bytes were taken: all of them unless a packet is returned, in which case the rest is for the next call.
    /// </summary>
    public UdpDecodeStatus Decode(ReadOnlySpan<byte> input, Span<byte> assembly, out int consumed, out ReadOnlySpan<byte> packet)
    {
        consumed = 0;
        packet = default;
        if (_error.IsError) return UdpDecodeStatus.Error;
        if (assembly.Length < AssemblyLength) throw new ArgumentException($"the assembly buffer must hold at least {AssemblyLength} bytes", nameof(assembly));

        int headerLength = _framing == UdpFraming.LengthPrefixed ? UdpFrameEncoder.PrefixLength : StunHeader.PrefixLength;
        if (_filled == 0 && input.Length >= headerLength)
        {
            // The frame starts in this input: when it also ends here, return it without copying.
            if (!TryFrameLength(input, out int frameLength)) return UdpDecodeStatus.Error;
            if (input.Length >= frameLength)
            {
                consumed = frameLength;
                packet = PacketOf(input[..frameLength]);
                _frameStart += frameLength;
                return UdpDecodeStatus.Packet;
            }
            _frameLength = frameLength;
        }

        if (_frameLength == 0)
        {
            int take = Math.Min(headerLength - _filled, input.Length);
            input[..take].CopyTo(assembly[_filled..]);
            _filled += take;
            consumed = take;
            if (_filled < headerLength) return UdpDecodeStatus.NeedMoreData;
            if (!TryFrameLength(assembly[..headerLength], out _frameLength)) return UdpDecodeStatus.Error;
        }

        int rest = Math.Min(_frameLength - _filled, input.Length - consumed);
        input.Slice(consumed, rest).CopyTo(assembly[_filled..]);
        _filled += rest;
        consumed += rest;
        if (_filled < _frameLength) return UdpDecodeStatus.NeedMoreData;

        packet = PacketOf(assembly[.._frameLength]);
        _frameStart += _frameLength;
        _filled = 0;
        _frameLength = 0;
        return UdpDecodeStatus.Packet;
    }

    /// <summary>
    /// Call when the stream has ended: true when it ended between frames, else false with
    /// <see cref="UdpFrameErrorKind.Truncated"/> (or the earlier error) in <see cref="Error"/>.
    /// </summary>
    public bool TryComplete()
    {
        if (_error.IsError) return false;
        if (_filled == 0) return true;
        _error = new UdpFrameError(UdpFrameErrorKind.Truncated, _frameStart + _filled);
        return false;
    }

    private bool TryFrameLength(ReadOnlySpan<byte> header, out int frameLength)
    {
        if (_framing == UdpFraming.LengthPrefixed)
        {
            int length = BinaryPrimitives.ReadUInt16BigEndian(header);
            frameLength = UdpFrameEncoder.PrefixLength + length;
            if (length <= _maxPacketLength) return true;
            _error = new UdpFrameError(UdpFrameErrorKind.PacketTooLarge, _frameStart);
            return false;
        }
        if (!StunHeader.TryGetMessageLength(header, out frameLength, out var kind, out int offset))
        {
            _error = new UdpFrameError(kind, _frameStart + offset);
            return false;
        }
        if (frameLength <= _maxPacketLength) return true;
        _error = new UdpFrameError(UdpFrameErrorKind.PacketTooLarge, _frameStart + 2);
        return false;
    }

    private readonly ReadOnlySpan<byte> PacketOf(ReadOnlySpan<byte> frame) =>
        _framing == UdpFraming.LengthPrefixed ? frame[UdpFrameEncoder.PrefixLength..] : frame;
}
