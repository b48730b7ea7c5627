using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using PtToolkit.Testing.Tests.Packaging;
using Xunit;

namespace PtToolkit.Testing.Tests.Cli;

/// <summary>
/// <c>ptkit fuzz grammar</c>, <c>ptkit fuzz pt</c> and <c>ptkit spec check|doc</c>, run as the built program: their
/// output and exit codes, with fake PTs (shell scripts that behave, hang, or write a malformed line) and obfs4proxy.
/// </summary>
public sealed class PtkitCommandTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);
    private static readonly Dictionary<string, string> NoEnvironment = new();

    private readonly string _temp = Directory.CreateTempSubdirectory("pttoolkit-ptkit-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    private static Task<(int ExitCode, string Output)> Ptkit(params string[] arguments) =>
        DotnetCli.RunAsync(AppContext.BaseDirectory, NoEnvironment, Timeout, arguments.Prepend(Path.Combine(AppContext.BaseDirectory, "ptkit.dll")).ToArray());

    private static string Spec(string name) => Repository("spec", name);

    private static string Repository(params string[] parts)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory.FullName, "Toolkit.sln"))) directory = directory.Parent!;
        return Path.Combine(parts.Prepend(directory.FullName).ToArray());
    }

    private string Script(string name, string body)
    {
        if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException("the fake PTs are POSIX shell scripts");
        string path = Path.Combine(_temp, name);
        File.WriteAllText(path, "#!/bin/sh\n" + body);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    [Theory]
    [InlineData("ipc", 5)]
    [InlineData("config", 3)]
    public async Task Fuzz_grammar_runs_each_property_and_passes(string spec, int properties)
    {
        var (exit, output) = await Ptkit("fuzz", "grammar", "--spec", spec, "--cases", "200", "--seed", "5");
        Assert.True(exit == 0, output);
        Assert.Equal(properties, output.Split('\n').Count(l => l.TrimEnd().EndsWith("200 cases  ok", StringComparison.Ordinal)));
        Assert.Contains($"cases: {properties * 200}, failures: 0", output);
    }

    [Fact]
    public async Task Fuzz_grammar_refuses_an_unknown_property_and_a_bad_seed()
    {
        var (exit, output) = await Ptkit("fuzz", "grammar", "--spec", "ipc", "--property", "nosuch");
        Assert.Equal(2, exit);
        Assert.Contains("dispatch-agrees-on-valid-lines", output);
        Assert.NotEqual(0, (await Ptkit("fuzz", "grammar", "--spec", "ipc", "--seed", "(1,2)")).ExitCode);
    }

    [Fact]
    public async Task Fuzz_pt_judges_a_well_behaved_pt_against_the_spec()
    {
        // Valid where it answers, but it checks nothing but the presence of the transports: it accepts bad values.
        string pt = Script("lenient-pt", """
            if [ -z "$TOR_PT_MANAGED_TRANSPORT_VER" ]; then echo "ENV-ERROR no TOR_PT_MANAGED_TRANSPORT_VER environment variable"; exit 1; fi
            echo "VERSION 1"
            if [ -n "$TOR_PT_CLIENT_TRANSPORTS" ]; then echo "CMETHOD obfs4 socks5 127.0.0.1:1"; echo "CMETHODS DONE"; while read line; do :; done; exit 0; fi
            echo "ENV-ERROR no TOR_PT_CLIENT_TRANSPORTS environment variable"; exit 1
            """);
        var (exit, output) = await Ptkit("fuzz", "pt", "--side", "client", "--cases", "30", "--seed", "3", "--timeout", "5", "--", pt);
        var rows = output.Split('\n').Where(l => char.IsDigit(l.FirstOrDefault())).ToArray();
        Assert.Equal(30, rows.Length);
        Assert.Contains(rows, r => r.Contains("VERSION, CMETHOD, CMETHODS DONE", StringComparison.Ordinal) && r.TrimEnd().EndsWith(" ok", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("FAIL: accepted a configuration the spec refuses", StringComparison.Ordinal));
        Assert.DoesNotContain(rows, r => r.Contains("hang", StringComparison.Ordinal) || r.Contains("malformed", StringComparison.Ordinal));
        Assert.Equal(1, exit);
    }

    [Fact]
    public async Task Fuzz_pt_reports_a_hang_and_a_malformed_line()
    {
        string hangs = Script("hanging-pt", "while read line; do :; done\n");
        var (exit, output) = await Ptkit("fuzz", "pt", "--cases", "2", "--seed", "1", "--timeout", "0.5", "--", hangs);
        Assert.Equal(1, exit);
        Assert.Equal(2, output.Split('\n').Count(l => l.Contains("timeout", StringComparison.Ordinal) && l.Contains("FAIL: no DONE, no error, no exit", StringComparison.Ordinal)));

        string malformed = Script("malformed-pt", "echo \"VERSION 1\"\necho \"CMETHOD obfs4 socks5 127.0.0.1:99999\"\necho \"CMETHODS DONE\"\nwhile read line; do :; done\n");
        (exit, output) = await Ptkit("fuzz", "pt", "--cases", "2", "--seed", "1", "--", malformed);
        Assert.Equal(1, exit);
        Assert.Contains("malformed line: CMETHOD obfs4 socks5 127.0.0.1:99999", output);
    }

    [Fact]
    public async Task Fuzz_pt_runs_obfs4proxy_and_prints_its_table()
    {
        string obfs4proxy = new[] { "/usr/bin/obfs4proxy", "/usr/sbin/obfs4proxy" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("obfs4proxy is not installed: run ./test.sh, which installs it");
        var (exit, output) = await Ptkit("fuzz", "pt", "--cases", "12", "--seed", "7", "--always", "StateLocation", "--", obfs4proxy);
        Assert.Contains("launches: 12", output);
        Assert.Contains(output.Split('\n'), l => l.Contains("VERSION, CMETHOD", StringComparison.Ordinal) && l.TrimEnd().EndsWith(" ok", StringComparison.Ordinal));
        Assert.True(exit is 0 or 1, output);
    }

    [Fact]
    public async Task Spec_check_prints_compiler_diagnostics_and_exits_1()
    {
        Assert.Equal((0, ""), await Ptkit("spec", "check", Spec("pt-ipc.spec")));
        string bad = Path.Combine(_temp, "bad.spec");
        File.WriteAllText(bad, "message Foo = \"FOO\" SP x:nosuch\nmessage Bar = \"BAR\" SP t:text SP y:token\n");
        var (exit, output) = await Ptkit("spec", "check", bad);
        Assert.Equal(1, exit);
        Assert.Equal(
            new[]
            {
                $"{bad}(1,26): error PTG002: Unknown field type 'nosuch': use a built-in type (spec/README.md) or an enum declared in this spec",
                $"{bad}(2,9): error PTG007: Field 't' reads to the end of the line, so it must be the last item of 'Bar'",
            },
            output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(2, (await Ptkit("spec", "check", Path.Combine(_temp, "missing.spec"))).ExitCode);
    }

    [Fact]
    public async Task Spec_doc_writes_the_messages_and_parameters_as_markdown()
    {
        var (exit, ipc) = await Ptkit("spec", "doc", Spec("pt-ipc.spec"));
        Assert.Equal(0, exit);
        Assert.Contains("### Smethod\n\n```\n\"SMETHOD\" SP transport:token SP address:ipport [SP \"ARGS:\" args:kvargs] [SP options:text]\n```", ipc);
        Assert.Contains("- exit: any in 1.0; 78 in 2.0 2.1 2.2", ipc);
        var (_, config) = await Ptkit("spec", "doc", Spec("pt-config.spec"));
        Assert.Contains("| OrPort | orport | `TOR_PT_ORPORT` | `-orport` | server | required unless ExtendedServerPort Target TargetHost; conflicts Target TargetHost |", config);
    }

    [Theory]
    [InlineData("pt-ipc.spec", new[] { "## Dialects", "## Enumerations", "## Messages" })]
    [InlineData("pt-config.spec", new[] { "## Dialects", "## Enumerations", "## Configs", "## Parameters" })]
    public async Task Spec_doc_of_a_spec_without_events_or_commands_has_only_its_own_sections(string spec, string[] sections)
    {
        var (exit, doc) = await Ptkit("spec", "doc", Spec(spec));
        Assert.Equal(0, exit);
        Assert.Equal(sections, doc.Split('\n').Where(l => l.StartsWith("## ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Spec_doc_writes_each_reply_of_the_control_spec_as_the_spec_declares_it()
    {
        var (exit, doc) = await Ptkit("spec", "doc", Spec("control.spec"));
        Assert.Equal(0, exit);
        string spec = File.ReadAllText(Spec("control.spec")).ReplaceLineEndings("\n");
        var replies = Regex.Matches(spec, "^reply (\\w+) = (\"[^\"]*\")\n((?:    line .*\n)+)", RegexOptions.Multiline);
        Assert.NotEmpty(replies);
        Assert.Equal(replies.Select(r => r.Groups[1].Value), Headings(doc[doc.IndexOf("\n## Replies\n", StringComparison.Ordinal)..]));
        foreach (Match reply in replies)
        {
            string lines = Regex.Replace(reply.Groups[3].Value, "^    line +", "    line      ", RegexOptions.Multiline);
            Assert.Contains("### " + reply.Groups[1].Value + "\n\n```\n" + reply.Groups[2].Value + "\n" + lines + "```\n", doc);
        }
        Assert.Contains("| each `ClientAuth` | ClientAuth | keyword | token | no |", doc);
        Assert.Contains("| `AUTH` | COOKIEFILE | keyword | qstring | yes |", doc);
    }

    [Fact]
    public async Task Spec_doc_lists_every_event_and_command_of_the_control_spec_in_its_order()
    {
        var (exit, doc) = await Ptkit("spec", "doc", Spec("control.spec"));
        Assert.Equal(0, exit);
        string spec = File.ReadAllText(Spec("control.spec"));
        var events = Regex.Matches(spec, "^event (\\w+) = (\"[^\"]*\")", RegexOptions.Multiline);
        var commands = Regex.Matches(spec, "^command (\\w+) = (\"[^\"]*\")", RegexOptions.Multiline);
        Assert.Equal(31, events.Count);
        Assert.NotEmpty(commands);
        int eventsAt = doc.IndexOf("\n## Events\n", StringComparison.Ordinal), commandsAt = doc.IndexOf("\n## Commands\n", StringComparison.Ordinal);
        Assert.InRange(eventsAt, 1, commandsAt - 1);
        Assert.Equal(events.Select(m => m.Groups[1].Value), Headings(doc[eventsAt..commandsAt]));
        int repliesAt = doc.IndexOf("\n## Replies\n", StringComparison.Ordinal);
        Assert.True(repliesAt > commandsAt, "the replies follow the commands");
        Assert.Equal(commands.Select(m => m.Groups[1].Value), Headings(doc[commandsAt..repliesAt]));
        foreach (Match m in events.Concat(commands)) Assert.Contains($"### {m.Groups[1].Value}\n\n```\n{m.Groups[2].Value}", doc);
    }

    private static IEnumerable<string> Headings(string markdown) =>
        markdown.Split('\n').Where(l => l.StartsWith("### ", StringComparison.Ordinal)).Select(l => l[4..]);

    [Fact]
    public async Task Spec_doc_gives_each_event_its_arguments_and_each_command_its_arguments_in_order()
    {
        var (_, doc) = await Ptkit("spec", "doc", Spec("control.spec"));
        Assert.Contains("""
            ### Circ

            ```
            "CIRC" circuitId:token status:CircStatus [path:token]
                keywords  BUILD_FLAGS:token PURPOSE:token HS_STATE:token REND_QUERY:token TIME_CREATED:token REASON:token REMOTE_REASON:token SOCKS_USERNAME:qstring SOCKS_PASSWORD:qstring HS_POW:token
            ```

            Sections: control-spec §4.1.1.

            | argument | kind | type | optional |
            | --- | --- | --- | --- |
            | circuitId | positional | token | no |
            | status | positional | CircStatus: `LAUNCHED`, `BUILT`, `GUARD_WAIT`, `EXTENDED`, `FAILED`, `CLOSED` | no |
            | path | positional | token | yes |
            | BUILD_FLAGS | keyword | token | yes |
            """, doc);
        Assert.Contains("| SOCKS_USERNAME | keyword | qstring | yes |\n| SOCKS_PASSWORD | keyword | qstring | yes |\n| HS_POW | keyword | token | yes |\n\n> \"650\" SP \"CIRC\"", doc);
        Assert.Contains("""
            ### PtLog

            ```
            "PT_LOG"
                keywords  PT:token SEVERITY:token MESSAGE:qstring
            ```

            Sections: control-spec §4.1.30.

            | argument | kind | type | optional |
            | --- | --- | --- | --- |
            | PT | keyword | token | yes |
            | SEVERITY | keyword | token | yes |
            | MESSAGE | keyword | qstring | yes |

            > "650" SP "PT_LOG" SP "PT=" Program SP "SEVERITY=" Severity SP "MESSAGE=" QuotedString

            """, doc);
        Assert.Contains("### NetworkStatus\n\n```\n\"NS\"\n```\n\nSections: control-spec §4.1.12.\n\nArguments: none.\n\n###", doc);
        Assert.Contains("""
            ### SetConf

            ```
            "SETCONF" settings:token[=qstring]+
            ```

            Sections: control-spec §3.1.

            | argument | kind | type | count |
            | --- | --- | --- | --- |
            | settings | pair `key[=value]`, key given by the caller | qstring | one or more |

            > "SETCONF" 1*(SP keyword ["=" value]) CRLF, value = String / QuotedString

            """, doc);
        Assert.Contains("""
            ### Authenticate

            ```
            "AUTHENTICATE" [secret:secret]
            ```

            Sections: control-spec §3.5.

            - sensitive (a `secret` argument): never displayed, its bytes wiped once sent

            | argument | kind | type | count |
            | --- | --- | --- | --- |
            | secret | value | secret | optional |

            """, doc);
        Assert.Contains("""
            - sensitive (declared): never displayed, its bytes wiped once sent

            | argument | kind | type | count |
            | --- | --- | --- | --- |
            | key | value | token | one |
            | flags | value after `Flags=` | list | optional |
            | ports | value after `Port=` | token | one or more |

            """, doc);
        Assert.Contains("\"+LOADCONF\" configText:data\n```\n\nSections: control-spec §3.22.\n\n- multi-line: `+LOADCONF`, the last argument is the data block (control-spec §2.4)\n\n", doc);
        Assert.Contains("| `\"SAFECOOKIE\"` | word |  | one |\n| clientNonce | value | hex | one |\n", doc);
        Assert.Contains("| `\"FORCE\"` | word, written when `force` is true |  | optional |\n", doc);
    }
}
