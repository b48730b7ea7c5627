using System;
using System.Collections.Generic;
using System.Linq;

namespace PtToolkit.Testing.Config;

/// <summary>
/// A generated launch configuration: the variables and flags a parent gives a PT, where they came from
/// (<c>valid</c>: every value well-formed; <c>near-miss</c>: one step wrong; <c>arbitrary</c>), and which
/// parameters were given a value their grammar refuses.
/// </summary>
/// <param name="Category">Where it came from.</param>
/// <param name="Mutation">The near-miss step (<c>bad-value</c>, <c>unknown-flag</c>...), or empty.</param>
/// <param name="Environment">The variables.</param>
/// <param name="Arguments">The flags (null: the flag door is not used).</param>
/// <param name="BadValues">The parameters given a value their grammar refuses.</param>
public sealed record PtConfigCase(
    string Category,
    string Mutation,
    IReadOnlyDictionary<string, string> Environment,
    IReadOnlyList<string>? Arguments,
    IReadOnlyList<string> BadValues)
{
    /// <summary>The variables and flags as a shell-like line, values escaped.</summary>
    public override string ToString() =>
        $"{Category}{(Mutation.Length > 0 ? " " + Mutation : "")}: "
        + string.Join(' ', Environment.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => v.Key + "=" + PtShow.Text(v.Value)))
        + (Arguments is null ? "" : " -- " + string.Join(' ', Arguments.Select(a => PtShow.Text(a))))
        + (BadValues.Count > 0 ? " (bad: " + string.Join(", ", BadValues) + ")" : "");

    /// <summary>Smaller cases: one variable or one argument fewer (a flag's separate value goes with it).</summary>
    public static IEnumerable<PtConfigCase> Shrink(PtConfigCase failing)
    {
        ArgumentNullException.ThrowIfNull(failing);
        foreach (string name in failing.Environment.Keys)
        {
            var fewer = failing.Environment.Where(v => v.Key != name).ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
            yield return failing with { Environment = fewer };
        }
        if (failing.Arguments is { Count: > 0 } arguments)
        {
            for (int i = 0; i < arguments.Count; i++)
            {
                // A flag goes with its separate value: a value left alone would become another flag's value.
                bool withValue = arguments[i].StartsWith('-') && !arguments[i].Contains('=') && i + 1 < arguments.Count && !arguments[i + 1].StartsWith('-');
                int count = withValue ? 2 : 1;
                yield return failing with { Arguments = arguments.Where((_, k) => k < i || k >= i + count).ToArray() };
                i += count - 1;
            }
        }
    }
}
