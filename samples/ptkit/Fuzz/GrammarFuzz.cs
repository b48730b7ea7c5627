using System;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using PtToolkit.Config;
using PtToolkit.Control;
using PtToolkit.Ipc;
using PtToolkit.Testing;
using PtToolkit.Testing.Config;
using PtToolkit.Testing.Control;
using PtToolkit.Testing.Generation;
using PtToolkit.Testing.Properties;
using PtToolkit.Testing.Reference;
using PtToolkit.Text;

namespace PtToolkit.Cli.Fuzz;

/// <summary>
/// The properties <c>ptkit fuzz grammar</c> runs: the generated parsers of spec/pt-ipc.spec, the binders of
/// spec/pt-config.spec, or the event views of spec/control.spec against the reference of PtToolkit.Testing, by name.
/// </summary>
internal static class GrammarFuzz
{
    /// <summary>The specs this command knows.</summary>
    public static readonly string[] Specs = { "ipc", "config", "control" };

    /// <summary>The named properties of <paramref name="spec"/>; config properties read <paramref name="optionsFile"/> as a valid -optionsFile.</summary>
    public static IReadOnlyList<(string Name, Func<Property> Property)> Properties(string spec, string optionsFile) => spec switch
    {
        "ipc" => IpcProperties(),
        "config" => ConfigProperties(optionsFile),
        "control" => ControlProperties(),
        _ => throw new ArgumentOutOfRangeException(nameof(spec), spec, "unknown spec"),
    };

    private static IReadOnlyList<(string, Func<Property>)> IpcProperties()
    {
        var reference = new PtReferenceParser(PtIpc.Grammar);
        var lines = new PtLineGen(PtIpc.Grammar);
        return new (string, Func<Property>)[]
        {
            ("dispatch-agrees-on-valid-lines", () => PtGrammarProperties.AgreesWithReference(reference, lines.Valid(), ParseOwned)),
            ("dispatch-agrees-on-near-misses", () => PtGrammarProperties.AgreesWithReference(reference, lines.NearMiss(), ParseOwned)),
            ("dispatch-agrees-on-arbitrary-bytes", () => PtGrammarProperties.AgreesWithReference(reference, lines.Bytes(), ParseOwned)),
            ("format-parse-round-trips", () => PtGrammarProperties.RoundTrips<IPtMessage>(PtIpc.Grammar, TryParse, Format, new SameFields())),
            ("parsers-never-throw", () => PtGrammarProperties.NeverThrows(PtIpc.Grammar, line => PtIpc.ParseOwned(line, out _))),
        };
    }

    private static IReadOnlyList<(string, Func<Property>)> ConfigProperties(string optionsFile)
    {
        Gen<string>? Values(PtParameterInfo p) => p.Name == "OptionsFile" ? Gen.Constant(optionsFile) : null;
        var client = new PtConfigGen(PtConfig.Grammar, PtConfig.Parameters, new[] { "common", "client" }, Values);
        var server = new PtConfigGen(PtConfig.Grammar, PtConfig.Parameters, new[] { "common", "server" }, Values);
        var supported = new[] { "1" };
        PtConfigSource Source(PtConfigCase c) => new(c.Environment, c.Arguments, supported);
        return new (string, Func<Property>)[]
        {
            ("client-bind-agrees-with-presence-rules", () => PtConfigProperties.AgreesWithPresenceRules(client, Gen.OneOf(client.Valid(), client.NearMiss()),
                c => PtConfig.PtClientConfig.Bind(Source(c)), OtherRole(client, "-server"))),
            ("server-bind-agrees-with-presence-rules", () => PtConfigProperties.AgreesWithPresenceRules(server, Gen.OneOf(server.Valid(), server.NearMiss()),
                c => PtConfig.PtServerConfig.Bind(Source(c)), OtherRole(server, "-client"))),
            ("binders-never-throw", () => PtConfigProperties.NeverThrows(Gen.OneOf(client.Arbitrary(), server.Arbitrary()), c =>
            {
                _ = PtConfig.PtClientConfig.Bind(Source(c)).Lines().Count();
                _ = PtConfig.PtServerConfig.Bind(Source(c)).Lines().Count();
            })),
        };
    }

