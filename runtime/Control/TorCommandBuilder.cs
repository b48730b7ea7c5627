using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text.Unicode;

namespace PtToolkit.Control;

/// <summary>
/// Encodes one command (control-spec §2.2): <c>Keyword *(SP argument) CRLF</c>, or <c>"+" Keyword ... CRLF
/// CmdData</c> when <see cref="SetData"/> is given. Bare arguments must be visible US-ASCII without a double
/// quote; values that may hold anything but NUL go quoted (<see cref="TorQuotedString"/>), secrets go as hex. A CR
/// or LF where it would end the command is refused with an error value, never written: after the first
/// error every call is ignored and <see cref="TryBuild"/> reports it.
/// </summary>
public sealed class TorCommandBuilder
{
    /// <summary>The default bound on an encoded command: 1 MiB.</summary>
    public const int DefaultMaxLength = 1024 * 1024;

    private readonly string _keyword;
    private readonly int _maxLength;
    private byte[] _buffer;
    private int _length;
    private int _arguments;
    private readonly bool _sensitive;
    private bool _hasData;
    private bool _built;
    private TorControlError _error;

    /// <summary>
    /// Starts a command; <paramref name="keyword"/> is letters, digits and underscores (<c>ADD_ONION</c>).
    /// A <paramref name="sensitive"/> command (one that will carry a password, cookie, hash or private key) is
    /// never shown, and every buffer it used is wiped.
    /// </summary>
    public TorCommandBuilder(string keyword, bool sensitive = false, int maxLength = DefaultMaxLength)
    {
        ArgumentNullException.ThrowIfNull(keyword);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 16);
        _keyword = keyword;
        _maxLength = maxLength;
        _sensitive = sensitive;
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Min(256, maxLength));
        _length = 1; // byte 0 is kept for the '+' of a multi-line command
        int bad = keyword.AsSpan().IndexOfAnyExcept(KeywordChars);
        if (keyword.Length == 0 || bad >= 0) _error = new TorControlError(TorControlErrorReason.BadKeyword, Math.Max(bad, 0), "keyword");
        else Append(keyword);
    }

    private static readonly SearchValues<char> KeywordChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_");

    /// <summary>The first error met, or a default value.</summary>
    public TorControlError Error => _error;

    /// <summary>Adds a bare argument: one or more visible US-ASCII characters, no double quote.</summary>
    public TorCommandBuilder Add(string argument)
    {
        if (CanWrite() && CheckBare(argument, allowEquals: true, Field()))
        {
            Append(" ");
            Append(argument);
            _arguments++;
        }
        return this;
    }

    /// <summary>Adds a quoted-string argument holding any text but NUL.</summary>
    public TorCommandBuilder AddQuoted(string value)
    {
        if (CanWrite())
        {
            Append(" ");
            AppendQuoted(value, Field());
            _arguments++;
        }
        return this;
    }

    /// <summary>
    /// Adds <c>key=value</c>: the value quoted when <paramref name="quoted"/> (any text but NUL), else bare; a null
    /// value writes the key alone. The key is bare, without <c>=</c>.
    /// </summary>
    public TorCommandBuilder AddKeyValue(string key, string? value, bool quoted = true)
    {
        string field = Field();
        if (!CanWrite() || !CheckBare(key, allowEquals: false, field)) return this;
        if (value is not null && !quoted && !CheckBare(value, allowEquals: true, field)) return this;
        Append(" ");
        Append(key);
        if (value is not null)
        {
            Append("=");
            if (quoted) AppendQuoted(value, field);
            else Append(value);
        }
        _arguments++;
        return this;
    }

    /// <summary>
    /// Adds <c>key=a,b,c</c> (ADD_ONION's <c>Flags=</c>): at least one item, each bare, without <c>,</c> or
    /// <c>=</c>. The error offset of a refused item counts from the start of the list.
    /// </summary>
    public TorCommandBuilder AddList(string key, IEnumerable<string> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        string field = Field();
        if (!CanWrite() || !CheckBare(key, allowEquals: false, field)) return this;
        Append(" ");
        Append(key);
        Append("=");
        int offset = 0;
        foreach (string item in items)
        {
            if (offset > 0) Append(",");
            if (!CheckBare(item, allowEquals: false, field, offset, allowComma: false)) return this;
            Append(item);
            offset += item.Length + 1;
        }
        if (offset == 0) Fail(TorControlErrorReason.EmptyArgument, 0, field);
        _arguments++;
        return this;
    }

    /// <summary>
    /// Records that an argument the command's grammar requires is missing (for example no key for GETINFO's
    /// <c>1*(SP keyword)</c>): the command will not be built, and <see cref="TryBuild"/> reports <paramref name="field"/>.
    /// </summary>
    public TorCommandBuilder MarkMissing(string field)
    {
        if (CanWrite()) Fail(TorControlErrorReason.MissingArgument, 0, field);
        return this;
    }

    /// <summary>Adds bytes as one hex argument (AUTHENTICATE §3.5 takes a secret this way, safe from escaping issues); at least one byte.</summary>
    public TorCommandBuilder AddHex(ReadOnlySpan<byte> bytes)
    {
        if (!CanWrite()) return this;
        if (bytes.IsEmpty)
        {
            Fail(TorControlErrorReason.EmptyArgument, 0, Field());
            return this;
        }
        Append(" ");
        if (!Reserve(bytes.Length * 2)) return this;
        Convert.TryToHexString(bytes, _buffer.AsSpan(_length), out int written);
        _length += written;
        _arguments++;
        return this;
    }

    /// <summary>
    /// Makes this a multi-line command (§2.2) whose data is <paramref name="text"/>: lines split at LF (a CR
    /// before it dropped), a leading period doubled, closed by a <c>.</c> line. Call it last.
    /// </summary>
    public TorCommandBuilder SetData(string text)
    {
        if (!CanWrite()) return this;
        _hasData = true;
        Append("\r\n");
        var rest = text.AsSpan();
        int offset = 0;
        while (!rest.IsEmpty && !_error.IsError)
        {
            int lf = rest.IndexOf('\n');
            var line = lf < 0 ? rest : rest[..lf];
            if (!line.IsEmpty && line[^1] == '\r') line = line[..^1];
            // §2.4: a CR inside a data line must be followed by something other than CR or LF.
            if (!line.IsEmpty && line[^1] == '\r') _error = new TorControlError(TorControlErrorReason.LineBreakInArgument, offset + line.Length - 1, "data");
            else
            {
                if (!line.IsEmpty && line[0] == '.') Append(".");
                AppendUtf8(line, "data");
                Append("\r\n");
            }
            if (lf < 0) break;
            rest = rest[(lf + 1)..];
            offset += lf + 1;
        }
        Append(".");
        return this;
    }

    /// <summary>Finishes the command; false with the first error when an argument was refused.</summary>
    public bool TryBuild(out TorCommand? command, out TorControlError error)
    {
        command = null;
        if (_built) throw new InvalidOperationException("The command was already built.");
        _built = true;
        if (!_error.IsError) Append("\r\n");
        error = _error;
        if (!error.IsError)
        {
            if (_hasData) _buffer[0] = (byte)'+';
            int start = _hasData ? 0 : 1;
            command = new TorCommand(_keyword, _buffer.AsSpan(start, _length - start).ToArray(), _sensitive);
        }
        ArrayPool<byte>.Shared.Return(_buffer, clearArray: _sensitive);
        _buffer = [];
        return command is not null;
    }

    /// <summary>
    /// Encodes a raw single-line command as the caller wrote it (without CRLF): it must start with a keyword and
    /// hold no control character (§2.2: arguments are SP and VCHAR; bytes above US-ASCII pass as UTF-8).
    /// </summary>
    public static bool TryCreateRaw(string line, out TorCommand? command, out TorControlError error)
    {
        ArgumentNullException.ThrowIfNull(line);
        int space = line.IndexOf(' ');
        string keyword = space < 0 ? line : line[..space];
        var builder = new TorCommandBuilder(keyword, sensitive: IsSecretBearing(keyword));
        int bad = line.AsSpan().IndexOfAnyInRange('\0', '\u001f');
        if (bad < 0) bad = line.IndexOf('\u007f');
        if (bad >= 0 && !builder._error.IsError)
        {
            var reason = line[bad] is '\r' or '\n' ? TorControlErrorReason.LineBreakInArgument : TorControlErrorReason.ForbiddenByte;
            builder._error = new TorControlError(reason, bad, "line");
        }
        if (space >= 0 && builder.CanWrite()) builder.AppendUtf8(line.AsSpan(space), "line");
        return builder.TryBuild(out command, out error);
    }

    /// <summary>Commands whose arguments can hold a secret (a password, cookie or private key), by keyword.</summary>
    private static bool IsSecretBearing(string keyword) =>
        keyword.Equals("AUTHENTICATE", StringComparison.OrdinalIgnoreCase)
        || keyword.Equals("ADD_ONION", StringComparison.OrdinalIgnoreCase)
        || keyword.Equals("ONION_CLIENT_AUTH_ADD", StringComparison.OrdinalIgnoreCase);

    private string Field() => $"argument {_arguments + 1}";

    private bool CanWrite()
    {
        if (_built) throw new InvalidOperationException("The command was already built.");
        if (_hasData && !_error.IsError) throw new InvalidOperationException("SetData must be called last.");
        return !_error.IsError;
    }

    private bool CheckBare(string value, bool allowEquals, string field, int offset = 0, bool allowComma = true)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0) return Fail(TorControlErrorReason.EmptyArgument, offset, field);
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (c is '\r' or '\n') return Fail(TorControlErrorReason.LineBreakInArgument, offset + i, field);
            if (c is < '!' or > '~' or '"' || (c == '=' && !allowEquals) || (c == ',' && !allowComma)) return Fail(TorControlErrorReason.ForbiddenByte, offset + i, field);
        }
        return true;
    }

    private bool Fail(TorControlErrorReason reason, int offset, string field)
    {
        _error = new TorControlError(reason, offset, field);
        return false;
    }

    private void AppendQuoted(string value, string field)
    {
        ArgumentNullException.ThrowIfNull(value);
        // Tor keeps a value as a C string: an escaped NUL would cut it short, so it is refused rather than sent.
        int nul = value.IndexOf('\0');
        if (nul >= 0)
        {
            Fail(TorControlErrorReason.ForbiddenByte, nul, field);
            return;
        }
        byte[] utf8 = ArrayPool<byte>.Shared.Rent(value.Length * 3);
        if (Utf8.FromUtf16(value, utf8, out _, out int n, replaceInvalidSequences: false) != OperationStatus.Done)
        {
            Fail(TorControlErrorReason.InvalidText, 0, field);
        }
        else if (Reserve(TorQuotedString.GetEncodedLength(utf8.AsSpan(0, n))))
        {
            _length += TorQuotedString.Write(utf8.AsSpan(0, n), _buffer.AsSpan(_length));
        }
        ArrayPool<byte>.Shared.Return(utf8, clearArray: _sensitive);
    }

    private void AppendUtf8(ReadOnlySpan<char> text, string field)
    {
        if (!Reserve(text.Length * 3)) return;
        if (Utf8.FromUtf16(text, _buffer.AsSpan(_length), out _, out int n, replaceInvalidSequences: false) != OperationStatus.Done)
        {
            Fail(TorControlErrorReason.InvalidText, 0, field);
            return;
        }
        _length += n;
    }

    private void Append(ReadOnlySpan<char> ascii)
    {
        if (!Reserve(ascii.Length)) return;
        for (int i = 0; i < ascii.Length; i++) _buffer[_length + i] = (byte)ascii[i];
        _length += ascii.Length;
    }

    private bool Reserve(int count)
    {
        if (_error.IsError) return false;
        if (_length + count + 2 > _maxLength) return Fail(TorControlErrorReason.CommandTooLarge, _length, "command");
        if (_length + count + 2 <= _buffer.Length) return true;
        byte[] bigger = ArrayPool<byte>.Shared.Rent(Math.Min(_maxLength, Math.Max(_buffer.Length * 2, _length + count + 2)));
        _buffer.AsSpan(0, _length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer, clearArray: _sensitive);
        _buffer = bigger;
        return true;
    }
}
