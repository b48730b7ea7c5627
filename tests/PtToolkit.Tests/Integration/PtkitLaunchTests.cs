using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using PtToolkit.Launch;
using PtToolkit.Tests.Launch;
using Xunit;

namespace PtToolkit.Tests.Integration;

/// <summary>
/// The built <c>ptkit launch</c> as a parent of the sample transport and of Debian's obfs4proxy: its JSON-line events,
/// the stop on stdin end, SIGINT and SIGTERM (pt-2.2 §1.3 behind it), and its exit codes.
/// </summary>
public sealed class PtkitLaunchTests : IDisposable
{
    private const string Key = "00112233445566778899aabbccddeeff";
    private const int SigInt = 2;
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("pttoolkit-ptkit-launch-");

    public void Dispose() => _dir.Delete(recursive: true);

    private static string[] SampleServer(params string[] extra) =>
        ["launch", "--server", "--transports", "sample", "--bindaddr", "sample-127.0.0.1:0", "--orport", "127.0.0.1:9", "--option", $"sample:key={Key}", .. extra, "--", .. PtkitRun.SampleTransport];

    private static List<string> Events(List<string> lines) => lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("event").GetString()!).ToList();

    [Fact]
    public async Task The_sample_client_is_configured_and_stops_when_ptkit_stdin_ends()
    {
        await using var ptkit = PtkitRun.Start(null, ["launch", "--client", "--transports", "sample", "--", .. PtkitRun.SampleTransport]);

        var startup = await ptkit.NextEventAsync("startup");
        ptkit.CloseStdin();
        var (exit, lines, stderr) = await ptkit.WaitExitAsync();

        Assert.Equal((LaunchExit.Clean, ""), (exit, stderr));
        Assert.Equal("Configured", startup.GetProperty("state").GetString());
        var cmethod = Assert.Single(startup.GetProperty("cmethods").EnumerateArray().ToList());
        Assert.Equal(("sample", "socks5"), (cmethod.GetProperty("transport").GetString(), cmethod.GetProperty("method").GetString()));
        Assert.StartsWith("127.0.0.1:", cmethod.GetProperty("address").GetString(), StringComparison.Ordinal);
        Assert.Equal(["started", "state", "message", "state", "message", "message", "state", "startup", "stopping", "message", "exited", "state", "stopped"], Events(lines));
        Assert.Equal("""{"event":"stopping","reason":"stdin closed"}""", lines[8]);
        Assert.Equal("""{"event":"stopped","step":"StdinClosed","code":0,"meaning":"Ok","ptkitExit":0}""", lines[^1]);
    }

    [Theory]
    [InlineData(SigInt, "SIGINT")]
    [InlineData(PtSignals.SigTerm, "SIGTERM")]
    public async Task The_sample_server_with_2_2_flags_stops_cleanly_on_a_signal_to_ptkit(int signal, string name)
    {
        await using var ptkit = PtkitRun.Start(null, SampleServer("--version", "2.2", "--style", "flags", "--ignore-stdin"));

        var startup = await ptkit.NextEventAsync("startup");
        ptkit.Signal(signal);
        var stopping = await ptkit.NextEventAsync("stopping");
        var (exit, lines, _) = await ptkit.WaitExitAsync();

        Assert.Equal("2.2", startup.GetProperty("version").GetString());
        var smethod = Assert.Single(startup.GetProperty("smethods").EnumerateArray().ToList());
        Assert.Equal(Key, smethod.GetProperty("args").GetProperty("key").GetString());
        Assert.Equal(name, stopping.GetProperty("reason").GetString());
        Assert.Equal(LaunchExit.Clean, exit);
        Assert.Equal("""{"event":"stopped","step":"StdinClosed","code":0,"meaning":"Ok","ptkitExit":0}""", lines[^1]);
    }

    [Fact]
    public async Task Obfs4proxy_client_and_server_are_launched_from_flags_and_stop_cleanly()
    {
        await using var client = PtkitRun.Start(null, "launch", "--client", "--transports", "obfs4,meek_lite", "--state", Path.Combine(_dir.FullName, "client"), "--", Peers.Obfs4proxy());
        await using var server = PtkitRun.Start(null, "launch", "--server", "--transports", "obfs4", "--bindaddr", "obfs4-127.0.0.1:0", "--orport", "127.0.0.1:9",
            "--state", Path.Combine(_dir.FullName, "server"), "--ignore-stdin", "--", Peers.Obfs4proxy());

        var clientStartup = await client.NextEventAsync("startup");
        var serverStartup = await server.NextEventAsync("startup");
        client.CloseStdin();
        server.Signal(PtSignals.SigTerm);
        var (clientExit, clientLines, _) = await client.WaitExitAsync();
        var (serverExit, serverLines, _) = await server.WaitExitAsync();

        Assert.Equal(["obfs4", "meek_lite"], clientStartup.GetProperty("cmethods").EnumerateArray().Select(m => m.GetProperty("transport").GetString()));
        var smethod = Assert.Single(serverStartup.GetProperty("smethods").EnumerateArray().ToList());
        Assert.Equal(["cert", "iat-mode"], smethod.GetProperty("args").EnumerateObject().Select(p => p.Name));
        Assert.True(File.Exists(Path.Combine(_dir.FullName, "server", "obfs4_bridgeline.txt")));
        Assert.Equal((LaunchExit.Clean, LaunchExit.Clean), (clientExit, serverExit));
        Assert.EndsWith("\"step\":\"StdinClosed\",\"code\":0,\"meaning\":\"Ok\",\"ptkitExit\":0}", clientLines[^1], StringComparison.Ordinal);
        Assert.EndsWith("\"step\":\"StdinClosed\",\"code\":0,\"meaning\":\"Ok\",\"ptkitExit\":0}", serverLines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Raw_passes_ptkit_own_TOR_PT_variables_to_obfs4proxy()
    {
        var environment = new Dictionary<string, string>
        {
            ["TOR_PT_MANAGED_TRANSPORT_VER"] = "1",
            ["TOR_PT_CLIENT_TRANSPORTS"] = "obfs4",
            ["TOR_PT_STATE_LOCATION"] = _dir.FullName + "/",
            ["TOR_PT_EXIT_ON_STDIN_CLOSE"] = "1",
            ["TOR_PT_PROXY"] = "socks4a://127.0.0.1:9",
        };
        await using var ptkit = PtkitRun.Start(environment, "launch", "--raw", "--", Peers.Obfs4proxy());

        var startup = await ptkit.NextEventAsync("startup");
        ptkit.CloseStdin();
        var (exit, _, _) = await ptkit.WaitExitAsync();

        // obfs4proxy takes socks4a proxies: PROXY DONE came, as the launcher requires when a proxy is given.
        Assert.Equal(("Configured", true), (startup.GetProperty("state").GetString(), startup.GetProperty("proxyAccepted").GetBoolean()));
        Assert.Equal(LaunchExit.Clean, exit);
    }

    [Fact]
    public async Task A_PT_error_line_is_a_failed_startup_with_exit_code_3()
    {
        // obfs4proxy refuses a version it does not speak: VERSION-ERROR, then exit 1.
        await using var ptkit = PtkitRun.Start(null, "launch", "--client", "--transports", "obfs4", "--version", "2.2", "--state", _dir.FullName, "--", Peers.Obfs4proxy());

        var startup = await ptkit.NextEventAsync("startup");
        var (exit, lines, _) = await ptkit.WaitExitAsync();

        Assert.Equal(LaunchExit.StartupFailed, exit);
        Assert.Equal("VersionError", startup.GetProperty("failure").GetProperty("kind").GetString());
        Assert.Contains(lines, l => l.Contains("\"kind\":\"VersionError\",\"message\":\"no-version\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_PT_that_exits_on_its_own_after_it_was_configured_gives_exit_code_4()
    {
        string script = Path.Combine(_dir.FullName, "pt.sh");
        File.WriteAllText(script, "printf 'VERSION 1\\nCMETHOD a socks5 127.0.0.1:1080\\nCMETHODS DONE\\n'\nexit 7\n");
        await using var ptkit = PtkitRun.Start(null, "launch", "--client", "--transports", "a", "--ignore-stdin", "--", "/bin/sh", script);

        var (exit, lines, _) = await ptkit.WaitExitAsync();

        Assert.Equal(LaunchExit.ExitedOnItsOwn, exit);
        Assert.Contains(lines, l => l.StartsWith("""{"event":"exited","pid":""", StringComparison.Ordinal) && l.EndsWith("""code":7,"meaning":"Other","requested":false}""", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("\"stopping\"", StringComparison.Ordinal));
        Assert.Equal("""{"event":"stopped","step":"AlreadyExited","code":7,"meaning":"Other","ptkitExit":4}""", lines[^1]);
    }

    [Theory]
    [InlineData("--bindaddr: \"sample-localhost:0\": not an IP string: \"localhost\"", "launch", "--server", "--transports", "sample", "--bindaddr", "sample-localhost:0", "--orport", "127.0.0.1:9", "--", "pt")]
    [InlineData("give one of --client and --server (or --raw)", "launch", "--transports", "sample", "--", "pt")]
    [InlineData("--proxy is a client flag", "launch", "--server", "--transports", "a", "--proxy", "socks5://127.0.0.1:9", "--", "pt")]
    [InlineData("--proxy: ", "launch", "--client", "--transports", "a", "--proxy", "gopher://127.0.0.1:9", "--", "pt")]
    [InlineData("no PT to launch: give its command line after --", "launch", "--client", "--transports", "a")]
    [InlineData("--raw takes no configuration flags", "launch", "--raw", "--transports", "a", "--", "pt")]
    public async Task Flags_that_make_no_configuration_exit_2_naming_the_flag(string message, params string[] arguments)
    {
        await using var ptkit = PtkitRun.Start(null, arguments);

        var (exit, lines, stderr) = await ptkit.WaitExitAsync();

        Assert.Equal(LaunchExit.BadFlags, exit);
        Assert.Empty(lines);
        Assert.StartsWith("ptkit launch: " + message, stderr, StringComparison.Ordinal);
    }

    /// <summary>ptkit launch's exit codes (samples/ptkit/Launch/LaunchSession.cs).</summary>
    private static class LaunchExit
    {
        public const int Clean = Cli.Launch.LaunchSession.Clean;
        public const int BadFlags = Cli.Launch.LaunchSession.BadFlags;
        public const int StartupFailed = Cli.Launch.LaunchSession.StartupFailed;
        public const int ExitedOnItsOwn = Cli.Launch.LaunchSession.ExitedOnItsOwn;
    }
}
