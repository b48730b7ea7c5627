using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using FsCheck;
using FsCheck.Fluent;
using PtToolkit.Testing.Properties;
using PtToolkit.Testing.Socks;

namespace PtToolkit.Cli.Fuzz;

/// <summary>One conversation judged: the case, what came back, the verdict and why, and the seed that makes it again.</summary>
/// <remarks>A probe's number is the case it ran after; its seed and <c>ReplayCases</c> replay the batch of cases before it.</remarks>
internal sealed record SocksFuzzRow(int Number, string Kind, PtSocksCase? Case, SocksObservation Observation, PtSocksVerdict Verdict, string Why, string Seed, int ReplayCases = 1);

/// <summary>What <c>ptkit fuzz socks</c> is asked to do.</summary>
/// <param name="Server">The SOCKS port.</param>
/// <param name="Cases">How many generated cases.</param>
/// <param name="Seed">A number or <c>(seed,gamma)</c>.</param>
/// <param name="Timeout">How long each read waits.</param>
/// <param name="Every">A probe (a valid handshake) after every this many cases, and one at the end.</param>
/// <param name="Arguments">Arguments every handshake with arguments carries (obfs4: cert and iat-mode).</param>
/// <param name="Target">A real echo target, or null for unreachable ones.</param>
/// <param name="Parallel">How many connections are open at once (cases between two probes run together).</param>
internal sealed record SocksFuzzOptions(EndPoint Server, int Cases, string Seed, TimeSpan Timeout, int Every, IReadOnlyList<KeyValuePair<string, string>> Arguments, EndPoint? Target, int Parallel = 4);

/// <summary>
/// <c>ptkit fuzz socks</c>: sends generated SOCKS 5 handshakes (PtToolkit.Testing.Socks: valid, near-miss, hostile) to a
/// PT's SOCKS port, one connection each (<see cref="SocksConversation"/>), judges each ending against what the case
/// allows, and checks with a valid handshake after every N cases and at the end that the PT keeps serving.
/// </summary>
internal static class SocksFuzz
{
    /// <summary>The size cases are generated at (argument values up to 60 characters).</summary>
    private const int Size = 30;

    /// <summary>
    /// The seed of the next case, drawn from this case's: case 1 is made from the seed given, so the seed printed for
    /// any case, given back with <c>--cases 1</c>, makes that case again.
    /// </summary>
    private static readonly Gen<ulong> NextSeed = Gen.Choose(int.MinValue, int.MaxValue).Two().Select(t => ((ulong)(uint)t.Item1 << 32) | (uint)t.Item2);

    /// <summary>The kind of the keeps-serving probe in the table.</summary>
    public const string ProbeKind = "probe: keeps serving";

