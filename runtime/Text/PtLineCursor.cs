using System;

namespace PtToolkit.Text;

/// <summary>
/// Reads one line left to right for the generated parsers: each method reads one item of a message's
/// grammar, advances on success, and on failure records the error (offset, reason, field) and returns
/// false. Nothing allocates; every search is a vectorised span search.
/// </summary>
public ref struct PtLineCursor
{
    private readonly ReadOnlySpan<byte> _line;
    private int _pos;
    private PtParseError _error;

    /// <summary>Starts at the beginning of <paramref name="line"/> (already without its line ending).</summary>
    public PtLineCursor(ReadOnlySpan<byte> line)
    {
        _line = line;
        _pos = 0;
        _error = default;
    }

    /// <summary>The offset of the next byte to read.</summary>
    public readonly int Position => _pos;

    /// <summary>The error recorded by the last failed read.</summary>
    public readonly PtParseError Error => _error;

    /// <summary>
    /// Drops one trailing LF and then every CR before it, so that a text field never ends in CR (a
    /// CR there could not be written back: the reader would take it for the line ending).
    /// </summary>
    public static ReadOnlySpan<byte> TrimLineEnd(ReadOnlySpan<byte> line)
    {
        if (!line.IsEmpty && line[^1] == (byte)'\n') line = line[..^1];
        return line.TrimEnd((byte)'\r');
    }

    /// <summary>The first word of a line (up to the first space), or empty when the line does not start with a keyword.</summary>
    public static ReadOnlySpan<byte> Keyword(ReadOnlySpan<byte> line)
    {
        int end = line.IndexOfAnyExcept(PtByteClasses.Keyword);
        if (end < 0) return line;
        return line[end] == (byte)' ' ? line[..end] : default;
    }

    /// <summary>
    /// True when the words after the keyword, starting at <paramref name="offset"/> (on a space), begin with
    /// <paramref name="word"/> as a whole word; <paramref name="offset"/> then moves past it.
    /// </summary>
    public static bool MatchWord(ReadOnlySpan<byte> line, ref int offset, ReadOnlySpan<byte> word)
    {
        int start = offset + 1;
        if (start > line.Length || line[offset] != (byte)' ') return false;
        var rest = line[start..];
        if (!rest.StartsWith(word) || (rest.Length > word.Length && rest[word.Length] != (byte)' ')) return false;
        offset = start + word.Length;
        return true;
    }

    private bool Fail(int offset, PtErrorReason reason, string? field)
    {
        _error = new PtParseError(offset, reason, field);
        return false;
    }

    /// <summary>Records an error found by the generated code itself.</summary>
    public bool Fail(PtErrorReason reason, string? field) => Fail(_pos, reason, field);

    /// <summary>True when <paramref name="literal"/> comes next (nothing is consumed).</summary>
    public readonly bool Peek(ReadOnlySpan<byte> literal) => _line[_pos..].StartsWith(literal);

    /// <summary>True when a space and then <paramref name="literal"/> come next (nothing is consumed).</summary>
    public readonly bool PeekSpaceThen(ReadOnlySpan<byte> literal) =>
        _pos < _line.Length && _line[_pos] == (byte)' ' && _line[(_pos + 1)..].StartsWith(literal);

    /// <summary>True when a space comes next (nothing is consumed).</summary>
    public readonly bool PeekSpace() => _pos < _line.Length && _line[_pos] == (byte)' ';

    /// <summary>Moves past <paramref name="count"/> bytes already checked with a Peek method.</summary>
    public void Skip(int count) => _pos += count;

    /// <summary>Reads <paramref name="literal"/> exactly.</summary>
    public bool Literal(ReadOnlySpan<byte> literal, string? field)
    {
        if (!_line[_pos..].StartsWith(literal)) return Fail(PtErrorReason.ExpectedLiteral, field);
        _pos += literal.Length;
        return true;
    }

    /// <summary>Reads one space (0x20).</summary>
    public bool Space(string? field)
    {
        if (_pos >= _line.Length || _line[_pos] != (byte)' ') return Fail(PtErrorReason.ExpectedSpace, field);
        _pos++;
        return true;
    }

    /// <summary>Succeeds at the end of the line.</summary>
    public bool End() => _pos == _line.Length || Fail(PtErrorReason.ExpectedEnd, null);

    /// <summary>The bytes up to the next space or the end of the line, checked to be visible US-ASCII.</summary>
    private bool Word(out ReadOnlySpan<byte> word, string? field)
    {
        var rest = _line[_pos..];
        int end = rest.IndexOfAnyExceptInRange((byte)0x21, (byte)0x7E);
        if (end < 0) end = rest.Length;
        else if (rest[end] != (byte)' ') return Fail(_pos + end, PtErrorReason.BadByte, field) & Clear(out word);
        if (end == 0) return Fail(PtErrorReason.MissingField, field) & Clear(out word);
        word = rest[..end];
        _pos += end;
        return true;
    }

    private static bool Clear(out ReadOnlySpan<byte> span)
    {
        span = default;
        return false;
    }

    /// <summary>A token: one or more visible US-ASCII bytes (a transport name, for example).</summary>
    public bool Token(out ReadOnlySpan<byte> token, string? field) => Word(out token, field);

    /// <summary>A keyword-like enumeration token: US-ASCII alphanumeric, dash and underscore.</summary>
    public bool EnumToken(out ReadOnlySpan<byte> token, string? field)
    {
        var rest = _line[_pos..];
        int end = rest.IndexOfAnyExcept(PtByteClasses.Keyword);
        if (end < 0) end = rest.Length;
        else if (rest[end] != (byte)' ') return Fail(_pos + end, PtErrorReason.BadEnumValue, field) & Clear(out token);
        if (end == 0) return Fail(PtErrorReason.MissingField, field) & Clear(out token);
        token = rest[..end];
        _pos += end;
        return true;
    }

    /// <summary>A version (pt-2.2 §1.1.1): non-whitespace, non-comma printable ASCII.</summary>
    public bool Version(out ReadOnlySpan<byte> version, string? field)
    {
        int start = _pos;
        if (!Word(out version, field)) return false;
        int comma = version.IndexOf((byte)',');
        return comma < 0 || Fail(start + comma, PtErrorReason.BadByte, field) & Clear(out version);
    }

    /// <summary>The rest of the line, at least one byte, without NUL or LF.</summary>
    public bool Text(out ReadOnlySpan<byte> text, string? field)
    {
        var rest = _line[_pos..];
        int bad = rest.IndexOfAny(PtByteClasses.TextStop);
        if (bad >= 0) return Fail(_pos + bad, PtErrorReason.BadByte, field) & Clear(out text);
        if (rest.IsEmpty) return Fail(PtErrorReason.MissingField, field) & Clear(out text);
        text = rest;
        _pos = _line.Length;
        return true;
    }

    /// <summary>A decimal port, 0 to 65535.</summary>
    public bool Port(out ushort port, string? field)
    {
        int start = _pos;
        port = 0;
        return Word(out var digits, field) && (PtAddressSyntax.TryParsePort(digits, out port) || Fail(start, PtErrorReason.BadPort, field));
    }

    /// <summary>An unsigned decimal number that fits in 31 bits.</summary>
    public bool Number(out int value, string? field)
    {
        int start = _pos;
        value = 0;
        if (!Word(out var digits, field)) return false;
        if (digits.Length > 9 || digits.IndexOfAnyExceptInRange((byte)'0', (byte)'9') >= 0) return Fail(start, PtErrorReason.BadNumber, field);
        foreach (byte d in digits) value = value * 10 + (d - '0');
        return true;
    }

    /// <summary>A host without a port: IPv4, IPv6 without brackets, or a host name.</summary>
    public bool Host(out PtHostView host, string? field)
    {
        int start = _pos;
        host = default;
        if (!Word(out var text, field)) return false;
        if (!PtAddressSyntax.TryClassifyHost(text, allowName: true, out var kind)) return Fail(start, PtErrorReason.BadAddress, field);
        host = new PtHostView(text, kind);
        return true;
    }

    /// <summary><c>host:port</c> with an IPv4 or bracketed IPv6 host, and a host name when <paramref name="allowName"/>.</summary>
    public bool Endpoint(bool allowName, out PtEndpointView endpoint, string? field)
    {
        int start = _pos;
        endpoint = default;
        if (!Word(out var text, field)) return false;
        int colon = text.LastIndexOf((byte)':');
        ReadOnlySpan<byte> host;
        PtHostKind kind;
        if (text[0] == (byte)'[')
        {
            int close = text.IndexOf((byte)']');
            if (close < 0 || !PtAddressSyntax.IsIPv6(text[1..close])) return Fail(start, PtErrorReason.BadAddress, field);
            if (close + 1 == text.Length || text[close + 1] != (byte)':') return Fail(start + close + 1, PtErrorReason.MissingPort, field);
            host = text[1..close];
            kind = PtHostKind.IPv6;
            colon = close + 1;
        }
        else
        {
            if (colon < 0) return Fail(start + text.Length, PtErrorReason.MissingPort, field);
            host = text[..colon];
            // An IPv6 address must be bracketed here: its colons would be taken for the port's.
            if (host.IndexOf((byte)':') >= 0 || !PtAddressSyntax.TryClassifyHost(host, allowName, out kind))
                return Fail(start, PtErrorReason.BadAddress, field);
        }
        if (!PtAddressSyntax.TryParsePort(text[(colon + 1)..], out ushort port)) return Fail(start + colon + 1, PtErrorReason.BadPort, field);
        endpoint = new PtEndpointView(host, kind, port);
        return true;
    }

    /// <summary>A String or CString value (control-spec §2).</summary>
    public bool QuotedString(out PtStringView value, string? field)
    {
        value = default;
        if (!PtKvLine.TryScanValue(_line, _pos, out int end, out int offset, out var reason)) return Fail(offset, reason, field);
        bool quoted = end > _pos && _line[_pos] == (byte)'"';
        value = quoted ? new PtStringView(_line[(_pos + 1)..(end - 1)], true) : new PtStringView(_line[_pos..end], false);
        _pos = end;
        return true;
    }

    /// <summary>SMETHOD ARGS pairs (see <see cref="PtArgs"/>).</summary>
    public bool Args(out PtArgsView args, string? field)
    {
        args = default;
        if (!PtArgs.TryScan(_line, _pos, out int end, out int offset, out var reason)) return Fail(offset, reason, field);
        args = new PtArgsView(_line[_pos..end]);
        _pos = end;
        return true;
    }

    /// <summary>STATUS K=V pairs to the end of the line (see <see cref="PtKvLine"/>).</summary>
    public bool KeyValues(out PtKvLineView values, string? field)
    {
        values = default;
        if (!PtKvLine.TryScan(_line, _pos, out int offset, out var reason)) return Fail(offset, reason, field);
        values = new PtKvLineView(_line[_pos..]);
        _pos = _line.Length;
        return true;
    }
}
