using System;
using System.Buffers;
using System.Linq;
using FsCheck.Xunit;
using PtToolkit.Udp;
using Xunit;

namespace PtToolkit.Tests.Udp;

/// <summary>Encode then decode gives the packets back under any cut into reads; arbitrary bytes never throw.</summary>
public class UdpFramePropertyTests
{
    [Property(Arbitrary = new[] { typeof(UdpArbitraries) }, MaxTest = 1000)]
    public void Packets_round_trip_under_any_split_into_reads(PacketStream s)
    {
        byte[] stream = UdpFrameHarness.Frame(s.Framing, s.Packets);
        var decoder = new UdpFrameDecoder(s.Framing);

        var packets = UdpFrameHarness.Decode(ref decoder, stream, s.Reads);

        Assert.False(decoder.Error.IsError, decoder.Error.ToString());
        Assert.Equal(s.Packets, packets);
        Assert.Equal(stream.Length, decoder.BytesConsumed);
        Assert.True(decoder.TryComplete());
    }

    [Property(Arbitrary = new[] { typeof(UdpArbitraries) }, MaxTest = 500)]
    public void A_stream_cut_inside_a_frame_is_reported_truncated_where_it_ends(PacketStream s)
    {
        byte[] stream = UdpFrameHarness.Frame(s.Framing, s.Packets);
        if (stream.Length == 0) return;
        int cut = s.Reads[0] % stream.Length;
        int whole = 0, end = 0;
        foreach (var p in s.Packets)
        {
            int next = end + UdpFrameEncoder.GetFrameLength(s.Framing, p.Length);
            if (next > cut) break;
            end = next;
            whole++;
        }
        var decoder = new UdpFrameDecoder(s.Framing);

        var packets = UdpFrameHarness.Decode(ref decoder, stream[..cut], s.Reads);

        Assert.Equal(s.Packets.Take(whole), packets);
        if (cut == end)
        {
            Assert.True(decoder.TryComplete());
        }
        else
        {
            Assert.False(decoder.TryComplete());
            Assert.Equal(new UdpFrameError(UdpFrameErrorKind.Truncated, cut), decoder.Error);
        }
    }

    [Property(Arbitrary = new[] { typeof(UdpArbitraries) }, MaxTest = 3000)]
    public void Arbitrary_bytes_never_throw_and_every_packet_fits_the_framing(ArbitraryStream s)
    {
        var decoder = new UdpFrameDecoder(s.Framing, s.MaxPacketLength);

        var packets = UdpFrameHarness.Decode(ref decoder, s.Bytes, s.Reads);

        foreach (var p in packets)
        {
            Assert.True(p.Length <= s.MaxPacketLength);
            Assert.True(UdpFrameEncoder.TryCheck(s.Framing, p, out var error), error.ToString());
        }
        byte[] framed = UdpFrameHarness.Frame(s.Framing, packets);
        Assert.Equal(framed, s.Bytes.Take(framed.Length));
        if (decoder.Error.IsError)
        {
            Assert.InRange(decoder.Error.Offset, 0, s.Bytes.Length);
            Assert.Equal(UdpDecodeStatus.Error, decoder.Decode(new byte[] { 0, 0 }, new byte[decoder.AssemblyLength], out int consumed, out _));
            Assert.Equal(0, consumed);
        }
    }

    [Property(Arbitrary = new[] { typeof(UdpArbitraries) }, MaxTest = 1000)]
    public void A_mutated_stun_header_is_refused_at_the_mutated_field(PacketStream s, byte which, byte part, byte noise)
    {
        if (s.Framing != UdpFraming.Stun || s.Packets.Length == 0) return;
        int victim = which % s.Packets.Length;
        int start = s.Packets.Take(victim).Sum(p => p.Length);
        byte[] stream = UdpFrameHarness.Frame(s.Framing, s.Packets);
        // Each mutation breaks one field; the error points at the start of that field.
        (int at, byte mask, UdpFrameErrorKind kind, int field) = (part % 3) switch
        {
            0 => (0, (byte)(0x40 << (noise & 1)), UdpFrameErrorKind.StunBadType, 0),
            1 => (3, (byte)(1 + (noise % 3)), UdpFrameErrorKind.StunBadLength, 2),
            _ => (4 + (noise % 4), (byte)Math.Max(1, (int)noise), UdpFrameErrorKind.StunBadMagicCookie, 4),
        };
        stream[start + at] ^= mask;
        var decoder = new UdpFrameDecoder(s.Framing);

        var packets = UdpFrameHarness.Decode(ref decoder, stream, s.Reads);

        Assert.Equal(s.Packets.Take(victim), packets);
        Assert.Equal(new UdpFrameError(kind, start + field), decoder.Error);
    }

    [Property(Arbitrary = new[] { typeof(UdpArbitraries) }, MaxTest = 500)]
    public void Packets_longer_than_the_limit_are_refused_at_their_frame(PacketStream s)
    {
        if (s.Packets.Length == 0) return;
        int longest = s.Packets.Max(p => p.Length);
        int floor = s.Framing == UdpFraming.Stun ? StunHeader.Length : 0;
        if (longest == floor) return;
        int max = longest - 1;
        int victim = Array.FindIndex(s.Packets, p => p.Length > max);
        int start = s.Packets.Take(victim).Sum(p => UdpFrameEncoder.GetFrameLength(s.Framing, p.Length));
        var decoder = new UdpFrameDecoder(s.Framing, max);

        var packets = UdpFrameHarness.Decode(ref decoder, UdpFrameHarness.Frame(s.Framing, s.Packets), s.Reads);

        Assert.Equal(s.Packets.Take(victim), packets);
        Assert.Equal(new UdpFrameError(UdpFrameErrorKind.PacketTooLarge, start + (s.Framing == UdpFraming.Stun ? 2 : 0)), decoder.Error);
    }

    [Property(Arbitrary = new[] { typeof(UdpArbitraries) }, MaxTest = 300)]
    public void The_buffer_writer_form_writes_the_same_frames(PacketStream s)
    {
        var writer = new ArrayBufferWriter<byte>();
        foreach (var p in s.Packets) Assert.True(UdpFrameEncoder.TryEncode(s.Framing, p, writer, out _));
        Assert.Equal(UdpFrameHarness.Frame(s.Framing, s.Packets), writer.WrittenSpan.ToArray());
    }
}
