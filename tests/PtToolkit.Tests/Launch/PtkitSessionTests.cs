using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using PtToolkit.Cli.Connect;
using PtToolkit.Cli.Demo;
using PtToolkit.Cli.Launch;
using PtToolkit.Config;
using PtToolkit.Launch;
using PtToolkit.Samples.SampleTransport;
using PtToolkit.Socks;
using PtToolkit.Tests.Hosting;
using PtToolkit.Text;
using Xunit;
using static PtToolkit.Config.PtConfig;

namespace PtToolkit.Tests.Launch;

/// <summary>
/// <c>ptkit launch</c> and <c>ptkit connect</c> run in the test process on streams, with the sample transport run in
/// process behind them: the order of the JSON lines, a stop during startup, the close wait of connect.
/// </summary>
public sealed class PtkitSessionTests : IDisposable
{
    private readonly FakePt _pt = new();

    public void Dispose() => _pt.Dispose();

    private static PtClientConfig SampleClient(string state) => new()
    {
        Versions = ["1"],
        StateLocation = state,
        ExitOnStdinClose = true,
        ClientTransports = [SampleTransport.Name],
    };

    // Runs a launch session; without `stop`, the stop is asked for once the startup line is written.
    private static async Task<(int Exit, List<JsonElement> Lines)> Launch(Func<Action<PtEvent>, PtLauncher> create, Task<string>? stop = null)
    {
        var afterStartup = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new WatchingStream(line =>
        {
            if (line.StartsWith("{\"event\":\"startup\"", StringComparison.Ordinal)) afterStartup.TrySetResult("test");
        });
        int exit = await LaunchSession.RunAsync(create, new EventJson(output), stop ?? afterStartup.Task).WaitAsync(FakePt.Timeout);
        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return (exit, lines.Select(l => JsonDocument.Parse(l).RootElement).ToList());
    }

    private static List<string> Names(List<JsonElement> lines) => lines.Select(l => l.GetProperty("event").GetString()!).ToList();

    [Fact]
    public async Task An_in_process_sample_client_writes_its_events_before_the_startup_line_and_stops_clean()
    {
        var (exit, lines) = await Launch(onEvent => PtLauncher.InProcessClient(new SampleTransport(),
            PtLaunchOptions.ForClient("sample", SampleClient(_pt.Folder + "/")), onEvent: onEvent));

        Assert.Equal(LaunchSession.Clean, exit);
        Assert.Equal(["started", "state", "message", "state", "message", "message", "state", "startup", "stopping", "message", "exited", "state", "stopped"], Names(lines));
        Assert.Equal(JsonValueKind.Null, lines[0].GetProperty("pid").ValueKind);
        Assert.Equal("Configured", lines[6].GetProperty("state").GetString());
        Assert.Equal("test", lines[8].GetProperty("reason").GetString());
        Assert.Equal(("StdinClosed", 0), (lines[^1].GetProperty("step").GetString(), lines[^1].GetProperty("code").GetInt32()));
    }

    [Fact]
    public async Task A_stop_during_startup_stops_the_PT_and_is_a_failed_startup()
    {
        var options = _pt.Script("printf 'VERSION 1\\n'\n" + FakePt.UntilStdinCloses);
        var stop = new TaskCompletionSource<string>();
        var launching = Launch(onEvent => new PtLauncher(options, onEvent: e =>
        {
            onEvent(e);
            if (e is PtStateChangedEvent { State: PtLaunchState.VersionAccepted }) stop.TrySetResult("SIGINT");
        }), stop.Task);

        var (exit, lines) = await launching;

        Assert.Equal(LaunchSession.StartupFailed, exit);
        var names = Names(lines);
        Assert.True(names.IndexOf("stopping") < names.IndexOf("startup"), string.Join(",", names));
        Assert.Equal("Stopped", lines[names.IndexOf("startup")].GetProperty("failure").GetProperty("kind").GetString());
        Assert.Equal("StdinClosed", lines[^1].GetProperty("step").GetString());
    }

