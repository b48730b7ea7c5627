using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using PtToolkit.Cli.Demo;
using PtToolkit.Config;
using PtToolkit.Ipc;
using PtToolkit.Launch;
using PtToolkit.Tests.Hosting;
using PtToolkit.Tests.Launch;
using PtToolkit.Text;
using Xunit;
using static PtToolkit.Config.PtConfig;

namespace PtToolkit.Tests.Demo;

/// <summary>
/// The sample transport launched by <see cref="PtLauncher"/> as a server in front of an echo server and as a client,
/// from typed configurations, as <c>ptkit demo</c> does; the server's events are kept to be waited for.
/// </summary>
internal sealed class LaunchedSamplePair : IAsyncDisposable
{
    private readonly DirectoryInfo _state = Directory.CreateTempSubdirectory("pttoolkit-sample-");
    private readonly Channel<PtEvent> _serverEvents = Channel.CreateUnbounded<PtEvent>();
    private PtLauncher? _server;
    private PtLauncher? _client;

    private LaunchedSamplePair(EchoServer echo) => Echo = echo;

    public EchoServer Echo { get; }

    /// <summary>The key in the server's options.</summary>
    public string Key { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public PtStartupResult ServerStartup { get; private set; } = null!;

    public PtStartupResult ClientStartup { get; private set; } = null!;

    /// <summary>The client's SOCKS address (CMETHOD).</summary>
    public IPEndPoint Socks => HostPair.ToIp(ClientStartup.ClientMethods.Single().Address);

    /// <summary>The server's address (SMETHOD).</summary>
    public IPEndPoint Bridge => HostPair.ToIp(ServerStartup.ServerMethods.Single().Address);

    /// <summary>The ARGS the server announced.</summary>
    public PtKeyValueList Args => ServerStartup.ServerMethods.Single().Args!;

    public static async Task<LaunchedSamplePair> StartAsync()
    {
        var pair = new LaunchedSamplePair(new EchoServer());
        try
        {
            var server = new PtServerConfig
            {
                Versions = ["1"],
                StateLocation = pair._state.FullName + "/server/",
                ExitOnStdinClose = true,
                ServerTransports = ["sample"],
                BindAddresses = [new PtBindAddress("sample", PtEndpoint.IPv4("127.0.0.1", 0))],
                OrPort = PtEndpoint.IPv4("127.0.0.1", (ushort)pair.Echo.Endpoint.Port),
                Options = new Dictionary<string, PtKeyValueList> { ["sample"] = new(("key", pair.Key)) },
            };
            pair._server = new PtLauncher(SampleTransportLaunch.ForServer(server) with { StartupTimeout = FakePt.Timeout },
                onEvent: e => pair._serverEvents.Writer.TryWrite(e));
            pair.ServerStartup = await pair._server.StartAsync().WaitAsync(FakePt.Timeout);
            Assert.True(pair.ServerStartup.Succeeded, pair.ServerStartup.ToString());

            var client = new PtClientConfig { Versions = ["1"], StateLocation = pair._state.FullName + "/client/", ExitOnStdinClose = true, ClientTransports = ["sample"] };
            pair._client = new PtLauncher(SampleTransportLaunch.ForClient(client) with { StartupTimeout = FakePt.Timeout });
            pair.ClientStartup = await pair._client.StartAsync().WaitAsync(FakePt.Timeout);
            Assert.True(pair.ClientStartup.Succeeded, pair.ClientStartup.ToString());
            return pair;
        }
        catch
        {
            await pair.DisposeAsync();
            throw;
        }
    }

    /// <summary>The next LOG line of the server; fails when none comes within the timeout.</summary>
    public async Task<string> NextServerLogAsync()
    {
        using var timeout = new CancellationTokenSource(FakePt.Timeout);
        while (true)
        {
            var e = await _serverEvents.Reader.ReadAsync(timeout.Token);
            if (e is PtMessageEvent { Message: PtIpc.LogMessage log }) return log.Message;
        }
    }

    /// <summary>Stops both (pt-2.2 §1.3) and checks that no process is left; the client's and the server's shutdown.</summary>
    public async Task<(PtShutdownResult Client, PtShutdownResult Server)> StopAsync()
    {
        int clientPid = _client!.ProcessId!.Value, serverPid = _server!.ProcessId!.Value;
        var client = await _client.StopAsync().WaitAsync(FakePt.Timeout);
        var server = await _server.StopAsync().WaitAsync(FakePt.Timeout);
        await FakePt.AssertGone(clientPid);
        await FakePt.AssertGone(serverPid);
        return (client, server);
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null) await _client.DisposeAsync();
        if (_server is not null) await _server.DisposeAsync();
        await Echo.DisposeAsync();
        _state.Delete(recursive: true);
    }
}
