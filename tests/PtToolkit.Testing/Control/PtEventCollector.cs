using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using PtToolkit.Control;

namespace PtToolkit.Testing.Control;

/// <summary>
/// Collects what a generated view's <c>WriteFields</c> writes (through <see cref="TorEvents.WriteEventFields"/>) into a
/// <see cref="PtEventOutcome"/>, in the reference's terms: tokens and QuotedStrings decoded by the view
/// (<see cref="TorArgumentView.ToString"/>), numbers in decimal, enumerated words and text as written. One collector
/// per line.
/// </summary>
public sealed class PtEventCollector : ITorFieldWriter
{
    private readonly List<PtEventFieldValue> _fields = new();

    /// <summary>
    /// The outcome of the line, from what <see cref="TorEvents.WriteEventFields"/> returned: Unknown for an event the
    /// spec does not name, Invalid (with the event's name) when the view refused the arguments, else the event with
    /// the fields collected.
    /// </summary>
    public PtEventOutcome Outcome(TorEvents.EventKind kind, TorControlError error) =>
        kind == TorEvents.EventKind.Unknown ? PtEventOutcome.Unknown
        : error.IsError ? PtEventOutcome.Invalid(kind.ToString())
        : PtEventOutcome.Event(kind.ToString(), _fields.ToArray());

    /// <inheritdoc/>
    public void Argument(string name, TorArgumentView value) => _fields.Add(new PtEventFieldValue(name, value.ToString()));

    /// <inheritdoc/>
    public void Number(string name, ulong value) => _fields.Add(new PtEventFieldValue(name, value.ToString(CultureInfo.InvariantCulture)));

    /// <inheritdoc/>
    public void Enum(string name, string member, ReadOnlySpan<byte> word) => _fields.Add(new PtEventFieldValue(name, Encoding.UTF8.GetString(word), member));

    /// <inheritdoc/>
    public void Text(string name, ReadOnlySpan<byte> text) => _fields.Add(new PtEventFieldValue(name, Encoding.UTF8.GetString(text)));
}
