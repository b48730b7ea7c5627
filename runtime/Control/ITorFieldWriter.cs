using System;

namespace PtToolkit.Control;

/// <summary>
/// Receives the arguments of an event view one by one (<c>WriteFields</c>, generated from spec/control.spec), in
/// spec order, each under its spec name: positionals in camelCase (<c>circuitId</c>), keywords as Tor writes them
/// (<c>BUILD_FLAGS</c>). An optional argument the event did not carry is left out. A JSON or log writer implements
/// it once for every event.
/// </summary>
public interface ITorFieldWriter
{
    /// <summary>A token or QuotedString argument (<see cref="TorArgumentView.ToString"/> decodes a quoted one).</summary>
    void Argument(string name, TorArgumentView value);

    /// <summary>A decimal number.</summary>
    void Number(string name, ulong value);

    /// <summary>
    /// An enumerated argument: <paramref name="member"/> is the member of the spec's enumeration it names
    /// (<c>Unknown</c> for a word the spec does not list), <paramref name="word"/> the word as Tor sent it.
    /// </summary>
    void Enum(string name, string member, ReadOnlySpan<byte> word);

    /// <summary>Free text to the end of the line (a log message, NEWDESC's names).</summary>
    void Text(string name, ReadOnlySpan<byte> text);
}
