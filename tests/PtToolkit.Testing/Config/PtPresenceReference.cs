using System;
using System.Collections.Generic;
using System.Linq;
using PtToolkit.Config;

namespace PtToolkit.Testing.Config;

/// <summary>
/// The reference's decision for a launch configuration: accepted, or refused at a parameter (null for a flag
/// the config cannot read) for a reason (<c>both doors</c>, a rule as written, <c>value</c>, or the flag problem).
/// </summary>
public sealed record PtPresenceDecision(bool Accepted, PtParameterInfo? Parameter, string Reason)
{
    /// <inheritdoc/>
    public override string ToString() => Accepted ? "accepted" : $"refused at {Parameter?.Name ?? "the flags"}: {Reason}";
}

/// <summary>
/// A reading of the presence rules of spec/README.md ("config and param") and the header of pt-config.spec,
/// written from those texts: flags are read with Go's syntax and a flag the config does not declare is an error;
/// then each parameter in spec order: given by its variable and its flag at once is an error; its rules in the
/// order written; then its value (only "is it one of the generated bad values"). An empty value of a type whose
/// empty value is none counts as absent. Rules naming parameters the config does not hold are left out.
/// </summary>
public static class PtPresenceReference
{
    /// <summary>Decides <paramref name="configuration"/> for the config holding <paramref name="parameters"/> (spec order).</summary>
    public static PtPresenceDecision Decide(IReadOnlyList<PtParameterInfo> parameters, PtConfigCase configuration)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(configuration);
        if (!TryRead(parameters, configuration, out var flags, out var present, out string problem)) return new PtPresenceDecision(false, null, problem);
        var names = parameters.Select(p => p.Name).ToArray();
        foreach (var p in parameters)
        {
            if (p.Variable.Length > 0 && configuration.Environment.ContainsKey(p.Variable) && flags.ContainsKey(p.Name))
                return new PtPresenceDecision(false, p, "both doors");
            foreach (var clause in PtParameterRules.Parse(p.Rules).Within(names).Clauses)
            {
                bool broken = clause.Kind switch
                {
                    PtRuleKind.Required => !present.Contains(p.Name),
                    PtRuleKind.RequiredUnless => !present.Contains(p.Name) && !clause.Parameters.Any(present.Contains),
                    PtRuleKind.Requires => present.Contains(p.Name) && !clause.Parameters.All(present.Contains),
                    PtRuleKind.Conflicts => present.Contains(p.Name) && clause.Parameters.Any(present.Contains),
                    _ => false,
                };
                if (broken) return new PtPresenceDecision(false, p, clause.ToString());
            }
            if (present.Contains(p.Name) && configuration.BadValues.Contains(p.Name)) return new PtPresenceDecision(false, p, "value");
        }
        return new PtPresenceDecision(true, null, "");
    }

    /// <summary>
    /// The parameters present in <paramref name="configuration"/> (given, and not an empty value of a type whose empty
    /// value is none), or null when its flags cannot be read.
    /// </summary>
    public static IReadOnlySet<string>? PresentParameters(IReadOnlyList<PtParameterInfo> parameters, PtConfigCase configuration)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(configuration);
        return TryRead(parameters, configuration, out _, out var present, out _) ? present : null;
    }

    private static bool TryRead(IReadOnlyList<PtParameterInfo> parameters, PtConfigCase configuration, out Dictionary<string, string> flags, out HashSet<string> present, out string problem)
    {
        flags = new Dictionary<string, string>(StringComparer.Ordinal);
        present = new HashSet<string>(StringComparer.Ordinal);
        problem = configuration.Arguments is { } arguments ? ReadFlags(parameters, arguments, flags) ?? "" : "";
        if (problem.Length > 0) return false;
        foreach (var p in parameters)
        {
            string? value = p.Variable.Length > 0 && configuration.Environment.TryGetValue(p.Variable, out var v) ? v : flags.GetValueOrDefault(p.Name);
            if (value is not null && !(value.Length == 0 && PtConfigValueGen.EmptyIsNone.Contains(p.Type))) present.Add(p.Name);
        }
        return true;
    }

    /// <summary>Go's flag syntax (pt-config.spec header): <c>-name value</c>, <c>-name=value</c>, one or two dashes; <c>--</c> or a non-flag ends the flags.</summary>
    private static string? ReadFlags(IReadOnlyList<PtParameterInfo> parameters, IReadOnlyList<string> arguments, Dictionary<string, string> flags)
    {
        for (int i = 0; i < arguments.Count; i++)
        {
            string argument = arguments[i];
            if (argument == "--" || argument.Length < 2 || argument[0] != '-') return null;
            string rest = argument[(argument[1] == '-' ? 2 : 1)..];
            if (rest.Length == 0 || rest[0] is '-' or '=') return "malformed flag " + argument;
            int eq = rest.IndexOf('=');
            string name = eq < 0 ? rest : rest[..eq];
            string? inline = eq < 0 ? null : rest[(eq + 1)..];
            var p = parameters.FirstOrDefault(x => x.Flag == "-" + name);
            if (p is null) return "flag not declared: " + argument;
            if (flags.ContainsKey(p.Name)) return "flag given twice: " + argument;
            if (p.Type == "switch")
            {
                if (inline is not (null or "1" or "0" or "t" or "f" or "T" or "F" or "true" or "false" or "TRUE" or "FALSE" or "True" or "False")) return "not a boolean: " + argument;
                flags[p.Name] = inline ?? "true";
            }
            else if (inline is not null)
            {
                flags[p.Name] = inline;
            }
            else if (i + 1 < arguments.Count)
            {
                flags[p.Name] = arguments[++i];
            }
            else
            {
                return "flag needs a value: " + argument;
            }
        }
        return null;
    }
}
