using System;
using System.Collections.Generic;

namespace PtToolkit.Config;

/// <summary>
/// TOR_PT_MANAGED_TRANSPORT_VER / <c>-ptversion</c> (PT 2.2 §1.1.1, PT 1.0 §3.2.1): a comma-separated list of
/// versions, each one or more non-whitespace, non-comma printable ASCII characters, for example
/// <c>1,1a,2.2,this_is_a_valid_version</c>.
/// </summary>
/// <remarks>
/// A list with an empty version (<c>1,,2</c>, a trailing comma) or a version holding whitespace or a control
/// character is not well formed and is refused as a whole with a VERSION-ERROR naming the place. goptlib compares
/// each comma-separated piece with "1" and answers <c>VERSION-ERROR no-version</c> for <c>1 ,2</c>; the decision is
/// the same (refused), the message says which version is malformed. An empty value is refused here; whether an
/// absent or empty variable is "no list" (2.2: the PT then answers VERSION with its latest) is the binder's call.
/// </remarks>
public static class PtVersionList
{
    /// <summary>The environment variable.</summary>
    public const string Variable = "TOR_PT_MANAGED_TRANSPORT_VER";

    /// <summary>Parses the list into its versions, in order.</summary>
    public static bool TryParse(ReadOnlySpan<char> value, out IReadOnlyList<string> versions, out PtConfigError error, string variable = Variable)
    {
        versions = Array.Empty<string>();
        if (!Validate(value, variable, out error)) return false;
        versions = PtConfigText.KeepList(value);
        return true;
    }

    /// <summary>
    /// Negotiates without allocating: validates the list and picks the first of <paramref name="supported"/>
    /// (the PT's versions, most preferred first) that the list holds. No common version is a VERSION-ERROR.
    /// </summary>
    public static bool TrySelect(ReadOnlySpan<char> value, ReadOnlySpan<string> supported, out string? chosen, out PtConfigError error, string variable = Variable)
    {
        chosen = null;
        if (!Validate(value, variable, out error)) return false;
        foreach (var candidate in supported)
        {
            foreach (var range in value.Split(','))
            {
                if (value[range].SequenceEqual(candidate.AsSpan()))
                {
                    chosen = candidate;
                    return true;
                }
            }
        }
        error = new PtConfigError(PtConfigErrorKind.Version, variable, 0,
            PtConfigText.Quote(value) + ": no version that this transport supports (it supports " + string.Join(", ", supported.ToArray()) + ")");
        return false;
    }

    /// <summary>Picks the first of <paramref name="supported"/> (most preferred first) that <paramref name="offered"/> holds, or null.</summary>
    public static string? Select(IReadOnlyList<string> offered, ReadOnlySpan<string> supported)
    {
        ArgumentNullException.ThrowIfNull(offered);
        foreach (var candidate in supported)
        {
            foreach (var version in offered)
            {
                if (version == candidate) return candidate;
            }
        }
        return null;
    }

    /// <summary>The variable's text for <paramref name="versions"/>, as a parent writes it (tor writes <c>1</c>).</summary>
    /// <exception cref="ArgumentException">A version is empty or has a character a version cannot hold.</exception>
    public static string Format(IEnumerable<string> versions)
    {
        ArgumentNullException.ThrowIfNull(versions);
        var list = new List<string>(versions);
        if (list.Count == 0) throw new ArgumentException("at least one version is needed", nameof(versions));
        foreach (var v in list)
        {
            if (string.IsNullOrEmpty(v) || PtConfigText.IndexOfBadNameChar(v) >= 0)
                throw new ArgumentException("not a valid version: " + PtConfigText.Quote(v ?? ""), nameof(versions));
        }
        return string.Join(',', list);
    }

    private static bool Validate(ReadOnlySpan<char> value, string variable, out PtConfigError error)
    {
        error = default;
        if (value.IsEmpty)
        {
            error = new PtConfigError(PtConfigErrorKind.Version, variable, 0, "empty list of versions");
            return false;
        }
        int at = PtConfigText.FindListProblem(value, out int start, out int end);
        if (at < 0) return true;
        string problem = start == end
            ? "empty version at offset " + start.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : "version " + PtConfigText.Quote(value[start..end]) + " holds " + PtConfigText.DescribeChar(value[at]) + " (versions are non-whitespace printable ASCII)";
        error = new PtConfigError(PtConfigErrorKind.Version, variable, at, PtConfigText.Quote(value) + ": " + problem);
        return false;
    }
}
