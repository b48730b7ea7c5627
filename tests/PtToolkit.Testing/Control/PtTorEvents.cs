using System;
using PtToolkit.Control;

namespace PtToolkit.Testing.Control;

/// <summary>The generated parsers of spec/control.spec (<see cref="TorEvents"/>) as a <see cref="PtEventLineParser"/>.</summary>
public static class PtTorEvents
{
    /// <summary>
    /// Frames the line with its CRLF as one reply (<see cref="TorReplyView.TryParse"/>, default limits), then hands its
    /// first line to <see cref="TorEvents.WriteEventFields"/> with a <see cref="PtEventCollector"/>: Invalid when the
    /// framing fails or the reply is not asynchronous, otherwise what the views read.
    /// </summary>
    public static PtEventOutcome Parse(ReadOnlySpan<byte> line)
    {
        var bytes = new byte[line.Length + 2];
        line.CopyTo(bytes);
        bytes[^2] = (byte)'\r';
        bytes[^1] = (byte)'\n';
        if (!TorReplyView.TryParse(bytes, out var reply, out _) || !reply.IsAsync) return PtEventOutcome.Invalid();
        var collector = new PtEventCollector();
        var kind = TorEvents.WriteEventFields(reply.FirstLine, collector, out var error);
        return collector.Outcome(kind, error);
    }
}
