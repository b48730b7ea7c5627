using System.Collections.Generic;

namespace PtToolkit.Grammar;

/// <summary>
/// The asynchronous events of a control spec as data (spec/README.md "event"), emitted next to the event views as
/// <c>EventGrammar</c>: what a reference interpreter or a fuzzer needs to read, build or vary every <c>650</c> event.
/// </summary>
/// <param name="Name">The class that holds the bindings.</param>
/// <param name="Events">The events, in spec order.</param>
public sealed record PtEventGrammar(string Name, IReadOnlyList<PtEventRule> Events);

/// <summary>One event: its name on the wire and its arguments (control-spec §4.1).</summary>
/// <param name="Name">The event's name in the spec (<c>Circ</c>): the view is <c>CircEvent</c>, the kind <c>EventKind.Circ</c>.</param>
/// <param name="Keyword">The event's word after <c>650</c> (<c>CIRC</c>).</param>
/// <param name="Positionals">The positional arguments in order; the optional ones come last, a text one is the last of all.</param>
/// <param name="Keywords">The <c>KEY=value</c> arguments; every one may be absent.</param>
/// <param name="Sections">The document sections it comes from.</param>
/// <param name="Doc">The spec text quoted for it, lines joined by LF.</param>
public sealed record PtEventRule(
    string Name,
    string Keyword,
    IReadOnlyList<PtEventField> Positionals,
    IReadOnlyList<PtEventField> Keywords,
    IReadOnlyList<string> Sections,
    string Doc);

/// <summary>One argument of an event.</summary>
/// <param name="Name">Its spec name: a positional's camelCase name (<c>circuitId</c>), a keyword as Tor writes it (<c>BUILD_FLAGS</c>).</param>
/// <param name="Property">The property of the generated view that holds it (<c>CircuitId</c>, <c>BuildFlags</c>).</param>
/// <param name="Key">For a keyword argument, the key before <c>=</c>; empty for a positional.</param>
/// <param name="Kind">Its value type.</param>
/// <param name="Enum">For an enumeration, the enumeration with its members; otherwise null.</param>
/// <param name="Optional">True when it may be absent (every keyword; positionals inside <c>[ ]</c>).</param>
public sealed record PtEventField(string Name, string Property, string Key, PtEventValueKind Kind, PtEnumRule? Enum, bool Optional)
{
    /// <summary>True for a <c>KEY=value</c> argument.</summary>
    public bool IsKeyword => Key.Length > 0;
}

/// <summary>The value types of event arguments (spec/README.md "event").</summary>
public enum PtEventValueKind
{
    /// <summary>One argument, a word or a QuotedString (decoded when quoted).</summary>
    Token,
    /// <summary>An unquoted decimal number that fits 64 bits.</summary>
    Number,
    /// <summary>A QuotedString (control-spec §2.1), or a bare word where Tor writes one (ADDRMAP's <c>NEVER</c>).</summary>
    QuotedString,
    /// <summary>The rest of the line, as written (a positional, the last one).</summary>
    Text,
    /// <summary>A word from an enumeration of the spec; a word it does not list is kept (§4.1).</summary>
    Enum,
}
