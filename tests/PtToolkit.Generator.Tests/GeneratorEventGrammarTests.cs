using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using PtToolkit.Control;
using PtToolkit.Grammar;
using Xunit;

namespace PtToolkit.Generator.Tests;

/// <summary>
/// The events as data (<c>EventGrammar</c>): what the generator emitted for spec/control.spec is what the spec
/// says, checked against a tally made here from the spec text and field by field for a few events; and a small
/// spec compiled in memory gives the same data.
/// </summary>
public sealed partial class GeneratorEventGrammarTests
{
    private static readonly PtEventGrammar Events = TorEvents.EventGrammar;

    /// <summary>One declaration of spec/control.spec, read here with regular expressions, independently of the generator's reader.</summary>
    private sealed record Declared(string Name, string Keyword, string[] Positionals, string[] Optional, string[] Keywords);

    private static Declared[] ReadSpec()
    {
        string text = File.ReadAllText(Path.Combine(RepositoryRoot(), "spec", "control.spec"));
        return EventDeclaration().Matches(text).Select(m =>
        {
            string head = m.Groups["args"].Value;
            int bracket = head.IndexOf('[', StringComparison.Ordinal);
            string[] Names(string part) => Regex.Matches(part, @"(\w+):\w+").Select(a => a.Groups[1].Value).ToArray();
            var keywords = Regex.Matches(m.Groups["attrs"].Value, @"^\s+keywords\s+(.*)$", RegexOptions.Multiline)
                .SelectMany(k => Names(k.Groups[1].Value)).ToArray();
            return new Declared(m.Groups["name"].Value, m.Groups["keyword"].Value, Names(bracket < 0 ? head : head[..bracket]),
                bracket < 0 ? Array.Empty<string>() : Names(head[bracket..]), keywords);
        }).ToArray();
    }

    [GeneratedRegex(@"^event (?<name>\w+) = ""(?<keyword>[^""]+)""(?<args>[^\n]*)\n(?<attrs>(?:[ ]+[^\n]*\n)*)", RegexOptions.Multiline)]
    private static partial Regex EventDeclaration();

    [Fact]
    public void Every_event_of_the_spec_is_there_in_spec_order_with_its_argument_counts()
    {
        var declared = ReadSpec();
        Assert.Equal(31, declared.Length);
        Assert.Equal(declared.Select(d => d.Name), Events.Events.Select(e => e.Name));
        Assert.Equal("TorEvents", Events.Name);
        foreach (var (d, e) in declared.Zip(Events.Events))
        {
            Assert.Equal(d.Keyword, e.Keyword);
            Assert.Equal(d.Positionals.Concat(d.Optional), e.Positionals.Select(p => p.Name));
            Assert.Equal(d.Optional.Length, e.Positionals.Count(p => p.Optional));
            Assert.Equal(d.Keywords, e.Keywords.Select(k => k.Key));
            Assert.All(e.Keywords, k => Assert.True(k.Optional && k.IsKeyword && k.Name == k.Key, k.Name));
            Assert.All(e.Positionals, p => Assert.True(!p.IsKeyword && p.Key.Length == 0, p.Name));
        }
        Assert.Equal(declared.Sum(d => d.Keywords.Length), Events.Events.Sum(e => e.Keywords.Count));
    }

    [Fact]
    public void Circ_field_by_field()
    {
        var circ = Event("Circ");
        Assert.Equal("CIRC", circ.Keyword);
        Assert.Equal(new[] { "control-spec §4.1.1" }, circ.Sections);
        Assert.StartsWith("\"650\" SP \"CIRC\" SP CircuitID", circ.Doc, StringComparison.Ordinal);
        Assert.Equal(new PtEventField("circuitId", "CircuitId", "", PtEventValueKind.Token, null, false), circ.Positionals[0]);
        var status = circ.Positionals[1];
        Assert.Equal(("status", "Status", PtEventValueKind.Enum, false), (status.Name, status.Property, status.Kind, status.Optional));
        Assert.Same(TorEvents.Grammar.Enums.Single(x => x.Name == "CircStatus"), status.Enum);
        Assert.Equal(new[] { "LAUNCHED", "BUILT", "GUARD_WAIT", "EXTENDED", "FAILED", "CLOSED" }, status.Enum!.Members.Select(m => m.Text));
        Assert.Equal("Guard", status.Enum.Members[2].Name);
        Assert.Equal(new PtEventField("path", "Path", "", PtEventValueKind.Token, null, true), circ.Positionals[2]);
        Assert.Equal(10, circ.Keywords.Count);
        Assert.Equal(new PtEventField("BUILD_FLAGS", "BuildFlags", "BUILD_FLAGS", PtEventValueKind.Token, null, true), circ.Keywords[0]);
        Assert.Equal(new PtEventField("SOCKS_USERNAME", "SocksUsername", "SOCKS_USERNAME", PtEventValueKind.QuotedString, null, true), circ.Keywords[7]);
        Assert.Equal("HS_POW", circ.Keywords[^1].Key);
    }

