using System;
using System.Collections.Generic;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using PtToolkit.Config;
using PtToolkit.Grammar;
using PtToolkit.Testing.Generation;

namespace PtToolkit.Testing.Config;

/// <summary>
/// FsCheck generators of launch configurations for one config of a spec (the parameters of the given sides,
/// from its <c>Parameters</c>): each parameter absent or given by its variable, its flag or both, with a
/// well-formed value, a near-miss value, or any string; flags written in each of Go's forms.
/// </summary>
public sealed class PtConfigGen
{
    private readonly IReadOnlyDictionary<string, IReadOnlyList<string>> _enums;
    private readonly Func<PtParameterInfo, Gen<string>?>? _values;
    private readonly PtConfigDoors _doors;

    /// <summary>
    /// Generators for the parameters of <paramref name="parameters"/> whose side is one of <paramref name="sides"/>
    /// (a config <c>= common client</c> holds <c>common</c> and <c>client</c>). <paramref name="grammar"/> gives the
    /// enumerations; <paramref name="values"/> may supply well-formed values for a parameter (null: the type's own);
    /// <paramref name="doors"/> says whether variables, flags or both are used (a PT 1.0 transport reads no flags).
    /// </summary>
    public PtConfigGen(PtGrammar grammar, IReadOnlyList<PtParameterInfo> parameters, IReadOnlyCollection<string> sides,
        Func<PtParameterInfo, Gen<string>?>? values = null, PtConfigDoors doors = PtConfigDoors.Both)
    {
        ArgumentNullException.ThrowIfNull(grammar);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(sides);
        Parameters = parameters.Where(p => sides.Contains(p.Side)).ToArray();
        _enums = grammar.Enums.ToDictionary(e => e.Name, e => (IReadOnlyList<string>)e.Members.Select(m => m.Text).ToArray(), StringComparer.Ordinal);
        _values = values;
        _doors = doors;
    }

    private bool UsesVariables => _doors != PtConfigDoors.Flags;

    private bool UsesFlags => _doors != PtConfigDoors.Variables;

    /// <summary>The parameters this generator can give through the doors it uses.</summary>
    private PtParameterInfo[] Givable => Parameters.Where(p => (UsesVariables && p.Variable.Length > 0) || (UsesFlags && p.Flag.Length > 0)).ToArray();

    /// <summary>Parameters given in every generated configuration (a PT that needs one the spec makes optional); empty by default.</summary>
    public IReadOnlyCollection<string> Always { get; init; } = Array.Empty<string>();

    /// <summary>The parameters of the config, in spec order.</summary>
    public IReadOnlyList<PtParameterInfo> Parameters { get; }

    private IReadOnlyList<string> EnumTexts(PtParameterInfo p) => _enums.TryGetValue(p.Type, out var texts) ? texts : Array.Empty<string>();

    private Gen<string> ValidValue(PtParameterInfo p) => _values?.Invoke(p) ?? PtConfigValueGen.Valid(p.Type, EnumTexts(p));

    /// <summary>Configurations whose given values are all well-formed; which parameters are given, and how, varies.</summary>
    public Gen<PtConfigCase> Valid() =>
        Givens(ValidValue).SelectMany(given => Build("valid", "", given, Array.Empty<string>()));

    /// <summary>
    /// One step from <see cref="Valid"/>: a parameter given a value its grammar refuses, a flag the config does not
    /// declare, a flag without its value, a flag given twice, or a variable of another side (which must change nothing).
    /// </summary>
    public Gen<PtConfigCase> NearMiss()
    {
        var withBad = Givable.Where(p => PtConfigValueGen.NearMiss(p.Type, EnumTexts(p)) is not null).ToArray();
        var steps = new List<(int, Gen<PtConfigCase>)>
        {
            (6, Givens(ValidValue).SelectMany(given => Gen.Elements(withBad).SelectMany(bad => PtConfigValueGen.NearMiss(bad.Type, EnumTexts(bad))!.SelectMany(value =>
                DoorOf(bad).Where(door => door != Door.Both).SelectMany(door => Build("near-miss", "bad-value", given.Where(g => g.Parameter != bad).Append(new Given(bad, door, value)).ToArray(), new[] { bad.Name })))))),
            (1, Valid().Select(c => c with { Category = "near-miss", Mutation = "other-side-variable", Environment = With(c.Environment, "TOR_PT_UNRELATED_VARIABLE", "1") })),
        };
        if (!UsesFlags) return Gen.Frequency(steps);
        steps.Add((1, Valid().Select(c => c with { Category = "near-miss", Mutation = "unknown-flag", Arguments = (c.Arguments ?? Array.Empty<string>()).Prepend("-no-such-flag").ToArray() })));
        steps.Add((1, Valid().SelectMany(c => Gen.Elements(Parameters.Where(p => p.Flag.Length > 0 && p.Type != "switch").ToArray())
                .Select(p => c with { Category = "near-miss", Mutation = "flag-without-value", Arguments = (c.Arguments ?? Array.Empty<string>()).Append(p.Flag).ToArray() }))));
        return Gen.Frequency(steps);
    }

