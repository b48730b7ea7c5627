using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;

namespace PtToolkit.Text;

/// <summary>
/// Writes one line for the generated formatters into a span. Each method writes one item and checks
/// that the value can be written so that it parses back (no space inside a token, no NUL or newline in a
/// text); the first failure is kept in <see cref="Status"/> and later writes do nothing.
/// </summary>
public ref struct PtLineWriter
{
    private readonly Span<byte> _destination;
    private int _pos;

    /// <summary>Writes into <paramref name="destination"/>.</summary>
    public PtLineWriter(Span<byte> destination)
    {
        _destination = destination;
        _pos = 0;
        Status = OperationStatus.Done;
        InvalidField = null;
    }

    /// <summary>Done, or the first failure: DestinationTooSmall or InvalidData.</summary>
    public OperationStatus Status { get; private set; }

    /// <summary>The field whose value could not be written, when <see cref="Status"/> is InvalidData.</summary>
    public string? InvalidField { get; private set; }

    /// <summary>Bytes written so far.</summary>
    public readonly int Written => _pos;

    private readonly bool Ok => Status == OperationStatus.Done;

    /// <summary>Marks <paramref name="field"/> as impossible to write (a required value is missing).</summary>
    public void Reject(string field) => Invalid(field);

    private void Invalid(string field)
    {
        if (!Ok) return;
        Status = OperationStatus.InvalidData;
        InvalidField = field;
    }

    private void TooSmall()
    {
        if (Ok) Status = OperationStatus.DestinationTooSmall;
    }

    /// <summary>Writes fixed bytes.</summary>
    public void Literal(ReadOnlySpan<byte> bytes)
    {
        if (!Ok) return;
        if (!bytes.TryCopyTo(_destination[_pos..])) { TooSmall(); return; }
        _pos += bytes.Length;
    }

    /// <summary>Writes one space.</summary>
    public void Space() => Literal(" "u8);

    /// <summary>Writes the line feed that ends a line.</summary>
    public void NewLine() => Literal("\n"u8);

    private void Ascii(ReadOnlySpan<char> text)
    {
        if (!Ok) return;
        if (text.Length > _destination.Length - _pos) { TooSmall(); return; }
        System.Text.Ascii.FromUtf16(text, _destination[_pos..], out int n);
        _pos += n;
    }

    /// <summary>A token: one or more visible US-ASCII characters.</summary>
    public void Token(ReadOnlySpan<char> value, string field)
    {
        if (value.IsEmpty || value.IndexOfAnyExceptInRange('!', '~') >= 0) Invalid(field);
        else Ascii(value);
    }

    /// <summary>An enumeration token: US-ASCII alphanumeric, dash and underscore.</summary>
    public void EnumToken(ReadOnlySpan<char> value, string field)
    {
        foreach (char c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')) { Invalid(field); return; }
        }
        Token(value, field);
    }

    /// <summary>A version: visible US-ASCII without a comma.</summary>
    public void Version(ReadOnlySpan<char> value, string field)
    {
        if (value.IndexOf(',') >= 0) Invalid(field);
        else Token(value, field);
    }

    /// <summary>Rest-of-line text, UTF-8, at least one character, without NUL or LF, not ending in CR.</summary>
    public void Text(ReadOnlySpan<char> value, string field)
    {
        if (value.IsEmpty || value.IndexOfAny('\0', '\n') >= 0 || value[^1] == '\r') { Invalid(field); return; }
        if (!Ok) return;
        // A lone surrogate has no UTF-8 form: refuse it rather than write U+FFFD, which would read back as another text.
        var status = System.Text.Unicode.Utf8.FromUtf16(value, _destination[_pos..], out _, out int n, replaceInvalidSequences: false);
        Apply(status is OperationStatus.Done or OperationStatus.DestinationTooSmall ? status : OperationStatus.InvalidData, n, field);
    }

    /// <summary>A decimal number.</summary>
    public void Number(int value, string field)
    {
        if (value < 0) { Invalid(field); return; }
        if (!Ok) return;
        if (!System.Buffers.Text.Utf8Formatter.TryFormat(value, _destination[_pos..], out int n)) { TooSmall(); return; }
        _pos += n;
    }

    /// <summary>A port.</summary>
    public void Port(ushort value, string field) => Number(value, field);

    /// <summary>A host without a port, checked against its kind.</summary>
    public void Host(ReadOnlySpan<char> host, string field)
    {
        Span<byte> ascii = stackalloc byte[253];
        if (host.Length > ascii.Length || host.IndexOfAnyExceptInRange('!', '~') >= 0) { Invalid(field); return; }
        System.Text.Ascii.FromUtf16(host, ascii, out int n);
        if (!PtAddressSyntax.TryClassifyHost(ascii[..n], allowName: true, out _)) { Invalid(field); return; }
        Ascii(host);
    }

    /// <summary><c>host:port</c>, with brackets around an IPv6 host.</summary>
    public void Endpoint(PtEndpoint endpoint, bool allowName, string field)
    {
        var host = endpoint.Host.AsSpan();
        Span<byte> ascii = stackalloc byte[253];
        if (host.Length > ascii.Length || host.IndexOfAnyExceptInRange('!', '~') >= 0) { Invalid(field); return; }
        System.Text.Ascii.FromUtf16(host, ascii, out int n);
        if (!PtAddressSyntax.TryClassifyHost(ascii[..n], allowName, out var kind) || kind != endpoint.Kind) { Invalid(field); return; }
        if (kind == PtHostKind.IPv6) Literal("["u8);
        Ascii(host);
        Literal(kind == PtHostKind.IPv6 ? "]:"u8 : ":"u8);
        Port(endpoint.Port, field);
    }

    /// <summary>A String when the value allows it, else a quoted CString.</summary>
    public void QuotedString(ReadOnlySpan<char> value, string field)
    {
        if (!Ok) return;
        Apply(PtCString.TryWrite(value, _destination[_pos..], out int n), n, field);
    }

    /// <summary>SMETHOD ARGS pairs.</summary>
    public void Args(IReadOnlyList<KeyValuePair<string, string>> pairs, string field) =>
        Apply(PtArgs.TryWrite(pairs, Ok ? _destination[_pos..] : default, out int n), n, field);

    /// <summary>STATUS K=V pairs.</summary>
    public void KeyValues(IReadOnlyList<KeyValuePair<string, string>> pairs, string field) =>
        Apply(PtKvLine.TryWrite(pairs, Ok ? _destination[_pos..] : default, out int n), n, field);

    private void Apply(OperationStatus status, int written, string field)
    {
        if (!Ok) return;
        if (status == OperationStatus.InvalidData) Invalid(field);
        else if (status != OperationStatus.Done) TooSmall();
        else _pos += written;
    }
}
