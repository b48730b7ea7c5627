using System;
using System.Buffers;
using System.Text;
using PtToolkit.Text;

namespace PtToolkit.Config;

/// <summary>The kinds of upstream proxy PT 1.0 §3.2.2 names for TOR_PT_PROXY.</summary>
public enum PtProxyScheme : byte
{
    /// <summary><c>socks4a</c>: a user id, no password.</summary>
    Socks4a = 1,
    /// <summary><c>socks5</c>: user name and password together (RFC 1929), each 1 to 255 bytes.</summary>
    Socks5 = 2,
    /// <summary><c>http</c> (CONNECT): user name and optional password (Basic).</summary>
    Http = 3,
}

/// <summary>An upstream proxy: scheme, IP endpoint and the decoded credentials.</summary>
/// <param name="Scheme">The proxy protocol.</param>
/// <param name="Endpoint">An IP literal and a port from 1 to 65535.</param>
/// <param name="User">The user name, percent-decoded, or null.</param>
/// <param name="Password">The password, percent-decoded, or null.</param>
public sealed record PtProxy(PtProxyScheme Scheme, PtEndpoint Endpoint, string? User = null, string? Password = null)
{
    /// <summary>The URI without credentials, safe to log.</summary>
    public override string ToString() => PtProxyUri.SchemeText(Scheme) + "://" + (User is null ? "" : "***@") + Endpoint.ToString();
}

/// <summary>
/// TOR_PT_PROXY / <c>-proxy</c> (PT 2.2 §1.1.2, PT 1.0 §3.2.2):
/// <c>&lt;proxy_type&gt;://[&lt;user_name&gt;[:&lt;password&gt;]@]&lt;ip&gt;:&lt;port&gt;</c>, for example
/// <c>socks5://tor:test1234@198.51.100.1:8000</c>. Errors are PROXY-ERROR errors, and their messages never
/// repeat the user name or password.
/// </summary>
/// <remarks>
/// Deliberate differences from goptlib's <c>getProxyURL</c>, which checks only that there is a scheme, a host and
/// a port and leaves the rest to the caller: an unknown scheme (<c>foo://x:1</c>) is refused here; a host name
/// (<c>http://localhost:8080</c>) is refused, because PT 1.0 asks for an <c>&lt;ip&gt;</c> and resolving the
/// proxy's name would leak a DNS lookup outside the proxy (fail closed); a path, query or fragment other than a
/// lone <c>/</c> is refused; port 0 is refused. The user information ends at the last <c>@</c> (as Go's url
/// package reads it, so tor's unescaped credentials still parse) and splits at the first <c>:</c>; it is
/// percent-decoded (RFC 3986 §2.1) and must be UTF-8. tor writes credentials without percent-encoding; the
/// formatter here encodes everything outside RFC 3986's unreserved and sub-delims characters, which gives tor's
/// text for ordinary credentials and a text that parses back for any.
/// </remarks>
public static class PtProxyUri
{
    /// <summary>The environment variable.</summary>
    public const string Variable = "TOR_PT_PROXY";

    /// <summary>The scheme as written in the URI.</summary>
    public static string SchemeText(PtProxyScheme scheme) => scheme switch
    {
        PtProxyScheme.Socks4a => "socks4a",
        PtProxyScheme.Socks5 => "socks5",
        PtProxyScheme.Http => "http",
        _ => throw new ArgumentOutOfRangeException(nameof(scheme)),
    };

