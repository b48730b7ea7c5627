using System;
using System.Collections.Generic;
using System.Linq;

namespace PtToolkit.Testing.Config;

/// <summary>
/// The presence rules of one parameter, read from the <c>rules</c> text of its spec declaration (spec/README.md
/// "config and param"): <c>required</c>; <c>required unless P ...</c> (any of them stands in); <c>requires P ...</c>;
/// <c>conflicts P ...</c>; <c>default TEXT</c>. Clauses are kept in the order written.
/// </summary>
/// <param name="Clauses">The rules, in order.</param>
public sealed record PtParameterRules(IReadOnlyList<PtRuleClause> Clauses)
{
    /// <summary>Reads a rules text (empty: no rule). Unknown clauses are refused with <see cref="FormatException"/>.</summary>
    public static PtParameterRules Parse(string rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var clauses = new List<PtRuleClause>();
        foreach (string clause in rules.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var words = clause.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            clauses.Add(words switch
            {
                ["required"] => new PtRuleClause(PtRuleKind.Required, Array.Empty<string>()),
                ["required", "unless", .. var others] when others.Length > 0 => new PtRuleClause(PtRuleKind.RequiredUnless, others),
                ["requires", .. var others] when others.Length > 0 => new PtRuleClause(PtRuleKind.Requires, others),
                ["conflicts", .. var others] when others.Length > 0 => new PtRuleClause(PtRuleKind.Conflicts, others),
                ["default", .. var text] when text.Length > 0 => new PtRuleClause(PtRuleKind.Default, new[] { string.Join(' ', text) }),
                _ => throw new FormatException($"not a rule: {clause}"),
            });
        }
        return new PtParameterRules(clauses);
    }

    /// <summary>The rules restricted to the parameters a config holds (a rule naming only absent ones goes; a stand-in list shrinks).</summary>
    public PtParameterRules Within(IReadOnlyCollection<string> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var kept = new List<PtRuleClause>();
        foreach (var clause in Clauses)
        {
            if (clause.Kind is PtRuleKind.Required or PtRuleKind.Default)
            {
                kept.Add(clause);
                continue;
            }
            var others = clause.Parameters.Where(parameters.Contains).ToArray();
            if (others.Length > 0) kept.Add(clause with { Parameters = others });
            else if (clause.Kind == PtRuleKind.RequiredUnless) kept.Add(new PtRuleClause(PtRuleKind.Required, Array.Empty<string>()));
        }
        return new PtParameterRules(kept);
    }

    /// <inheritdoc/>
    public override string ToString() => string.Join("; ", Clauses);
}

/// <summary>The kinds of presence rules.</summary>
public enum PtRuleKind
{
    /// <summary>The parameter must be given.</summary>
    Required,
    /// <summary>The parameter must be given unless one of the others is.</summary>
    RequiredUnless,
    /// <summary>When the parameter is given, every one of the others must be too.</summary>
    Requires,
    /// <summary>When the parameter is given, none of the others may be.</summary>
    Conflicts,
    /// <summary>The value taken when the parameter is absent (not a presence rule).</summary>
    Default,
}

/// <summary>One rule: its kind and the parameters it names (for <see cref="PtRuleKind.Default"/>, the default text).</summary>
public sealed record PtRuleClause(PtRuleKind Kind, IReadOnlyList<string> Parameters)
{
    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        PtRuleKind.Required => "required",
        PtRuleKind.RequiredUnless => "required unless " + string.Join(' ', Parameters),
        PtRuleKind.Requires => "requires " + string.Join(' ', Parameters),
        PtRuleKind.Conflicts => "conflicts " + string.Join(' ', Parameters),
        _ => "default " + string.Join(' ', Parameters),
    };
}
