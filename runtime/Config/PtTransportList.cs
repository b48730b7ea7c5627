using System;
using System.Collections.Generic;

namespace PtToolkit.Config;

/// <summary>
/// TOR_PT_CLIENT_TRANSPORTS, TOR_PT_SERVER_TRANSPORTS, <c>-transports</c> (PT 2.2 §1.1.2, §1.1.3): a
/// comma-separated list of transport names, for example <c>obfs2,obfs4</c>.
/// </summary>
/// <remarks>
/// Names are kept as given when they are one or more printable ASCII characters other than space and comma; they
/// need not be C identifiers (PT 2.0 §3.1) because "PTs SHOULD ignore PT names that [they do] not recognize": a
/// name such as <c>*</c> or <c>alpha\</c> is kept and simply matches no transport, as in goptlib (which dropped
/// the old <c>*</c> wildcard, tor bug 15612; none of the documents defines one). An empty name (<c>a,,b</c>, a
/// trailing comma, an empty value) is refused, where goptlib keeps <c>""</c> as a name; whitespace and control
/// characters are refused, where goptlib keeps them inside a name that then matches nothing.
/// </remarks>
public static class PtTransportList
{
    /// <summary>The client-side environment variable.</summary>
    public const string ClientVariable = "TOR_PT_CLIENT_TRANSPORTS";

    /// <summary>The server-side environment variable.</summary>
    public const string ServerVariable = "TOR_PT_SERVER_TRANSPORTS";

    /// <summary>Parses the list into its names, in order (duplicates are kept).</summary>
    public static bool TryParse(ReadOnlySpan<char> value, out IReadOnlyList<string> names, out PtConfigError error, string variable = ClientVariable)
    {
        names = Array.Empty<string>();
        error = default;
        if (value.IsEmpty)
        {
            error = new PtConfigError(PtConfigErrorKind.Env, variable, 0, "empty list of transports");
            return false;
        }
        int at = PtConfigText.FindListProblem(value, out int start, out int end);
        if (at >= 0)
        {
            string problem = start == end
                ? "empty transport name at offset " + start.ToString(System.Globalization.CultureInfo.InvariantCulture)
                : "transport name " + PtConfigText.Quote(value[start..end]) + " holds " + PtConfigText.DescribeChar(value[at]);
            error = new PtConfigError(PtConfigErrorKind.Env, variable, at, PtConfigText.Quote(value) + ": " + problem);
            return false;
        }
        names = PtConfigText.KeepList(value);
        return true;
    }

    /// <summary>True when <paramref name="name"/> is a valid transport name per PT 2.0 §3.1 (a C identifier).</summary>
    public static bool IsValidName(ReadOnlySpan<char> name) => PtConfigText.IsCIdentifier(name);

    /// <summary>The variable's text, as tor writes it: the names joined with commas.</summary>
    /// <exception cref="ArgumentException">The list is empty, or a name is empty or holds a space, comma or control character.</exception>
    public static string Format(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var list = new List<string>(names);
        if (list.Count == 0) throw new ArgumentException("at least one transport is needed", nameof(names));
        foreach (var n in list)
        {
            if (string.IsNullOrEmpty(n) || PtConfigText.IndexOfBadNameChar(n) >= 0)
                throw new ArgumentException("not a valid transport name: " + PtConfigText.Quote(n ?? ""), nameof(names));
        }
        return string.Join(',', list);
    }
}
