using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Threading.Tasks;
using PtToolkit.Config;
using PtToolkit.Ipc;
using PtToolkit.Text;
using PtToolkit.Launch;
using PtToolkit.Tests.Integration;
using Xunit;

namespace PtToolkit.Tests.Launch;

/// <summary>The launcher against a real managed PT: Debian's obfs4proxy as client and as server (pt-1.0 §3.2, §3.3).</summary>
public sealed class PtLauncherObfs4proxyTests : IDisposable
{
    private readonly DirectoryInfo _state = Directory.CreateTempSubdirectory("pttoolkit-launch-obfs4-");

    public void Dispose() => _state.Delete(recursive: true);

    private PtLaunchOptions Options(params (string Name, string Value)[] variables)
    {
        var environment = new Dictionary<string, string>
        {
            ["TOR_PT_MANAGED_TRANSPORT_VER"] = "1",
            ["TOR_PT_STATE_LOCATION"] = _state.FullName + "/",
            ["TOR_PT_EXIT_ON_STDIN_CLOSE"] = "1",
        };
        foreach (var (name, value) in variables) environment[name] = value;
        return new PtLaunchOptions(Peers.Obfs4proxy(), [], environment, ["1"]) { StartupTimeout = FakePt.Timeout };
    }

    private static async Task<(PtStartupResult Startup, PtShutdownResult Shutdown)> StartAndStop(PtLaunchOptions options, Func<PtStartupResult, Task>? whileRunning = null)
    {
        await using var launcher = new PtLauncher(options);
        var startup = await launcher.StartAsync().WaitAsync(FakePt.Timeout);
        int? pid = launcher.ProcessId;
        if (startup.Succeeded && whileRunning is not null) await whileRunning(startup);
        var shutdown = await launcher.StopAsync().WaitAsync(FakePt.Timeout);
        if (pid is not null) await FakePt.AssertGone(pid.Value);
        return (startup, shutdown);
    }

    [Fact]
    public async Task Client_is_configured_its_socks_port_accepts_and_it_stops_on_stdin_close()
    {
        var (startup, shutdown) = await StartAndStop(Options(("TOR_PT_CLIENT_TRANSPORTS", "obfs4")), async s =>
        {
            using var client = new TcpClient();
            await client.ConnectAsync(s.ClientMethods[0].Address.Host, s.ClientMethods[0].Address.Port).WaitAsync(FakePt.Timeout);
        });

        Assert.True(startup.Succeeded, startup.ToString());
        Assert.Equal("1", startup.Version);
        var obfs4 = Assert.Single(startup.ClientMethods);
        Assert.Equal(("obfs4", PtIpc.ClientProxyKind.Socks5, "127.0.0.1"), (obfs4.Transport, obfs4.Method, obfs4.Address.Host));
        Assert.Empty(startup.Errors);
        Assert.Equal(new PtShutdownResult(PtShutdownStep.StdinClosed, new PtExitStatus(0)), shutdown);
    }

    [Fact]
    public async Task Server_is_configured_with_its_cert_and_stops_on_stdin_close()
    {
        var (startup, shutdown) = await StartAndStop(Options(
            ("TOR_PT_SERVER_TRANSPORTS", "obfs4"),
            ("TOR_PT_SERVER_BINDADDR", "obfs4-127.0.0.1:0"),
            ("TOR_PT_ORPORT", "127.0.0.1:9")));

        Assert.True(startup.Succeeded, startup.ToString());
        var smethod = Assert.Single(startup.ServerMethods);
        Assert.Equal(("obfs4", "127.0.0.1"), (smethod.Transport, smethod.Address.Host));
        Assert.NotEqual(0, smethod.Address.Port);
        Assert.True(smethod.Args!.TryGetValue("cert", out string cert) && cert.Length == 70, smethod.Args.ToString());
        Assert.Equal(new PtShutdownResult(PtShutdownStep.StdinClosed, new PtExitStatus(0)), shutdown);
    }

    [Fact]
    public async Task A_typed_configuration_launches_a_client_and_a_server()
    {
        var client = Peers.Obfs4Client(_state) with { Proxy = new PtProxy(PtProxyScheme.Socks5, PtEndpoint.IPv4("127.0.0.1", 9)) };
        var options = PtLaunchOptions.ForClient(Peers.Obfs4proxy(), client) with { StartupTimeout = FakePt.Timeout };
        Assert.True(options.ProxyGiven);
        var (started, stopped) = await StartAndStop(options);
        Assert.True(started.Succeeded, started.ToString());
        Assert.True(started.ProxyAccepted);
        Assert.Equal("obfs4", Assert.Single(started.ClientMethods).Transport);
        Assert.Equal(PtShutdownStep.StdinClosed, stopped.Step);

        var (serverStarted, _) = await StartAndStop(PtLaunchOptions.ForServer(Peers.Obfs4proxy(), Peers.Obfs4Server(_state)) with { StartupTimeout = FakePt.Timeout });
        Assert.True(serverStarted.Succeeded, serverStarted.ToString());
        Assert.Equal("obfs4", Assert.Single(serverStarted.ServerMethods).Transport);
    }

    [Fact]
    public async Task Client_given_an_upstream_proxy_answers_PROXY_DONE()
    {
        var options = Options(("TOR_PT_CLIENT_TRANSPORTS", "obfs4"), ("TOR_PT_PROXY", "socks5://127.0.0.1:9")) with { ProxyGiven = true };
        var (startup, _) = await StartAndStop(options);

        Assert.True(startup.Succeeded, startup.ToString());
        Assert.True(startup.ProxyAccepted);
    }

    [Fact]
    public async Task A_version_obfs4proxy_does_not_speak_ends_in_VERSION_ERROR()
    {
        var options = Options(("TOR_PT_CLIENT_TRANSPORTS", "obfs4"), ("TOR_PT_MANAGED_TRANSPORT_VER", "9")) with { OfferedVersions = ["9"] };
        var (startup, shutdown) = await StartAndStop(options);

        Assert.Equal(PtLaunchErrorKind.VersionError, startup.Failure!.Kind);
        Assert.Equal("VERSION-ERROR no-version", startup.Failure.Message);
        Assert.NotNull(shutdown.Exit);
    }
}
