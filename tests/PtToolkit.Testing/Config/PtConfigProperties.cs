using System;
using System.Collections.Generic;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using PtToolkit.Config;

namespace PtToolkit.Testing.Config;

/// <summary>
/// A rule a config adds in its hand-written part, checked after the spec's rules: given the present parameters,
/// the parameter it refuses the configuration at, or null.
/// </summary>
public delegate PtParameterInfo? PtExtraRule(IReadOnlySet<string> present);

/// <summary>
/// Ready-made properties for a binder of a config spec: judged by <see cref="PtPresenceReference"/> over
/// configurations from <see cref="PtConfigGen"/>.
/// </summary>
public static class PtConfigProperties
{
    /// <summary>
    /// On every configuration of <paramref name="cases"/>, <paramref name="bind"/> does not throw and agrees with the
    /// presence reference: it accepts exactly what the reference accepts (after <paramref name="extra"/>, when
    /// given); a refusal's line names the parameter the reference refused at (by its variable or flag), as an
    /// ENV-ERROR unless a value was at fault; an accepted configuration holds a value exactly for the parameters
    /// that are present (switches and enumerations with a default left out, as they always hold one).
    /// </summary>
    public static Property AgreesWithPresenceRules<TConfig>(PtConfigGen generator, Gen<PtConfigCase> cases, Func<PtConfigCase, PtBinding<TConfig>> bind, PtExtraRule? extra = null)
        where TConfig : class
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(bind);
        return Prop.ForAll(PtConfigGen.Arbitrary(cases), c => Agrees(generator.Parameters, c, bind(c), extra));
    }

    /// <summary>No configuration of <paramref name="cases"/> makes <paramref name="bind"/> throw.</summary>
    public static Property NeverThrows(Gen<PtConfigCase> cases, Action<PtConfigCase> bind)
    {
        ArgumentNullException.ThrowIfNull(bind);
        return Prop.ForAll(PtConfigGen.Arbitrary(cases), c =>
        {
            bind(c);
            return true;
        });
    }

    private static Property Agrees<TConfig>(IReadOnlyList<PtParameterInfo> parameters, PtConfigCase c, PtBinding<TConfig> binding, PtExtraRule? extra)
        where TConfig : class
    {
        var decision = PtPresenceReference.Decide(parameters, c);
        var present = PtPresenceReference.PresentParameters(parameters, c);
        if (decision.Accepted && extra?.Invoke(present!) is { } refusedAt) decision = new PtPresenceDecision(false, refusedAt, "the config's own rule");
        string line = binding.Succeeded ? "accepted" : binding.Error.FormatLine();
        string context = $"reference: {decision}; binder: {line}";
        if (decision.Accepted != binding.Succeeded) return Prop.Label(false, context);
        if (decision.Accepted) return Prop.Label(HoldsExactlyThePresent(parameters, present!, binding.Config!, out string which), $"{which}; {context}");
        if (decision.Parameter is not { } at) return Prop.Label(binding.Error.Kind == PtConfigErrorKind.Env, context);
        return Prop.Label(Names(line, at) && (decision.Reason == "value" || binding.Error.Kind == PtConfigErrorKind.Env), context);
    }

    /// <summary>True when <paramref name="line"/> names <paramref name="parameter"/> by its variable or its flag, as a whole word.</summary>
    public static bool Names(string line, PtParameterInfo parameter)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(parameter);
        var words = line.Split(new[] { ' ', ':', ',', '"' }, StringSplitOptions.RemoveEmptyEntries);
        return (parameter.Variable.Length > 0 && words.Contains(parameter.Variable)) || (parameter.Flag.Length > 0 && words.Contains(parameter.Flag));
    }

    private static bool HoldsExactlyThePresent(IReadOnlyList<PtParameterInfo> parameters, IReadOnlySet<string> present, object config, out string which)
    {
        foreach (var p in parameters.Where(p => p.Type != "switch" && !p.Rules.Contains("default", StringComparison.Ordinal)))
        {
            bool given = present.Contains(p.Name);
            bool held = config.GetType().GetProperty(p.Name)?.GetValue(config) is not null;
            if (given != held)
            {
                which = $"{p.Name} is {(given ? "given" : "absent")} but {(held ? "holds a value" : "holds none")}";
                return false;
            }
        }
        which = "";
        return true;
    }
}
