using System;
using System.Text;
using System.Text.Json;
using PtToolkit.Control;

namespace PtToolkit.Cli.Control;

/// <summary>
/// Writes an event's typed fields as JSON, for every event alike through the view's generated <c>WriteFields</c>:
/// <c>"kind"</c>, then a <c>"fields"</c> object holding each argument the view read, under its spec name
/// (positionals in camelCase, keywords as Tor writes them). Tokens and quoted strings become strings (quoted ones
/// decoded), numbers numbers, enumerated words the word Tor sent; an optional argument Tor left out is left out.
/// </summary>
internal sealed class EventFieldWriter(Utf8JsonWriter json) : ITorFieldWriter
{
    private TorEvents.EventKind _kind;
    private bool _skipText;
    private bool _open;

    /// <summary>
    /// Starts an event of <paramref name="kind"/>; <paramref name="skipText"/> leaves out its text field (a log
    /// message that comes as a data block is written from the block instead).
    /// </summary>
    public void Start(TorEvents.EventKind kind, bool skipText)
    {
        _kind = kind;
        _skipText = skipText;
        _open = false;
    }

    /// <summary>Writes <c>"kind"</c> and opens <c>"fields"</c>, once per event: before its first field, or for a valid event without any.</summary>
    public void Open()
    {
        if (_open) return;
        json.WriteString("kind", _kind.ToString());
        json.WriteStartObject("fields");
        _open = true;
    }

    /// <summary>Closes <c>"fields"</c> when it was opened.</summary>
    public void End()
    {
        if (_open) json.WriteEndObject();
        _open = false;
    }

    /// <inheritdoc/>
    public void Argument(string name, TorArgumentView value)
    {
        Open();
        json.WriteString(name, value.ToString());
    }

    /// <inheritdoc/>
    public void Number(string name, ulong value)
    {
        Open();
        json.WriteNumber(name, value);
    }

    /// <inheritdoc/>
    public void Enum(string name, string member, ReadOnlySpan<byte> word)
    {
        Open();
        json.WriteString(name, Encoding.UTF8.GetString(word));
    }

    /// <inheritdoc/>
    public void Text(string name, ReadOnlySpan<byte> text)
    {
        if (_skipText) return;
        Open();
        json.WriteString(name, Encoding.UTF8.GetString(text));
    }
}
