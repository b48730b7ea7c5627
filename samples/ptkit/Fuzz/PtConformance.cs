using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text;
using PtToolkit.Ipc;
using PtToolkit.Testing.Config;

namespace PtToolkit.Cli.Fuzz;

/// <summary>One row of the conformance table: the configuration given, what the reference decided, what the PT did, the verdict.</summary>
internal sealed record PtConformanceRow(int Number, string Side, string Case, string Given, string Expected, string Answer, string Exit, string Verdict)
{
    /// <summary>True when a check failed (a note is not a failure).</summary>
    public bool Failed => Verdict.StartsWith("FAIL", StringComparison.Ordinal);
}

/// <summary>
/// Judges one launch of a PT against the protocol and the presence reference: every stdout line is a message of
/// spec/pt-ipc.spec or an unknown line (never malformed); the first protocol message is VERSION, VERSION-ERROR, or
/// another error line (pt-1.0 §3.3.1: "MUST either report an error and terminate, or output a VERSION message");
/// a CMETHOD listens on loopback; a configuration the reference refuses gets an error line and an exit (pt-1.0
/// says the line MAY come; tor needs it to say why); nothing hangs. A PT that refuses what the
/// reference accepts is stricter than the spec: a note, not a failure.
/// </summary>
internal static class PtConformance
{
    private static readonly PtIpc.MessageKind[] Errors = { PtIpc.MessageKind.VersionError, PtIpc.MessageKind.EnvError, PtIpc.MessageKind.ProxyError };

    private static readonly PtIpc.MessageKind[] Side = { PtIpc.MessageKind.Log, PtIpc.MessageKind.DispatcherLog, PtIpc.MessageKind.Status,
        PtIpc.MessageKind.ConnectionEvent, PtIpc.MessageKind.ConnectionErrorEvent, PtIpc.MessageKind.ConnectionSuccessEvent };

    /// <summary>Judges <paramref name="result"/> for the configuration <paramref name="configuration"/> of the config holding <paramref name="parameters"/>.</summary>
    public static PtConformanceRow Judge(int number, string side, IReadOnlyList<PtToolkit.Config.PtParameterInfo> parameters, PtConfigCase configuration, PtProbeResult result)
    {
        var decision = PtPresenceReference.Decide(parameters, configuration);
        var present = PtPresenceReference.PresentParameters(parameters, configuration) ?? new HashSet<string>();
        string given = string.Join(' ', parameters.Where(p => present.Contains(p.Name)).Select(p => p.Name + (configuration.BadValues.Contains(p.Name) ? "!=" + BadValue(p, configuration) : "")));
        string expected = decision.Accepted ? "accept" : "refuse " + (decision.Parameter?.Name ?? "flags");
        string kase = configuration.Category + (configuration.Mutation.Length > 0 ? " " + configuration.Mutation : "");
        string exit = result.StartError is not null ? "not started" : result.Configured ? "stopped" : result.Hung ? "timeout" : $"exit {result.ExitCode}";
        if (result.StartError is not null) return new PtConformanceRow(number, side, kase, given, expected, result.StartError, exit, "FAIL: could not start");

        var messages = result.Stdout.Select(line => (Line: line, Outcome: PtIpc.ParseOwned(line, out var message), Message: message)).ToArray();
        string answer = Answer(messages.Where(m => !m.Outcome.IsUnknown).Select(m => (m.Outcome, m.Message, m.Line)).ToArray());
        var problems = new List<string>();
        if (messages.FirstOrDefault(m => m.Outcome.IsInvalid) is { Line: { } bad }) problems.Add("malformed line: " + PtToolkit.Testing.PtShow.Bytes(bad, 60));
        var protocol = messages.Where(m => m.Outcome.IsMessage && !Side.Contains(m.Outcome.Kind)).ToArray();
        if (protocol.Length > 0 && protocol[0].Outcome.Kind != PtIpc.MessageKind.Version && !Errors.Contains(protocol[0].Outcome.Kind))
            problems.Add($"first message is {protocol[0].Outcome.Kind}, not VERSION or an error line");
        foreach (var cmethod in messages.Select(m => m.Message).OfType<PtIpc.CmethodMessage>())
        {
            if (!IPAddress.TryParse(cmethod.Address.Host, out var ip) || !IPAddress.IsLoopback(ip)) problems.Add("CMETHOD not on loopback");
        }
        bool errorLine = protocol.Any(m => Errors.Contains(m.Outcome.Kind));
        if (result.Hung) problems.Add(errorLine ? "no exit after its error line" : "no DONE, no error, no exit");
        else if (!result.Configured && !errorLine) problems.Add("exited without an error line");
        else if (result.Configured && !decision.Accepted) problems.Add($"accepted a configuration the spec refuses ({decision.Reason})");

        string verdict = problems.Count > 0 ? "FAIL: " + string.Join("; ", problems)
            : !result.Configured && decision.Accepted ? "note: stricter than the spec" : "ok";
        return new PtConformanceRow(number, side, kase, given, expected, answer, exit, verdict);
    }

