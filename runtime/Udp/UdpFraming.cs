namespace PtToolkit.Udp;

/// <summary>
/// How UDP packets are delimited inside a TCP-based transport stream (PT 2.2 §1.5, PT 2.0 §3.3.5, after
/// RFC 5389 §7.2.2). Both ends must use the same framing; nothing in the stream tells them apart.
/// </summary>
public enum UdpFraming : byte
{
    /// <summary>
    /// <c>transparent-UDP</c>: each packet is preceded by its length as two bytes in network byte order, so a
    /// packet holds 0 to 65535 bytes of any content.
    /// </summary>
    LengthPrefixed = 1,

    /// <summary>
    /// <c>STUN</c>: packets are STUN messages (RFC 5389 §6) written back to back; each one is delimited by the
    /// length field of its own 20-byte header.
    /// </summary>
    Stun = 2,
}
