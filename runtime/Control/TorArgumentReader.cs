using System;
using PtToolkit.Text;

namespace PtToolkit.Control;

/// <summary>
/// Reads a reply line's text as arguments, left to right, without allocating (control-spec §4.1):
/// <c>SP KEYWORD ["=" (QuotedString / *NonSpDquote)]</c> and positional words or quoted strings. A
/// keyword is letters, digits, <c>-</c> and <c>_</c> before an <c>=</c>; anything else (<c>$FP=nick</c>,
/// <c>1.2.3.4=host</c>) is positional. Every argument is kept, known or not (§4.1: clients MUST tolerate
/// more arguments and unknown keywords). On a grammar break (unterminated quote, quote inside a word,
/// text glued to a closing quote) <see cref="MoveNext"/> returns false and <see cref="Error"/> says where.
/// </summary>
public ref struct TorArgumentReader
{
    private readonly ReadOnlySpan<byte> _text;
    private int _pos;

    /// <summary>Starts at the beginning of <paramref name="text"/> (a reply line's text).</summary>
    public TorArgumentReader(ReadOnlySpan<byte> text)
    {
        _text = text;
        _pos = 0;
        Current = default;
        Error = default;
    }

    /// <summary>The argument read by the last successful <see cref="MoveNext"/>.</summary>
    public TorArgumentView Current { get; private set; }

    /// <summary>The grammar error that stopped the reader, or a default value (offsets count in the line's text).</summary>
    public TorControlError Error { get; private set; }

    /// <summary>The text not read yet, from the space before the next argument: the raw rest of the line.</summary>
    public readonly ReadOnlySpan<byte> Remaining => _text[_pos..];

    /// <summary>Returns this reader (for <c>foreach</c>).</summary>
    public readonly TorArgumentReader GetEnumerator() => this;

    /// <summary>Reads the next argument; false at the end of the text or on a grammar error.</summary>
    public bool MoveNext()
    {
        if (Error.IsError) return false;
        while (_pos < _text.Length && _text[_pos] == (byte)' ') _pos++;
        if (_pos >= _text.Length) return false;
        int start = _pos;
        var rest = _text[start..];
        int keyEnd = rest.IndexOfAnyExcept(PtByteClasses.Keyword);
        if (keyEnd > 0 && rest[keyEnd] == (byte)'=')
        {
            if (!TryValue(start + keyEnd + 1, out var value, out bool quoted)) return false;
            Current = new TorArgumentView(_text[start.._pos], rest[..keyEnd], value, quoted, hasValue: true, start);
            return true;
        }
        if (!TryValue(start, out var word, out bool isQuoted)) return false;
        Current = new TorArgumentView(_text[start.._pos], default, word, isQuoted, hasValue: true, start);
        return true;
    }

    /// <summary>Reads a quoted string or a word at <paramref name="at"/>, up to a space or the end.</summary>
    private bool TryValue(int at, out ReadOnlySpan<byte> value, out bool quoted)
    {
        value = default;
        quoted = at < _text.Length && _text[at] == (byte)'"';
        int end;
        if (quoted)
        {
            if (!TorQuotedString.TryScan(_text, at, out end)) return Fail(TorControlErrorReason.UnterminatedQuote, at);
            if (end < _text.Length && _text[end] != (byte)' ') return Fail(TorControlErrorReason.ExpectedSpace, end);
            value = _text[(at + 1)..(end - 1)];
        }
        else
        {
            int space = _text[at..].IndexOf((byte)' ');
            end = space < 0 ? _text.Length : at + space;
            int quote = _text[at..end].IndexOf((byte)'"');
            if (quote >= 0) return Fail(TorControlErrorReason.QuoteInsideToken, at + quote);
            value = _text[at..end];
        }
        _pos = end;
        return true;
    }

    private bool Fail(TorControlErrorReason reason, int offset)
    {
        Error = new TorControlError(reason, offset);
        Current = default;
        return false;
    }
}
