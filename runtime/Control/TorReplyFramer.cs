using System;

namespace PtToolkit.Control;

/// <summary>What <see cref="TorReplyFramer.Frame"/> found.</summary>
public enum TorFrameStatus : byte
{
    /// <summary>A whole reply starts the span; its length was returned.</summary>
    Reply,
    /// <summary>The pending reply is not complete yet: keep every byte given and call again with more.</summary>
    NeedMoreData,
    /// <summary>The bytes break the reply grammar or a limit; see <see cref="TorReplyFramer.Error"/>. The stream cannot be resynchronised.</summary>
    Invalid,
}

/// <summary>
/// Cuts a byte stream from Tor into whole replies (control-spec §2.3): runs of <c>NNN-</c> lines and
/// <c>NNN+</c> lines with their dot-stuffed data blocks, ended by a <c>NNN </c> line. Strict: every line ends
/// in CRLF and starts with three digits and a separator, and a reply is all events (6yz) or none. Nothing allocates, and nothing is scanned twice:
/// the state (a few integers) remembers how far the pending reply was checked, so the framer resumes where
/// the last read stopped, the way <c>Utf8JsonReader</c> resumes from its state.
/// </summary>
/// <remarks>
/// Each call takes the span of every byte not yet returned as part of a reply, starting with the first
/// byte of the pending reply: after <see cref="TorFrameStatus.Reply"/>, drop the reply's bytes; after
/// <see cref="TorFrameStatus.NeedMoreData"/>, keep them all and append what the next read brings.
/// </remarks>
public struct TorReplyFramer
{
    private readonly int _maxLine;
    private readonly int _maxReply;
    private long _replyStart;
    private int _scanned;
    private int _lineStart;
    private bool _inData;
    private byte _class;
    private TorControlError _error;

    /// <summary>Creates a framer with the given bounds (a default framer uses <see cref="TorReplyLimits.Default"/>).</summary>
    public TorReplyFramer(TorReplyLimits limits)
    {
        _maxLine = limits.MaxLineLength;
        _maxReply = limits.MaxReplySize;
    }

    private readonly int MaxLine => _maxLine == 0 ? TorReplyLimits.DefaultMaxLineLength : _maxLine;

    private readonly int MaxReply => _maxReply == 0 ? TorReplyLimits.DefaultMaxReplySize : _maxReply;

    /// <summary>The error that stopped the framer, or a default value.</summary>
    public readonly TorControlError Error => _error;

    /// <summary>Bytes of the stream returned as whole replies so far (the stream offset of the pending reply).</summary>
    public readonly long BytesFramed => _replyStart;

    /// <summary>
    /// Looks for the end of the reply that starts <paramref name="pending"/>. On <see cref="TorFrameStatus.Reply"/>,
    /// <paramref name="replyLength"/> is its length in bytes, final CRLF included.
    /// </summary>
    public TorFrameStatus Frame(ReadOnlySpan<byte> pending, out int replyLength)
    {
        replyLength = 0;
        if (_error.IsError) return TorFrameStatus.Invalid;
        if (pending.Length < _scanned) throw new ArgumentException("The span must hold every byte given before.", nameof(pending));
        int pos = _scanned;
        while (true)
        {
            int lf = pending[pos..].IndexOf((byte)'\n');
            if (lf < 0)
            {
                _scanned = pending.Length;
                if (pending.Length - _lineStart >= MaxLine) return Fail(TorControlErrorReason.LineTooLong, _lineStart);
                if (pending.Length >= MaxReply) return Fail(TorControlErrorReason.ReplyTooLarge, 0);
                return TorFrameStatus.NeedMoreData;
            }
            int end = pos + lf;
            int next = end + 1;
            if (next - _lineStart > MaxLine) return Fail(TorControlErrorReason.LineTooLong, _lineStart);
            if (next > MaxReply) return Fail(TorControlErrorReason.ReplyTooLarge, 0);
            if (end == _lineStart || pending[end - 1] != (byte)'\r') return Fail(TorControlErrorReason.MissingCarriageReturn, end);
            var line = pending[_lineStart..(end - 1)];
            if (_inData)
            {
                // §2.4: the data ends with a line holding a single "."; other lines are dot-stuffed text.
                if (line.Length == 1 && line[0] == (byte)'.') _inData = false;
            }
            else
            {
                if (!CheckHead(line, out int bad, out var why)) return Fail(why, _lineStart + bad);
                // §4.1: an event is never interleaved with another reply, so a reply is all 6yz or has none.
                byte lineClass = line[0] == (byte)'6' ? (byte)2 : (byte)1;
                if (_class != 0 && _class != lineClass) return Fail(TorControlErrorReason.MixedAsyncReply, _lineStart);
                _class = lineClass;
                byte separator = line[3];
                if (separator == (byte)' ')
                {
                    replyLength = next;
                    _replyStart += next;
                    _scanned = 0;
                    _lineStart = 0;
                    _class = 0;
                    return TorFrameStatus.Reply;
                }
                _inData = separator == (byte)'+';
            }
            _lineStart = next;
            pos = next;
            _scanned = next;
        }
    }

    /// <summary>Checks <c>StatusCode ("-" / "+" / SP)</c> at the start of a reply line (§2.3).</summary>
    internal static bool CheckHead(ReadOnlySpan<byte> line, out int offset, out TorControlErrorReason reason)
    {
        for (int i = 0; i < 3; i++)
        {
            if (i >= line.Length || !char.IsAsciiDigit((char)line[i]))
            {
                offset = i;
                reason = TorControlErrorReason.BadStatusCode;
                return false;
            }
        }
        if (line.Length < 4 || line[3] is not ((byte)'-' or (byte)'+' or (byte)' '))
        {
            offset = 3;
            reason = TorControlErrorReason.BadSeparator;
            return false;
        }
        offset = 0;
        reason = TorControlErrorReason.None;
        return true;
    }

    private TorFrameStatus Fail(TorControlErrorReason reason, int offsetInReply)
    {
        _error = new TorControlError(reason, _replyStart + offsetInReply);
        return TorFrameStatus.Invalid;
    }
}
