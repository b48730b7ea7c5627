using System;
using System.Collections.Generic;
using System.Text;
using PtToolkit.Text;

namespace PtToolkit.Config;

/// <summary>One entry of TOR_PT_SERVER_BINDADDR: a transport and the address it listens on.</summary>
/// <param name="Transport">The transport name.</param>
/// <param name="Endpoint">An IP literal and port (port 0: the PT picks one).</param>
public sealed record PtBindAddress(string Transport, PtEndpoint Endpoint)
{
    /// <summary>The entry as written in the variable: <c>name-addr:port</c>.</summary>
    public override string ToString() => Transport + "-" + Endpoint.ToString();
}

/// <summary>
/// TOR_PT_SERVER_BINDADDR / <c>-bindaddr</c> (PT 2.2 §1.1.3, PT 1.0 §3.2.3): comma-separated
/// <c>&lt;transport&gt;-&lt;address&gt;:&lt;port&gt;</c> entries, for example
/// <c>obfs4-198.51.100.1:1984,shadow-127.0.0.1:4891</c>.
/// </summary>
/// <remarks>
/// The name ends at the first dash. Addresses are IP literals ("MUST NOT be a host name"): a host name is refused
/// with goptlib's words, <c>not an IP string: "localhost"</c>. IPv6 is written in brackets (tor does); an
/// unbracketed IPv6 address is accepted as goptlib accepts it, reading the text after the last colon as the port
/// (<c>obfs4-::1:4443</c> is <c>[::1]:4443</c>): refusing it would reject what goptlib-based PTs accept, and the
/// reading is the only one with a port. The formatter always writes brackets. Port 0 is allowed (tor writes
/// <c>127.0.0.1:0</c> to let the PT choose). A transport named twice is refused (tor bug 21261), even when the
/// second entry would be dropped. Entries for transports that are not in the asked list are dropped after
/// validation, as goptlib does; the asked list is compared literally, so <c>*</c> asks for nothing.
/// </remarks>
public static class PtBindAddresses
{
    /// <summary>The environment variable.</summary>
    public const string Variable = "TOR_PT_SERVER_BINDADDR";

    private const PtConfigText.EndpointRules Rules =
        PtConfigText.EndpointRules.AllowPortZero | PtConfigText.EndpointRules.AllowUnbracketedIPv6;

    /// <summary>
    /// Parses the entries, in order, keeping only those whose transport is in <paramref name="askedTransports"/>
    /// (all of them when it is null).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> value, IReadOnlyCollection<string>? askedTransports, out IReadOnlyList<PtBindAddress> addresses, out PtConfigError error, string variable = Variable)
    {
        addresses = Array.Empty<PtBindAddress>();
        error = default;
        if (value.IsEmpty)
        {
            error = new PtConfigError(PtConfigErrorKind.Env, variable, 0, "empty list of bind addresses");
            return false;
        }
        var all = new PtBindAddress[value.Count(',') + 1];
        int count = 0;
        foreach (var range in value.Split(','))
        {
            var entry = value[range];
            int start = range.Start.GetOffset(value.Length);
            string? problem = null;
            int at = start;
            int dash = entry.IndexOf('-');
            if (entry.IsEmpty)
            {
                problem = "empty entry";
            }
            else if (dash < 0)
            {
                problem = "doesn't contain \"-\"";
                at = start + entry.Length;
            }
            else if (dash == 0)
            {
                problem = "empty transport name";
            }
            else if (PtConfigText.IndexOfBadNameChar(entry[..dash]) is int bad and >= 0)
            {
                problem = "transport name " + PtConfigText.Quote(entry[..dash]) + " holds " + PtConfigText.DescribeChar(entry[bad]);
                at = start + bad;
            }
            else
            {
                var name = entry[..dash];
                foreach (var seen in all.AsSpan(0, count))
                {
                    if (name.SequenceEqual(seen.Transport.AsSpan()))
                    {
                        problem = "duplicate method name " + PtConfigText.Quote(name);
                        break;
                    }
                }
                if (problem is null)
                {
                    if (PtConfigText.TryParseEndpoint(entry[(dash + 1)..], Rules, out var endpoint, out int offset, out string message))
                        all[count++] = new PtBindAddress(PtConfigText.Keep(name), endpoint);
                    else
                    {
                        problem = message;
                        at = start + dash + 1 + offset;
                    }
                }
            }
            if (problem is not null)
            {
                error = new PtConfigError(PtConfigErrorKind.Env, variable, at, PtConfigText.Quote(entry) + ": " + problem);
                return false;
            }
        }
        addresses = askedTransports is null ? all : OnlyAsked(all, askedTransports);
        return true;
    }

    /// <summary>
    /// The addresses whose transport is in <paramref name="askedTransports"/>, in order; the list itself when it
    /// holds no other (the usual case, and no copy then).
    /// </summary>
    internal static IReadOnlyList<PtBindAddress> OnlyAsked(IReadOnlyList<PtBindAddress> addresses, IReadOnlyCollection<string> askedTransports)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        ArgumentNullException.ThrowIfNull(askedTransports);
        int kept = 0;
        for (int i = 0; i < addresses.Count; i++) if (Contains(askedTransports, addresses[i].Transport)) kept++;
        if (kept == addresses.Count) return addresses;
        var result = new PtBindAddress[kept];
        kept = 0;
        for (int i = 0; i < addresses.Count; i++) if (Contains(askedTransports, addresses[i].Transport)) result[kept++] = addresses[i];
        return result;
    }

    /// <summary>The variable's text, as tor writes it: <c>name-addr:port</c> joined with commas, IPv6 in brackets.</summary>
    /// <exception cref="ArgumentException">The list is empty, a name is invalid or repeated, or a host is a name.</exception>
    public static string Format(IEnumerable<PtBindAddress> addresses)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        var sb = new StringBuilder();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var a in addresses)
        {
            ArgumentNullException.ThrowIfNull(a);
            if (string.IsNullOrEmpty(a.Transport) || a.Transport.Contains('-') || PtConfigText.IndexOfBadNameChar(a.Transport) >= 0)
                throw new ArgumentException("not a valid transport name: " + PtConfigText.Quote(a.Transport ?? ""), nameof(addresses));
            if (!seen.Add(a.Transport))
                throw new ArgumentException("transport named twice: " + PtConfigText.Quote(a.Transport), nameof(addresses));
            if (a.Endpoint.Kind == PtHostKind.Name)
                throw new ArgumentException("a bind address must be an IP address, not a host name", nameof(addresses));
            if (sb.Length > 0) sb.Append(',');
            sb.Append(a.Transport).Append('-').Append(a.Endpoint.ToString());
        }
        if (sb.Length == 0) throw new ArgumentException("at least one bind address is needed", nameof(addresses));
        return sb.ToString();
    }

    private static bool Contains(IReadOnlyCollection<string> names, string name)
    {
        if (names is IReadOnlyList<string> list)
        {
            for (int i = 0; i < list.Count; i++) if (list[i] == name) return true;
            return false;
        }
        foreach (var n in names)
        {
            if (n == name) return true;
        }
        return false;
    }
}