    /// <summary>A near-miss value (from the generator's fixed lists, so never a secret), escaped and cut.</summary>
    private static string BadValue(PtToolkit.Config.PtParameterInfo p, PtConfigCase configuration)
    {
        string? value = p.Variable.Length > 0 && configuration.Environment.TryGetValue(p.Variable, out var v) ? v : null;
        value ??= configuration.Arguments?.Select((a, i) => a.StartsWith(p.Flag + "=", StringComparison.Ordinal) || a.StartsWith("-" + p.Flag + "=", StringComparison.Ordinal)
            ? a[(a.IndexOf('=') + 1)..] : a == p.Flag && i + 1 < configuration.Arguments.Count ? configuration.Arguments[i + 1] : null).FirstOrDefault(x => x is not null);
        return "\"" + PtToolkit.Testing.PtShow.Text(value ?? "", 30) + "\"";
    }

    /// <summary>The protocol messages in short: keywords, repeats counted, with the variable an error line names (values are left out).</summary>
    private static string Answer((PtIpc.ParseOutcome Outcome, PtToolkit.Text.IPtMessage? Message, byte[] Line)[] messages)
    {
        var parts = new List<string>();
        foreach (var group in Runs(messages.Select(m => Describe(m.Outcome, m.Line))))
        {
            parts.Add(group.Count > 1 ? $"{group.Text} x{group.Count}" : group.Text);
        }
        return parts.Count == 0 ? "(nothing)" : string.Join(", ", parts);
    }

    private static string Describe(PtIpc.ParseOutcome outcome, byte[] line)
    {
        string keyword = Encoding.ASCII.GetString(PtToolkit.Text.PtLineCursor.Keyword(PtToolkit.Text.PtLineCursor.TrimLineEnd(line)));
        if (outcome.IsInvalid) return "malformed " + (keyword.Length > 0 ? keyword : "line");
        if (!Errors.Contains(outcome.Kind)) return outcome.Kind is PtIpc.MessageKind.CmethodsDone or PtIpc.MessageKind.SmethodsDone or PtIpc.MessageKind.ProxyDone
            ? keyword + " DONE" : keyword;
        string? variable = Encoding.UTF8.GetString(line).Split(' ', ':', '"', ',').FirstOrDefault(w => w.StartsWith("TOR_PT_", StringComparison.Ordinal) || w.StartsWith('-'));
        return variable is null ? keyword : $"{keyword} ({variable})";
    }

    private static IEnumerable<(string Text, int Count)> Runs(IEnumerable<string> items)
    {
        string? current = null;
        int count = 0;
        foreach (string item in items)
        {
            if (item == current)
            {
                count++;
                continue;
            }
            if (current is not null) yield return (current, count);
            current = item;
            count = 1;
        }
        if (current is not null) yield return (current, count);
    }

    /// <summary>The rows as an aligned text table.</summary>
    public static string Table(IReadOnlyList<PtConformanceRow> rows)
    {
        var header = new[] { "#", "side", "case", "given (!= near-miss value)", "reference", "answer", "exit", "verdict" };
        var cells = rows.Select(r => new[] { r.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Side, r.Case, r.Given, r.Expected, r.Answer, r.Exit, r.Verdict }).Prepend(header).ToArray();
        int[] widths = Enumerable.Range(0, header.Length - 1).Select(i => cells.Max(c => c[i].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in cells)
        {
            for (int i = 0; i < widths.Length; i++) text.Append(row[i].PadRight(widths[i])).Append("  ");
            text.Append(row[^1]).Append('\n');
        }
        return text.ToString();
    }
}
