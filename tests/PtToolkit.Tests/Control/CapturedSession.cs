using System;
using System.Collections.Generic;
using System.IO;
using PtToolkit.Control;

namespace PtToolkit.Tests.Control;

/// <summary>
/// The real tor 0.4.9 control session of samples/transcripts (capture-control.sh): every byte tor sent
/// (<c>.s2c</c>), the commands sent (<c>.c2s</c>, one per line), and the replies the framer cuts from the bytes.
/// </summary>
internal static class CapturedSession
{
    private static string PathOf(string extension) => Path.Combine(AppContext.BaseDirectory, "transcripts", "tor-0.4.9-control." + extension);

    /// <summary>Every byte tor sent, as received.</summary>
    public static byte[] ServerBytes => Loaded.Value.Bytes;

    /// <summary>The command lines, in the order they were sent.</summary>
    public static string[] Commands => Loaded.Value.Commands;

    /// <summary>Each reply as (start, length) in <see cref="ServerBytes"/>, framed from the whole file at once.</summary>
    public static IReadOnlyList<(int Start, int Length)> Replies => Loaded.Value.Replies;

    private static readonly Lazy<(byte[] Bytes, string[] Commands, List<(int, int)> Replies)> Loaded = new(() =>
    {
        byte[] bytes = File.ReadAllBytes(PathOf("s2c"));
        string[] commands = File.ReadAllText(PathOf("c2s")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var (replies, error, pending) = FrameInReads(bytes, bytes.Length);
        if (error.IsError || pending != 0) throw new InvalidDataException($"the captured session does not frame: {error}, {pending} bytes left");
        return (bytes, commands, replies);
    });

    /// <summary>
    /// Frames <paramref name="stream"/> as a reader does that receives it in two reads, split at
    /// <paramref name="split"/>: whole replies are taken off the front after each read.
    /// </summary>
    public static (List<(int Start, int Length)> Replies, TorControlError Error, int Pending) FrameInReads(ReadOnlySpan<byte> stream, int split) =>
        FrameInReads(stream, [split, stream.Length]);

    /// <summary>Frames <paramref name="stream"/> arriving in reads that end at the given offsets (ascending).</summary>
    public static (List<(int Start, int Length)> Replies, TorControlError Error, int Pending) FrameInReads(ReadOnlySpan<byte> stream, IEnumerable<int> readEnds)
    {
        var framer = new TorReplyFramer(TorReplyLimits.Default);
        var replies = new List<(int, int)>();
        int start = 0;
        foreach (int readEnd in readEnds)
        {
            int end = Math.Clamp(readEnd, start, stream.Length);
            while (true)
            {
                var status = framer.Frame(stream[start..end], out int length);
                if (status == TorFrameStatus.Invalid) return (replies, framer.Error, end - start);
                if (status == TorFrameStatus.NeedMoreData) break;
                replies.Add((start, length));
                start += length;
            }
        }
        return (replies, default, stream.Length - start);
    }
}
