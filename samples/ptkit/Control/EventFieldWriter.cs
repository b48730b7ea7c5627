using System;
using System.Text;
using System.Text.Json;
using PtToolkit.Control;

namespace PtToolkit.Cli.Control;

/// <summary>
/// Writes an event's typed fields as JSON: <c>"kind"</c>, then a <c>"fields"</c> object holding each argument the
/// view read, under its spec name (positionals in camelCase, keywords as Tor writes them). Tokens and quoted
/// strings become strings (quoted ones decoded), numbers numbers, enumerated words the word Tor sent; an
/// optional argument Tor left out is left out.
/// </summary>
internal sealed class EventFieldWriter(Utf8JsonWriter json)
{
    private bool _open;

    /// <summary>The kind of the event being written, set before it is dispatched.</summary>
    public TorEvents.EventKind Kind { get; set; }

    /// <summary>Writes <c>"kind"</c> and opens <c>"fields"</c>; every handler of a valid event calls it first.</summary>
    public void Begin()
    {
        json.WriteString("kind", Kind.ToString());
        json.WriteStartObject("fields");
        _open = true;
    }

    /// <summary>Closes <c>"fields"</c> when it was opened.</summary>
    public void End()
    {
        if (_open) json.WriteEndObject();
        _open = false;
    }

    /// <summary>A token or quoted string.</summary>
    public void Token(string name, TorArgumentView value) => json.WriteString(name, value.ToString());

    /// <summary>A token or quoted string that may be absent.</summary>
    public void Token(string name, bool present, TorArgumentView value)
    {
        if (present) Token(name, value);
    }

    /// <summary>A decimal number.</summary>
    public void Number(string name, ulong value) => json.WriteNumber(name, value);

    /// <summary>A decimal number that may be absent.</summary>
    public void Number(string name, bool present, ulong value)
    {
        if (present) Number(name, value);
    }

    /// <summary>The word of an enumerated argument, as Tor sent it (a value the spec does not list included).</summary>
    public void Word(string name, ReadOnlySpan<byte> word) => json.WriteString(name, Encoding.UTF8.GetString(word));

    /// <summary>Free text to the end of the line (log messages), when present.</summary>
    public void Text(string name, bool present, ReadOnlySpan<byte> text)
    {
        if (present) Word(name, text);
    }
}
