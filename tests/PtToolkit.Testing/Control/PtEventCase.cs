using System;
using System.Collections.Generic;
using System.Linq;
using PtToolkit.Testing.Generation;

namespace PtToolkit.Testing.Control;

/// <summary>
/// A generated event line: its category (<c>valid</c>, <c>near-miss</c>, <c>bytes</c>), the event it was made from
/// (its spec name; empty for arbitrary bytes), the near-miss step (empty for a valid line), its bytes as Tor sends
/// them without the CRLF, and for a valid line the arguments it was written with (null otherwise).
/// </summary>
/// <param name="Category">Where it came from.</param>
/// <param name="Event">The event it was made from, or empty.</param>
/// <param name="Mutation">The near-miss step (<c>missing-required</c>, <c>cr</c>...), or empty.</param>
/// <param name="Line">The bytes, without CRLF.</param>
/// <param name="Written">For a valid line, the arguments a reader must find, in spec order; otherwise null.</param>
public sealed record PtEventCase(string Category, string Event, string Mutation, byte[] Line, IReadOnlyList<PtEventFieldValue>? Written = null)
{
    /// <summary>The bytes as an escaped, readable string, with where they came from.</summary>
    public override string ToString() =>
        $"{Category}{(Event.Length > 0 ? " " + Event : "")}{(Mutation.Length > 0 ? " " + Mutation : "")}: {PtShow.Bytes(Line)}";

    /// <summary>Smaller lines for FsCheck to try after a failure (as <see cref="PtLineCase.Shrink"/>); a shrunk line has no <see cref="Written"/>.</summary>
    public static IEnumerable<PtEventCase> Shrink(PtEventCase failing)
    {
        ArgumentNullException.ThrowIfNull(failing);
        return PtLineCase.Shrink(new PtLineCase(failing.Category, failing.Event, failing.Mutation, failing.Line))
            .Select(c => new PtEventCase(c.Category, c.Message, c.Mutation, c.Line));
    }
}