    /// <summary>Parses a proxy URI.</summary>
    public static bool TryParse(ReadOnlySpan<char> value, out PtProxy? proxy, out PtConfigError error, string variable = Variable)
    {
        proxy = null;
        error = default;
        int sep = value.IndexOf("://".AsSpan());
        if (sep < 0) return Fail(variable, 0, "missing \"://\" after the proxy type", out error);
        var schemeText = value[..sep];
        PtProxyScheme scheme;
        if (schemeText.Equals("socks4a", StringComparison.OrdinalIgnoreCase)) scheme = PtProxyScheme.Socks4a;
        else if (schemeText.Equals("socks5", StringComparison.OrdinalIgnoreCase)) scheme = PtProxyScheme.Socks5;
        else if (schemeText.Equals("http", StringComparison.OrdinalIgnoreCase)) scheme = PtProxyScheme.Http;
        else if (schemeText.IsEmpty) return Fail(variable, 0, "missing proxy type before \"://\"", out error);
        else return Fail(variable, 0, "unsupported proxy type " + PtConfigText.Quote(schemeText) + " (supported: socks4a, socks5, http)", out error);

        int authorityStart = sep + 3;
        var rest = value[authorityStart..];
        int end = rest.IndexOfAny('/', '?', '#');
        var authority = end < 0 ? rest : rest[..end];
        if (end >= 0 && !rest[end..].SequenceEqual("/".AsSpan()))
            return Fail(variable, authorityStart + end, "unexpected " + PtConfigText.Quote(rest[end..]) + " after the port (a proxy URI has no path, query or fragment)", out error);

        int at = authority.LastIndexOf('@');
        string? user = null, password = null;
        int hostStart = authorityStart;
        if (at >= 0)
        {
            var userinfo = authority[..at];
            hostStart = authorityStart + at + 1;
            int colon = userinfo.IndexOf(':');
            var userText = colon < 0 ? userinfo : userinfo[..colon];
            if (!TryDecode(userText, authorityStart, "user name", variable, out user, out error)) return false;
            if (colon >= 0 && !TryDecode(userinfo[(colon + 1)..], authorityStart + colon + 1, "password", variable, out password, out error)) return false;
            if (user!.Length == 0) return Fail(variable, authorityStart, "empty user name before \"@\"", out error);
            if (!CheckCredentials(scheme, user, password, authorityStart, variable, out error)) return false;
        }
        var hostPort = value[hostStart..(authorityStart + authority.Length)];
        if (!PtConfigText.TryParseEndpoint(hostPort, PtConfigText.EndpointRules.None, out var endpoint, out int offset, out string message))
        {
            if (message.StartsWith("not an IP string", StringComparison.Ordinal))
                message += " (the proxy must be given as an IP address; a host name is refused so that no lookup happens outside the proxy)";
            return Fail(variable, hostStart + offset, message, out error);
        }
        proxy = new PtProxy(scheme, endpoint, user, password);
        return true;
    }

    /// <summary>True when the text is visible ASCII without <c>%</c>: nothing to decode (one scalar pass; credentials are short).</summary>
    private static bool IsPlain(ReadOnlySpan<char> s)
    {
        foreach (char c in s)
        {
            if (c is < '!' or > '~' or '%') return false;
        }
        return true;
    }

    /// <summary>The variable's text for <paramref name="proxy"/>, credentials percent-encoded.</summary>
    /// <exception cref="ArgumentException">The host is a name, the port is 0, or the credentials do not fit the scheme.</exception>
    public static string Format(PtProxy proxy)
    {
        ArgumentNullException.ThrowIfNull(proxy);
        if (proxy.Endpoint.Kind == PtHostKind.Name) throw new ArgumentException("the proxy host must be an IP address", nameof(proxy));
        if (proxy.Endpoint.Port == 0) throw new ArgumentException("the proxy port must not be 0", nameof(proxy));
        if (proxy.User is null && proxy.Password is not null) throw new ArgumentException("a password needs a user name", nameof(proxy));
        if (proxy.User is not null)
        {
            if (proxy.User.Length == 0) throw new ArgumentException("the user name must not be empty", nameof(proxy));
            if (!CheckCredentials(proxy.Scheme, proxy.User, proxy.Password, 0, Variable, out var e)) throw new ArgumentException(e.Message, nameof(proxy));
        }
        var sb = new StringBuilder();
        sb.Append(SchemeText(proxy.Scheme)).Append("://");
        if (proxy.User is not null)
        {
            Encode(sb, proxy.User);
            if (proxy.Password is not null) Encode(sb.Append(':'), proxy.Password);
            sb.Append('@');
        }
        return sb.Append(proxy.Endpoint.ToString()).ToString();
    }

