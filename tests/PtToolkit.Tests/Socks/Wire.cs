using System;
using System.Linq;
using System.Threading.Tasks;
using PtToolkit.Socks;

namespace PtToolkit.Tests.Socks;

/// <summary>Byte helpers for SOCKS messages in tests.</summary>
internal static class Wire
{
    /// <summary>Bytes from hex pairs, spaces ignored: <c>"05 01 00"</c>.</summary>
    public static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));

    /// <summary>ASCII bytes.</summary>
    public static byte[] Ascii(string text) => System.Text.Encoding.ASCII.GetBytes(text);

    /// <summary>The pieces one after the other.</summary>
    public static byte[] Cat(params byte[][] pieces) => pieces.SelectMany(p => p).ToArray();

    /// <summary>An RFC 1929 message: VER 1, ULEN, UNAME, PLEN, PASSWD.</summary>
    public static byte[] UserPassword(byte[] user, byte[] password) =>
        Cat([1, (byte)user.Length], user, [(byte)password.Length], password);

    /// <summary>A JSON parameter block: 4-byte big-endian length, then the text.</summary>
    public static byte[] JsonBlock(string json)
    {
        byte[] text = System.Text.Encoding.UTF8.GetBytes(json);
        byte[] length = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, text.Length);
        return Cat(length, text);
    }

    /// <summary>Runs the server handshake on a scripted stream; the handshake must finish within 10 s.</summary>
    public static PtSocksResult<PtSocksRequest> Serve(ScriptedStream stream, PtSocksServerOptions? options = null) =>
        PtSocksServer.HandshakeAsync(stream, options).AsTask().WaitAsync(TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();

    /// <summary>The failure reply of RFC 1928 §6 with BND 0.0.0.0:0.</summary>
    public static byte[] FailureReply(byte code) => [5, code, 0, 1, 0, 0, 0, 0, 0, 0];

    /// <summary>Waits for <paramref name="task"/> at most <paramref name="seconds"/> seconds.</summary>
    public static Task<T> Within<T>(this Task<T> task, int seconds = 10) => task.WaitAsync(TimeSpan.FromSeconds(seconds));

    /// <summary>Waits for <paramref name="task"/> at most <paramref name="seconds"/> seconds.</summary>
    public static Task<T> Within<T>(this ValueTask<T> task, int seconds = 10) => task.AsTask().WaitAsync(TimeSpan.FromSeconds(seconds));

    /// <summary>Waits for <paramref name="task"/> at most <paramref name="seconds"/> seconds.</summary>
    public static Task Within(this Task task, int seconds = 10) => task.WaitAsync(TimeSpan.FromSeconds(seconds));
}
