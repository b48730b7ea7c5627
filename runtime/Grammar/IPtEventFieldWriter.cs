using System;
using PtToolkit.Control;

namespace PtToolkit.Grammar;

/// <summary>
/// Receives what a generated event view read, argument by argument, from the generated <c>EventFieldHandler</c>:
/// for comparing the views with a reference interpreter, or for printing events without code per event.
/// For a valid event, <see cref="Event"/> comes first, then each argument present, in spec order (positionals,
/// then keywords); an optional argument that is absent is not written.
/// </summary>
public interface IPtEventFieldWriter
{
    /// <summary>A valid event of the spec begins: <paramref name="name"/> is its name in the spec (<c>Circ</c>).</summary>
    void Event(string name);

    /// <summary>A token or QuotedString argument: <paramref name="field"/> is its spec name, <paramref name="value"/> the argument as read.</summary>
    void Argument(string field, TorArgumentView value);

    /// <summary>A number argument.</summary>
    void Number(string field, ulong value);

    /// <summary>An enumerated argument: the member it names (<c>Unknown</c> for a word the spec does not list) and the word as written.</summary>
    void Enum(string field, string member, ReadOnlySpan<byte> word);

    /// <summary>A text argument: the rest of the line, as written.</summary>
    void Text(string field, ReadOnlySpan<byte> text);

    /// <summary>An event the spec does not name (a controller ignores it, control-spec §4.1).</summary>
    void Unknown();

    /// <summary>An event of the spec whose arguments break its grammar: its name in the spec, and what was wrong where.</summary>
    void Invalid(string name, TorControlError error);
}
