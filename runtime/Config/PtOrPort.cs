using System;
using PtToolkit.Text;

namespace PtToolkit.Config;

/// <summary>
/// TOR_PT_ORPORT / <c>-orport</c> / <c>-target</c> and TOR_PT_EXTENDED_SERVER_PORT / <c>-extorport</c>
/// (PT 2.2 §1.1.3, PT 1.0 §3.2.3): <c>&lt;address&gt;:&lt;port&gt;</c>, for example <c>127.0.0.1:9001</c>.
/// An empty value means none (tor writes <c>TOR_PT_EXTENDED_SERVER_PORT=</c> when it has no Extended ORPort,
/// transports.c create_managed_proxy_environment).
/// </summary>
/// <remarks>
/// The host is an IPv4 or bracketed IPv6 literal; a host name is refused with goptlib's words
/// (<c>not an IP string: "localhost"</c>) unless the caller allows names, which 2.2 does for the target
/// ("the address can be ... a domain name"). Unbracketed IPv6 is refused here (tor writes brackets and no
/// goptlib case needs it). Port 0 is refused: it cannot be connected to.
/// </remarks>
public static class PtOrPort
{
    /// <summary>The ORPort environment variable.</summary>
    public const string OrPortVariable = "TOR_PT_ORPORT";

    /// <summary>The Extended ORPort environment variable.</summary>
    public const string ExtendedVariable = "TOR_PT_EXTENDED_SERVER_PORT";

    /// <summary>Parses the value; an empty value gives true and a null endpoint.</summary>
    public static bool TryParse(ReadOnlySpan<char> value, bool allowName, out PtEndpoint? endpoint, out PtConfigError error, string variable = OrPortVariable)
    {
        endpoint = null;
        error = default;
        if (value.IsEmpty) return true;
        var rules = allowName ? PtConfigText.EndpointRules.AllowName : PtConfigText.EndpointRules.None;
        if (!PtConfigText.TryParseEndpoint(value, rules, out var ep, out int offset, out string message))
        {
            error = new PtConfigError(PtConfigErrorKind.Env, variable, offset, PtConfigText.Quote(value) + ": " + message);
            return false;
        }
        endpoint = ep;
        return true;
    }

    /// <summary>The variable's text: empty for none, else <c>addr:port</c> with IPv6 in brackets.</summary>
    /// <exception cref="ArgumentException">The port is 0, or the host is a name and names are not allowed.</exception>
    public static string Format(PtEndpoint? endpoint, bool allowName = false)
    {
        if (endpoint is not { } ep) return "";
        if (ep.Port == 0) throw new ArgumentException("port 0 cannot be connected to", nameof(endpoint));
        if (ep.Kind == PtHostKind.Name && !allowName) throw new ArgumentException("a host name is not allowed here", nameof(endpoint));
        return ep.ToString();
    }
}
