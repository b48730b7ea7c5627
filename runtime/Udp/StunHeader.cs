using System;
using System.Buffers.Binary;

namespace PtToolkit.Udp;

/// <summary>
/// The STUN message header (RFC 5389 §6): type (2 bytes, two top bits zero), length of the body after the
/// header (2 bytes, a multiple of 4), magic cookie 0x2112A442 (4 bytes), transaction ID (12 bytes).
/// </summary>
public static class StunHeader
{
    /// <summary>Length of the header.</summary>
    public const int Length = 20;

    /// <summary>The magic cookie, big-endian at bytes 4 to 7.</summary>
    public const uint MagicCookie = 0x2112A442;

    /// <summary>The longest message: the header and the largest multiple of 4 a 16-bit length holds.</summary>
    public const int MaxMessageLength = Length + 65532;

    /// <summary>How many leading bytes <see cref="TryGetMessageLength"/> needs: type, length and cookie.</summary>
    public const int PrefixLength = 8;

    /// <summary>
    /// Checks the first <see cref="PrefixLength"/> bytes of a message and gives its whole length, header
    /// included. On failure, <paramref name="errorOffset"/> is the offset of the field found wrong.
    /// </summary>
    public static bool TryGetMessageLength(ReadOnlySpan<byte> prefix, out int messageLength, out UdpFrameErrorKind error, out int errorOffset)
    {
        messageLength = 0;
        if (prefix.Length < PrefixLength) return Fail(UdpFrameErrorKind.StunTooShort, prefix.Length, out error, out errorOffset);
        if ((prefix[0] & 0xC0) != 0) return Fail(UdpFrameErrorKind.StunBadType, 0, out error, out errorOffset);
        int bodyLength = BinaryPrimitives.ReadUInt16BigEndian(prefix[2..]);
        if ((bodyLength & 3) != 0) return Fail(UdpFrameErrorKind.StunBadLength, 2, out error, out errorOffset);
        if (BinaryPrimitives.ReadUInt32BigEndian(prefix[4..]) != MagicCookie) return Fail(UdpFrameErrorKind.StunBadMagicCookie, 4, out error, out errorOffset);
        messageLength = Length + bodyLength;
        error = UdpFrameErrorKind.None;
        errorOffset = 0;
        return true;
    }

    private static bool Fail(UdpFrameErrorKind kind, int offset, out UdpFrameErrorKind error, out int errorOffset)
    {
        error = kind;
        errorOffset = offset;
        return false;
    }
}
