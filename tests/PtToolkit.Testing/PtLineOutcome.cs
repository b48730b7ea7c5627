using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using PtToolkit.Text;

namespace PtToolkit.Testing;

/// <summary>What became of one line (spec/README.md "message"): a message of the spec, a line to ignore, or a malformed line.</summary>
public enum PtLineStatus
{
    /// <summary>The line is a message of the spec.</summary>
    Message,
    /// <summary>The line's leading words name no message: the parent MUST ignore it (pt-1.0 §3.3).</summary>
    Unknown,
    /// <summary>The line names a message (or has no keyword at all) but breaks its grammar.</summary>
    Invalid,
}

/// <summary>
/// One field of a parsed line by its spec name, in the decoded form a caller keeps: text as UTF-8, numbers and
/// ports in decimal, addresses as <c>host:port</c> (IPv6 in brackets), String/CString unescaped, enumeration
/// words as written; key/value fields carry their pairs (unescaped) in <see cref="Pairs"/> and an empty <see cref="Value"/>.
/// </summary>
/// <param name="Name">The field's name in the spec (<c>transport</c>, <c>address</c>...).</param>
/// <param name="Value">The decoded value; empty for key/value fields.</param>
/// <param name="Pairs">For <c>kvargs</c> and <c>kvline</c> fields, the pairs in line order; otherwise null.</param>
public sealed record PtFieldValue(string Name, string Value, PtKeyValueList? Pairs = null)
{
    /// <summary>The fields of an owned message of any generated spec, as its <see cref="IPtMessage.WriteFields"/> gives them.</summary>
    public static IReadOnlyList<PtFieldValue> Of(IPtMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var collector = new Collector();
        message.WriteFields(collector);
        return collector.Fields;
    }

    private sealed class Collector : IPtFieldWriter
    {
        public List<PtFieldValue> Fields { get; } = new();

        public void String(string name, string value) => Fields.Add(new PtFieldValue(name, value));

        public void Number(string name, long value) => Fields.Add(new PtFieldValue(name, value.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        public void Pairs(string name, PtKeyValueList pairs) => Fields.Add(new PtFieldValue(name, "", pairs));
    }

    /// <inheritdoc/>
    public override string ToString() =>
        Name + "=" + (Pairs is null ? PtShow.Text(Value) : "[" + string.Join(" | ", Pairs.Select(p => PtShow.Text(p.Key) + " => " + PtShow.Text(p.Value))) + "]");
}

/// <summary>
/// The outcome of parsing one line, as the reference interpreter states it and as a parser under test reports it
/// (see <see cref="PtLineParser"/>). Compare two outcomes with <see cref="Agrees"/>.
/// </summary>
public sealed record PtLineOutcome
{
    private PtLineOutcome(PtLineStatus status, string? messageName, IReadOnlyList<PtFieldValue>? fields, IReadOnlyList<string> candidates)
    {
        Status = status;
        MessageName = messageName;
        Fields = fields;
        Candidates = candidates;
    }

    /// <summary>Message, Unknown or Invalid.</summary>
    public PtLineStatus Status { get; }

    /// <summary>For a message, its name in the spec; for an invalid line, the message it was read as when the parser says so; else null.</summary>
    public string? MessageName { get; }

    /// <summary>For a message, its present fields in spec order; null when the parser under test does not report fields.</summary>
    public IReadOnlyList<PtFieldValue>? Fields { get; }

    /// <summary>For an invalid line seen by the reference: every message whose leading words the line has (empty: no keyword).</summary>
    public IReadOnlyList<string> Candidates { get; }

    /// <summary>A line that is the message <paramref name="name"/>, with its fields (null: not reported).</summary>
    public static PtLineOutcome Message(string name, IReadOnlyList<PtFieldValue>? fields = null) =>
        new(PtLineStatus.Message, name ?? throw new ArgumentNullException(nameof(name)), fields, Array.Empty<string>());

    /// <summary>A line whose leading words name no message.</summary>
    public static PtLineOutcome Unknown { get; } = new(PtLineStatus.Unknown, null, null, Array.Empty<string>());

    /// <summary>A malformed line; <paramref name="readAs"/> is the message it was read as, when known.</summary>
    public static PtLineOutcome Invalid(string? readAs = null) => new(PtLineStatus.Invalid, readAs, null, Array.Empty<string>());

    /// <summary>The reference's form of a malformed line: the messages whose leading words it has.</summary>
    public static PtLineOutcome InvalidAmong(IReadOnlyList<string> candidates) =>
        new(PtLineStatus.Invalid, null, null, candidates ?? throw new ArgumentNullException(nameof(candidates)));

    /// <summary>
    /// True when <paramref name="actual"/> (from a parser under test) agrees with this reference outcome: the same
    /// status; for a message the same name and, when <paramref name="actual"/> reports fields, the same fields; for
    /// an invalid line, a message name (when given) that is one of <see cref="Candidates"/>.
    /// </summary>
    public bool Agrees(PtLineOutcome actual, out string difference)
    {
        ArgumentNullException.ThrowIfNull(actual);
        difference = "";
        if (actual.Status != Status)
        {
            difference = $"status: expected {Status}, got {actual.Status}";
            return false;
        }
        switch (Status)
        {
            case PtLineStatus.Message when actual.MessageName != MessageName:
                difference = $"message: expected {MessageName}, got {actual.MessageName}";
                return false;
            case PtLineStatus.Message when actual.Fields is not null && Fields is not null && !actual.Fields.SequenceEqual(Fields):
                difference = $"fields: expected {Show(Fields)}, got {Show(actual.Fields)}";
                return false;
            case PtLineStatus.Invalid when actual.MessageName is not null && !Candidates.Contains(actual.MessageName):
                difference = $"invalid line read as {actual.MessageName}, but its words name {(Candidates.Count == 0 ? "no message" : string.Join(" or ", Candidates))}";
                return false;
        }
        return true;
    }

    private static string Show(IReadOnlyList<PtFieldValue> fields) => "{" + string.Join(", ", fields) + "}";

    /// <inheritdoc/>
    public override string ToString()
    {
        var text = new StringBuilder(Status.ToString());
        if (MessageName is not null) text.Append(' ').Append(MessageName);
        if (Fields is not null) text.Append(' ').Append(Show(Fields));
        if (Candidates.Count > 0) text.Append(" (read as ").Append(string.Join(" or ", Candidates)).Append(')');
        return text.ToString();
    }
}

/// <summary>A parser under test: one line (with or without its LF) in, its outcome out.</summary>
/// <param name="line">The line's bytes.</param>
public delegate PtLineOutcome PtLineParser(ReadOnlySpan<byte> line);