    [Fact]
    public async Task A_PT_that_needs_SIGTERM_to_stop_still_exits_0_and_a_PT_that_exits_1_is_not_graceful()
    {
        const string configured = "printf 'VERSION 1\\nCMETHOD a socks5 127.0.0.1:1\\nCMETHODS DONE\\n'\n";
        var sigterm = _pt.Script("trap 'exit 0' TERM\n" + configured + "while :; do sleep 1; done\n") with { StdinCloseWait = TimeSpan.FromMilliseconds(300) };
        var failing = _pt.Script(configured + "while read -r line; do :; done\nexit 1\n");

        var (sigtermExit, sigtermLines) = await LaunchUntilConfigured(sigterm);
        var (failingExit, failingLines) = await LaunchUntilConfigured(failing);

        Assert.Equal((LaunchSession.Clean, "Terminated"), (sigtermExit, sigtermLines[^1].GetProperty("step").GetString()));
        Assert.Equal((LaunchSession.NotGraceful, 1), (failingExit, failingLines[^1].GetProperty("code").GetInt32()));
    }

    private static Task<(int Exit, List<JsonElement> Lines)> LaunchUntilConfigured(PtLaunchOptions options) =>
        Launch(onEvent => new PtLauncher(options, onEvent: onEvent));

    [Fact]
    public async Task Connect_pipes_through_an_in_process_sample_pair_and_gives_up_when_the_far_end_never_closes()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var serverConfig = new PtServerConfig
        {
            Versions = ["1"],
            StateLocation = _pt.Folder + "/",
            ExitOnStdinClose = true,
            ServerTransports = [SampleTransport.Name],
            OrPort = PtEndpoint.IPv4("127.0.0.1", (ushort)((IPEndPoint)silent.LocalEndpoint).Port),
            Options = new Dictionary<string, PtKeyValueList> { [SampleTransport.Name] = new(("key", InProcessHost.Key)) },
        };
        await using var server = PtLauncher.InProcessServer(new SampleTransport(), PtLaunchOptions.ForServer("sample", serverConfig));
        await using var client = PtLauncher.InProcessClient(new SampleTransport(), PtLaunchOptions.ForClient("sample", SampleClient(_pt.Folder + "/")));
        var bridge = HostPair.ToIp((await server.StartAsync().WaitAsync(FakePt.Timeout)).ServerMethods[0].Address);
        var socks = HostPair.ToIp((await client.StartAsync().WaitAsync(FakePt.Timeout)).ClientMethods[0].Address);
        byte[] sent = RandomNumberGenerator.GetBytes(4096);
        var errors = new StringWriter();

        var running = ConnectSession.RunAsync(socks, bridge, [new("key", InProcessHost.Key)], PtSocksClientOptions.Default,
            new MemoryStream(sent), Stream.Null, errors, TimeSpan.FromMilliseconds(500), default);
        using var orSide = await silent.AcceptSocketAsync().WaitAsync(FakePt.Timeout);
        byte[] received = new byte[sent.Length];
        await orSide.ReceiveAsync(received).WaitAsync(FakePt.Timeout);
        int exit = await running.WaitAsync(FakePt.Timeout);

        Assert.Equal(ConnectSession.CloseWaitPassed, exit);
        Assert.Contains("was not closed within 0.5 s", errors.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Keeps what is written and hands each completed line to a callback.</summary>
    private sealed class WatchingStream(Action<string> onLine) : MemoryStream
    {
        private int _lineStart;

        // A derived MemoryStream's span and byte writes come here through Stream's own implementations.
        public override void Write(byte[] buffer, int offset, int count)
        {
            base.Write(buffer, offset, count);
            Scan();
        }

        public override void WriteByte(byte value)
        {
            base.WriteByte(value);
            Scan();
        }

        private void Scan()
        {
            byte[] all = GetBuffer();
            int lf;
            while ((lf = Array.IndexOf(all, (byte)'\n', _lineStart, (int)Length - _lineStart)) >= 0)
            {
                onLine(Encoding.UTF8.GetString(all, _lineStart, lf - _lineStart));
                _lineStart = lf + 1;
            }
        }
    }
}
