using System;
using System.Text;

namespace PtToolkit.Control;

/// <summary>
/// One argument of a reply line: positional (<c>1000</c>, <c>"2012-11-19 00:50:13"</c>) or keyword
/// (<c>PURPOSE=GENERAL</c>, <c>SUMMARY="Done"</c>, <c>KEY</c> alone). The value is kept as written; decode it
/// with <see cref="Unescape"/> or <see cref="ToString"/> (QuotedString rules, see <see cref="TorQuotedString"/>).
/// </summary>
public readonly ref struct TorArgumentView
{
    internal TorArgumentView(ReadOnlySpan<byte> raw, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, bool isQuoted, bool hasValue, int offset)
    {
        Raw = raw;
        Key = key;
        Value = value;
        IsQuoted = isQuoted;
        HasValue = hasValue;
        Offset = offset;
    }

    /// <summary>The argument as written, keyword and quotes included.</summary>
    public ReadOnlySpan<byte> Raw { get; }

    /// <summary>The keyword, or empty for a positional argument.</summary>
    public ReadOnlySpan<byte> Key { get; }

    /// <summary>True for a <c>KEYWORD=value</c> argument.</summary>
    public bool IsKeyword => !Key.IsEmpty;

    /// <summary>False for a keyword given without <c>=</c> (only from <see cref="TorReplyLineView.TrySplitKeyValue"/>).</summary>
    public bool HasValue { get; }

    /// <summary>The value as written: without the quotes of a quoted value, escapes not decoded.</summary>
    public ReadOnlySpan<byte> Value { get; }

    /// <summary>True when the value was a quoted string.</summary>
    public bool IsQuoted { get; }

    /// <summary>The offset of the argument in the line's text.</summary>
    public int Offset { get; }

    /// <summary>
    /// Writes the decoded value into <paramref name="destination"/> (at most <see cref="Value"/>.Length bytes
    /// are needed); returns the bytes written, or -1 when the destination is too short for the raw value.
    /// </summary>
    public int Unescape(Span<byte> destination)
    {
        if (destination.Length < Value.Length) return -1;
        if (IsQuoted) return TorQuotedString.Unescape(Value, destination);
        Value.CopyTo(destination);
        return Value.Length;
    }

    /// <summary>The keyword as text (empty for a positional argument).</summary>
    public string KeyString => Encoding.UTF8.GetString(Key);

    /// <summary>The decoded value as text (UTF-8; invalid sequences become U+FFFD).</summary>
    public override string ToString() => IsQuoted ? TorQuotedString.Decode(Value) : Encoding.UTF8.GetString(Value);
}
