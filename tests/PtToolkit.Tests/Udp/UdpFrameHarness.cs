using System;
using System.Collections.Generic;
using PtToolkit.Udp;

namespace PtToolkit.Tests.Udp;

/// <summary>Feeds a byte stream to a decoder in reads of given sizes, as a transport would.</summary>
internal static class UdpFrameHarness
{
    public static byte[] Frame(UdpFraming framing, IEnumerable<byte[]> packets)
    {
        var stream = new List<byte>();
        foreach (var packet in packets)
        {
            var frame = new byte[UdpFrameEncoder.GetFrameLength(framing, packet.Length)];
            if (!UdpFrameEncoder.TryEncode(framing, packet, frame, out int written, out var error)) throw new InvalidOperationException(error.ToString());
            stream.AddRange(frame.AsSpan(0, written));
        }
        return stream.ToArray();
    }

    /// <summary>Decodes <paramref name="stream"/> cut into <paramref name="reads"/> (cycled); stops at the first error.</summary>
    public static List<byte[]> Decode(ref UdpFrameDecoder decoder, byte[] stream, int[] reads)
    {
        var packets = new List<byte[]>();
        var assembly = new byte[decoder.AssemblyLength];
        int at = 0;
        for (int r = 0; at < stream.Length; r++)
        {
            var input = stream.AsSpan(at, Math.Min(reads[r % reads.Length], stream.Length - at));
            at += input.Length;
            while (true)
            {
                var status = decoder.Decode(input, assembly, out int consumed, out var packet);
                input = input[consumed..];
                if (status == UdpDecodeStatus.Packet) packets.Add(packet.ToArray());
                else if (status == UdpDecodeStatus.NeedMoreData)
                {
                    if (!input.IsEmpty) throw new InvalidOperationException("NeedMoreData left input unconsumed");
                    break;
                }
                else return packets;
            }
        }
        return packets;
    }
}
