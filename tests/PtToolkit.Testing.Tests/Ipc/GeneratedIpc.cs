using System;
using System.Collections.Generic;
using System.Globalization;
using PtToolkit.Ipc;
using PtToolkit.Text;

namespace PtToolkit.Testing.Tests.Ipc;

/// <summary>The generated IPC parsers seen as <see cref="PtLineParser"/>s: their outcome and fields in the reference's terms.</summary>
internal static class GeneratedIpc
{
    /// <summary><c>PtIpc.ParseOwned</c> (Dispatch with an owned collector); fields through <see cref="IPtMessage.WriteFields"/>.</summary>
    public static PtLineOutcome ParseOwned(ReadOnlySpan<byte> line)
    {
        var outcome = PtIpc.ParseOwned(line, out var message);
        if (outcome.IsMessage) return PtLineOutcome.Message(message!.KindName, FieldsOf(message));
        if (outcome.IsUnknown) return PtLineOutcome.Unknown;
        return PtLineOutcome.Invalid(outcome.Kind == PtIpc.MessageKind.Unknown ? null : outcome.Kind.ToString());
    }

    /// <summary>The fields of an owned message, in the order it writes them.</summary>
    public static IReadOnlyList<PtFieldValue> FieldsOf(IPtMessage message)
    {
        var collector = new Collector();
        message.WriteFields(collector);
        return collector.Fields;
    }

    private sealed class Collector : IPtFieldWriter
    {
        public List<PtFieldValue> Fields { get; } = new();

        public void String(string name, string value) => Fields.Add(new PtFieldValue(name, value));

        public void Number(string name, long value) => Fields.Add(new PtFieldValue(name, value.ToString(CultureInfo.InvariantCulture)));

        public void Pairs(string name, PtKeyValueList pairs) => Fields.Add(new PtFieldValue(name, "", pairs));
    }
}
