using System;
using System.IO;
using System.Threading.Tasks;
using PtToolkit.Cli.Demo;
using PtToolkit.Tests.Integration;
using PtToolkit.Tests.Launch;
using Xunit;

namespace PtToolkit.Tests.Demo;

/// <summary>
/// <c>ptkit demo --obfs4</c>: the live demo's flow with Debian's obfs4proxy as server and client (the SOCKS arguments
/// from the bridge line in the server's state directory), in process and as the built tool; and its clear refusal
/// when obfs4proxy is not where it is looked for.
/// </summary>
public sealed class Obfs4DemoTests
{
    [Fact]
    public async Task The_obfs4_demo_takes_the_bridge_line_arguments_moves_bytes_and_stops_both_obfs4proxies()
    {
        string text = await LiveDemoTests.AssertPassesAsync(new Obfs4Demo(Peers.Obfs4proxy()));

        Assert.Matches(@"server  started, pid \d+\n", text);
        Assert.Matches(@"server  Smethod +transport=obfs4 address=127\.0\.0\.1:\d+ args=\{cert: [A-Za-z0-9+/]{70}, iat-mode: 0\}\n", text);
        Assert.Matches(@"client  Cmethod +transport=obfs4 method=socks5 address=127\.0\.0\.1:\d+\n", text);
        Assert.Contains("demo    the SOCKS arguments: cert and iat-mode=0 of obfs4_bridgeline.txt, the same as the SMETHOD ARGS\n", text);
    }

    [Fact]
    public async Task The_built_tool_runs_the_obfs4_demo_with_the_installed_obfs4proxy_and_exits_0()
    {
        Peers.Obfs4proxy(); // fails, never skips, when obfs4proxy is not installed, as every obfs4proxy test

        var (stdout, stderr, exit) = await PtkitCliTests.RunPtkit([], "demo", "--obfs4");

        Assert.True(exit == LiveDemo.Passed, stdout + stderr);
        Assert.EndsWith("demo passed (obfs4)\n", stdout.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Without_obfs4proxy_the_demo_starts_nothing_says_how_to_install_it_and_exits_2()
    {
        string missing = Path.Combine(Path.GetTempPath(), $"pttoolkit-no-obfs4proxy-{Guid.NewGuid():N}");

        var (stdout, stderr, exit) = await PtkitCliTests.RunPtkit([], "demo", "--obfs4", missing);

        Assert.Equal(LiveDemo.NotInstalled, exit);
        Assert.Equal("", stdout);
        Assert.Equal($"ptkit demo: obfs4proxy is not installed: no {missing} (install it with apt-get install obfs4proxy, or name it: --obfs4 PATH)\n", stderr.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Transcripts_and_obfs4_together_are_a_command_line_error()
    {
        var (_, stderr, exit) = await PtkitCliTests.RunPtkit([], "demo", "--obfs4", "--transcripts");

        Assert.Equal(1, exit);
        Assert.Contains("give --transcripts or --obfs4, not both", stderr, StringComparison.Ordinal);
    }
}