    /// <summary>Runs the cases; prints the table, the failures and the replay seed of the first; returns the exit code (1 when a check failed).</summary>
    public static async Task<int> RunAsync(SocksFuzzOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        if (!PtPropertyRunner.TryParseReplay(options.Seed, out var replay))
        {
            output.WriteLine("ptkit fuzz socks: --seed is a number or (seed,gamma)");
            return 2;
        }
        var generator = new PtSocksCaseGen(options.Arguments, options.Target is null ? null : [options.Target]);
        var all = generator.All();
        bool echo = options.Target is not null;
        output.WriteLine($"ptkit fuzz socks {options.Server}: {options.Cases} cases, seed {options.Seed}, timeout {options.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s, "
            + $"probe every {options.Every}, {options.Parallel} at once, {(echo ? "echo target " + options.Target : "unreachable targets")}, {options.Arguments.Count} base argument(s)");
        var rows = new List<SocksFuzzRow>();
        var batch = new List<(int Number, PtSocksCase Case, string Seed)>();
        var rnd = replay.Rnd;
        for (int i = 1; i <= options.Cases; i++)
        {
            batch.Add((i, all.Sample(1, rnd, Size)[0], string.Create(CultureInfo.InvariantCulture, $"({rnd.Seed},{rnd.Gamma})")));
            rnd = new Rnd(NextSeed.Sample(1, rnd, Size)[0]);
            if (i % options.Every != 0 && i != options.Cases) continue;
            rows.AddRange(await PlayAsync(options, batch, echo, cancellationToken).ConfigureAwait(false));
            var probe = await ProbeAsync(options, generator, i, cancellationToken).ConfigureAwait(false);
            rows.Add(probe with { Seed = batch[0].Seed, ReplayCases = batch.Count });
            batch.Clear();
        }
        output.Write(Table(rows));
        var failures = rows.Where(r => r.Verdict == PtSocksVerdict.Fail).ToArray();
        foreach (var row in failures.Take(20))
        {
            output.WriteLine(row.Kind == ProbeKind ? $"FAIL probe after #{row.Number}: {row.Why}; the {row.ReplayCases} cases before it from seed {row.Seed}"
                : $"FAIL #{row.Number} {row.Kind}: {row.Why}; seed {row.Seed}\n    {Show(row.Case!, options.Arguments.Count > 0)}");
        }
        if (failures.Length > 20) output.WriteLine($"... and {failures.Length - 20} more failures");
        foreach (var group in rows.Where(r => r.Verdict == PtSocksVerdict.Note).GroupBy(r => (r.Kind, r.Why.Split(',')[0])))
        {
            var first = group.First();
            output.WriteLine($"note {group.Key.Kind}: {first.Why}" + (group.Count() > 1 ? $" x{group.Count()}, first #{first.Number} ({first.Case?.Detail})" : $" (#{first.Number}, {first.Case?.Detail})"));
        }
        output.WriteLine($"cases: {rows.Count(r => r.Case is not null && r.Kind != ProbeKind)}, probes: {rows.Count(r => r.Kind == ProbeKind)}, "
            + $"ok: {rows.Count(r => r.Verdict == PtSocksVerdict.Ok)}, notes: {rows.Count(r => r.Verdict == PtSocksVerdict.Note)}, failures: {failures.Length}");
        if (failures.Length > 0)
        {
            output.WriteLine($"replay seed of the first failure: {failures[0].Seed}");
            output.WriteLine($"replay: ptkit fuzz socks {options.Server} --cases {failures[0].ReplayCases} --seed \"{failures[0].Seed}\"" + Replay(options));
        }
        return failures.Length == 0 ? 0 : 1;
    }

    /// <summary>Judges one observation: malformed answers fail; otherwise the case's expectation decides.</summary>
    public static SocksFuzzRow Judge(int number, string kind, PtSocksCase socksCase, SocksObservation observation, string seed)
    {
        string ended = PtSocksExpectation.Name(observation.End, observation.Code);
        if (observation.Problems.Count > 0)
            return new(number, kind, socksCase, observation, PtSocksVerdict.Fail, string.Join("; ", observation.Problems) + (observation.End == PtSocksEnd.None ? "" : $" (ended: {ended})"), seed);
        var verdict = socksCase.Expected.Judge(observation.End, observation.Code);
        string why = verdict switch
        {
            PtSocksVerdict.Ok => ended,
            PtSocksVerdict.Note => $"{ended}, tolerated (expected {socksCase.Expected}; {socksCase.Expected.Why})",
            _ => $"{ended}, expected {socksCase.Expected} ({socksCase.Expected.Why})",
        };
        return new(number, kind, socksCase, observation, verdict, why, seed);
    }