    [Fact]
    public void AddrMap_TransportLaunched_NoticeLog_ClientsSeen_field_by_field()
    {
        var addrMap = Event("AddrMap");
        Assert.Equal(new[] { ("address", PtEventValueKind.Token), ("newAddress", PtEventValueKind.Token), ("expiry", PtEventValueKind.QuotedString) },
            addrMap.Positionals.Select(p => (p.Name, p.Kind)));
        Assert.Equal(new[] { ("error", "Error", PtEventValueKind.Token), ("EXPIRES", "Expires", PtEventValueKind.QuotedString), ("CACHED", "Cached", PtEventValueKind.QuotedString), ("STREAMID", "Streamid", PtEventValueKind.Token) },
            addrMap.Keywords.Select(k => (k.Key, k.Property, k.Kind)));

        var launched = Event("TransportLaunched");
        Assert.Equal(new[] { "side", "name", "address", "port" }, launched.Positionals.Select(p => p.Name));
        Assert.Equal(new[] { "client", "server" }, launched.Positionals[0].Enum!.Members.Select(m => m.Text));
        Assert.Equal(PtEventValueKind.Number, launched.Positionals[3].Kind);
        Assert.Empty(launched.Keywords);

        var notice = Event("NoticeLog");
        Assert.Equal("NOTICE", notice.Keyword);
        Assert.Equal(new PtEventField("message", "Message", "", PtEventValueKind.Text, null, true), Assert.Single(notice.Positionals));

        var seen = Event("ClientsSeen");
        Assert.Empty(seen.Positionals);
        Assert.Equal(new[] { ("TimeStarted", "TimeStarted"), ("CountrySummary", "CountrySummary"), ("IPVersions", "IPVersions") }, seen.Keywords.Select(k => (k.Key, k.Property)));
    }

    [Fact]
    public void Every_field_names_a_property_of_its_view_and_every_enum_field_has_its_enumeration()
    {
        foreach (var e in Events.Events)
        {
            var view = typeof(TorEvents).GetNestedType(e.Name + "Event");
            Assert.NotNull(view);
            foreach (var f in e.Positionals.Concat(e.Keywords))
            {
                Assert.NotNull(view.GetProperty(f.Property));
                Assert.Equal(f.Optional, view.GetProperty("Has" + f.Property) is not null);
                Assert.Equal(f.Kind == PtEventValueKind.Enum, f.Enum is not null);
            }
        }
    }

    [Fact]
    public void A_spec_compiled_in_memory_carries_its_events_as_data()
    {
        var run = GeneratorHarness.RunSpec(GeneratorHarness.Lines(
            "enum Mood = \"UP\" | Low \"DOWN\"",
            "event Ping = \"PING\" id:number mood:Mood [note:text]",
            "    keywords  WHO:qstring WHEN:token",
            "    section   test §1",
            "    > \"650\" SP \"PING\"",
            "event Pong = \"PONG\""));
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompileProblems);
        var (context, assembly) = GeneratorHarness.Load(run.Output);
        try
        {
            var grammar = (PtEventGrammar)assembly.GetType("TestSpec")!.GetProperty("EventGrammar", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
            Assert.Equal("TestSpec", grammar.Name);
            Assert.Equal(new[] { ("Ping", "PING"), ("Pong", "PONG") }, grammar.Events.Select(e => (e.Name, e.Keyword)));
            var ping = grammar.Events[0];
            Assert.Equal(new[] { ("id", PtEventValueKind.Number, false), ("mood", PtEventValueKind.Enum, false), ("note", PtEventValueKind.Text, true) },
                ping.Positionals.Select(p => (p.Name, p.Kind, p.Optional)));
            Assert.Equal(new[] { ("UP", "Up"), ("DOWN", "Low") }, ping.Positionals[1].Enum!.Members.Select(m => (m.Text, m.Name)));
            Assert.Equal(new[] { ("WHO", PtEventValueKind.QuotedString), ("WHEN", PtEventValueKind.Token) }, ping.Keywords.Select(k => (k.Key, k.Kind)));
            Assert.Equal(new[] { "test §1" }, ping.Sections);
            Assert.Equal("\"650\" SP \"PING\"", ping.Doc);
            Assert.Empty(grammar.Events[1].Positionals);
        }
        finally
        {
            context.Unload();
        }
    }

    [Fact]
    public void A_spec_without_events_declares_no_event_grammar()
    {
        var run = GeneratorHarness.RunSpec("message Ping = \"PING\" SP n:number\n");
        Assert.Empty(run.GeneratorDiagnostics);
        string source = run.Sources.Single().SourceText.ToString();
        Assert.DoesNotContain("EventGrammar", source, StringComparison.Ordinal);
        Assert.DoesNotContain("WriteEventFields", source, StringComparison.Ordinal);
    }

    private static PtEventRule Event(string name) => Events.Events.Single(e => e.Name == name);

    private static string RepositoryRoot([CallerFilePath] string sourceFile = "")
    {
        foreach (string start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) ?? "" }.Where(s => s.Length > 0))
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Toolkit.sln"))) return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("Toolkit.sln not found above " + AppContext.BaseDirectory);
    }
}
