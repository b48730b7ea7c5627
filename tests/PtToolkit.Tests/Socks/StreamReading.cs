using System;
using System.IO;
using System.Threading.Tasks;

namespace PtToolkit.Tests.Socks;

/// <summary>Bounded reads for tests.</summary>
internal static class StreamReading
{
    /// <summary>Reads exactly <paramref name="count"/> bytes within 10 s.</summary>
    public static async Task<byte[]> ReadBytesAsync(this Stream stream, int count)
    {
        byte[] buffer = new byte[count];
        await stream.ReadExactlyAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        return buffer;
    }

    /// <summary>Reads until the peer closes (at most 64 KiB, within 10 s).</summary>
    public static async Task<byte[]> ReadToEndAsync(this Stream stream)
    {
        var all = new MemoryStream();
        byte[] buffer = new byte[4096];
        while (all.Length < 65536)
        {
            int n = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            if (n == 0) break;
            all.Write(buffer, 0, n);
        }
        return all.ToArray();
    }
}
