using System.Collections.Generic;
using System.Net;
using System.Threading.Tasks;
using PtToolkit.Config;
using PtToolkit.Hosting;
using Xunit;

namespace PtToolkit.Tests.Hosting;

/// <summary>
/// What a hosted PT prints before it serves, and its exit code when it cannot: VERSION, the configuration errors
/// (on stdout in 1.0, on stderr in 2.x, pt-2.2 §1.2.1), PROXY DONE or PROXY-ERROR, method errors, DONE.
/// </summary>
public sealed class PtHostConfigTests
{
    private static readonly IPEndPoint Discard = new(IPAddress.Loopback, 9);

    [Fact]
    public async Task A_missing_version_variable_is_an_ENV_ERROR_with_exit_code_64()
    {
        await using var host = InProcessHost.Client(new Dictionary<string, string> { ["TOR_PT_CLIENT_TRANSPORTS"] = "sample" });

        Assert.Equal(64, await host.ExitAsync());
        Assert.Equal(["ENV-ERROR no TOR_PT_MANAGED_TRANSPORT_VER environment variable"], host.RemainingLines());
        Assert.Empty(host.ErrorLines());
    }

    [Fact]
    public async Task No_common_version_is_a_VERSION_ERROR_with_exit_code_78_on_stdout_for_a_1_0_transport()
    {
        await using var host = InProcessHost.Client(InProcessHost.ClientEnvironment(("TOR_PT_MANAGED_TRANSPORT_VER", "9")));

        Assert.Equal(78, await host.ExitAsync());
        var line = Assert.Single(host.RemainingLines());
        Assert.StartsWith("VERSION-ERROR no-version ", line);
        Assert.Empty(host.ErrorLines());
    }

    [Fact]
    public async Task A_2_x_transport_writes_its_VERSION_ERROR_on_stderr()
    {
        await using var host = InProcessHost.Client(InProcessHost.ClientEnvironment(("TOR_PT_MANAGED_TRANSPORT_VER", "9")), versions: ["2.2", "1"]);

        Assert.Equal(78, await host.ExitAsync());
        Assert.Empty(host.RemainingLines());
        Assert.StartsWith("VERSION-ERROR no-version ", Assert.Single(host.ErrorLines()));
    }

    [Fact]
    public async Task After_VERSION_2_2_an_ENV_ERROR_goes_to_stderr_with_exit_code_64()
    {
        var environment = InProcessHost.ServerEnvironment(Discard, ("TOR_PT_MANAGED_TRANSPORT_VER", "2.2"));
        environment.Remove("TOR_PT_ORPORT");
        await using var host = InProcessHost.Server(environment, versions: ["2.2"]);

        Assert.Equal(64, await host.ExitAsync());
        Assert.Equal(["VERSION 2.2"], host.RemainingLines());
        Assert.StartsWith("ENV-ERROR need TOR_PT_ORPORT or TOR_PT_EXTENDED_SERVER_PORT", Assert.Single(host.ErrorLines()));
    }

    [Fact]
    public async Task A_malformed_proxy_is_a_PROXY_ERROR_with_exit_code_69()
    {
        await using var host = InProcessHost.Client(InProcessHost.ClientEnvironment(("TOR_PT_PROXY", "bogus")));

        Assert.Equal(69, await host.ExitAsync());
        Assert.Equal(["VERSION 1", "PROXY-ERROR TOR_PT_PROXY: missing \"://\" after the proxy type"], host.RemainingLines());
    }

    [Theory]
    [InlineData("http://a%3Ab:pass@127.0.0.1:8080", "PROXY-ERROR an http proxy user name cannot hold \":\" (RFC 7617 §2)")]
    [InlineData("http://user:pa%0Ass@127.0.0.1:8080", "PROXY-ERROR the http proxy credentials cannot hold control characters (RFC 7617 §2)")]
    public async Task A_proxy_the_host_cannot_use_is_refused_before_any_transport(string proxy, string line)
    {
        await using var host = InProcessHost.Client(InProcessHost.ClientEnvironment(("TOR_PT_PROXY", proxy)));

        Assert.Equal(PtHost.ProxyErrorExitCode, await host.ExitAsync());
        Assert.Equal(["VERSION 1", line], host.RemainingLines());
    }

