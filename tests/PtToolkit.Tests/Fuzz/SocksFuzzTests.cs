using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using PtToolkit.Cli.Demo;
using PtToolkit.Cli.Fuzz;
using PtToolkit.Testing.Socks;
using Xunit;
using Xunit.Abstractions;

namespace PtToolkit.Tests.Fuzz;

/// <summary><c>ptkit fuzz socks</c> against the runtime's own SOCKS server (all ok) and against broken ones (failures reported).</summary>
public sealed class SocksFuzzTests(ITestOutputHelper log)
{
    /// <summary>Generous: a server that answers at all answers well within it, even on a loaded machine.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    private static readonly PtSocksCaseGen Cases = new();

    [Fact]
    public async Task The_runtime_server_answers_every_kind_and_variant_as_the_case_allows()
    {
        await using var server = new RuntimeSocksServer();
        var cases = Enum.GetValues<PtSocksCaseKind>()
            .SelectMany(kind => Enumerable.Range(0, 8).Select(variant => Cases.Build(kind, new PtSocksCaseParameters(variant % 3, [new("extra", "a;b\\c=d")], [7, 200, 3, 90], variant))))
            .ToArray();
        var rows = await Task.WhenAll(cases.Select(async c =>
            SocksFuzz.Judge(1, c.Label, c, await SocksConversation.PlayAsync(server.Endpoint, c, Timeout, echo: false, CancellationToken.None), "0"))).WaitAsync(TimeSpan.FromMinutes(2));
        var wrong = rows.Where(r => r.Verdict != PtSocksVerdict.Ok).Select(r => $"{r.Why} | {r.Case} | answer {r.Observation.Answer}").ToArray();
        Assert.True(wrong.Length == 0, string.Join("\n", wrong));
        Assert.Equal(Enum.GetValues<PtSocksCaseKind>().Length * 8, rows.Length);
    }

    [Fact]
    public async Task A_random_run_against_the_runtime_server_passes_with_probes()
    {
        await using var server = new RuntimeSocksServer();
        var (code, text) = await RunAsync(server.Endpoint, cases: 60, seed: "42");
        Assert.True(code == 0, text);
        Assert.Contains("failures: 0", text, StringComparison.Ordinal);
        Assert.Contains(SocksFuzz.ProbeKind, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_an_echo_target_valid_connects_succeed_and_echo()
    {
        await using var server = new RuntimeSocksServer();
        await using var echo = new EchoServer();
        var (code, text) = await RunAsync(server.Endpoint, cases: 30, seed: "7", target: echo.Endpoint);
        Assert.True(code == 0, text);
        Assert.Matches(@"valid 0x0[029] +\d+ +\d+ +0 +0 +reply 00", text);
    }

    [Theory]
    [InlineData(SocksBreakage.WrongReplyVersion, "method selection VER 04, not 05")]
    [InlineData(SocksBreakage.Hangs, "silence, expected reply")]
    [InlineData(SocksBreakage.ClosesEarly, "close, expected reply")]
    [InlineData(SocksBreakage.AcceptsEverything, "reply RSV 01, not 00")]
    [InlineData(SocksBreakage.DiesAfterTen, "the PT stopped serving")]
    public async Task A_broken_server_is_reported_with_a_replay_seed(SocksBreakage breakage, string failure)
    {
        await using var server = new BrokenSocksServer(breakage);
        var (code, text) = await RunAsync(server.Endpoint, cases: 12, seed: "11");
        Assert.Equal(1, code);
        Assert.Contains(failure, text, StringComparison.Ordinal);
        Assert.Matches(@"replay seed of the first failure: \(\d+,\d+\)", text);
    }

    [Fact]
    public async Task The_seed_of_a_failing_case_makes_that_case_again()
    {
        await using var server = new BrokenSocksServer(SocksBreakage.Hangs);
        var (_, first) = await RunAsync(server.Endpoint, cases: 10, seed: "5");
        string seed = first.Split('\n').First(l => l.StartsWith("replay seed of the first failure: ", StringComparison.Ordinal))["replay seed of the first failure: ".Length..].Trim();
        string failing = first.Split('\n').First(l => l.StartsWith("FAIL #", StringComparison.Ordinal));
        var (_, again) = await RunAsync(server.Endpoint, cases: 1, seed: seed);
        string kind = failing.Split(':')[0]["FAIL #".Length..].Split(' ', 2)[1];
        Assert.Contains("FAIL #1 " + kind + ":", again, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--cases", "0")]
    [InlineData("--every", "0")]
    [InlineData("--timeout", "0")]
    [InlineData("--arg", "novalue")]
    [InlineData("--target", "nowhere")]
    [InlineData("--seed", "(1,2)")]
    public void The_command_refuses_bad_values_with_exit_code_2(string option, string value)
    {
        var root = new System.CommandLine.RootCommand { FuzzCommand.Create() };
        Assert.Equal(2, root.Parse(["fuzz", "socks", "127.0.0.1:9", option, value]).Invoke());
        Assert.Equal(2, root.Parse(["fuzz", "socks", "not-an-endpoint"]).Invoke());
    }

    [Fact]
    public async Task The_command_runs_against_a_server()
    {
        await using var server = new RuntimeSocksServer();
        var root = new System.CommandLine.RootCommand { FuzzCommand.Create() };
        int code = await root.Parse(["fuzz", "socks", server.Endpoint.ToString(), "--cases", "8", "--seed", "3", "--timeout", "1"]).InvokeAsync().WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(0, code);
    }

    private async Task<(int Code, string Text)> RunAsync(EndPoint server, int cases, string seed, EndPoint? target = null)
    {
        var output = new StringWriter();
        var options = new SocksFuzzOptions(server, cases, seed, Timeout, 20, [], target, Parallel: 8);
        int code = await SocksFuzz.RunAsync(options, output, CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(3));
        log.WriteLine(output.ToString());
        return (code, output.ToString());
    }
}