    /// <summary>Plays <paramref name="batch"/>, <see cref="SocksFuzzOptions.Parallel"/> connections at a time; rows in case order.</summary>
    private static async Task<SocksFuzzRow[]> PlayAsync(SocksFuzzOptions options, List<(int Number, PtSocksCase Case, string Seed)> batch, bool echo, CancellationToken cancellationToken)
    {
        using var slots = new SemaphoreSlim(options.Parallel);
        return await Task.WhenAll(batch.Select(async item =>
        {
            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var observation = await SocksConversation.PlayAsync(options.Server, item.Case, options.Timeout, echo, cancellationToken).ConfigureAwait(false);
                return Judge(item.Number, item.Case.Label, item.Case, observation, item.Seed);
            }
            finally
            {
                slots.Release();
            }
        })).ConfigureAwait(false);
    }

    /// <summary>A valid handshake after the cases so far: it must end in a well-formed reply (with an echo target: X'00' and the bytes back).</summary>
    private static async Task<SocksFuzzRow> ProbeAsync(SocksFuzzOptions options, PtSocksCaseGen generator, int number, CancellationToken cancellationToken)
    {
        var probe = generator.Probe();
        var observation = await SocksConversation.PlayAsync(options.Server, probe, options.Timeout, options.Target is not null, cancellationToken).ConfigureAwait(false);
        var problems = observation.Problems.ToList();
        if (observation.End != PtSocksEnd.Reply && problems.Count == 0) problems.Add($"a valid handshake ended with {PtSocksExpectation.Name(observation.End)}, no reply");
        if (options.Target is not null && observation.End == PtSocksEnd.Reply && observation.Code != 0) problems.Add($"a valid handshake to the echo target got reply {observation.Code:X2}");
        return problems.Count == 0
            ? new(number, ProbeKind, probe, observation, PtSocksVerdict.Ok, PtSocksExpectation.Name(observation.End, observation.Code), "")
            : new(number, ProbeKind, probe, observation, PtSocksVerdict.Fail, "the PT stopped serving: " + string.Join("; ", problems), "");
    }

    /// <summary>The rows by kind: cases, ok, notes, failures, and the endings seen with their counts.</summary>
    public static string Table(IReadOnlyList<SocksFuzzRow> rows)
    {
        var header = new[] { "kind", "cases", "ok", "notes", "failures", "endings seen" };
        var order = Enum.GetValues<PtSocksCaseKind>().Select(PtSocksCase.LabelOf).Append(ProbeKind).ToList();
        var cells = rows.GroupBy(r => r.Kind).OrderBy(g => order.IndexOf(g.Key)).Select(g => new[]
        {
            g.Key,
            Count(g.Count()),
            Count(g.Count(r => r.Verdict == PtSocksVerdict.Ok)),
            Count(g.Count(r => r.Verdict == PtSocksVerdict.Note)),
            Count(g.Count(r => r.Verdict == PtSocksVerdict.Fail)),
            string.Join(", ", g.GroupBy(r => r.Observation.Problems.Count > 0 ? "malformed" : PtSocksExpectation.Name(r.Observation.End, r.Observation.Code))
                .OrderByDescending(e => e.Count()).ThenBy(e => e.Key, StringComparer.Ordinal).Select(e => e.Count() > 1 ? $"{e.Key} x{e.Count()}" : e.Key)),
        }).Prepend(header).ToArray();
        int[] widths = Enumerable.Range(0, header.Length - 1).Select(i => cells.Max(c => c[i].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in cells)
        {
            for (int i = 0; i < widths.Length; i++) text.Append(i is >= 1 and <= 4 ? row[i].PadLeft(widths[i]) : row[i].PadRight(widths[i])).Append("  ");
            text.Append(row[^1]).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>The case in one line; with <paramref name="redact"/>, the messages that carry the given arguments (secrets such as a cert) as their length only.</summary>
    private static string Show(PtSocksCase c, bool redact) => !redact ? c.ToString()
        : $"{c.Label} ({c.Detail}): greeting {PtToolkit.Testing.PtShow.Bytes(c.Greeting, 40)}"
            + (c.UserPassword is null ? "" : $", rfc1929 <{c.UserPassword.Length} bytes>")
            + (c.ParameterBlock is null ? "" : $", block <{c.ParameterBlock.Length} bytes>")
            + (c.Request is null ? "" : $", request {PtToolkit.Testing.PtShow.Bytes(c.Request, 40)}")
            + (c.CloseAfterSending ? ", then close" : "") + $"; expected {c.Expected}";

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Replay(SocksFuzzOptions options) =>
        string.Concat(options.Arguments.Select(a => $" --arg {a.Key}=<value>")) + (options.Target is null ? "" : $" --target {options.Target}")
        + $" --timeout {options.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)}";
}