    /// <summary>The event views of spec/control.spec (after the reply framer) against the reference built from <c>TorEvents.EventGrammar</c>.</summary>
    private static IReadOnlyList<(string, Func<Property>)> ControlProperties()
    {
        var reference = new PtEventReference(TorEvents.EventGrammar);
        var lines = new PtEventLineGen(TorEvents.EventGrammar);
        return new (string, Func<Property>)[]
        {
            ("events-agree-on-valid-lines", () => PtEventProperties.AgreesWithReference(reference, lines.Valid(), PtTorEvents.Parse)),
            ("events-agree-on-near-misses", () => PtEventProperties.AgreesWithReference(reference, lines.NearMiss(), PtTorEvents.Parse)),
            ("events-agree-on-arbitrary-bytes", () => PtEventProperties.AgreesWithReference(reference, lines.Bytes(), PtTorEvents.Parse)),
            ("events-read-back-what-was-written", () => PtEventProperties.ReadsBackWhatWasWritten(lines.Valid(), PtTorEvents.Parse)),
            ("events-never-throw", () => PtEventProperties.NeverThrows(lines.Any(), line => PtTorEvents.Parse(line))),
        };
    }

    /// <summary>The hand-written part of each config (runtime/Config) refuses the other role's switch.</summary>
    private static PtExtraRule OtherRole(PtConfigGen generator, string flag)
    {
        var role = generator.Parameters.Single(p => p.Flag == flag);
        return present => present.Contains(role.Name) ? role : null;
    }

    /// <summary><c>PtIpc.ParseOwned</c> in the reference's terms.</summary>
    public static PtLineOutcome ParseOwned(ReadOnlySpan<byte> line)
    {
        var outcome = PtIpc.ParseOwned(line, out var message);
        if (outcome.IsMessage) return PtLineOutcome.Message(message!.KindName, PtFieldValue.Of(message));
        if (outcome.IsUnknown) return PtLineOutcome.Unknown;
        return PtLineOutcome.Invalid(outcome.Kind == PtIpc.MessageKind.Unknown ? null : outcome.Kind.ToString());
    }

    private static bool TryParse(ReadOnlySpan<byte> line, [NotNullWhen(true)] out IPtMessage? message) => PtIpc.ParseOwned(line, out message).IsMessage;

    private static byte[]? Format(IPtMessage message)
    {
        var buffer = new ArrayBufferWriter<byte>();
        return message.Write(buffer) == OperationStatus.Done ? buffer.WrittenSpan.ToArray() : null;
    }

    private sealed class SameFields : IEqualityComparer<IPtMessage>
    {
        public bool Equals(IPtMessage? x, IPtMessage? y) =>
            x is not null && y is not null && x.KindName == y.KindName && PtFieldValue.Of(x).SequenceEqual(PtFieldValue.Of(y)) && x.Equals(y);

        public int GetHashCode(IPtMessage obj) => obj.KindName.GetHashCode(StringComparison.Ordinal);
    }

    /// <summary>Runs the properties of <paramref name="spec"/> (or the one named <paramref name="only"/>) and prints a report; returns the exit code.</summary>
    public static int Run(string spec, int cases, string seed, string? only, TextWriter output)
    {
        string directory = Directory.CreateTempSubdirectory("ptkit-fuzz-").FullName;
        try
        {
            string optionsFile = Path.Combine(directory, "options.txt");
            File.WriteAllText(optionsFile, "obfs4:iat-mode=0");
            var selected = Properties(spec, optionsFile).Where(p => only is null || p.Name == only).ToArray();
            if (selected.Length == 0)
            {
                output.WriteLine($"ptkit fuzz grammar: no property {only} for --spec {spec} (properties: {string.Join(", ", Properties(spec, optionsFile).Select(p => p.Name))})");
                return 2;
            }
            output.WriteLine($"ptkit fuzz grammar --spec {spec}: {cases} cases per property, seed {seed}");
            var reports = new List<PtPropertyReport>();
            foreach (var (name, property) in selected)
            {
                var report = PtPropertyRunner.Run(name, property(), cases, seed);
                reports.Add(report);
                output.WriteLine($"  {name,-42} {report.Cases,7} cases  {(report.Passed ? "ok" : "FAILED")}");
                if (!report.Passed) output.WriteLine($"    {report.Failure}");
            }
            int failures = reports.Count(r => !r.Passed);
            output.WriteLine($"cases: {reports.Sum(r => r.Cases)}, failures: {failures}");
            if (reports.FirstOrDefault(r => !r.Passed) is { } first)
            {
                output.WriteLine($"replay seed of the first failure: {first.Replay}");
                output.WriteLine($"replay: ptkit fuzz grammar --spec {spec} --property {first.Name} --cases {cases} --seed \"{first.Replay}\"");
            }
            return failures == 0 ? 0 : 1;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
