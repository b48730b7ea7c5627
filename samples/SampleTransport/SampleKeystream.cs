using System;
using System.Buffers.Binary;
using System.Security.Cryptography;

namespace PtToolkit.Samples.SampleTransport;

/// <summary>
/// One direction's keystream: blocks HMAC-SHA256(key, nonce | direction | counter) with a 64-bit big-endian counter,
/// XORed over the bytes in order. A demonstration, not a cipher: it hides nothing from whoever holds the bridge line.
/// </summary>
internal sealed class SampleKeystream
{
    /// <summary>The direction byte of the client's bytes.</summary>
    public const byte ClientToServer = (byte)'c';

    /// <summary>The direction byte of the server's bytes.</summary>
    public const byte ServerToClient = (byte)'s';

    private const int BlockBytes = 32;
    private readonly byte[] _key;
    private readonly byte[] _input;
    private readonly byte[] _block = new byte[BlockBytes];
    private ulong _counter;
    private int _used = BlockBytes;

    public SampleKeystream(byte[] key, ReadOnlySpan<byte> nonce, byte direction)
    {
        _key = key;
        _input = new byte[nonce.Length + 1 + sizeof(ulong)];
        nonce.CopyTo(_input);
        _input[nonce.Length] = direction;
    }

    /// <summary>XORs the next <c>data.Length</c> bytes of the keystream into <paramref name="data"/>.</summary>
    public void Apply(Span<byte> data)
    {
        while (!data.IsEmpty)
        {
            if (_used == BlockBytes) NextBlock();
            int n = Math.Min(data.Length, BlockBytes - _used);
            var block = _block.AsSpan(_used, n);
            for (int i = 0; i < n; i++) data[i] ^= block[i];
            _used += n;
            data = data[n..];
        }
    }

    private void NextBlock()
    {
        BinaryPrimitives.WriteUInt64BigEndian(_input.AsSpan(_input.Length - sizeof(ulong)), _counter++);
        HMACSHA256.HashData(_key, _input, _block);
        _used = 0;
    }
}
