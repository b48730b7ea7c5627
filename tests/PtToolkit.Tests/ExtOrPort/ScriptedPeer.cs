using System;
using System.Buffers.Binary;
using System.IO;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Threading.Tasks;
using PtToolkit.ExtOrPort;

namespace PtToolkit.Tests.ExtOrPort;

/// <summary>
/// A hand-driven Extended ORPort peer for the cases our own client or server would never produce: each
/// step is one exact read or write on a socket, with the hashes of ext-orport-spec §2.1.3.
/// </summary>
internal sealed class ScriptedPeer(Socket socket)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public async Task<byte[]> ReadAsync(int count)
    {
        var buffer = new byte[count];
        for (int got = 0; got < count;)
        {
            int n = await socket.ReceiveAsync(buffer.AsMemory(got)).AsTask().WaitAsync(Timeout);
            if (n == 0) throw new EndOfStreamException($"peer closed after {got} of {count} bytes");
            got += n;
        }
        return buffer;
    }

    /// <summary>Reads until the peer closes and returns how many bytes came.</summary>
    public async Task<int> DrainAsync()
    {
        var buffer = new Memory<byte>(new byte[4096]);
        int total = 0, n;
        while ((n = await socket.ReceiveAsync(buffer).AsTask().WaitAsync(Timeout)) > 0) total += n;
        return total;
    }

    public async Task WriteAsync(params byte[] bytes)
    {
        for (int sent = 0; sent < bytes.Length;) sent += await socket.SendAsync(bytes.AsMemory(sent));
    }

    public Task WriteCommandAsync(ushort command, byte[] body)
    {
        var frame = new byte[4 + body.Length];
        BinaryPrimitives.WriteUInt16BigEndian(frame, command);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), (ushort)body.Length);
        body.CopyTo(frame, 4);
        return WriteAsync(frame);
    }

    /// <summary>The server's half of authentication; <paramref name="tamper"/> flips a bit of ServerHash.</summary>
    public async Task<byte[]> ServeAuthAsync(byte[] cookie, bool tamper)
    {
        await WriteAsync(ExtOrPortAuth.SafeCookie, ExtOrPortAuth.EndAuthTypes);
        byte[] hello = await ReadAsync(33);
        if (hello[0] != ExtOrPortAuth.SafeCookie) throw new InvalidDataException("client did not choose SAFE_COOKIE");
        byte[] serverNonce = RandomNumberGenerator.GetBytes(32);
        var serverHash = new byte[32];
        var clientHash = new byte[32];
        ExtOrPortAuth.ComputeHashes(cookie, hello.AsSpan(1), serverNonce, serverHash, clientHash);
        if (tamper) serverHash[31] ^= 1;
        await WriteAsync([.. serverHash, .. serverNonce]);
        return clientHash;
    }

    /// <summary>The client's half of authentication, sending <paramref name="wrongHash"/> or the right one; returns the status byte.</summary>
    public async Task<byte> AuthenticateAsync(byte[] cookie, bool wrongHash)
    {
        byte[] types = await ReadAsync(2);
        if (types[0] != ExtOrPortAuth.SafeCookie || types[1] != ExtOrPortAuth.EndAuthTypes) throw new InvalidDataException("unexpected auth types");
        byte[] clientNonce = RandomNumberGenerator.GetBytes(32);
        await WriteAsync([ExtOrPortAuth.SafeCookie, .. clientNonce]);
        byte[] reply = await ReadAsync(64);
        var serverHash = new byte[32];
        var clientHash = new byte[32];
        ExtOrPortAuth.ComputeHashes(cookie, clientNonce, reply.AsSpan(32), serverHash, clientHash);
        if (!serverHash.AsSpan().SequenceEqual(reply.AsSpan(0, 32))) throw new InvalidDataException("server hash is wrong");
        if (wrongHash) clientHash[0] ^= 0x80;
        await WriteAsync(clientHash);
        return (await ReadAsync(1))[0];
    }
}
