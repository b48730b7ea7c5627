using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using PtToolkit.Testing.Tests.Packaging;
using Xunit;

namespace PtToolkit.Testing.Tests.Control;

/// <summary><c>ptkit fuzz grammar --spec control</c>, run as the built program: the event properties, their report and exit codes.</summary>
public sealed class PtkitFuzzControlTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    private static Task<(int ExitCode, string Output)> Ptkit(params string[] arguments) =>
        DotnetCli.RunAsync(AppContext.BaseDirectory, new Dictionary<string, string>(), Timeout, arguments.Prepend(Path.Combine(AppContext.BaseDirectory, "ptkit.dll")).ToArray());

    [Fact]
    public async Task Fuzz_grammar_control_runs_the_event_properties_and_passes()
    {
        var (exit, output) = await Ptkit("fuzz", "grammar", "--spec", "control", "--cases", "200", "--seed", "11");
        Assert.True(exit == 0, output);
        Assert.Contains("ptkit fuzz grammar --spec control: 200 cases per property, seed 11", output);
        foreach (string name in new[] { "events-agree-on-valid-lines", "events-agree-on-near-misses", "events-agree-on-arbitrary-bytes", "events-read-back-what-was-written", "events-never-throw" })
            Assert.Contains(output.Split('\n'), l => l.Contains(name, StringComparison.Ordinal) && l.TrimEnd().EndsWith("200 cases  ok", StringComparison.Ordinal));
        Assert.Contains("cases: 1000, failures: 0", output);
    }

    [Fact]
    public async Task Fuzz_grammar_control_runs_one_property_by_name_and_names_them_for_an_unknown_one()
    {
        var (exit, output) = await Ptkit("fuzz", "grammar", "--spec", "control", "--property", "events-never-throw", "--cases", "50", "--seed", "(3,5)");
        Assert.True(exit == 0, output);
        Assert.Contains("cases: 50, failures: 0", output);
        (exit, output) = await Ptkit("fuzz", "grammar", "--spec", "control", "--property", "nosuch");
        Assert.Equal(2, exit);
        Assert.Contains("events-agree-on-near-misses", output);
    }
}
