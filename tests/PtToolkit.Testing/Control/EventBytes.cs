using System;
using System.Collections.Generic;

namespace PtToolkit.Testing.Control;

/// <summary>Joins byte arrays with one copy each (lines of 64 KiB are joined often; an enumeration per byte is slow).</summary>
internal static class EventBytes
{
    public static byte[] Concat(IEnumerable<byte[]> parts)
    {
        var list = parts as IReadOnlyList<byte[]> ?? new List<byte[]>(parts);
        int length = 0;
        for (int i = 0; i < list.Count; i++) length += list[i].Length;
        var joined = new byte[length];
        int at = 0;
        for (int i = 0; i < list.Count; i++)
        {
            list[i].CopyTo(joined, at);
            at += list[i].Length;
        }
        return joined;
    }

    public static byte[] Concat(params byte[][] parts) => Concat((IEnumerable<byte[]>)parts);

    /// <summary><paramref name="line"/> with <paramref name="b"/> inserted at <paramref name="at"/>.</summary>
    public static byte[] Insert(byte[] line, int at, byte b) => Concat(line[..at], new[] { b }, line[at..]);

    /// <summary><paramref name="count"/> copies of <paramref name="b"/>.</summary>
    public static byte[] Repeat(byte b, int count)
    {
        var run = new byte[count];
        Array.Fill(run, b);
        return run;
    }
}
