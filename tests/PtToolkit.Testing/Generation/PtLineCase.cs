using System;
using System.Collections.Generic;

namespace PtToolkit.Testing.Generation;

/// <summary>
/// A generated line: its category (<c>valid</c>, <c>near-miss</c>, <c>bytes</c>), the message it was made from
/// (empty for arbitrary bytes), the mutation applied (empty for a valid line), and its bytes without a line ending.
/// </summary>
/// <param name="Category">Where it came from.</param>
/// <param name="Message">The message it was made from, or empty.</param>
/// <param name="Mutation">The near-miss step (<c>drop-field</c>, <c>cr</c>...), or empty.</param>
/// <param name="Line">The bytes.</param>
public sealed record PtLineCase(string Category, string Message, string Mutation, byte[] Line)
{
    /// <summary>The bytes as an escaped, readable string, with where they came from.</summary>
    public override string ToString() =>
        $"{Category}{(Message.Length > 0 ? " " + Message : "")}{(Mutation.Length > 0 ? " " + Mutation : "")}: {PtShow.Bytes(Line)}";

    /// <summary>
    /// Smaller lines for FsCheck to try after a failure: the line with halves, quarters ... down to single bytes
    /// removed, and then single bytes replaced by <c>a</c>; each keeps its category with "shrunk" added.
    /// </summary>
    public static IEnumerable<PtLineCase> Shrink(PtLineCase failing)
    {
        ArgumentNullException.ThrowIfNull(failing);
        byte[] line = failing.Line;
        string mutation = failing.Mutation.EndsWith("(shrunk)", StringComparison.Ordinal) ? failing.Mutation : (failing.Mutation + " (shrunk)").TrimStart();
        for (int size = line.Length / 2; size >= 1; size /= 2)
        {
            for (int at = 0; at + size <= line.Length; at += size)
            {
                var smaller = new byte[line.Length - size];
                line.AsSpan(0, at).CopyTo(smaller);
                line.AsSpan(at + size).CopyTo(smaller.AsSpan(at));
                yield return failing with { Mutation = mutation, Line = smaller };
            }
            if (size == 1) break;
        }
        if (line.Length <= 256)
        {
            for (int at = 0; at < line.Length; at++)
            {
                if (line[at] == (byte)'a') continue;
                var simpler = (byte[])line.Clone();
                simpler[at] = (byte)'a';
                yield return failing with { Mutation = mutation, Line = simpler };
            }
        }
    }
}
