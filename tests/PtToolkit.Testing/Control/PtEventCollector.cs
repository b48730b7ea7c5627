using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using PtToolkit.Control;
using PtToolkit.Grammar;

namespace PtToolkit.Testing.Control;

/// <summary>
/// Collects what a generated <c>EventFieldHandler</c> writes into a <see cref="PtEventOutcome"/>, in the reference's
/// terms: tokens and QuotedStrings decoded by the view (<see cref="TorArgumentView.ToString"/>), numbers in decimal,
/// enumerated words and text as written. One collector per line.
/// </summary>
public sealed class PtEventCollector : IPtEventFieldWriter
{
    private readonly List<PtEventFieldValue> _fields = new();
    private string? _event;
    private PtEventOutcome? _outcome;

    /// <summary>The outcome written so far: the event with its arguments, Unknown, Invalid; Invalid when nothing was written.</summary>
    public PtEventOutcome Outcome => _outcome ?? (_event is null ? PtEventOutcome.Invalid() : PtEventOutcome.Event(_event, _fields.ToArray()));

    /// <inheritdoc/>
    public void Event(string name) => _event = name;

    /// <inheritdoc/>
    public void Argument(string field, TorArgumentView value) => _fields.Add(new PtEventFieldValue(field, value.ToString()));

    /// <inheritdoc/>
    public void Number(string field, ulong value) => _fields.Add(new PtEventFieldValue(field, value.ToString(CultureInfo.InvariantCulture)));

    /// <inheritdoc/>
    public void Enum(string field, string member, ReadOnlySpan<byte> word) => _fields.Add(new PtEventFieldValue(field, Encoding.UTF8.GetString(word), member));

    /// <inheritdoc/>
    public void Text(string field, ReadOnlySpan<byte> text) => _fields.Add(new PtEventFieldValue(field, Encoding.UTF8.GetString(text)));

    /// <inheritdoc/>
    public void Unknown() => _outcome = PtEventOutcome.Unknown;

    /// <inheritdoc/>
    public void Invalid(string name, TorControlError error) => _outcome = PtEventOutcome.Invalid(name);
}
