using System;
using System.Globalization;
using System.Text;
using PtToolkit.Text;

namespace PtToolkit.Config;

/// <summary>Shared pieces of the value grammars: quoting for messages, list names, endpoints.</summary>
internal static class PtConfigText
{
    /// <summary>Values longer than this are cut in messages (an options file may hold a mebibyte).</summary>
    private const int QuoteLimit = 200;

    /// <summary>
    /// Quotes <paramref name="s"/> the way Go's <c>%q</c> does for ASCII (<c>\"</c>, <c>\\</c>, <c>\n</c>,
    /// <c>\xNN</c>), with other characters as <c>\uNNNN</c>, so a message stays one printable ASCII line.
    /// </summary>
    public static string Quote(ReadOnlySpan<char> s)
    {
        var sb = new StringBuilder(Math.Min(s.Length, QuoteLimit) + 2);
        sb.Append('"');
        int n = Math.Min(s.Length, QuoteLimit);
        for (int i = 0; i < n; i++)
        {
            char c = s[i];
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < 0x20 || c == 0x7F) sb.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    else if (c > 0x7E) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
        if (s.Length > QuoteLimit) sb.Append("...");
        return sb.ToString();
    }

    /// <summary>
    /// Values that nearly every configuration holds: the PT versions, the transports tor and Tor Browser ship, and
    /// the loopback and wildcard addresses tor writes. Binding keeps one shared instance of each instead of a new
    /// string per bind, as Kestrel does for known header values.
    /// </summary>
    private static readonly string[] Known =
    [
        "1", "2", "2.1", "2.2",
        "obfs4", "meek_lite", "snowflake", "webtunnel", "conjure", "meek", "obfs3", "obfs2", "scramblesuit", "fte",
        "127.0.0.1", "0.0.0.0", "::1", "::",
    ];

    /// <summary><see cref="Known"/> by length, so that a lookup compares with one or two candidates.</summary>
    private static readonly string[][] KnownByLength = ByLength(Known);

    /// <summary>The text as a string: a shared instance when it is a <see cref="Known"/> value, else a new string.</summary>
    public static string Keep(ReadOnlySpan<char> s)
    {
        if ((uint)s.Length < (uint)KnownByLength.Length)
        {
            foreach (string known in KnownByLength[s.Length])
            {
                if (s.SequenceEqual(known)) return known;
            }
        }
        return s.ToString();
    }

    /// <summary>The items of a comma-separated list that was checked, each through <see cref="Keep"/>, in an exact-size array.</summary>
    public static string[] KeepList(ReadOnlySpan<char> list)
    {
        int count = 1;
        foreach (char c in list) if (c == ',') count++;
        var items = new string[count];
        int n = 0, start = 0;
        for (int i = 0; i <= list.Length; i++)
        {
            if (i == list.Length || list[i] == ',')
            {
                items[n++] = Keep(list[start..i]);
                start = i + 1;
            }
        }
        return items;
    }

    /// <summary>
    /// The first problem in a comma-separated list of names (PT versions, transport names), in one scalar pass
    /// (the lists are short): an empty item, or a character that is not printable ASCII or is a space. Returns its
    /// offset, or -1 when every item is good; <paramref name="itemStart"/> and <paramref name="itemEnd"/> are the
    /// bounds of the item at fault (equal for an empty item).
    /// </summary>
    public static int FindListProblem(ReadOnlySpan<char> list, out int itemStart, out int itemEnd)
    {
        itemStart = 0;
        for (int i = 0; i <= list.Length; i++)
        {
            if (i == list.Length || list[i] == ',')
            {
                if (i == itemStart)
                {
                    itemEnd = i;
                    return i;
                }
                itemStart = i + 1;
            }
            else if (list[i] <= ' ' || list[i] > '~')
            {
                int comma = list[i..].IndexOf(',');
                itemEnd = comma < 0 ? list.Length : i + comma;
                return i;
            }
        }
        itemStart = itemEnd = 0;
        return -1;
    }

    private static string[][] ByLength(string[] values)
    {
        int longest = 0;
        foreach (string v in values) longest = Math.Max(longest, v.Length);
        var table = new string[longest + 1][];
        for (int length = 0; length <= longest; length++) table[length] = Array.FindAll(values, v => v.Length == length);
        return table;
    }

