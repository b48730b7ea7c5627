using System;
using System.Linq;
using System.Text;
using Consumer;
using FsCheck.Fluent;
using PtToolkit.Config;
using PtToolkit.Ipc;
using PtToolkit.Testing;
using PtToolkit.Testing.Config;
using PtToolkit.Testing.Properties;

// Lines a parent reads from our transport: the toolkit's own messages, and ours.
string[] lines =
{
    "VERSION 1",
    "CMETHOD mytransport socks5 127.0.0.1:41000",
    "STATUS TRANSPORT=mytransport HEALTH=degraded RTT=180 PEER=bridge.example:443",
    "EVENT BRIDGE-PROBE mytransport 198.51.100.7:443 down connection refused",
    "STATUS TRANSPORT=mytransport CONNECT=Success",
    "EVENT BRIDGE-PROBE mytransport 198.51.100.7:70000 ok",
};
foreach (string text in lines)
{
    var line = Encoding.UTF8.GetBytes(text);
    var ours = MyIpc.ParseOwned(line, out var message);
    if (ours.IsMessage)
    {
        Console.WriteLine($"ours:    {message!.KindName} {string.Join(" ", PtFieldValue.Of(message))}");
        continue;
    }
    var toolkit = PtIpc.ParseOwned(line, out var standard);
    if (toolkit.IsMessage) Console.WriteLine($"toolkit: {standard!.KindName}");
    else if (ours.IsInvalid) Console.WriteLine($"ours:    {ours.Kind} refused: {ours.Error}");
    else Console.WriteLine($"toolkit: {toolkit.Kind} {toolkit.Error}");
}

// Typed access without allocation, and a formatter that writes only lines that parse back.
if (MyIpc.MyStatusView.TryParse("STATUS TRANSPORT=\"my transport\" HEALTH=ok RTT=7\n"u8, out var status, out _))
    Console.WriteLine($"typed:   {status.Transport.ToString()} health={status.Health} rtt={status.Rtt} peer={(status.HasPeer ? "yes" : "no")}");
var probe = new MyIpc.BridgeProbeEventMessage("mytransport", new PtToolkit.Text.PtEndpoint("bridge.example", PtToolkit.Text.PtHostKind.Name, 443), MyIpc.Health.Ok);
Console.WriteLine($"format:  {PtToolkit.Text.PtMessageExtensions.FormatLine(probe)}");

// One PT 2.x command line with the dispatcher's flags (the toolkit's spec) and our own (ours): each binder skips
// the other's flags. A PT 1.0 parent gives TOR_PT_* variables instead (PtConfigSource.FromEnvironment).
string[] argv = ["-ptversion", "2.2", "-transports", "mytransport", "-enableLogging", "-logLevel", "INFO"];
var pt = PtConfig.PtClientConfig.Bind(PtConfigSource.FromArguments(argv, ["2.2", "1"]) with { OtherFlags = MyFlags.Parameters });
var flags = MyFlags.TransportFlags.Bind(PtConfigSource.FromArguments(argv) with { OtherFlags = PtConfig.Parameters });
Console.WriteLine($"config:  VERSION {pt.Version} {string.Join(",", pt.Config!.TransportNames)}; logging={flags.Config!.EnableLogging} level={MyFlags.TextOf(flags.Config.LogLevel)} unsafe={flags.Config.UnsafeLogging}");
var refused = MyFlags.TransportFlags.Bind(PtConfigSource.FromArguments(["-unsafeLogging"]));
Console.WriteLine($"config:  {refused.Error.FormatLine()} (exit {refused.ExitCode})");

// Our generated dispatcher against the reference interpreter built from our spec's grammar.
var report = PtPropertyRunner.Run("MyIpc agrees with its spec", PtGrammarProperties.AgreesWithReference(MyIpc.Grammar, line =>
{
    var outcome = MyIpc.ParseOwned(line, out var m);
    if (outcome.IsMessage) return PtLineOutcome.Message(m!.KindName, PtFieldValue.Of(m));
    return outcome.IsUnknown ? PtLineOutcome.Unknown : PtLineOutcome.Invalid(outcome.Kind == MyIpc.MessageKind.Unknown ? null : outcome.Kind.ToString());
}), cases: 500, replay: "1");
Console.WriteLine($"fuzz:    {report.Name}: {report.Cases} cases, {(report.Passed ? "passed" : "FAILED " + report.Failure)}");

// Our flag binder against the presence reference built from our spec's parameters: valid and near-miss command lines.
var flagCases = new PtConfigGen(MyFlags.Grammar, MyFlags.Parameters, ["common"], doors: PtConfigDoors.Flags);
var flagReport = PtPropertyRunner.Run("MyFlags agrees with its spec", PtConfigProperties.AgreesWithPresenceRules(flagCases,
    Gen.OneOf(flagCases.Valid(), flagCases.NearMiss()), c => MyFlags.TransportFlags.Bind(PtConfigSource.FromArguments(c.Arguments ?? []))), cases: 500, replay: "1");
Console.WriteLine($"fuzz:    {flagReport.Name}: {flagReport.Cases} cases, {(flagReport.Passed ? "passed" : "FAILED " + flagReport.Failure)}");
Console.WriteLine($"messages in my spec: {string.Join(", ", MyIpc.Grammar.Messages.Select(m => m.Name))}");
return report.Passed && flagReport.Passed ? 0 : 1;
