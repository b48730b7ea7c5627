using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace PtToolkit.Testing.Control;

/// <summary>What became of one event line: an event of the spec, an event it does not name, or a malformed line.</summary>
public enum PtEventStatus
{
    /// <summary>An event of the spec, its arguments read.</summary>
    Event,
    /// <summary>A well-formed asynchronous line whose event the spec does not name (a controller ignores it, control-spec §4.1).</summary>
    Unknown,
    /// <summary>A line that breaks the reply framing (§2.3, the controller's line bound) or its event's grammar.</summary>
    Invalid,
}

/// <summary>
/// One argument of an event by its spec name (<c>circuitId</c>, <c>BUILD_FLAGS</c>): tokens and QuotedStrings decoded
/// (§2.1.1 escapes) as UTF-8, numbers in canonical decimal, enumerated words and text as written; for an enumerated
/// argument, <see cref="Member"/> is the member the word names (<c>Unknown</c> for a word the spec does not list).
/// </summary>
/// <param name="Name">The spec name.</param>
/// <param name="Value">The value.</param>
/// <param name="Member">For an enumerated argument, the member's C# name; otherwise null.</param>
public sealed record PtEventFieldValue(string Name, string Value, string? Member = null)
{
    /// <inheritdoc/>
    public override string ToString() => Name + "=" + PtShow.Text(Value) + (Member is null ? "" : " (" + Member + ")");
}

/// <summary>
/// The outcome of reading one event line, as <see cref="PtEventReference"/> states it and as a parser under test
/// reports it (<see cref="PtEventLineParser"/>). Compare two outcomes with <see cref="Agrees"/>.
/// </summary>
public sealed record PtEventOutcome
{
    private PtEventOutcome(PtEventStatus status, string? eventName, IReadOnlyList<PtEventFieldValue>? fields)
    {
        Status = status;
        EventName = eventName;
        Fields = fields;
    }

    /// <summary>Event, Unknown or Invalid.</summary>
    public PtEventStatus Status { get; }

    /// <summary>The event's name in the spec (<c>Circ</c>) for an event, and for an invalid line that names one; else null.</summary>
    public string? EventName { get; }

    /// <summary>For an event, its arguments present, in spec order (positionals, then keywords); null when not reported.</summary>
    public IReadOnlyList<PtEventFieldValue>? Fields { get; }

    /// <summary>The event <paramref name="name"/> with its arguments (null: not reported).</summary>
    public static PtEventOutcome Event(string name, IReadOnlyList<PtEventFieldValue>? fields = null) =>
        new(PtEventStatus.Event, name ?? throw new ArgumentNullException(nameof(name)), fields);

    /// <summary>An event the spec does not name.</summary>
    public static PtEventOutcome Unknown { get; } = new(PtEventStatus.Unknown, null, null);

    /// <summary>A malformed line; <paramref name="eventName"/> is the event it names, when it names one of the spec.</summary>
    public static PtEventOutcome Invalid(string? eventName = null) => new(PtEventStatus.Invalid, eventName, null);

    /// <summary>
    /// True when <paramref name="actual"/> (from a parser under test) agrees with this reference outcome: the same
    /// status and event name, and for an event the same arguments when both report them.
    /// </summary>
    public bool Agrees(PtEventOutcome actual, out string difference)
    {
        ArgumentNullException.ThrowIfNull(actual);
        difference = "";
        if (actual.Status != Status) difference = $"status: expected {Status}, got {actual.Status}";
        else if (actual.EventName != EventName) difference = $"event: expected {EventName ?? "none"}, got {actual.EventName ?? "none"}";
        else if (Fields is not null && actual.Fields is not null && !Fields.SequenceEqual(actual.Fields)) difference = $"fields: expected {Show(Fields)}, got {Show(actual.Fields)}";
        return difference.Length == 0;
    }

    private static string Show(IReadOnlyList<PtEventFieldValue> fields) => "{" + string.Join(", ", fields) + "}";

    /// <inheritdoc/>
    public override string ToString()
    {
        var text = new StringBuilder(Status.ToString());
        if (EventName is not null) text.Append(' ').Append(EventName);
        if (Fields is not null) text.Append(' ').Append(Show(Fields));
        return text.ToString();
    }
}

/// <summary>An event parser under test: one line as Tor sends it (<c>650 CIRC ...</c>, without its CRLF) in, its outcome out.</summary>
/// <param name="line">The line's bytes, without CRLF.</param>
public delegate PtEventOutcome PtEventLineParser(ReadOnlySpan<byte> line);
