using System;
using PtToolkit.Udp;
using Xunit;

namespace PtToolkit.Tests.Udp;

/// <summary>Fixed cases of the two framings (PT 2.2 §1.5, RFC 5389 §6) and of the decoder's contract.</summary>
public class UdpFrameExampleTests
{
    private static readonly byte[] BindingRequest =
    [
        0x00, 0x01, 0x00, 0x00, 0x21, 0x12, 0xA4, 0x42,
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
    ];

    [Fact]
    public void Length_prefixed_frames_are_a_big_endian_length_then_the_packet()
    {
        var frame = new byte[5];
        Assert.True(UdpFrameEncoder.TryEncode(UdpFraming.LengthPrefixed, "abc"u8, frame, out int written, out _));
        Assert.Equal(5, written);
        Assert.Equal(new byte[] { 0, 3, (byte)'a', (byte)'b', (byte)'c' }, frame);

        var decoder = new UdpFrameDecoder(UdpFraming.LengthPrefixed);
        var assembly = new byte[decoder.AssemblyLength];
        byte[] stream = [0, 3, (byte)'a', (byte)'b', (byte)'c', 0, 0, 1, 0];
        Assert.Equal(UdpDecodeStatus.Packet, decoder.Decode(stream, assembly, out int consumed, out var packet));
        Assert.Equal("abc"u8.ToArray(), packet.ToArray());
        Assert.Equal(UdpDecodeStatus.Packet, decoder.Decode(stream.AsSpan(consumed), assembly, out int consumed2, out packet));
        Assert.True(packet.IsEmpty);
        Assert.Equal(UdpDecodeStatus.NeedMoreData, decoder.Decode(stream.AsSpan(consumed + consumed2), assembly, out int consumed3, out _));
        Assert.Equal(2, consumed3);
        Assert.True(decoder.InsideFrame);
    }

    [Fact]
    public void A_packet_whole_in_the_input_is_not_copied_and_one_across_reads_is_assembled()
    {
        var decoder = new UdpFrameDecoder(UdpFraming.Stun);
        var assembly = new byte[decoder.AssemblyLength];

        Assert.Equal(UdpDecodeStatus.Packet, decoder.Decode(BindingRequest, assembly, out _, out var packet));
        Assert.True(packet.Overlaps(BindingRequest));

        Assert.Equal(UdpDecodeStatus.NeedMoreData, decoder.Decode(BindingRequest.AsSpan(0, 5), assembly, out _, out _));
        Assert.Equal(UdpDecodeStatus.Packet, decoder.Decode(BindingRequest.AsSpan(5), assembly, out int consumed, out packet));
        Assert.Equal(15, consumed);
        Assert.True(packet.Overlaps(assembly));
        Assert.Equal(BindingRequest, packet.ToArray());
    }

    [Fact]
    public void The_largest_prefixed_packet_round_trips_and_one_byte_more_is_refused()
    {
        var packet = new byte[UdpFrameEncoder.MaxPrefixedPacketLength];
        new Random(7).NextBytes(packet);
        var frame = new byte[UdpFrameEncoder.GetFrameLength(UdpFraming.LengthPrefixed, packet.Length)];
        Assert.True(UdpFrameEncoder.TryEncode(UdpFraming.LengthPrefixed, packet, frame, out _, out _));
        var decoder = new UdpFrameDecoder(UdpFraming.LengthPrefixed);
        var packets = UdpFrameHarness.Decode(ref decoder, frame, [1000]);
        Assert.Equal(packet, Assert.Single(packets));

        Assert.False(UdpFrameEncoder.TryEncode(UdpFraming.LengthPrefixed, new byte[packet.Length + 1], new byte[packet.Length + 3], out _, out var error));
        Assert.Equal(UdpFrameErrorKind.PacketTooLarge, error.Kind);
    }

    [Fact]
    public void The_encoder_refuses_what_the_decoder_could_not_delimit()
    {
        var big = new byte[64];
        Assert.False(UdpFrameEncoder.TryEncode(UdpFraming.Stun, BindingRequest.AsSpan(0, 19), big, out _, out var error));
        Assert.Equal(new UdpFrameError(UdpFrameErrorKind.StunTooShort, 19), error);

        byte[] longer = [.. BindingRequest, 0, 0, 0, 0];
        Assert.False(UdpFrameEncoder.TryEncode(UdpFraming.Stun, longer, big, out _, out error));
        Assert.Equal(new UdpFrameError(UdpFrameErrorKind.StunLengthMismatch, 2), error);

        Assert.False(UdpFrameEncoder.TryEncode(UdpFraming.Stun, BindingRequest, new byte[19], out int written, out error));
        Assert.Equal(UdpFrameErrorKind.DestinationTooSmall, error.Kind);
        Assert.Equal(0, written);

        byte[] classic = (byte[])BindingRequest.Clone();
        classic[4] = 0;
        Assert.False(UdpFrameEncoder.TryCheck(UdpFraming.Stun, classic, out error));
        Assert.Equal(new UdpFrameError(UdpFrameErrorKind.StunBadMagicCookie, 4), error);
    }

    [Fact]
    public void Limits_and_buffers_outside_the_framing_are_refused_by_the_caller_contract()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new UdpFrameDecoder(UdpFraming.Stun, StunHeader.Length - 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new UdpFrameDecoder(UdpFraming.Stun, StunHeader.MaxMessageLength + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new UdpFrameDecoder(UdpFraming.LengthPrefixed, 65536));
        Assert.Throws<ArgumentOutOfRangeException>(() => new UdpFrameDecoder((UdpFraming)9));
        Assert.Equal(22, new UdpFrameDecoder(UdpFraming.LengthPrefixed, 20).AssemblyLength);
        Assert.Throws<ArgumentException>(() =>
        {
            var decoder = new UdpFrameDecoder(UdpFraming.LengthPrefixed, 20);
            decoder.Decode([0, 1, 2], new byte[21], out _, out _);
        });
    }

    [Fact]
    public void Decoding_allocates_nothing()
    {
        byte[] stream = UdpFrameHarness.Frame(UdpFraming.Stun, System.Linq.Enumerable.Repeat(BindingRequest, 200));
        var assembly = new byte[StunHeader.MaxMessageLength];
        int packets = DecodeInReadsOf7(stream, assembly);
        long before = GC.GetAllocatedBytesForCurrentThread();
        packets += DecodeInReadsOf7(stream, assembly);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(400, packets);
    }

    private static int DecodeInReadsOf7(byte[] stream, byte[] assembly)
    {
        var decoder = new UdpFrameDecoder(UdpFraming.Stun);
        int packets = 0;
        for (int at = 0; at < stream.Length; at += 7)
        {
            var input = stream.AsSpan(at, Math.Min(7, stream.Length - at));
            while (decoder.Decode(input, assembly, out int consumed, out _) == UdpDecodeStatus.Packet)
            {
                input = input[consumed..];
                packets++;
            }
        }
        return packets;
    }

    [Fact]
    public void A_stream_that_ends_between_frames_completes()
    {
        var decoder = new UdpFrameDecoder(UdpFraming.Stun);
        Assert.True(decoder.TryComplete());
        UdpFrameHarness.Decode(ref decoder, BindingRequest, [3]);
        Assert.True(decoder.TryComplete());
        Assert.Equal(BindingRequest.Length, decoder.BytesConsumed);
    }
}
