using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using FsCheck.Xunit;
using PtToolkit.Udp;
using Xunit;

namespace PtToolkit.Tests.Udp;

/// <summary>
/// <see cref="UdpFrameWriter"/> and <see cref="UdpFrameReader"/>: what the writer puts on a stream, the reader gives back
/// under any cut into reads; the reader agrees with the decoder on any bytes; the writer refuses what it cannot frame.
/// </summary>
public class UdpFrameStreamTests
{
    [Property(Arbitrary = new[] { typeof(UdpArbitraries) }, MaxTest = 500)]
    public void Written_packets_are_read_back_in_order_under_any_split_into_reads(PacketStream s)
    {
        var sink = new ChunkedStream([], [1]);
        using (var writer = new UdpFrameWriter(sink, s.Framing, 65535))
        {
            foreach (var packet in s.Packets) Assert.False(Sync(writer.WriteAsync(packet)).IsError);
        }
        byte[] wire = sink.Written.ToArray();
        Assert.Equal(UdpFrameHarness.Frame(s.Framing, s.Packets), wire);

        var (packets, error) = ReadAll(wire, s.Framing, 65535, s.Reads);

        Assert.Equal(UdpFrameErrorKind.None, error.Kind);
        Assert.Equal(s.Packets, packets);
    }

    [Property(Arbitrary = new[] { typeof(UdpArbitraries) }, MaxTest = 1000)]
    public void On_any_bytes_the_reader_gives_what_the_decoder_gives_and_never_throws(ArbitraryStream s)
    {
        var decoder = new UdpFrameDecoder(s.Framing, s.MaxPacketLength);
        var expected = UdpFrameHarness.Decode(ref decoder, s.Bytes, s.Reads);
        decoder.TryComplete();

        var (packets, error) = ReadAll(s.Bytes, s.Framing, s.MaxPacketLength, s.Reads);

        Assert.Equal(expected, packets);
        Assert.Equal(decoder.Error, error);
    }

    [Fact]
    public void The_writer_refuses_a_packet_over_its_limit_and_writes_nothing()
    {
        var sink = new ChunkedStream([], [1]);
        using var writer = new UdpFrameWriter(sink, UdpFraming.LengthPrefixed, 100);

        Assert.Equal(UdpFrameErrorKind.PacketTooLarge, Sync(writer.WriteAsync(new byte[101])).Kind);
        Assert.False(Sync(writer.WriteAsync(new byte[100])).IsError);
        Assert.Equal(102, sink.Written.Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a STUN message at all")]
    public void In_STUN_framing_the_writer_refuses_what_is_not_one_STUN_message(string text)
    {
        var sink = new ChunkedStream([], [1]);
        using var writer = new UdpFrameWriter(sink, UdpFraming.Stun, 1000);

        Assert.True(Sync(writer.WriteAsync(System.Text.Encoding.ASCII.GetBytes(text))).IsError);
        Assert.Equal(0, sink.Written.Length);
    }

    [Fact]
    public void Reading_and_writing_a_packet_allocates_nothing_in_the_steady_state()
    {
        byte[] packet = new byte[1200];
        var pipe = new LoopStream();
        using var writer = new UdpFrameWriter(pipe, UdpFraming.LengthPrefixed, 1500);
        using var reader = new UdpFrameReader(pipe, UdpFraming.LengthPrefixed, 1500);

        long allocated = Allocations.SteadyState(() =>
        {
            Sync(writer.WriteAsync(packet));
            var read = reader.ReadAsync();
            if (!read.IsCompletedSuccessfully || read.Result is not { Length: 1200 }) throw new InvalidOperationException("the packet did not come back");
        });

        Assert.Equal(0, allocated);
    }

    private static (List<byte[]> Packets, UdpFrameError Error) ReadAll(byte[] wire, UdpFraming framing, int max, int[] reads)
    {
        var packets = new List<byte[]>();
        using var reader = new UdpFrameReader(new ChunkedStream(wire, reads), framing, max);
        while (Sync(reader.ReadAsync()) is { } packet) packets.Add(packet.ToArray());
        return (packets, reader.Error);
    }

    private static T Sync<T>(ValueTask<T> task)
    {
        Assert.True(task.IsCompleted, "a call on a stream that completes at once did not complete at once");
        return task.Result;
    }

    /// <summary>A stream whose reads return what was written, all at once; it never ends.</summary>
    private sealed class LoopStream : TestStream
    {
        private readonly byte[] _buffer = new byte[1 << 16];
        private int _length;

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, System.Threading.CancellationToken cancellationToken = default)
        {
            int n = Math.Min(_length, buffer.Length);
            _buffer.AsSpan(0, n).CopyTo(buffer.Span);
            _buffer.AsSpan(n, _length - n).CopyTo(_buffer);
            _length -= n;
            return ValueTask.FromResult(n);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, System.Threading.CancellationToken cancellationToken = default)
        {
            buffer.Span.CopyTo(_buffer.AsSpan(_length));
            _length += buffer.Length;
            return ValueTask.CompletedTask;
        }

        public override Task FlushAsync(System.Threading.CancellationToken cancellationToken) => Task.CompletedTask;

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
