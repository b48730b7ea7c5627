using System;

namespace PtToolkit.Upstream;

/// <summary>Where reading an HTTP CONNECT response stands.</summary>
internal enum PtHttpScan : byte
{
    /// <summary>The header block has not ended yet.</summary>
    NeedMore,
    /// <summary>A 2xx status line and the empty line ending the headers: the tunnel is open.</summary>
    Done,
    /// <summary>A malformed or refusing response.</summary>
    Failed,
}

/// <summary>
/// Reads an HTTP/1.x response to CONNECT as its bytes arrive (RFC 9112 §4, RFC 9110 §9.3.6), resuming where the
/// last call stopped. The status line must be <c>HTTP/1.d SP ddd</c> then <c>SP reason</c> or the line end, the
/// reason without control characters; every line ends with CRLF (a bare LF is refused, so that no other reader can
/// see a different end). A status other than 2xx fails at once, without waiting for the headers; a 2xx succeeds at
/// the empty line, and its header fields are ignored (a 2xx response to CONNECT has no content).
/// </summary>
internal struct PtHttpConnectReply
{
    private int _next;

    /// <summary>The status code, once the status line was read; else 0.</summary>
    public int Status { get; private set; }

    /// <summary>After <see cref="PtHttpScan.Done"/>: the length of the response; what follows is the tunnel's.</summary>
    public int HeaderEnd { get; private set; }

    /// <summary>
    /// Looks at <paramref name="received"/>, everything the proxy sent so far (the same bytes as before, plus more).
    /// On failure, <paramref name="reason"/> and <paramref name="offset"/> say what and where.
    /// </summary>
    public PtHttpScan Advance(ReadOnlySpan<byte> received, int limit, out PtUpstreamErrorReason reason, out int offset)
    {
        reason = PtUpstreamErrorReason.None;
        offset = 0;
        if (Status == 0)
        {
            var prefix = "HTTP/"u8;
            int common = received[..Math.Min(received.Length, prefix.Length)].CommonPrefixLength(prefix);
            if (common < Math.Min(received.Length, prefix.Length)) return Fail(PtUpstreamErrorReason.BadReply, common, out reason, out offset);
        }
        while (_next < received.Length)
        {
            int lf = received[_next..].IndexOf((byte)'\n');
            if (lf < 0)
            {
                _next = received.Length;
                break;
            }
            lf += _next;
            _next = lf + 1;
            if (lf == 0 || received[lf - 1] != '\r') return Fail(PtUpstreamErrorReason.BadReply, lf, out reason, out offset);
            if (Status == 0)
            {
                int status = ParseStatusLine(received[..(lf - 1)], out reason, out offset);
                if (status < 0) return PtHttpScan.Failed;
                Status = status;
                if (status is < 200 or > 299) return Fail(PtUpstreamErrorReason.Refused, 9, out reason, out offset);
            }
            else if (received[lf - 2] == '\n')
            {
                HeaderEnd = lf + 1;
                return PtHttpScan.Done;
            }
        }
        return received.Length >= limit ? Fail(PtUpstreamErrorReason.HeadersTooLong, limit, out reason, out offset) : PtHttpScan.NeedMore;
    }

    // HTTP-version SP status-code [SP reason-phrase]; the version must be HTTP/1.x, the code 100 to 599.
    private static int ParseStatusLine(ReadOnlySpan<byte> line, out PtUpstreamErrorReason reason, out int offset)
    {
        reason = PtUpstreamErrorReason.BadReply;
        offset = 0;
        if (line.Length < 12) return Bad(line.Length, out offset);
        if (line[5] != '1') return BadVersion(5, out reason, out offset);
        if (line[6] != '.') return Bad(6, out offset);
        if (!char.IsAsciiDigit((char)line[7])) return BadVersion(7, out reason, out offset);
        if (line[8] != ' ') return Bad(8, out offset);
        if (line[9] is < (byte)'1' or > (byte)'5') return Bad(9, out offset);
        if (!char.IsAsciiDigit((char)line[10])) return Bad(10, out offset);
        if (!char.IsAsciiDigit((char)line[11])) return Bad(11, out offset);
        if (line.Length > 12)
        {
            if (line[12] != ' ') return Bad(12, out offset);
            // reason-phrase = *( HTAB / SP / VCHAR / obs-text )
            for (int i = 13; i < line.Length; i++)
            {
                if (line[i] is < (byte)' ' and not (byte)'\t' or 0x7F) return Bad(i, out offset);
            }
        }
        reason = PtUpstreamErrorReason.None;
        return (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
    }

    private static int Bad(int at, out int offset)
    {
        offset = at;
        return -1;
    }

    private static int BadVersion(int at, out PtUpstreamErrorReason reason, out int offset)
    {
        reason = PtUpstreamErrorReason.BadVersion;
        offset = at;
        return -1;
    }

    private static PtHttpScan Fail(PtUpstreamErrorReason why, int at, out PtUpstreamErrorReason reason, out int offset)
    {
        reason = why;
        offset = at;
        return PtHttpScan.Failed;
    }
}