    /// <summary>
    /// A list name (transport or version): printable ASCII without space and comma. Returns the index of the
    /// first character that is not, or -1.
    /// </summary>
    public static int IndexOfBadNameChar(ReadOnlySpan<char> name)
    {
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (c <= ' ' || c > '~' || c == ',') return i;
        }
        return -1;
    }

    /// <summary>Describes a character for a message: <c>' '</c>, <c>'\x00'</c>.</summary>
    public static string DescribeChar(char c) =>
        "'" + Quote(stackalloc char[] { c })[1..^1] + "'";

    /// <summary>True when <paramref name="s"/> is a C identifier (PT 2.0 §3.1 transport names).</summary>
    public static bool IsCIdentifier(ReadOnlySpan<char> s)
    {
        if (s.Length == 0 || !(char.IsAsciiLetter(s[0]) || s[0] == '_')) return false;
        foreach (char c in s[1..])
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_')) return false;
        }
        return true;
    }

    /// <summary>Copies ASCII text into bytes for <see cref="PtAddressSyntax"/>; false on a non-ASCII character.</summary>
    private static bool TryAscii(ReadOnlySpan<char> s, Span<byte> buffer, out int length)
    {
        length = 0;
        if (s.Length > buffer.Length) return false;
        for (int i = 0; i < s.Length; i++)
        {
            if (s[i] > 0x7F) return false;
            buffer[i] = (byte)s[i];
        }
        length = s.Length;
        return true;
    }

    /// <summary>Rules for <see cref="TryParseEndpoint"/>.</summary>
    [Flags]
    public enum EndpointRules
    {
        /// <summary>IP literals only, port 1-65535, IPv6 in brackets.</summary>
        None = 0,
        /// <summary>A DNS name is allowed as host.</summary>
        AllowName = 1,
        /// <summary>Port 0 ("pick one") is allowed.</summary>
        AllowPortZero = 2,
        /// <summary><c>1:2::3:4:9999</c> is read as <c>[1:2::3:4]:9999</c> (the last colon starts the port).</summary>
        AllowUnbracketedIPv6 = 4,
    }

    /// <summary>
    /// Parses <c>host:port</c>. On failure <paramref name="offset"/> is where the problem is and
    /// <paramref name="message"/> says what it is, in goptlib's words where goptlib has words for it.
    /// </summary>
    public static bool TryParseEndpoint(ReadOnlySpan<char> s, EndpointRules rules, out PtEndpoint endpoint, out int offset, out string message)
    {
        endpoint = default;
        offset = 0;
        message = "";
        if (s.IsEmpty)
        {
            message = "empty address";
            return false;
        }
        ReadOnlySpan<char> host;
        int portStart;
        PtHostKind kind;
        Span<byte> ascii = stackalloc byte[Math.Min(s.Length, 256)];
        if (s[0] == '[')
        {
            int close = s.IndexOf(']');
            if (close < 0)
            {
                offset = s.Length;
                message = "missing \"]\" in address";
                return false;
            }
            host = s[1..close];
            if (!TryAscii(host, ascii, out int n) || !PtAddressSyntax.IsIPv6(ascii[..n]))
            {
                offset = 1;
                message = "not an IPv6 address: " + Quote(host);
                return false;
            }
            kind = PtHostKind.IPv6;
            if (close + 1 == s.Length || s[close + 1] != ':')
            {
                offset = close + 1;
                message = close + 1 == s.Length ? "missing port in address" : "expected \":\" after \"]\"";
                return false;
            }
            portStart = close + 2;
        }
        else
        {
            int colon = s.LastIndexOf(':');
            if (colon < 0)
            {
                offset = s.Length;
                message = "missing port in address";
                return false;
            }
            host = s[..colon];
            portStart = colon + 1;
            if (host.IsEmpty)
            {
                message = "missing host in address";
                return false;
            }
            bool isAscii = TryAscii(host, ascii, out int n);
            var bytes = ascii[..n];
            if (isAscii && PtAddressSyntax.IsIPv4(bytes))
            {
                kind = PtHostKind.IPv4;
            }
            else if (isAscii && host.Contains(':') && PtAddressSyntax.IsIPv6(bytes))
            {
                if ((rules & EndpointRules.AllowUnbracketedIPv6) == 0)
                {
                    message = "IPv6 address " + Quote(host) + " must be written in brackets: [" + host.ToString() + "]:port";
                    return false;
                }
                kind = PtHostKind.IPv6;
            }
            else if (isAscii && !host.Contains(':') && PtAddressSyntax.IsHostName(bytes))
            {
                if ((rules & EndpointRules.AllowName) == 0)
                {
                    message = "not an IP string: " + Quote(host);
                    return false;
                }
                kind = PtHostKind.Name;
            }
            else
            {
                message = ((rules & EndpointRules.AllowName) == 0 ? "not an IP string: " : "not an IP address or host name: ") + Quote(host);
                return false;
            }
        }
        var portText = s[portStart..];
        offset = portStart;
        if (portText.IsEmpty)
        {
            message = "missing port in address";
            return false;
        }
        if (!TryAscii(portText, ascii, out int pn) || !PtAddressSyntax.TryParsePort(ascii[..pn], out ushort port))
        {
            message = "invalid port " + Quote(portText) + ": not a decimal number from 0 to 65535";
            return false;
        }
        if (port == 0 && (rules & EndpointRules.AllowPortZero) == 0)
        {
            message = "port 0 is not allowed here";
            return false;
        }
        endpoint = new PtEndpoint(Keep(host), kind, port);
        offset = 0;
        return true;
    }
}