    [Fact]
    public async Task Only_unknown_transports_give_an_immediate_CMETHODS_DONE_and_exit_code_1()
    {
        await using var host = InProcessHost.Client(InProcessHost.ClientEnvironment(("TOR_PT_CLIENT_TRANSPORTS", "obfs4,meek")));

        Assert.Equal(PtHost.NothingLaunchedExitCode, await host.ExitAsync());
        Assert.Equal(["VERSION 1", "CMETHODS DONE", "LOG SEVERITY=error MESSAGE=\"no transport was launched\""], host.RemainingLines());
    }

    [Fact]
    public async Task A_transport_that_refuses_its_options_gets_SMETHOD_ERROR()
    {
        var environment = InProcessHost.ServerEnvironment(Discard);
        environment.Remove("TOR_PT_SERVER_TRANSPORT_OPTIONS");
        await using var host = InProcessHost.Server(environment);

        Assert.Equal(PtHost.NothingLaunchedExitCode, await host.ExitAsync());
        var lines = host.RemainingLines();
        Assert.Equal("VERSION 1", lines[0]);
        Assert.Equal("SMETHOD-ERROR sample no \"key\" (give key=<32 to 128 hexadecimal digits>)", lines[1]);
        Assert.Equal("SMETHODS DONE", lines[2]);
    }

    [Fact]
    public async Task A_2_2_client_in_a_mode_the_host_does_not_serve_gets_CMETHOD_ERROR_on_stderr()
    {
        await using var host = InProcessHost.FromFlags(["-ptversion", "2.2", "-transport", "sample", "-mode", "transparent-TCP"], ["2.2"]);

        Assert.Equal(PtHost.NothingLaunchedExitCode, await host.ExitAsync());
        Assert.Equal(["VERSION 2.2", "CMETHODS DONE"], host.RemainingLines());
        Assert.Equal(["CMETHOD-ERROR sample mode transparent-TCP is not supported (only socks5, transparent-UDP and STUN)"], host.ErrorLines());
    }

    [Fact]
    public async Task A_port_in_use_gets_CMETHOD_ERROR_and_the_other_lines_still_come()
    {
        using var taken = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        int port = ((IPEndPoint)taken.LocalEndpoint).Port;
        await using var host = InProcessHost.FromFlags(["-ptversion", "2.2", "-transport", "sample", "-proxylistenaddr", $"127.0.0.1:{port}"], ["2.2"]);

        Assert.Equal(PtHost.NothingLaunchedExitCode, await host.ExitAsync());
        Assert.Equal(["VERSION 2.2", "CMETHODS DONE"], host.RemainingLines());
        Assert.Equal([$"CMETHOD-ERROR sample cannot listen on 127.0.0.1:{port}: AddressAlreadyInUse"], host.ErrorLines());
    }

    [Theory]
    [InlineData(new[] { "TOR_PT_SERVER_TRANSPORTS" }, new string[0], true)]
    [InlineData(new[] { "TOR_PT_CLIENT_TRANSPORTS" }, new string[0], false)]
    [InlineData(new[] { "TOR_PT_CLIENT_TRANSPORTS", "TOR_PT_SERVER_TRANSPORTS" }, new string[0], false)]
    [InlineData(new string[0], new[] { "-transport", "x", "-server" }, true)]
    [InlineData(new string[0], new[] { "--server=true" }, true)]
    [InlineData(new string[0], new[] { "-transport", "x" }, false)]
    [InlineData(new string[0], new[] { "-transport", "x", "--", "-server" }, false)]
    public void The_role_is_the_server_for_server_transports_or_the_server_switch(string[] variables, string[] flags, bool server)
    {
        var environment = new Dictionary<string, string>();
        foreach (string name in variables) environment[name] = "x";

        Assert.Equal(server, PtHost.IsServer(new PtConfigSource(environment, flags, ["1"])));
    }
}
