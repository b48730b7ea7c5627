namespace PtToolkit.Udp;

/// <summary>Why a UDP frame was refused. Each kind has a fixed description, so reporting one allocates nothing.</summary>
public enum UdpFrameErrorKind : byte
{
    /// <summary>No error.</summary>
    None,
    /// <summary>The packet is longer than the limit (the configured one, or what the framing can express).</summary>
    PacketTooLarge,
    /// <summary>A STUN message's two most significant bits are not zero (RFC 5389 §6).</summary>
    StunBadType,
    /// <summary>A STUN message's magic cookie is not 0x2112A442 (RFC 5389 §6).</summary>
    StunBadMagicCookie,
    /// <summary>A STUN message length that is not a multiple of 4 (attributes are padded, RFC 5389 §15).</summary>
    StunBadLength,
    /// <summary>A packet given to the encoder is shorter than a STUN header (20 bytes).</summary>
    StunTooShort,
    /// <summary>A packet given to the encoder whose STUN length field does not match its size.</summary>
    StunLengthMismatch,
    /// <summary>The destination buffer cannot hold the frame.</summary>
    DestinationTooSmall,
    /// <summary>The stream ended inside a frame.</summary>
    Truncated,
}

/// <summary>
/// What was wrong with a frame and where: for the decoder, the offset in the whole byte stream of the byte
/// found wrong; for the encoder, the offset in the packet. A default value means no error.
/// </summary>
public readonly record struct UdpFrameError(UdpFrameErrorKind Kind, long Offset)
{
    /// <summary>True when this value holds an error.</summary>
    public bool IsError => Kind != UdpFrameErrorKind.None;

    /// <summary>A fixed English description of <paramref name="kind"/>.</summary>
    public static string Describe(UdpFrameErrorKind kind) => kind switch
    {
        UdpFrameErrorKind.None => "no error",
        UdpFrameErrorKind.PacketTooLarge => "packet longer than the limit",
        UdpFrameErrorKind.StunBadType => "STUN message type with its two top bits set",
        UdpFrameErrorKind.StunBadMagicCookie => "STUN magic cookie is not 0x2112A442",
        UdpFrameErrorKind.StunBadLength => "STUN message length is not a multiple of 4",
        UdpFrameErrorKind.StunTooShort => "packet shorter than a STUN header",
        UdpFrameErrorKind.StunLengthMismatch => "STUN length field does not match the packet size",
        UdpFrameErrorKind.DestinationTooSmall => "destination too small for the frame",
        UdpFrameErrorKind.Truncated => "stream ended inside a frame",
        _ => "unknown error",
    };

    /// <summary>The description of <see cref="Kind"/>.</summary>
    public string Description => Describe(Kind);

    /// <inheritdoc/>
    public override string ToString() => IsError ? $"offset {Offset}: {Description}" : "no error";
}
