using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PtToolkit.Config;
using PtToolkit.Testing.Config;

namespace PtToolkit.Testing.Tests.Config;

/// <summary>
/// The generated binders (<c>PtClientConfig.Bind</c>, <c>PtServerConfig.Bind</c>) against the presence reference
/// built from <c>PtConfig.Parameters</c>: they never throw, and on valid and near-miss configurations they accept
/// exactly what the reference accepts, refuse at the parameter it names, and hold a value exactly for the
/// parameters that are present.
/// </summary>
public sealed class ConfigDifferentialTests : IDisposable
{
    private static readonly string[] Supported = { "1" };

    private readonly string _directory = Directory.CreateTempSubdirectory("pttoolkit-config-").FullName;
    private readonly PtConfigGen _client;
    private readonly PtConfigGen _server;

    public ConfigDifferentialTests()
    {
        // -optionsFile is read at bind time: give it a real file, so that a present one is a well-formed one.
        string options = Path.Combine(_directory, "options.txt");
        File.WriteAllText(options, "obfs4:iat-mode=0");
        Gen<string>? Values(PtParameterInfo p) => p.Name == "OptionsFile" ? Gen.Constant(options) : null;
        _client = new PtConfigGen(PtConfig.Grammar, PtConfig.Parameters, new[] { "common", "client" }, Values);
        _server = new PtConfigGen(PtConfig.Grammar, PtConfig.Parameters, new[] { "common", "server" }, Values);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static PtConfigSource Source(PtConfigCase c) => new(c.Environment, c.Arguments, Supported);

    [Property(MaxTest = 1500)]
    public Property Client_binding_agrees_with_the_presence_rules() =>
        Prop.ForAll(PtConfigGen.Arbitrary(Gen.OneOf(_client.Valid(), _client.NearMiss())), c =>
            Agrees(_client.Parameters, c, "-server", PtConfig.PtClientConfig.Bind(Source(c))));

    [Property(MaxTest = 1500)]
    public Property Server_binding_agrees_with_the_presence_rules() =>
        Prop.ForAll(PtConfigGen.Arbitrary(Gen.OneOf(_server.Valid(), _server.NearMiss())), c =>
            Agrees(_server.Parameters, c, "-client", PtConfig.PtServerConfig.Bind(Source(c))));

    [Property(MaxTest = 1000)]
    public Property Binders_never_throw_on_arbitrary_configurations() =>
        Prop.ForAll(PtConfigGen.Arbitrary(Gen.OneOf(_client.Arbitrary(), _server.Arbitrary())), c =>
        {
            PtConfig.PtClientConfig.Bind(Source(c)).Lines().ToList();
            PtConfig.PtServerConfig.Bind(Source(c)).Lines().ToList();
            return true;
        });

    /// <summary>
    /// Compares a binding with the reference. The hand-written part of each config adds one rule the spec does not
    /// state (runtime/Config/PtConfig.Client.cs, .Server.cs): the other role's switch refuses the configuration
    /// once everything else is fine, naming that switch.
    /// </summary>
    private static Property Agrees<T>(IReadOnlyList<PtParameterInfo> parameters, PtConfigCase c, string otherRole, PtBinding<T> binding) where T : class
    {
        var decision = PtPresenceReference.Decide(parameters, c);
        var present = PtPresenceReference.PresentParameters(parameters, c);
        var roleSwitch = parameters.Single(p => p.Flag == otherRole);
        if (decision.Accepted && present!.Contains(roleSwitch.Name)) decision = new PtPresenceDecision(false, roleSwitch, "the other role");
        string line = binding.Succeeded ? "accepted" : binding.Error.FormatLine();
        string context = $"reference: {decision}; binder: {line}";
        if (decision.Accepted != binding.Succeeded) return Prop.Label(false, context);
        if (decision.Accepted) return Prop.Label(HoldsExactlyThePresent(parameters, present!, binding.Config!, out string which), $"{which}; {context}");
        if (decision.Parameter is not { } at) return Prop.Label(binding.Error.Kind == PtConfigErrorKind.Env, context);
        var words = line.Split(new[] { ' ', ':', ',', '"' }, StringSplitOptions.RemoveEmptyEntries);
        bool named = words.Contains(at.Variable) || words.Contains(at.Flag);
        bool kind = decision.Reason == "value" || binding.Error.Kind == PtConfigErrorKind.Env;
        return Prop.Label(named && kind, context);
    }

    /// <summary>Each optional parameter (not a switch, not an enumeration with a default) has a value exactly when it is present.</summary>
    private static bool HoldsExactlyThePresent(IReadOnlyList<PtParameterInfo> parameters, IReadOnlySet<string> present, object config, out string which)
    {
        foreach (var p in parameters.Where(p => p.Type != "switch" && !p.Rules.Contains("default", StringComparison.Ordinal)))
        {
            bool given = present.Contains(p.Name);
            bool held = config.GetType().GetProperty(p.Name)!.GetValue(config) is not null;
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
