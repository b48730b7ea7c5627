using System;
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

    /// <summary>The hand-written part of each config (runtime/Config/PtConfig.Client.cs, .Server.cs) refuses the other role's switch.</summary>
    private static PtExtraRule OtherRole(PtConfigGen generator, string flag)
    {
        var role = generator.Parameters.Single(p => p.Flag == flag);
        return present => present.Contains(role.Name) ? role : null;
    }

    [Property(MaxTest = 1500)]
    public Property Client_binding_agrees_with_the_presence_rules() =>
        PtConfigProperties.AgreesWithPresenceRules(_client, Gen.OneOf(_client.Valid(), _client.NearMiss()), c => PtConfig.PtClientConfig.Bind(Source(c)), OtherRole(_client, "-server"));

    [Property(MaxTest = 1500)]
    public Property Server_binding_agrees_with_the_presence_rules() =>
        PtConfigProperties.AgreesWithPresenceRules(_server, Gen.OneOf(_server.Valid(), _server.NearMiss()), c => PtConfig.PtServerConfig.Bind(Source(c)), OtherRole(_server, "-client"));

    [Property(MaxTest = 1000)]
    public Property Binders_never_throw_on_arbitrary_configurations() =>
        PtConfigProperties.NeverThrows(Gen.OneOf(_client.Arbitrary(), _server.Arbitrary()), c =>
        {
            _ = PtConfig.PtClientConfig.Bind(Source(c)).Lines().ToList();
            _ = PtConfig.PtServerConfig.Bind(Source(c)).Lines().ToList();
        });
}
