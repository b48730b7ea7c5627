using System;

namespace PtToolkit.Control;

/// <summary>
/// One whole reply from Tor (control-spec §2.3), as a view over its bytes: status, lines, data blocks and
/// arguments are read in place when asked for. Get one from <see cref="TorReplyFramer"/> plus a slice, from
/// <see cref="TryParse"/>, or from an owned <see cref="TorReply"/>.
/// </summary>
public readonly ref struct TorReplyView
{
    /// <summary>Wraps bytes the framer has checked to be exactly one reply.</summary>
    internal TorReplyView(ReadOnlySpan<byte> framed) => Raw = framed;

    /// <summary>The reply as received: every line with its CRLF, data blocks still dot-stuffed.</summary>
    public ReadOnlySpan<byte> Raw { get; }

    /// <summary>
    /// Reads exactly one whole reply from <paramref name="bytes"/>. False, with the error and its offset, when the
    /// bytes break the grammar or the limits, end early (<see cref="TorControlErrorReason.IncompleteReply"/>), or
    /// go on after the reply (<see cref="TorControlErrorReason.TrailingBytes"/>).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out TorReplyView reply, out TorControlError error, TorReplyLimits limits = default)
    {
        reply = default;
        var framer = new TorReplyFramer(limits);
        switch (framer.Frame(bytes, out int length))
        {
            case TorFrameStatus.Invalid:
                error = framer.Error;
                return false;
            case TorFrameStatus.NeedMoreData:
                error = new TorControlError(TorControlErrorReason.IncompleteReply, bytes.Length);
                return false;
        }
        if (length != bytes.Length)
        {
            error = new TorControlError(TorControlErrorReason.TrailingBytes, length);
            return false;
        }
        reply = new TorReplyView(bytes);
        error = default;
        return true;
    }

    /// <summary>The last line, the EndReplyLine that closes the reply.</summary>
    public TorReplyLineView EndLine
    {
        get
        {
            int start = Raw[..^1].LastIndexOf((byte)'\n') + 1;
            return new TorReplyLineView(Raw[start..^2], default, start);
        }
    }

    /// <summary>The first line (the EndReplyLine too when the reply has one line).</summary>
    public TorReplyLineView FirstLine
    {
        get
        {
            var lines = Lines;
            lines.MoveNext();
            return lines.Current;
        }
    }

    /// <summary>The status code of the reply: that of its last line (§4).</summary>
    public int StatusCode => EndLine.StatusCode;

    /// <summary>True when every line has a 2yz status: the command succeeded as a whole.</summary>
    public bool IsSuccess
    {
        get
        {
            foreach (var line in Lines)
            {
                if (!line.IsSuccess) return false;
            }
            return true;
        }
    }

    /// <summary>True for a 6yz reply: an asynchronous event (§4.1), not the answer to a command.</summary>
    public bool IsAsync => EndLine.StatusCode / 100 == 6;

    /// <summary>
    /// The name of an asynchronous event: the first word of the first line (<c>CIRC</c>, <c>CONF_CHANGED</c>,
    /// or a name this code does not know, kept as sent). Empty when the first line has no text.
    /// </summary>
    public ReadOnlySpan<byte> EventName
    {
        get
        {
            var text = FirstLine.Text;
            int space = text.IndexOf((byte)' ');
            return space < 0 ? text : text[..space];
        }
    }

    /// <summary>The lines in order, each with its data block.</summary>
    public TorReplyLineEnumerator Lines => new(Raw);
}

/// <summary>Enumerates the lines of a reply, each with the data block that follows a <c>NNN+</c> line.</summary>
public ref struct TorReplyLineEnumerator
{
    private ReadOnlySpan<byte> _rest;
    private int _offset;

    internal TorReplyLineEnumerator(ReadOnlySpan<byte> reply)
    {
        _rest = reply;
        _offset = 0;
        Current = default;
    }

    /// <summary>The current line.</summary>
    public TorReplyLineView Current { get; private set; }

    /// <summary>Returns this enumerator (for <c>foreach</c>).</summary>
    public readonly TorReplyLineEnumerator GetEnumerator() => this;

    /// <summary>Moves to the next line.</summary>
    public bool MoveNext()
    {
        if (_rest.IsEmpty) return false;
        int lf = _rest.IndexOf((byte)'\n');
        var line = _rest[..(lf - 1)];
        int offset = _offset;
        _rest = _rest[(lf + 1)..];
        _offset += lf + 1;
        ReadOnlySpan<byte> data = default;
        if (line[3] == (byte)'+')
        {
            int end = TorDataBlockView.FindEnd(_rest);
            data = _rest[..end];
            _rest = _rest[(end + 3)..];
            _offset += end + 3;
        }
        Current = new TorReplyLineView(line, data, offset);
        return true;
    }
}
