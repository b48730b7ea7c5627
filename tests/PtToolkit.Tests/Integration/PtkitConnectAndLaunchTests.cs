using System;
using System.Linq;
using System.Security.Cryptography;
using System.Threading.Tasks;
using PtToolkit.Cli.Connect;
using PtToolkit.Cli.Demo;
using PtToolkit.Tests.Launch;
using Xunit;

namespace PtToolkit.Tests.Integration;

/// <summary>
/// The command-line tools end to end: <c>ptkit launch</c> runs the sample transport as server (in front of an echo
/// server) and as client, and the built <c>ptkit connect</c> pipes bytes through the client's CMETHOD to the server's
/// SMETHOD with the SMETHOD ARGS as per-connection arguments.
/// </summary>
public sealed class PtkitConnectAndLaunchTests
{
    private const string Key = "00112233445566778899aabbccddeeff";

    [Fact]
    public async Task Bytes_go_through_two_launched_sample_transports_and_come_back_and_a_bad_key_is_refused()
    {
        await using var echo = new EchoServer();
        await using var server = PtkitRun.Start(null, ["launch", "--server", "--transports", "sample", "--bindaddr", "sample-127.0.0.1:0",
            "--orport", $"127.0.0.1:{echo.Endpoint.Port}", "--option", $"sample:key={Key}", "--", .. PtkitRun.SampleTransport]);
        await using var client = PtkitRun.Start(null, ["launch", "--client", "--transports", "sample", "--", .. PtkitRun.SampleTransport]);
        var smethod = (await server.NextEventAsync("startup")).GetProperty("smethods")[0];
        string cmethod = (await client.NextEventAsync("startup")).GetProperty("cmethods")[0].GetProperty("address").GetString()!;
        string bridge = smethod.GetProperty("address").GetString()!;
        string[] args = smethod.GetProperty("args").EnumerateObject().Select(p => $"{p.Name}={p.Value.GetString()}").ToArray();
        byte[] sent = RandomNumberGenerator.GetBytes(256 * 1024);

        await using var connect = PtkitRun.Start(null, ["connect", "--cmethod", cmethod, "--target", bridge, .. args.SelectMany(a => new[] { "--arg", a })]);
        await connect.SendAndCloseAsync(sent);
        var (exit, _, stderr) = await connect.WaitExitAsync();

        await using var refused = PtkitRun.Start(null, "connect", "--cmethod", cmethod, "--target", bridge, "--arg", "key=not-hex");
        refused.CloseStdin();
        var (refusedExit, refusedStdout, refusedStderr) = await refused.WaitExitAsync();

        client.CloseStdin();
        server.CloseStdin();
        var (clientExit, _, _) = await client.WaitExitAsync();
        var (serverExit, _, _) = await server.WaitExitAsync();

        Assert.Equal((ConnectSession.Done, ""), (exit, stderr));
        Assert.Equal(sent.Length, connect.StdoutBytes.Length);
        Assert.True(sent.AsSpan().SequenceEqual(connect.StdoutBytes), "the bytes that came back differ from those sent");
        Assert.Equal(ConnectSession.SocksFailed, refusedExit);
        Assert.Empty(refusedStdout);
        Assert.StartsWith($"ptkit connect: SOCKS connection through {cmethod} failed:", refusedStderr, StringComparison.Ordinal);
        Assert.Equal((0, 0), (clientExit, serverExit));
    }

    [Theory]
    [InlineData("--cmethod: expected ip:port", "--cmethod", "localhost:1080", "--target", "127.0.0.1:1")]
    [InlineData("--target: expected host:port", "--cmethod", "127.0.0.1:1080", "--target", "127.0.0.1")]
    [InlineData("--arg cert: expected key=value", "--cmethod", "127.0.0.1:1080", "--target", "127.0.0.1:1", "--arg", "cert")]
    public async Task Flag_values_that_cannot_be_used_exit_2(string message, params string[] arguments)
    {
        await using var connect = PtkitRun.Start(null, ["connect", .. arguments]);
        connect.CloseStdin();

        var (exit, lines, stderr) = await connect.WaitExitAsync();

        Assert.Equal((ConnectSession.BadFlags, 0), (exit, lines.Count));
        Assert.StartsWith("ptkit connect: " + message, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Arguments_keep_their_order_and_everything_after_the_first_equals_sign()
    {
        Assert.True(ConnectCommand.TryArguments(["cert=abc==", "iat-mode=0", "cert=x"], out var arguments, out _));

        Assert.Equal([("cert", "abc=="), ("iat-mode", "0"), ("cert", "x")], arguments.Select(a => (a.Key, a.Value)));
        Assert.False(ConnectCommand.TryArguments(["=v"], out _, out string problem));
        Assert.Equal("--arg =v: expected key=value", problem);
    }
}
