using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using PtToolkit.Cli.Demo;
using PtToolkit.Config;
using PtToolkit.Hosting;
using PtToolkit.Ipc;
using PtToolkit.Launch;
using PtToolkit.Samples.SampleTransport;
using PtToolkit.Socks;
using PtToolkit.Tests.Demo;
using PtToolkit.Tests.Hosting;
using PtToolkit.Text;
using Xunit;
using static PtToolkit.Config.PtConfig;

namespace PtToolkit.Tests.Launch;

/// <summary>
/// Transports run inside the parent's process (issue 6 §8): the sample transport as client and server through
/// <see cref="PtLauncher.InProcessClient"/> and <see cref="PtLauncher.InProcessServer"/>, with the typed events, startup
/// rules, SOCKS entry point and stop of a launched PT, and no process.
/// </summary>
public sealed class PtInProcessLauncherTests : IDisposable
{
    private static readonly IReadOnlyList<string> SampleVersions = ["1", "2.2"];
    private readonly DirectoryInfo _state = Directory.CreateTempSubdirectory("pttoolkit-inprocess-");

    public void Dispose() => _state.Delete(recursive: true);

    private PtServerConfig ServerConfig(int orPort, string version = "1", bool exitOnStdinClose = true) => new()
    {
        Versions = [version],
        StateLocation = Path.Combine(_state.FullName, "server") + "/",
        ExitOnStdinClose = exitOnStdinClose,
        ServerTransports = [SampleTransport.Name],
        BindAddresses = [new PtBindAddress(SampleTransport.Name, PtEndpoint.IPv4("127.0.0.1", 0))],
        OrPort = PtEndpoint.IPv4("127.0.0.1", (ushort)orPort),
        Options = new Dictionary<string, PtKeyValueList> { [SampleTransport.Name] = new(("key", InProcessHost.Key)) },
    };

    private PtClientConfig ClientConfig(string version = "1", bool exitOnStdinClose = true) => new()
    {
        Versions = [version],
        StateLocation = Path.Combine(_state.FullName, "client") + "/",
        ExitOnStdinClose = exitOnStdinClose,
        ClientTransports = [SampleTransport.Name],
    };

    private static PtLaunchOptions Bounded(PtLaunchOptions options) => options with
    {
        StartupTimeout = FakePt.Timeout,
        StdinCloseWait = TimeSpan.FromSeconds(10),
        SigtermWait = TimeSpan.FromSeconds(10),
    };

    [Theory]
    [InlineData("1", PtLaunchStyle.Environment)]
    [InlineData("2.2", PtLaunchStyle.Flags)]
    public async Task Client_and_server_in_process_carry_a_MiB_each_way_and_stop_on_stdin_close(string version, PtLaunchStyle style)
    {
        await using var echo = new EchoServer();
        var serverEvents = new List<PtEvent>();
        await using var server = PtLauncher.InProcessServer(new SampleTransport(),
            Bounded(PtLaunchOptions.ForServer("sample", ServerConfig(echo.Endpoint.Port, version), style)), SampleVersions,
            onEvent: e => serverEvents.Add(e));
        var serverStart = await server.StartAsync().WaitAsync(FakePt.Timeout);
        Assert.True(serverStart.Succeeded, serverStart.ToString());
        Assert.Equal(version, serverStart.Version);
        var smethod = Assert.Single(serverStart.ServerMethods);
        Assert.Equal(new PtKeyValueList(("key", InProcessHost.Key)), smethod.Args);
        Assert.Null(server.ProcessId);

        await using var client = PtLauncher.InProcessClient(new SampleTransport(),
            Bounded(PtLaunchOptions.ForClient("sample", ClientConfig(version), style)), SampleVersions);
        var clientStart = await client.StartAsync().WaitAsync(FakePt.Timeout);
        Assert.True(clientStart.Succeeded, clientStart.ToString());
        var cmethod = Assert.Single(clientStart.ClientMethods);

        var connected = await PtSocksClient.ConnectAsync(HostPair.ToIp(cmethod.Address), HostPair.ToIp(smethod.Address), smethod.Args)
            .WaitAsync(FakePt.Timeout);
        Assert.True(connected.IsSuccess, connected.ToString());
        await using (var stream = connected.Value)
        {
            await SampleTransportEndToEndTests.ExchangeAsync(stream, RandomNumberGenerator.GetBytes(1024 * 1024));
        }

        var clientStop = await client.StopAsync().WaitAsync(FakePt.Timeout);
        var serverStop = await server.StopAsync().WaitAsync(FakePt.Timeout);
        Assert.Equal(new PtShutdownResult(PtShutdownStep.StdinClosed, new PtExitStatus(0)), clientStop);
        Assert.Equal(new PtShutdownResult(PtShutdownStep.StdinClosed, new PtExitStatus(0)), serverStop);
        var clientEvents = await FakePt.AllEvents(client);
        Assert.Equal(
            [PtLaunchState.Launched, PtLaunchState.VersionAccepted, PtLaunchState.Configured, PtLaunchState.Stopped],
            clientEvents.OfType<PtStateChangedEvent>().Select(e => e.State));
        Assert.Equal(new PtStartedEvent(0), clientEvents.OfType<PtStartedEvent>().Single());
        Assert.Equal(new PtExitedEvent(0, new PtExitStatus(0), true), clientEvents.OfType<PtExitedEvent>().Single());
        Assert.Contains(clientEvents, e => e is PtMessageEvent { Message: PtIpc.CmethodMessage, Stream: PtStream.Stdout });
        Assert.Equal(await FakePt.AllEvents(server), serverEvents);
    }

