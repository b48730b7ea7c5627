using System;
using PtToolkit.Ipc;

namespace PtToolkit.Testing.Tests.Ipc;

/// <summary>The generated IPC dispatcher seen as a <see cref="PtLineParser"/>: its outcome and fields in the reference's terms.</summary>
internal static class GeneratedIpc
{
    /// <summary><c>PtIpc.ParseOwned</c> (Dispatch with an owned collector) with <paramref name="dialects"/>.</summary>
    public static PtLineOutcome ParseOwned(ReadOnlySpan<byte> line, PtIpc.Dialects dialects)
    {
        var outcome = PtIpc.ParseOwned(line, out var message, dialects);
        if (outcome.IsMessage) return PtLineOutcome.Message(message!.KindName, PtFieldValue.Of(message));
        if (outcome.IsUnknown) return PtLineOutcome.Unknown;
        return PtLineOutcome.Invalid(outcome.Kind == PtIpc.MessageKind.Unknown ? null : outcome.Kind.ToString());
    }

    /// <summary><c>PtIpc.ParseOwned</c> with every dialect.</summary>
    public static PtLineOutcome ParseOwned(ReadOnlySpan<byte> line) => ParseOwned(line, PtIpc.Dialects.All);
}
