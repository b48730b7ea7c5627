using System;
using System.IO;
using System.Net;
using System.Security.Cryptography;
using System.Threading.Tasks;
using PtToolkit.Cli.Demo;
using PtToolkit.Launch;
using PtToolkit.Socks;
using PtToolkit.Tests.Hosting;
using PtToolkit.Tests.Integration;
using PtToolkit.Tests.Launch;
using Xunit;

namespace PtToolkit.Tests.Demo;

/// <summary>
/// The parent side against a transport nobody here wrote: Debian's obfs4proxy launched as server (in front of an echo
/// server) and as client, its bridge line read from the state folder, 16 MiB each way through SOCKS with its arguments.
/// </summary>
public sealed class Obfs4proxyEndToEndTests : IDisposable
{
    private const int Bytes = 16 * 1024 * 1024;
    private readonly DirectoryInfo _serverState = Directory.CreateTempSubdirectory("pttoolkit-obfs4-server-");
    private readonly DirectoryInfo _clientState = Directory.CreateTempSubdirectory("pttoolkit-obfs4-client-");

    public void Dispose()
    {
        _serverState.Delete(recursive: true);
        _clientState.Delete(recursive: true);
    }

    [Fact]
    public async Task Sixteen_MiB_each_way_through_obfs4proxy_client_and_server_then_both_stop()
    {
        await using var echo = new EchoServer();
        var serverOptions = PtLaunchOptions.ForServer(Peers.Obfs4proxy(), Peers.Obfs4Server(_serverState, (ushort)echo.Endpoint.Port)) with { StartupTimeout = FakePt.Timeout };
        await using var server = new PtLauncher(serverOptions);
        var serverStart = await server.StartAsync().WaitAsync(FakePt.Timeout);
        Assert.True(serverStart.Succeeded, serverStart.ToString());
        var bridge = HostPair.ToIp(Assert.Single(serverStart.ServerMethods).Address);
        Assert.True(Obfs4BridgeLine.TryRead(_serverState.FullName, out var args, out string error), error);
        Assert.Equal(serverStart.ServerMethods[0].Args, args);

        await using var client = new PtLauncher(PtLaunchOptions.ForClient(Peers.Obfs4proxy(), Peers.Obfs4Client(_clientState)) with { StartupTimeout = FakePt.Timeout });
        var clientStart = await client.StartAsync().WaitAsync(FakePt.Timeout);
        Assert.True(clientStart.Succeeded, clientStart.ToString());
        var socks = HostPair.ToIp(Assert.Single(clientStart.ClientMethods).Address);

        var connected = await PtSocksClient.ConnectAsync(socks, bridge, args).WaitAsync(FakePt.Timeout);
        Assert.True(connected.IsSuccess, connected.ToString());
        await using (var stream = connected.Value)
        {
            await SampleTransportEndToEndTests.ExchangeAsync(stream, RandomNumberGenerator.GetBytes(Bytes));
        }

        int clientPid = client.ProcessId!.Value, serverPid = server.ProcessId!.Value;
        var clientStop = await client.StopAsync().WaitAsync(FakePt.Timeout);
        var serverStop = await server.StopAsync().WaitAsync(FakePt.Timeout);
        await FakePt.AssertGone(clientPid);
        await FakePt.AssertGone(serverPid);
        Assert.Equal(new PtShutdownResult(PtShutdownStep.StdinClosed, new PtExitStatus(0)), clientStop);
        Assert.Equal(new PtShutdownResult(PtShutdownStep.StdinClosed, new PtExitStatus(0)), serverStop);
    }
}
