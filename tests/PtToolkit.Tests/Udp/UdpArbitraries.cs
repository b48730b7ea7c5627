using System;
using System.Buffers.Binary;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using PtToolkit.Udp;

namespace PtToolkit.Tests.Udp;

/// <summary>Packets of one framing and the sizes of the reads the framed stream is cut into.</summary>
public sealed record PacketStream(UdpFraming Framing, byte[][] Packets, int[] Reads)
{
    /// <inheritdoc/>
    public override string ToString() =>
        $"{Framing} packets=[{string.Join(",", Packets.Select(p => Convert.ToHexString(p)))}] reads=[{string.Join(",", Reads)}]";
}

/// <summary>Any bytes, cut into reads, decoded with a framing and a packet limit.</summary>
public sealed record ArbitraryStream(UdpFraming Framing, int MaxPacketLength, byte[] Bytes, int[] Reads)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Framing} max={MaxPacketLength} bytes={Convert.ToHexString(Bytes)} reads=[{string.Join(",", Reads)}]";
}

/// <summary>FsCheck generators for UDP framing.</summary>
public static class UdpArbitraries
{
    private static readonly Gen<byte[]> PrefixedPacket =
        Gen.Frequency(
            (4, Gen.Choose(0, 8)),
            (4, Gen.Choose(9, 300)),
            (1, Gen.Choose(250, 1500)))
        .SelectMany(n => Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), n));

    /// <summary>A valid STUN message: type with the two top bits clear, body a multiple of 4 bytes.</summary>
    public static readonly Gen<byte[]> StunMessage =
        from type in Gen.Choose(0, 0x3FFF)
        from words in Gen.Frequency((4, Gen.Choose(0, 8)), (2, Gen.Choose(9, 80)), (1, Gen.Choose(200, 400)))
        from rest in Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), 12 + (4 * words))
        select Stun(type, rest);

    private static readonly Gen<int[]> ReadSizes =
        Gen.Frequency((4, Gen.Choose(1, 7)), (3, Gen.Choose(8, 64)), (1, Gen.Choose(65, 3000)))
            .NonEmptyListOf().Select(l => l.ToArray());

    /// <summary>A STUN message from its type and the bytes after the cookie (transaction ID, then body).</summary>
    public static byte[] Stun(int type, byte[] afterCookie)
    {
        var message = new byte[8 + afterCookie.Length];
        BinaryPrimitives.WriteUInt16BigEndian(message, (ushort)type);
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(2), (ushort)(afterCookie.Length - 12));
        BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(4), StunHeader.MagicCookie);
        afterCookie.CopyTo(message, 8);
        return message;
    }

    /// <summary>Packet streams of either framing.</summary>
    public static Arbitrary<PacketStream> PacketStreams() =>
        (from framing in Gen.Elements(UdpFraming.LengthPrefixed, UdpFraming.Stun)
         from packets in (framing == UdpFraming.Stun ? StunMessage : PrefixedPacket).ListOf()
         from reads in ReadSizes
         select new PacketStream(framing, packets.Take(12).ToArray(), reads))
        .ToArbitrary();

    /// <summary>Arbitrary bytes, biased towards headers that almost parse.</summary>
    public static Arbitrary<ArbitraryStream> ArbitraryStreams()
    {
        var bytes = Gen.Frequency(
            (3, ArbMap.Default.GeneratorFor<byte>()),
            (2, Gen.Elements<byte>(0x00, 0x01, 0x04, 0x21, 0x12, 0xA4, 0x42, 0xC0, 0xFF)));
        return (from framing in Gen.Elements(UdpFraming.LengthPrefixed, UdpFraming.Stun)
                from max in framing == UdpFraming.Stun ? Gen.Choose(StunHeader.Length, 200) : Gen.Choose(0, 200)
                from data in bytes.ListOf()
                from reads in ReadSizes
                select new ArbitraryStream(framing, max, data.ToArray(), reads))
            .ToArbitrary();
    }
}