    private static bool CheckCredentials(PtProxyScheme scheme, string user, string? password, int offset, string variable, out PtConfigError error)
    {
        error = default;
        switch (scheme)
        {
            case PtProxyScheme.Socks4a:
                if (password is not null) return Fail(variable, offset, "a socks4a proxy takes a user id but no password", out error);
                if (user.Contains('\0')) return Fail(variable, offset, "a socks4a user id cannot hold a NUL character", out error);
                return true;
            case PtProxyScheme.Socks5:
                if (password is null) return Fail(variable, offset, "a socks5 user name needs a password (RFC 1929)", out error);
                int u = Encoding.UTF8.GetByteCount(user), p = Encoding.UTF8.GetByteCount(password);
                if (u > 255) return Fail(variable, offset, "the socks5 user name is " + u.ToString(System.Globalization.CultureInfo.InvariantCulture) + " bytes; RFC 1929 allows 1 to 255", out error);
                if (p < 1 || p > 255) return Fail(variable, offset, "the socks5 password is " + p.ToString(System.Globalization.CultureInfo.InvariantCulture) + " bytes; RFC 1929 allows 1 to 255", out error);
                return true;
            default:
                return true;
        }
    }

    private static bool TryDecode(ReadOnlySpan<char> s, int offset, string what, string variable, out string? text, out PtConfigError error)
    {
        text = null;
        error = default;
        if (IsPlain(s))
        {
            text = s.ToString();
            return true;
        }
        byte[]? rented = null;
        Span<byte> bytes = s.Length <= 512 ? stackalloc byte[512] : (rented = ArrayPool<byte>.Shared.Rent(s.Length));
        try
        {
            int n = 0;
            for (int i = 0; i < s.Length; i++)
            {
                char c = s[i];
                if (c == '%')
                {
                    if (i + 2 >= s.Length || !char.IsAsciiHexDigit(s[i + 1]) || !char.IsAsciiHexDigit(s[i + 2]))
                        return Fail(variable, offset + i, "bad percent-encoding in the " + what + " (\"%\" must be followed by two hex digits)", out error);
                    bytes[n++] = (byte)(HexValue(s[i + 1]) * 16 + HexValue(s[i + 2]));
                    i += 2;
                }
                else if (c <= ' ' || c > '~')
                {
                    return Fail(variable, offset + i, "the " + what + " holds a character that must be percent-encoded", out error);
                }
                else
                {
                    bytes[n++] = (byte)c;
                }
            }
            if (!System.Text.Unicode.Utf8.IsValid(bytes[..n]))
                return Fail(variable, offset, "the " + what + " is not UTF-8 after percent-decoding", out error);
            text = Encoding.UTF8.GetString(bytes[..n]);
            return true;
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    private static void Encode(StringBuilder sb, string s)
    {
        byte[] bytes;
        try
        {
            bytes = new UTF8Encoding(false, true).GetBytes(s);
        }
        catch (EncoderFallbackException)
        {
            throw new ArgumentException("credentials must be valid UTF-16 text (no lone surrogate)", nameof(s));
        }
        foreach (byte b in bytes)
        {
            char c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || "-._~!$&'()*+,;=".Contains(c)) sb.Append(c);
            else sb.Append('%').Append("0123456789ABCDEF"[b >> 4]).Append("0123456789ABCDEF"[b & 15]);
        }
    }

    private static bool Fail(string variable, int offset, string message, out PtConfigError error)
    {
        error = new PtConfigError(PtConfigErrorKind.Proxy, variable, offset, message);
        return false;
    }
}
