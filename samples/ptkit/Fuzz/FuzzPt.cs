using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using FsCheck;
using FsCheck.Fluent;
using PtToolkit.Config;
using PtToolkit.Testing.Config;
using PtToolkit.Testing.Properties;

namespace PtToolkit.Cli.Fuzz;

/// <summary>
/// <c>ptkit fuzz pt</c>: launches a PT with generated valid and near-miss configurations (client and server, from
/// spec/pt-config.spec) and judges each answer (<see cref="PtConformance"/>). Everything stays on this machine:
/// listening addresses are loopback with port 0, forwarding targets and proxies are 127.0.0.1:9 (discard, nothing
/// listens), and paths are inside a temporary directory that is removed afterwards.
/// </summary>
internal static class FuzzPt
{
    /// <summary>Runs <paramref name="cases"/> launches of <paramref name="command"/>; prints the table; returns the exit code (1 when a check failed).</summary>
    public static async Task<int> RunAsync(string[] command, int cases, string seed, PtConfigDoors doors, string sides, IReadOnlyCollection<string> always, TimeSpan timeout, TextWriter output)
    {
        if (!PtPropertyRunner.TryParseReplay(seed, out var replay))
        {
            output.WriteLine("ptkit fuzz pt: --seed is a number or (seed,gamma)");
            return 2;
        }
        string root = Directory.CreateTempSubdirectory("ptkit-fuzz-pt-").FullName;
        try
        {
            var unknown = always.Where(name => PtConfig.Parameters.All(p => p.Name != name)).ToArray();
            if (unknown.Length > 0)
            {
                output.WriteLine($"ptkit fuzz pt: --always names no parameter: {string.Join(", ", unknown)} (parameters: {string.Join(", ", PtConfig.Parameters.Select(p => p.Name))})");
                return 2;
            }
            var generators = sides.Split(',').Select(side => (Side: side, Gen: new PtConfigGen(PtConfig.Grammar, PtConfig.Parameters, new[] { "common", side }, p => LocalValue(p, root), doors) { Always = always })).ToArray();
            // NUL cannot travel in a variable or an argument: such near-misses are for in-process binders only.
            var all = Gen.OneOf(generators.Select(g => Gen.Frequency((2, g.Gen.Valid()), (3, g.Gen.NearMiss())).Where(Passable).Select(c => (g.Side, g.Gen, Case: c))));
            var samples = all.Sample(cases, replay.Rnd, 20);
            output.WriteLine($"ptkit fuzz pt: {string.Join(' ', command)}; {cases} launches, seed {seed}, {doors.ToString().ToLowerInvariant()}"
                + (always.Count > 0 ? ", always " + string.Join(' ', always) : "") + $", timeout {timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s");
            var rows = new List<PtConformanceRow>();
            for (int i = 0; i < samples.Length; i++)
            {
                var (side, generator, configuration) = samples[i];
                string work = Directory.CreateDirectory(Path.Combine(root, "run" + i.ToString(CultureInfo.InvariantCulture))).FullName;
                var arguments = command.Skip(1).Concat(configuration.Arguments ?? Array.Empty<string>()).ToArray();
                var result = await PtProbe.RunAsync(command[0], arguments, configuration.Environment, work, timeout).ConfigureAwait(false);
                rows.Add(PtConformance.Judge(i + 1, side, generator.Parameters, configuration, result));
            }
            output.Write(PtConformance.Table(rows));
            int failed = rows.Count(r => r.Failed), notes = rows.Count(r => r.Verdict.StartsWith("note", StringComparison.Ordinal));
            output.WriteLine($"launches: {rows.Count}, ok: {rows.Count - failed - notes}, notes: {notes}, failures: {failed}");
            return failed == 0 ? 0 : 1;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static bool Passable(PtConfigCase c) =>
        !c.Environment.Values.Any(v => v.Contains('\0')) && !(c.Arguments ?? Array.Empty<string>()).Any(a => a.Contains('\0'));

    /// <summary>Well-formed values that keep a launch local: loopback listeners on port 0, 127.0.0.1:9 targets, paths under <paramref name="root"/>.</summary>
    private static Gen<string>? LocalValue(PtParameterInfo p, string root) => p.Type switch
    {
        "path" => Gen.Elements(Path.Combine(root, "state"), Path.Combine(root, "state") + "/", Path.Combine(root, "cookie"), "state-here"),
        "bindaddrs" => Gen.Elements("obfs4-127.0.0.1:0", "obfs4-127.0.0.1:0,meek_lite-[::1]:0", "scramblesuit-127.0.0.1:0"),
        "endpoint" => Gen.Elements("127.0.0.1:0", "[::1]:0"),
        "ip" => Gen.Elements("127.0.0.1", "::1"),
        "port" => Gen.Constant("0"),
        "orport" or "target" => Gen.Elements("127.0.0.1:9", "[::1]:9"),
        "host" => Gen.Elements("127.0.0.1", "localhost"),
        "proxy" => Gen.Elements("socks5://127.0.0.1:9", "http://127.0.0.1:9", "socks4a://127.0.0.1:9"),
        "transports" => Gen.Elements("obfs4", "obfs4,meek_lite", "obfs3,obfs4,scramblesuit", "obfs4,not-a-transport"),
        "ipv4" => Gen.Constant("127.0.0.1"),
        "ipv6" => Gen.Constant("[::1]"),
        _ => null,
    };
}
