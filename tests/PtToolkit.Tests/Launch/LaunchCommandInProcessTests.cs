using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading.Tasks;
using PtToolkit.Cli.Demo;
using PtToolkit.Cli.Launch;
using PtToolkit.Launch;
using PtToolkit.Socks;
using PtToolkit.Tests.Demo;
using PtToolkit.Text;
using Xunit;

namespace PtToolkit.Tests.Launch;

/// <summary>
/// The built <c>ptkit launch --in-process</c>: the sample transport hosted inside ptkit's own process, with the JSON-line
/// events of a launched PT (<c>"pid":null</c>), the stop on SIGINT, SIGTERM or the end of stdin, its SOCKS and bridge
/// ports serving real connections, and the flags that do not go with it.
/// </summary>
public sealed class LaunchCommandInProcessTests
{
    private const string Key = "00112233445566778899aabbccddeeff";
    private const int SigInt = 2;
    private const int StdinEnd = 0;

    private static List<string> Events(List<string> lines) => lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("event").GetString()!).ToList();

    private static PtkitRun SampleServer(int orPort) => PtkitRun.Start(null, "launch", "--in-process", "--server", "--transports", "sample",
        "--bindaddr", "sample-127.0.0.1:0", "--orport", $"127.0.0.1:{orPort}", "--option", $"sample:key={Key}", "--ignore-stdin");

    [Theory]
    [InlineData(SigInt, "SIGINT")]
    [InlineData(PtSignals.SigTerm, "SIGTERM")]
    [InlineData(StdinEnd, "stdin closed")]
    public async Task The_in_process_client_writes_the_launcher_events_and_stops_cleanly(int signal, string reason)
    {
        await using var ptkit = PtkitRun.Start(null, ["launch", "--in-process", "--client", "--transports", "sample", .. signal == StdinEnd ? Array.Empty<string>() : ["--ignore-stdin"]]);

        var startup = await ptkit.NextEventAsync("startup");
        if (signal == StdinEnd) ptkit.CloseStdin();
        else ptkit.Signal(signal);
        var (exit, lines, stderr) = await ptkit.WaitExitAsync();

        Assert.Equal((LaunchSession.Clean, ""), (exit, stderr));
        Assert.Equal(["started", "state", "message", "state", "message", "message", "state", "startup", "stopping", "message", "exited", "state", "stopped"], Events(lines));
        Assert.Equal("""{"event":"started","pid":null}""", lines[0]);
        Assert.Equal("""{"event":"message","stream":"stdout","kind":"Version","version":"1"}""", lines[2]);
        var cmethod = Assert.Single(startup.GetProperty("cmethods").EnumerateArray().ToList());
        Assert.Equal(("sample", "socks5"), (cmethod.GetProperty("transport").GetString(), cmethod.GetProperty("method").GetString()));
        Assert.StartsWith("127.0.0.1:", cmethod.GetProperty("address").GetString(), StringComparison.Ordinal);
        Assert.Equal($$"""{"event":"stopping","reason":"{{reason}}"}""", lines[8]);
        Assert.Equal("""{"event":"exited","pid":null,"code":0,"meaning":"Ok","requested":true}""", lines[10]);
        Assert.Equal("""{"event":"stopped","step":"StdinClosed","code":0,"meaning":"Ok","ptkitExit":0}""", lines[^1]);
    }

    [Fact]
    public async Task An_in_process_server_and_client_in_two_ptkit_processes_carry_bytes_to_the_ORPort_and_back()
    {
        await using var echo = new EchoServer();
        await using var server = SampleServer(echo.Endpoint.Port);
        await using var client = PtkitRun.Start(null, "launch", "--in-process", "--client", "--transports", "sample", "--version", "2.2", "--style", "flags", "--ignore-stdin");

        var smethod = Assert.Single((await server.NextEventAsync("startup")).GetProperty("smethods").EnumerateArray().ToList());
        var cmethod = Assert.Single((await client.NextEventAsync("startup")).GetProperty("cmethods").EnumerateArray().ToList());
        var bridge = IPEndPoint.Parse(smethod.GetProperty("address").GetString()!);
        var socks = IPEndPoint.Parse(cmethod.GetProperty("address").GetString()!);
        var connected = await PtSocksClient.ConnectAsync(socks, bridge, new PtKeyValueList(("key", Key))).WaitAsync(FakePt.Timeout);
        Assert.True(connected.IsSuccess, connected.ToString());
        await using (var stream = connected.Value)
        {
            await SampleTransportEndToEndTests.ExchangeAsync(stream, RandomNumberGenerator.GetBytes(256 * 1024));
        }
        server.Signal(SigInt);
        client.Signal(SigInt);
        var (serverExit, serverLines, _) = await server.WaitExitAsync();
        var (clientExit, clientLines, _) = await client.WaitExitAsync();

        Assert.Equal(Key, smethod.GetProperty("args").GetProperty("key").GetString());
        Assert.Contains("""{"event":"message","stream":"stdout","kind":"Version","version":"2.2"}""", clientLines);
        Assert.Equal((LaunchSession.Clean, LaunchSession.Clean), (serverExit, clientExit));
        Assert.Equal("""{"event":"stopped","step":"StdinClosed","code":0,"meaning":"Ok","ptkitExit":0}""", serverLines[^1]);
        Assert.Equal("""{"event":"stopped","step":"StdinClosed","code":0,"meaning":"Ok","ptkitExit":0}""", clientLines[^1]);
    }

    [Theory]
    [InlineData("--in-process runs the sample transport in ptkit's own process: give no PT after --", "--client", "--transports", "sample", "--", "/usr/bin/obfs4proxy")]
    [InlineData("--in-process runs the sample transport only: --transports sample", "--client", "--transports", "obfs4")]
    [InlineData("--in-process runs the sample transport only: --transports sample", "--client", "--transports", "sample,obfs4")]
    [InlineData("--in-process takes its configuration from flags, not --raw", "--raw")]
    [InlineData("give one of --client and --server (or --raw)", "--transports", "sample")]
    public async Task Flags_that_do_not_go_with_in_process_exit_2_and_start_nothing(string message, params string[] arguments)
    {
        await using var ptkit = PtkitRun.Start(null, ["launch", "--in-process", .. arguments]);

        var (exit, lines, stderr) = await ptkit.WaitExitAsync();

        Assert.Equal(LaunchSession.BadFlags, exit);
        Assert.Empty(lines);
        Assert.Equal("ptkit launch: " + message, stderr.TrimEnd());
    }
}
