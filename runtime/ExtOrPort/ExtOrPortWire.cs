using System;
using System.Buffers.Binary;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace PtToolkit.ExtOrPort;

/// <summary>Exact reads and command framing (ext-orport-spec §3.1: COMMAND, BODYLEN, both big-endian, then BODY).</summary>
internal static class ExtOrPortWire
{
    public const int HeaderLength = 4;

    /// <summary>Fills <paramref name="buffer"/>; false when the stream ends first. Never reads past it.</summary>
    public static async ValueTask<bool> ReadExactAsync(Stream stream, Memory<byte> buffer, CancellationToken token) =>
        await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, token).ConfigureAwait(false) == buffer.Length;

    /// <summary>Reads and drops <paramref name="count"/> bytes through <paramref name="scratch"/>; false when the stream ends first.</summary>
    public static async ValueTask<bool> SkipAsync(Stream stream, int count, Memory<byte> scratch, CancellationToken token)
    {
        while (count > 0)
        {
            int chunk = Math.Min(count, scratch.Length);
            if (!await ReadExactAsync(stream, scratch[..chunk], token).ConfigureAwait(false)) return false;
            count -= chunk;
        }
        return true;
    }

    public static void WriteHeader(Span<byte> destination, ExtOrPortCommand command, int bodyLength)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)command);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], checked((ushort)bodyLength));
    }

    public static (ExtOrPortCommand Command, int BodyLength) ReadHeader(ReadOnlySpan<byte> header) =>
        ((ExtOrPortCommand)BinaryPrimitives.ReadUInt16BigEndian(header), BinaryPrimitives.ReadUInt16BigEndian(header[2..]));

    public static async ValueTask WriteAsync(Stream stream, ReadOnlyMemory<byte> bytes, CancellationToken token)
    {
        await stream.WriteAsync(bytes, token).ConfigureAwait(false);
        await stream.FlushAsync(token).ConfigureAwait(false);
    }
}
