using System.Collections.Generic;
using System.Linq;

namespace PtToolkit.Config;

/// <summary>
/// The presence rules of a config spec (<c>required</c>, <c>required unless</c>, <c>requires</c>,
/// <c>conflicts</c>) as error values, worded as goptlib words them (<c>no TOR_PT_ORPORT environment
/// variable</c>) and naming only the doors that were used (variables, flags or both). Each parameter is named
/// by <c>"VARIABLE|-flag"</c>, either side possibly empty.
/// </summary>
public static class PtConfigRules
{
    /// <summary>A parameter given both as a variable and as a flag (PT 2.2 §1.1.1: MUST NOT).</summary>
    public static PtConfigError Both(string variable, string flag) =>
        Env($"{variable} and {flag} must not both be given");

    /// <summary>A required parameter is absent.</summary>
    public static PtConfigError Missing(string names, bool environment, bool flags) =>
        Env("no " + Describe(new[] { names }, environment, flags));

    /// <summary>None of a group of parameters, one of which is required, is given.</summary>
    public static PtConfigError NeedOne(string[] names, bool environment, bool flags)
    {
        int usable = names.Count(n => environment && n[..n.IndexOf('|')].Length > 0 || flags && n[(n.IndexOf('|') + 1)..].Length > 0);
        return Env((usable == 1 ? "no " : "need ") + Describe(names, environment, flags));
    }

    /// <summary><paramref name="given"/> (the name it was given by) needs the parameters in <paramref name="needed"/>.</summary>
    public static PtConfigError Needs(string given, string[] needed, bool environment, bool flags) =>
        Env("need " + Describe(needed, environment, flags) + " with " + given);

    /// <summary>Two parameters that exclude each other are both given.</summary>
    public static PtConfigError Conflict(string given, string other) => Env($"{given} and {other} must not both be given");

    /// <summary>The name a parameter was given by: its variable when it came from the environment, else its flag.</summary>
    public static string NameOf(string names, bool fromEnvironment)
    {
        int bar = names.IndexOf('|');
        string variable = names[..bar], flag = names[(bar + 1)..];
        return fromEnvironment && variable.Length > 0 || flag.Length == 0 ? variable : flag;
    }

    private static string Describe(string[] names, bool environment, bool flags)
    {
        var variables = names.Select(n => n[..n.IndexOf('|')]).Where(v => environment && v.Length > 0).ToList();
        var flagNames = names.Select(n => n[(n.IndexOf('|') + 1)..]).Where(f => flags && f.Length > 0).ToList();
        var parts = new List<string>();
        if (variables.Count > 0) parts.Add(string.Join(" or ", variables) + " environment variable");
        if (flagNames.Count > 0) parts.Add(string.Join(" or ", flagNames) + " flag");
        if (parts.Count == 0) parts.Add(string.Join(" or ", names.Select(n => NameOf(n, fromEnvironment: true))));
        return string.Join(" or ", parts);
    }

    private static PtConfigError Env(string message) => new(PtConfigErrorKind.Env, "", 0, message);
}
