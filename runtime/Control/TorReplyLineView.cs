using System;

namespace PtToolkit.Control;

/// <summary>The separator after a reply line's status code (control-spec §2.3).</summary>
public enum TorLineKind : byte
{
    /// <summary><c>NNN-</c>: a MidReplyLine, more lines follow.</summary>
    Mid = (byte)'-',
    /// <summary><c>NNN+</c>: a DataReplyLine, a data block follows.</summary>
    Data = (byte)'+',
    /// <summary><c>NNN </c>: the EndReplyLine.</summary>
    End = (byte)' ',
}

/// <summary>
/// One line of a reply: status code, separator, text, the data block after a <c>NNN+</c> line, and the
/// line's text read as arguments (§4.1) or as one <c>keyword=value</c> pair (GETINFO, GETCONF, CONF_CHANGED).
/// </summary>
public readonly ref struct TorReplyLineView
{
    private readonly ReadOnlySpan<byte> _line;
    private readonly ReadOnlySpan<byte> _data;

    internal TorReplyLineView(ReadOnlySpan<byte> line, ReadOnlySpan<byte> data, int offset)
    {
        _line = line;
        _data = data;
        Offset = offset;
    }

    /// <summary>Where the line starts in its reply's <see cref="TorReplyView.Raw"/> (its status code's first digit).</summary>
    public int Offset { get; }

    /// <summary>The three-digit status code.</summary>
    public int StatusCode => (_line[0] - '0') * 100 + (_line[1] - '0') * 10 + (_line[2] - '0');

    /// <summary>True for a 2yz status.</summary>
    public bool IsSuccess => _line[0] == (byte)'2';

    /// <summary>The separator: mid, data or end line.</summary>
    public TorLineKind Kind => (TorLineKind)_line[3];

    /// <summary>The ReplyText: what follows the separator, without the CRLF.</summary>
    public ReadOnlySpan<byte> Text => _line[4..];

    /// <summary>True for a <c>NNN+</c> line.</summary>
    public bool HasData => Kind == TorLineKind.Data;

    /// <summary>The data block of a <c>NNN+</c> line (empty otherwise).</summary>
    public TorDataBlockView Data => new(_data);

    /// <summary>The text read as space-separated arguments, positional and <c>KEYWORD=value</c> (§4.1).</summary>
    public TorArgumentReader Arguments => new(Text);

    /// <summary>
    /// Finds the first keyword argument named <paramref name="key"/> (ordinal, case-sensitive as keywords
    /// are, §3). False when it is absent, or when the text breaks the argument grammar before it.
    /// </summary>
    public bool TryGetArgument(ReadOnlySpan<byte> key, out TorArgumentView value)
    {
        var reader = Arguments;
        while (reader.MoveNext())
        {
            if (reader.Current.IsKeyword && reader.Current.Key.SequenceEqual(key))
            {
                value = reader.Current;
                return true;
            }
        }
        value = default;
        return false;
    }

    /// <summary>
    /// Finds the positional argument at <paramref name="index"/> (counting only arguments without a keyword).
    /// False when there are fewer, or when the text breaks the argument grammar before it.
    /// </summary>
    public bool TryGetPositional(int index, out TorArgumentView value)
    {
        var reader = Arguments;
        while (reader.MoveNext())
        {
            if (reader.Current.IsKeyword) continue;
            if (index-- == 0)
            {
                value = reader.Current;
                return true;
            }
        }
        value = default;
        return false;
    }

    /// <summary>
    /// Reads the text as one <c>keyword=value</c> pair whose value runs to the end of the line (GETINFO §3.9,
    /// GETCONF §3.3, CONF_CHANGED §4.1.18): the value is quoted when it is exactly one quoted string, raw
    /// otherwise (spaces included). A text without <c>=</c> is a keyword alone (<c>250 keyword</c>,
    /// §3.3); <paramref name="pair"/> then has no value. False for an empty text or one starting with <c>=</c>.
    /// </summary>
    public bool TrySplitKeyValue(out TorArgumentView pair)
    {
        var text = Text;
        int eq = text.IndexOf((byte)'=');
        if (text.IsEmpty || eq == 0)
        {
            pair = default;
            return false;
        }
        if (eq < 0)
        {
            pair = new TorArgumentView(text, text, default, isQuoted: false, hasValue: false, offset: 0);
            return true;
        }
        var value = text[(eq + 1)..];
        bool quoted = !value.IsEmpty && value[0] == (byte)'"' && TorQuotedString.TryScan(value, 0, out int end) && end == value.Length;
        pair = new TorArgumentView(text, text[..eq], quoted ? value[1..^1] : value, quoted, hasValue: true, offset: 0);
        return true;
    }
}
