using System;
using System.IO;
using System.Threading.Tasks;
using PtToolkit.Cli.Demo;
using PtToolkit.Tests.Integration;
using PtToolkit.Tests.Launch;
using Xunit;

namespace PtToolkit.Tests.Demo;

/// <summary><c>ptkit demo</c>: the README's first command, in process and as the built tool.</summary>
public sealed class LiveDemoTests
{
    [Fact]
    public async Task The_demo_launches_both_sides_moves_bytes_refuses_a_wrong_key_and_stops_them()
    {
        var output = new StringWriter();

        int exit = await LiveDemo.RunAsync(output, default).WaitAsync(FakePt.Timeout);

        string text = output.ToString().ReplaceLineEndings("\n");
        Assert.True(exit == 0, text);
        Assert.Matches(@"server  Smethod +transport=sample address=127\.0\.0\.1:\d+ args=\{key: [0-9a-f]{64}\}\n", text);
        Assert.Matches(@"client  Cmethod +transport=sample method=socks5 address=127\.0\.0\.1:\d+\n", text);
        Assert.Contains($"sent {LiveDemo.ExchangeBytes} random bytes, {LiveDemo.ExchangeBytes} came back, identical", text);
        Assert.Contains("with a wrong key: the server refused the hello and closed the connection, nothing came back", text);
        Assert.Contains("client stopped: StdinClosed, exit 0 (EX_OK: graceful shutdown)", text);
        Assert.Contains("server stopped: StdinClosed, exit 0 (EX_OK: graceful shutdown)", text);
        Assert.EndsWith("demo passed\n", text);
    }

    [Fact]
    public async Task The_built_tool_runs_the_demo_and_exits_0()
    {
        var (stdout, stderr, exit) = await PtkitCliTests.RunPtkit([], "demo");

        Assert.True(exit == 0, stdout + stderr);
        Assert.EndsWith("demo passed\n", stdout.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task The_transcripts_option_still_decodes_the_shipped_obfs4proxy_output()
    {
        var (stdout, _, exit) = await PtkitCliTests.RunPtkit([], "demo", "--transcripts");

        Assert.Equal(0, exit);
        Assert.EndsWith("\n34 lines, 34 messages, 0 unknown, 0 invalid\n", stdout.ReplaceLineEndings("\n"));
    }
}