    /// <summary>Any strings, NUL and control characters included, for any parameters, and arguments that may not be flags at all.</summary>
    public Gen<PtConfigCase> Arbitrary()
    {
        var anyString = Gen.Frequency(
            (3, ArbMap.Default.GeneratorFor<string>().Select(s => s ?? "")),
            (2, Gen.Elements("", "-", "--", "---x", "-=", "=", "\0", "1", "true", "false", "127.0.0.1:0", "[::1]:0", "a,b", "{}", "\"")));
        var given = Gen.Frequency((3, Gen.Constant<Given?>(null)), (2, Gen.Constant(0).SelectMany(_ => Gen.Elements(Givable).SelectMany(p => DoorOf(p).SelectMany(d => anyString.Select(v => (Given?)new Given(p, d, v)))))));
        var cases = PtFieldGen.Between(given, 0, 8).SelectMany(g => Build("arbitrary", "", g.OfType<Given>().GroupBy(x => x.Parameter.Name).Select(x => x.First()).ToArray(), Array.Empty<string>()));
        return !UsesFlags ? cases : cases.SelectMany(c => PtFieldGen.Between(anyString, 0, 3).Select(extra => extra.Length == 0 ? c : c with { Arguments = (c.Arguments ?? Array.Empty<string>()).Concat(extra).ToArray() }));
    }

    /// <summary>FsCheck's arbitrary for <paramref name="cases"/>, shrinking with <see cref="PtConfigCase.Shrink"/>.</summary>
    public static Arbitrary<PtConfigCase> Arbitrary(Gen<PtConfigCase> cases) => Arb.From(cases, PtConfigCase.Shrink);

    private enum Door { Variable, Flag, Both }

    private sealed record Given(PtParameterInfo Parameter, Door Door, string Value);

    private Gen<Door> DoorOf(PtParameterInfo p) => (UsesVariables && p.Variable.Length > 0, UsesFlags && p.Flag.Length > 0) switch
    {
        (true, true) => Gen.Frequency((15, Gen.Constant(Door.Variable)), (15, Gen.Constant(Door.Flag)), (1, Gen.Constant(Door.Both))),
        (true, false) => Gen.Constant(Door.Variable),
        _ => Gen.Constant(Door.Flag),
    };

    /// <summary>
    /// How often a parameter is left out, against 4 for given: rarely when it is required, sometimes when it has
    /// stand-ins, most often otherwise, so that accepted configurations and each kind of refusal all come up.
    /// </summary>
    private static int AbsentWeight(PtParameterInfo p)
    {
        var kinds = PtParameterRules.Parse(p.Rules).Clauses.Select(c => c.Kind).ToArray();
        return kinds.Contains(PtRuleKind.Required) ? 1 : kinds.Contains(PtRuleKind.RequiredUnless) ? 2 : 20;
    }

    /// <summary>Each parameter absent or given through one of its doors with a value from <paramref name="value"/>.</summary>
    private Gen<Given[]> Givens(Func<PtParameterInfo, Gen<string>> value)
    {
        var each = Givable.Select(p =>
        {
            var present = DoorOf(p).SelectMany(door => value(p).Select(v => (Given?)new Given(p, door, v)));
            return Always.Contains(p.Name) ? present : Gen.Frequency((AbsentWeight(p), Gen.Constant<Given?>(null)), (4, present));
        });
        return Gen.CollectToArray(each).Select(g => g.OfType<Given>().ToArray());
    }

    private Gen<PtConfigCase> Build(string category, string mutation, Given[] given, string[] bad) =>
        Gen.Shuffle(given).SelectMany(order => Gen.CollectToArray(order.Select(Flag)).SelectMany(flags => Gen.Elements(true, false).Select(nullWhenEmpty =>
        {
            var environment = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var g in given.Where(g => g.Door != Door.Flag)) environment[g.Parameter.Variable] = g.Value;
            var arguments = flags.SelectMany(f => f).ToArray();
            return new PtConfigCase(category, mutation, environment, !UsesFlags || (arguments.Length == 0 && nullWhenEmpty) ? null : arguments, bad);
        })));

    /// <summary>The arguments for a flag, in one of Go's forms: <c>-f v</c>, <c>-f=v</c>, <c>--f=v</c>; a switch alone or <c>=true</c>.</summary>
    private static Gen<string[]> Flag(Given g)
    {
        if (g.Door == Door.Variable) return Gen.Constant(Array.Empty<string>());
        string flag = g.Parameter.Flag;
        if (g.Parameter.Type == "switch") return Gen.Elements(new[] { flag }, new[] { flag + "=true" }, new[] { "-" + flag });
        var forms = new List<string[]> { new[] { flag + "=" + g.Value }, new[] { "-" + flag + "=" + g.Value } };
        if (!g.Value.StartsWith('-')) forms.Add(new[] { flag, g.Value });
        return Gen.Elements(forms.ToArray());
    }

    private static IReadOnlyDictionary<string, string> With(IReadOnlyDictionary<string, string> environment, string name, string value) =>
        environment.Append(new KeyValuePair<string, string>(name, value)).ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
}

/// <summary>Which doors a parent uses to give parameters.</summary>
public enum PtConfigDoors
{
    /// <summary>Environment variables and dispatcher flags.</summary>
    Both,
    /// <summary>Environment variables only (PT 1.0).</summary>
    Variables,
    /// <summary>Dispatcher flags only.</summary>
    Flags,
}
