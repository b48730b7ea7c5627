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
        string text = await AssertPassesAsync(new SampleDemo());

        Assert.Matches(@"server  Smethod +transport=sample address=127\.0\.0\.1:\d+ args=\{key: [0-9a-f]{64}\}\n", text);
        Assert.Matches(@"client  Cmethod +transport=sample method=socks5 address=127\.0\.0\.1:\d+\n", text);
        Assert.Contains("demo    the SOCKS arguments: the SMETHOD ARGS (key)\n", text);
        Assert.Contains("with a wrong key: the server refused the hello and closed the connection, nothing came back", text);
    }

    /// <summary>
    /// Runs the live demo in process with <paramref name="transport"/> and checks what every transport must show: exit
    /// code 0 and nothing on stderr, the bytes back and a throughput line, both PTs stopped by closing their stdin and
    /// exited 0, the verdict last. Returns the output, with LF line ends.
    /// </summary>
    internal static async Task<string> AssertPassesAsync(IDemoTransport transport)
    {
        var output = new StringWriter();
        var errors = new StringWriter();

        int exit = await LiveDemo.RunAsync(transport, output, errors, default).WaitAsync(FakePt.Timeout);

        string text = output.ToString().ReplaceLineEndings("\n");
        Assert.True(exit == LiveDemo.Passed, text + errors);
        Assert.Equal("", errors.ToString());
        Assert.Contains($"sent {LiveDemo.ExchangeBytes} random bytes, {LiveDemo.ExchangeBytes} came back, identical\n", text);
        Assert.Matches($@"demo    throughput [0-9.]+ MiB/s each way \({LiveDemo.ExchangeBytes} bytes out and back in [0-9.]+ s\)\n", text);
        Assert.Contains("client stopped: StdinClosed, exit 0 (EX_OK: graceful shutdown)\n", text);
        Assert.Contains("server stopped: StdinClosed, exit 0 (EX_OK: graceful shutdown)\n", text);
        Assert.EndsWith($"demo passed ({transport.Name})\n", text);
        return text;
    }

    [Fact]
    public async Task The_built_tool_runs_the_demo_and_exits_0()
    {
        var (stdout, stderr, exit) = await PtkitCliTests.RunPtkit([], "demo");

        Assert.True(exit == 0, stdout + stderr);
        Assert.EndsWith("demo passed (sample)\n", stdout.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task The_transcripts_option_still_decodes_the_shipped_obfs4proxy_output()
    {
        var (stdout, _, exit) = await PtkitCliTests.RunPtkit([], "demo", "--transcripts");

        Assert.Equal(0, exit);
        Assert.EndsWith("\n34 lines, 34 messages, 0 unknown, 0 invalid\n", stdout.ReplaceLineEndings("\n"));
    }
}
