using System;
using System.Buffers.Binary;
using System.Numerics;
using System.Security.Cryptography;

namespace PtToolkit.Samples.SampleTransport;

/// <summary>
/// One direction's keystream: AES-256 in counter mode under the key HMAC-SHA256(key, nonce | direction), the counter a
/// 128-bit big-endian block number from zero, XORed over the bytes in order. Blocks are made 4 KiB at a time with one
/// ECB call (AES-NI where the CPU has it), so the keystream costs little next to the socket. A demonstration, not a
/// cipher: it hides nothing from whoever holds the bridge line, and nothing authenticates the bytes.
/// </summary>
internal sealed class SampleKeystream : IDisposable
{
    /// <summary>The direction byte of the client's bytes.</summary>
    public const byte ClientToServer = (byte)'c';

    /// <summary>The direction byte of the server's bytes.</summary>
    public const byte ServerToClient = (byte)'s';

    private const int BlockBytes = 16;
    private const int BatchBytes = 4096;
    private readonly Aes _aes = Aes.Create();
    private readonly byte[] _counters = new byte[BatchBytes];
    private readonly byte[] _stream = new byte[BatchBytes];
    private ulong _nextBlock;
    private int _used = BatchBytes;

    public SampleKeystream(byte[] key, ReadOnlySpan<byte> nonce, byte direction)
    {
        Span<byte> input = stackalloc byte[nonce.Length + 1];
        nonce.CopyTo(input);
        input[^1] = direction;
        Span<byte> streamKey = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, input, streamKey);
        _aes.Key = streamKey.ToArray();
        CryptographicOperations.ZeroMemory(streamKey);
    }

    /// <summary>XORs the next <c>data.Length</c> bytes of the keystream into <paramref name="data"/>.</summary>
    public void Apply(Span<byte> data)
    {
        while (!data.IsEmpty)
        {
            if (_used == BatchBytes) NextBatch();
            int n = Math.Min(data.Length, BatchBytes - _used);
            Xor(data[..n], _stream.AsSpan(_used, n));
            _used += n;
            data = data[n..];
        }
    }

    public void Dispose() => _aes.Dispose();

    private void NextBatch()
    {
        for (int offset = 0; offset < BatchBytes; offset += BlockBytes)
        {
            BinaryPrimitives.WriteUInt64BigEndian(_counters.AsSpan(offset + sizeof(ulong), sizeof(ulong)), _nextBlock++);
        }
        _aes.EncryptEcb(_counters, _stream, PaddingMode.None);
        _used = 0;
    }

    private static void Xor(Span<byte> data, ReadOnlySpan<byte> keystream)
    {
        int i = 0;
        for (; i <= data.Length - Vector<byte>.Count; i += Vector<byte>.Count)
        {
            (new Vector<byte>(data[i..]) ^ new Vector<byte>(keystream[i..])).CopyTo(data[i..]);
        }
        for (; i < data.Length; i++) data[i] ^= keystream[i];
    }
}
