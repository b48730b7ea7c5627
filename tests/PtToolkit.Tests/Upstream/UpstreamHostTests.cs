using System;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using PtToolkit.Cli.Demo;
using PtToolkit.Config;
using PtToolkit.Ipc;
using PtToolkit.Socks;
using PtToolkit.Tests.Hosting;
using Xunit;

namespace PtToolkit.Tests.Upstream;

/// <summary>
/// A client host of the sample transport, in process, whose TOR_PT_PROXY names one of <see cref="RelayingProxy"/>'s
/// proxies: it answers PROXY DONE, and its connections to the bridge (a sample server host in front of an echo
/// server) go through the proxy, or fail with the proxy's refusal.
/// </summary>
public sealed class UpstreamHostTests
{
    [Theory]
    [InlineData(PtProxyScheme.Http, "user", "pass")]
    [InlineData(PtProxyScheme.Http, null, null)]
    [InlineData(PtProxyScheme.Socks5, "user", "pass")]
    [InlineData(PtProxyScheme.Socks4a, "user", null)]
    public async Task The_host_answers_PROXY_DONE_and_connects_through_the_proxy(PtProxyScheme scheme, string? user, string? password)
    {
        await using var setup = await Setup.StartAsync(scheme, user, password, user, password);

        Assert.Equal("PROXY DONE", setup.ClientLines[1]);
        var connected = await PtSocksClient.ConnectAsync(setup.Socks, setup.Bridge, HostPair.KeyArgument).WaitAsync(InProcessHost.Timeout);
        Assert.True(connected.IsSuccess, connected.ToString());
        await using (var stream = connected.Value) await HostPair.AssertEchoesAsync(stream, 100_000);
        Assert.Equal([setup.Bridge.ToString()], setup.Proxy.Targets);
    }

    [Fact]
    public async Task Wrong_credentials_fail_the_connection_with_X02_and_the_log_line_holds_no_secret()
    {
        await using var setup = await Setup.StartAsync(PtProxyScheme.Http, "user", "pass", "user", "hunter2");

        var result = await PtSocksClient.ConnectAsync(setup.Socks, setup.Bridge, HostPair.KeyArgument).WaitAsync(InProcessHost.Timeout);

        Assert.Equal((PtSocksErrorReason.Refused, PtSocksReply.NotAllowed), (result.Error.Reason, result.Error.Reply));
        Assert.Empty(setup.Proxy.Targets);
        string line = await setup.Client.NextLineAsync();
        Assert.Equal("LOG SEVERITY=info MESSAGE=\"sample: cannot connect to the bridge: NotAllowed (http proxy: Refused at offset 9, status 407)\"", line);
        Assert.DoesNotContain("hunter2", string.Join("\n", setup.ClientLines.Concat(setup.Client.RemainingLines()).Concat(setup.Client.ErrorLines())), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_IPv6_bridge_behind_a_SOCKS_4a_proxy_gets_X08_and_no_direct_connection()
    {
        await using var setup = await Setup.StartAsync(PtProxyScheme.Socks4a, null, null, null, null);

        var result = await PtSocksClient.ConnectAsync(setup.Socks, new IPEndPoint(IPAddress.IPv6Loopback, setup.Bridge.Port), HostPair.KeyArgument).WaitAsync(InProcessHost.Timeout);

        Assert.Equal((PtSocksErrorReason.Refused, PtSocksReply.AddressTypeNotSupported), (result.Error.Reason, result.Error.Reply));
        Assert.Empty(setup.Proxy.Targets);
    }

    /// <summary>An echo server, a sample server host before it, a proxy, and a client host configured to use that proxy.</summary>
    private sealed class Setup : IAsyncDisposable
    {
        private readonly EchoServer _echo;
        private readonly InProcessHost _server;

        private Setup(EchoServer echo, InProcessHost server, RelayingProxy proxy, InProcessHost client)
        {
            _echo = echo;
            _server = server;
            Proxy = proxy;
            Client = client;
        }

        public RelayingProxy Proxy { get; }

        public InProcessHost Client { get; }

        public IPEndPoint Bridge { get; private set; } = null!;

        public IPEndPoint Socks { get; private set; } = null!;

        public System.Collections.Generic.List<string> ClientLines { get; private set; } = null!;

        /// <summary>The proxy wants <paramref name="user"/> and <paramref name="password"/>; the client is given the other pair.</summary>
        public static async Task<Setup> StartAsync(PtProxyScheme scheme, string? user, string? password, string? givenUser, string? givenPassword)
        {
            var echo = new EchoServer();
            var server = InProcessHost.Server(InProcessHost.ServerEnvironment(echo.Endpoint));
            var proxy = new RelayingProxy(scheme, user, password);
            var client = InProcessHost.Client(InProcessHost.ClientEnvironment(("TOR_PT_PROXY", PtProxyUri.Format(proxy.As(givenUser, givenPassword)))));
            var setup = new Setup(echo, server, proxy, client);
            var smethod = Assert.IsType<PtIpc.SmethodMessage>(HostPair.Owned((await server.LinesThroughAsync("SMETHODS DONE")).Single(l => l.StartsWith("SMETHOD ", StringComparison.Ordinal))));
            setup.ClientLines = await client.LinesThroughAsync("CMETHODS DONE");
            var cmethod = Assert.IsType<PtIpc.CmethodMessage>(HostPair.Owned(setup.ClientLines.Single(l => l.StartsWith("CMETHOD ", StringComparison.Ordinal))));
            setup.Bridge = HostPair.ToIp(smethod.Address);
            setup.Socks = HostPair.ToIp(cmethod.Address);
            return setup;
        }

        public async ValueTask DisposeAsync()
        {
            await Client.DisposeAsync();
            await Proxy.DisposeAsync();
            await _server.DisposeAsync();
            await _echo.DisposeAsync();
        }
    }
}
