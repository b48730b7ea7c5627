using System;
using System.Collections.Generic;
using System.Text;
using PtToolkit.Control;

namespace PtToolkit.Tests.Control;

/// <summary>Helpers for the control-protocol tests: bytes of a text with CRLF line ends, and framing a stream read in chunks.</summary>
internal static class ControlText
{
    /// <summary>The UTF-8 bytes of <paramref name="text"/>, every LF turned into CRLF.</summary>
    public static byte[] Crlf(string text) => Encoding.UTF8.GetBytes(text.Replace("\n", "\r\n", StringComparison.Ordinal));

    /// <summary>The UTF-8 bytes of <paramref name="text"/> as written.</summary>
    public static byte[] B(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>
    /// Frames <paramref name="stream"/> the way a reader does: it arrives in reads of the given sizes (the last
    /// size repeats), each appended to the pending bytes; whole replies are taken off the front.
    /// </summary>
    public static (List<byte[]> Replies, TorControlError Error, int Pending) Frame(ReadOnlySpan<byte> stream, IReadOnlyList<int> chunkSizes, TorReplyLimits limits = default)
    {
        var framer = new TorReplyFramer(limits);
        var replies = new List<byte[]>();
        var pending = new List<byte>();
        int offset = 0, chunk = 0;
        while (offset < stream.Length)
        {
            int size = Math.Clamp(chunkSizes[Math.Min(chunk++, chunkSizes.Count - 1)], 1, stream.Length - offset);
            pending.AddRange(stream.Slice(offset, size));
            offset += size;
            while (true)
            {
                var status = framer.Frame(pending.ToArray(), out int length);
                if (status == TorFrameStatus.Invalid) return (replies, framer.Error, pending.Count);
                if (status == TorFrameStatus.NeedMoreData) break;
                replies.Add(pending.GetRange(0, length).ToArray());
                pending.RemoveRange(0, length);
            }
        }
        return (replies, default, pending.Count);
    }

    /// <summary>Frames <paramref name="stream"/> given in one read.</summary>
    public static (List<byte[]> Replies, TorControlError Error, int Pending) Frame(ReadOnlySpan<byte> stream, TorReplyLimits limits = default) =>
        Frame(stream, [Math.Max(1, stream.Length)], limits);

    /// <summary>The single reply in <paramref name="bytes"/>; fails the test otherwise.</summary>
    public static TorReply Reply(string text)
    {
        Xunit.Assert.True(TorReply.TryParse(Crlf(text), out var reply, out var error), error.ToString());
        return reply!;
    }
}