    [Fact]
    public async Task Without_exit_on_stdin_close_the_stop_cancels_the_host_which_exits_0()
    {
        await using var client = PtLauncher.InProcessClient(new SampleTransport(),
            Bounded(PtLaunchOptions.ForClient("sample", ClientConfig(exitOnStdinClose: false))) with { StdinCloseWait = TimeSpan.FromMilliseconds(200) });
        var startup = await client.StartAsync().WaitAsync(FakePt.Timeout);
        Assert.True(startup.Succeeded, startup.ToString());

        var stop = await client.StopAsync().WaitAsync(FakePt.Timeout);

        Assert.Equal(new PtShutdownResult(PtShutdownStep.Terminated, new PtExitStatus(0)), stop);
        var log = (await FakePt.AllEvents(client)).OfType<PtMessageEvent>().Select(e => e.Message).OfType<PtIpc.LogMessage>().Last();
        Assert.StartsWith("stopping: the host was cancelled", log.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_configuration_the_host_refuses_fails_the_startup_with_its_error_line_and_exit_code()
    {
        // Raw variables, as a parent that builds them by hand: a server with no ORPort.
        var options = new PtLaunchOptions("sample", [], new Dictionary<string, string>
        {
            ["TOR_PT_MANAGED_TRANSPORT_VER"] = "1",
            ["TOR_PT_SERVER_TRANSPORTS"] = "sample",
        }, ["1"]);
        await using var server = PtLauncher.InProcessServer(new SampleTransport(), Bounded(options));

        var startup = await server.StartAsync().WaitAsync(FakePt.Timeout);
        await server.StopAsync().WaitAsync(FakePt.Timeout);

        Assert.Equal(PtLaunchErrorKind.EnvError, startup.Failure?.Kind);
        Assert.Contains("TOR_PT_ORPORT", startup.Failure!.Message, StringComparison.Ordinal);
        var events = await FakePt.AllEvents(server);
        // The host returns right after its error line; whether before or after the launcher closes its stdin is a race.
        var exited = events.OfType<PtExitedEvent>().Single();
        Assert.Equal((0, new PtExitStatus(64)), (exited.ProcessId, exited.Exit));
    }

    [Fact]
    public async Task A_transport_that_throws_out_of_the_host_is_a_fault_event_and_exit_code_70()
    {
        await using var client = PtLauncher.InProcessClient(new BrokenTransport(), Bounded(PtLaunchOptions.ForClient("broken", ClientConfig())));

        var startup = await client.StartAsync().WaitAsync(FakePt.Timeout);
        await client.StopAsync().WaitAsync(FakePt.Timeout);

        Assert.Equal(PtLaunchErrorKind.ExitedDuringStartup, startup.Failure?.Kind);
        var events = await FakePt.AllEvents(client);
        var fault = Assert.Single(events.OfType<PtFaultEvent>());
        Assert.Equal((PtFaultSource.Transport, "names are broken"), (fault.Source, fault.Exception.Message));
        var exited = Assert.IsType<PtExitedEvent>(events[events.IndexOf(fault) + 1]);
        Assert.Equal(new PtExitStatus(PtLauncher.InProcessFaultExitCode), exited.Exit);
    }

    [Fact]
    public async Task A_transport_that_ignores_every_stop_is_reported_without_an_exit_status()
    {
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var options = Bounded(PtLaunchOptions.ForClient("stuck", ClientConfig())) with
        {
            StdinCloseWait = TimeSpan.FromMilliseconds(100),
            SigtermWait = TimeSpan.FromMilliseconds(100),
            KillWait = TimeSpan.FromMilliseconds(100),
            StartupTimeout = TimeSpan.FromMilliseconds(500),
        };
        await using var client = PtLauncher.InProcessClient(new StuckTransport(release.Task), options);

        var startup = await client.StartAsync().WaitAsync(FakePt.Timeout);
        var stop = await client.StopAsync().WaitAsync(FakePt.Timeout);
        release.SetResult(0);

        Assert.Equal(PtLaunchErrorKind.StartupTimeout, startup.Failure?.Kind);
        Assert.Equal(new PtShutdownResult(PtShutdownStep.Terminated, null), stop);
    }

    /// <summary>A client transport whose name list throws: the host cannot even launch it.</summary>
    private sealed class BrokenTransport : IPtClientTransport
    {
        public IReadOnlyList<string> Names => throw new InvalidOperationException("names are broken");

        public string? CheckArguments(string transport, PtKeyValueList arguments) => null;

        public Task<Stream> ConnectAsync(PtClientConnection connection, CancellationToken cancellationToken) => Task.FromResult(connection.Stream);
    }

    /// <summary>A client transport whose name list blocks until released, ignoring the host's cancellation.</summary>
    private sealed class StuckTransport(Task release) : IPtClientTransport
    {
        public IReadOnlyList<string> Names
        {
            get
            {
                release.Wait(FakePt.Timeout);
                return ["stuck"];
            }
        }

        public string? CheckArguments(string transport, PtKeyValueList arguments) => null;

        public Task<Stream> ConnectAsync(PtClientConnection connection, CancellationToken cancellationToken) => Task.FromResult(connection.Stream);
    }
}
