using System;
using System.Buffers;
using System.Buffers.Binary;

namespace PtToolkit.Udp;

/// <summary>
/// Writes UDP packets as frames of a transport stream (PT 2.2 §1.5): a two-byte big-endian length before
/// each packet for <see cref="UdpFraming.LengthPrefixed"/>, the STUN message as it is for
/// <see cref="UdpFraming.Stun"/> (after checking that its header delimits it). Nothing is allocated.
/// </summary>
public static class UdpFrameEncoder
{
    /// <summary>Length of the prefix of <see cref="UdpFraming.LengthPrefixed"/>.</summary>
    public const int PrefixLength = 2;

    /// <summary>The longest packet <see cref="UdpFraming.LengthPrefixed"/> can carry.</summary>
    public const int MaxPrefixedPacketLength = ushort.MaxValue;

    /// <summary>The length of the frame that carries a packet of <paramref name="packetLength"/> bytes.</summary>
    public static int GetFrameLength(UdpFraming framing, int packetLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(packetLength);
        return RequireKnown(framing) == UdpFraming.LengthPrefixed ? PrefixLength + packetLength : packetLength;
    }

    /// <summary>
    /// Writes the frame of <paramref name="packet"/> into <paramref name="destination"/>. On failure nothing
    /// useful is written and <paramref name="error"/> says why, with an offset into the packet.
    /// </summary>
    public static bool TryEncode(UdpFraming framing, ReadOnlySpan<byte> packet, Span<byte> destination, out int written, out UdpFrameError error)
    {
        written = 0;
        if (!TryCheck(framing, packet, out error)) return false;
        int frameLength = GetFrameLength(framing, packet.Length);
        if (destination.Length < frameLength)
        {
            error = new UdpFrameError(UdpFrameErrorKind.DestinationTooSmall, 0);
            return false;
        }
        if (framing == UdpFraming.LengthPrefixed)
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)packet.Length);
            packet.CopyTo(destination[PrefixLength..]);
        }
        else
        {
            packet.CopyTo(destination);
        }
        written = frameLength;
        return true;
    }

    /// <summary>Writes the frame of <paramref name="packet"/> to <paramref name="writer"/>; on failure nothing is written.</summary>
    public static bool TryEncode(UdpFraming framing, ReadOnlySpan<byte> packet, IBufferWriter<byte> writer, out UdpFrameError error)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (!TryCheck(framing, packet, out error)) return false;
        int frameLength = GetFrameLength(framing, packet.Length);
        var span = writer.GetSpan(frameLength);
        TryEncode(framing, packet, span, out int written, out error);
        writer.Advance(written);
        return true;
    }

    /// <summary>Checks that <paramref name="packet"/> can be framed: its length, and for STUN its header.</summary>
    public static bool TryCheck(UdpFraming framing, ReadOnlySpan<byte> packet, out UdpFrameError error)
    {
        error = default;
        if (RequireKnown(framing) == UdpFraming.LengthPrefixed)
        {
            if (packet.Length <= MaxPrefixedPacketLength) return true;
            error = new UdpFrameError(UdpFrameErrorKind.PacketTooLarge, MaxPrefixedPacketLength);
            return false;
        }
        if (packet.Length < StunHeader.Length)
        {
            error = new UdpFrameError(UdpFrameErrorKind.StunTooShort, packet.Length);
            return false;
        }
        if (!StunHeader.TryGetMessageLength(packet, out int messageLength, out var kind, out int offset))
        {
            error = new UdpFrameError(kind, offset);
            return false;
        }
        if (messageLength != packet.Length)
        {
            error = new UdpFrameError(UdpFrameErrorKind.StunLengthMismatch, 2);
            return false;
        }
        return true;
    }

    internal static UdpFraming RequireKnown(UdpFraming framing) => framing is UdpFraming.LengthPrefixed or UdpFraming.Stun
        ? framing
        : throw new ArgumentOutOfRangeException(nameof(framing), framing, "unknown UDP framing");
}
