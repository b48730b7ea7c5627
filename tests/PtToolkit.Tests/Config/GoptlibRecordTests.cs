using System.Collections.Generic;
using System.Linq;
using PtToolkit.Config;
using Xunit;
using static PtToolkit.Config.PtConfig;

namespace PtToolkit.Tests.Config;

/// <summary>
/// Every case of goptlib's behaviour record (../shared/bench/goptlib/results/internal-env-handling.txt), bound
/// by the generated binders from the same environment: the same accept/reject decision and the same lines,
/// except where PtToolkit deliberately differs (each such case says why).
/// </summary>
public class GoptlibRecordTests
{
    private static Dictionary<string, string> Env(params string[] pairs) =>
        Enumerable.Range(0, pairs.Length / 2).ToDictionary(i => pairs[2 * i], i => pairs[2 * i + 1]);

    private static string[] Client(params string[] pairs) =>
        PtClientConfig.Bind(PtConfigSource.FromEnvironment(Env(pairs))).Lines().ToArray();

    private static string[] Server(params string[] pairs) =>
        PtServerConfig.Bind(PtConfigSource.FromEnvironment(Env(pairs))).Lines().ToArray();

    private const string Ver = "TOR_PT_MANAGED_TRANSPORT_VER";
    private const string Ct = "TOR_PT_CLIENT_TRANSPORTS";
    private const string St = "TOR_PT_SERVER_TRANSPORTS";
    private const string Bind = "TOR_PT_SERVER_BINDADDR";
    private const string Or = "TOR_PT_ORPORT";

    [Fact]
    public void Client_ok()
    {
        var binding = PtClientConfig.Bind(PtConfigSource.FromEnvironment(Env(Ver, "1", Ct, "obfs4")));
        Assert.True(binding.Succeeded);
        Assert.Equal(new[] { "VERSION 1" }, binding.Lines());
        Assert.Equal(new[] { "obfs4" }, binding.Config!.TransportNames);
        Assert.Null(binding.Config.Proxy);
        Assert.Equal(0, binding.ExitCode);
    }

    [Fact]
    public void Client_without_a_version_list() =>
        Assert.Equal(new[] { "ENV-ERROR no TOR_PT_MANAGED_TRANSPORT_VER environment variable" }, Client(Ct, "obfs4"));

    [Fact]
    public void Client_with_no_common_version()
    {
        var binding = PtClientConfig.Bind(PtConfigSource.FromEnvironment(Env(Ver, "9", Ct, "obfs4")));
        Assert.Equal(new[] { "VERSION-ERROR no-version TOR_PT_MANAGED_TRANSPORT_VER: \"9\": no version that this transport supports (it supports 1)" }, binding.Lines());
        Assert.Equal(78, binding.ExitCode);
    }

    [Fact]
    public void Client_with_a_space_in_the_version_list_gets_a_version_error_with_the_reason()
    {
        var lines = Client(Ver, "1 ,2", Ct, "obfs4");
        Assert.Single(lines);
        Assert.StartsWith("VERSION-ERROR no-version TOR_PT_MANAGED_TRANSPORT_VER: \"1 ,2\": ", lines[0]);
    }

    [Fact]
    public void Client_without_transports_prints_its_version_first() =>
        Assert.Equal(new[] { "VERSION 1", "ENV-ERROR no TOR_PT_CLIENT_TRANSPORTS environment variable" }, Client(Ver, "1"));

    [Theory]
    [InlineData("foo://x")]
    [InlineData("foo://x:1")]
    public void Client_with_an_unknown_proxy_scheme_fails_closed_where_goptlib_leaves_it_to_the_caller(string proxy)
    {
        var binding = PtClientConfig.Bind(PtConfigSource.FromEnvironment(Env(Ver, "1", Ct, "obfs4", "TOR_PT_PROXY", proxy)));
        Assert.False(binding.Succeeded);
        Assert.Equal("VERSION 1", binding.Lines().First());
        Assert.StartsWith("PROXY-ERROR TOR_PT_PROXY: ", binding.Lines().Last());
        Assert.Equal(69, binding.ExitCode);
    }

    [Fact]
    public void Client_with_an_IPv6_socks5_proxy()
    {
        var binding = PtClientConfig.Bind(PtConfigSource.FromEnvironment(Env(Ver, "1", Ct, "obfs4", "TOR_PT_PROXY", "socks5://[::1]:1080")));
        Assert.True(binding.Succeeded, binding.Error.ToString());
        Assert.Equal("socks5://[::1]:1080", binding.Config!.Proxy!.ToString());
    }

    [Fact]
    public void Server_ok()
    {
        var binding = PtServerConfig.Bind(PtConfigSource.FromEnvironment(Env(Ver, "1", St, "obfs4", Bind, "obfs4-127.0.0.1:0", Or, "127.0.0.1:9001")));
        Assert.True(binding.Succeeded, binding.Error.ToString());
        var listener = Assert.Single(binding.Config!.Listeners);
        Assert.Equal("obfs4", listener.Transport);
        Assert.Equal("127.0.0.1:0", listener.Endpoint.ToString());
        Assert.Equal("127.0.0.1:9001", binding.Config.Destination.ToString());
        Assert.Empty(binding.Config.TransportOptions);
    }

    [Fact]
    public void Server_without_bind_addresses_is_accepted_as_PT_1_0_allows_where_goptlib_refuses()
    {
        var binding = PtServerConfig.Bind(PtConfigSource.FromEnvironment(Env(Ver, "1", St, "obfs4", Or, "127.0.0.1:9001")));
        Assert.True(binding.Succeeded, binding.Error.ToString());
        Assert.Empty(binding.Config!.Listeners);
    }

    [Theory]
    [InlineData("obfs4", "ENV-ERROR TOR_PT_SERVER_BINDADDR: \"obfs4\": doesn't contain \"-\"")]
    [InlineData("obfs4-localhost:80", "ENV-ERROR TOR_PT_SERVER_BINDADDR: \"obfs4-localhost:80\": not an IP string: \"localhost\"")]
    [InlineData("obfs4-127.0.0.1:1,obfs4-127.0.0.1:2", "ENV-ERROR TOR_PT_SERVER_BINDADDR: \"obfs4-127.0.0.1:2\": duplicate method name \"obfs4\"")]
    public void Server_bind_address_errors_have_goptlibs_words(string value, string line) =>
        Assert.Equal(new[] { "VERSION 1", line }, Server(Ver, "1", St, "obfs4", Bind, value, Or, "127.0.0.1:9001"));

    [Fact]
    public void Server_bind_port_out_of_range_says_what_a_port_is()
    {
        var lines = Server(Ver, "1", St, "obfs4", Bind, "obfs4-127.0.0.1:70000", Or, "127.0.0.1:9001");
        Assert.Equal("VERSION 1", lines[0]);
        Assert.StartsWith("ENV-ERROR TOR_PT_SERVER_BINDADDR: \"obfs4-127.0.0.1:70000\": ", lines[1]);
        Assert.Contains("70000", lines[1][45..]);
    }

    [Fact]
    public void Server_unbracketed_IPv6_bind_address_is_read_as_goptlib_reads_it()
    {
        var binding = PtServerConfig.Bind(PtConfigSource.FromEnvironment(Env(Ver, "1", St, "obfs4", Bind, "obfs4-::1:4443", Or, "127.0.0.1:9001")));
        Assert.True(binding.Succeeded, binding.Error.ToString());
        Assert.Equal("[::1]:4443", binding.Config!.Listeners[0].Endpoint.ToString());
    }

    [Fact]
    public void Server_without_ORPort_or_Extended_ORPort() =>
        Assert.Equal(new[] { "VERSION 1", "ENV-ERROR need TOR_PT_ORPORT or TOR_PT_EXTENDED_SERVER_PORT environment variable" },
            Server(Ver, "1", St, "obfs4", Bind, "obfs4-127.0.0.1:0"));

    [Fact]
    public void Server_with_Extended_ORPort_and_no_cookie() =>
        Assert.Equal(new[] { "VERSION 1", "ENV-ERROR need TOR_PT_AUTH_COOKIE_FILE environment variable with TOR_PT_EXTENDED_SERVER_PORT" },
            Server(Ver, "1", St, "obfs4", Bind, "obfs4-127.0.0.1:0", "TOR_PT_EXTENDED_SERVER_PORT", "127.0.0.1:4200"));

    [Fact]
    public void Server_ORPort_host_name() =>
        Assert.Equal(new[] { "VERSION 1", "ENV-ERROR TOR_PT_ORPORT: \"localhost:9001\": not an IP string: \"localhost\"" },
            Server(Ver, "1", St, "obfs4", Bind, "obfs4-127.0.0.1:0", Or, "localhost:9001"));

    [Fact]
    public void Server_options_without_a_colon() =>
        Assert.Equal(new[] { "VERSION 1", "ENV-ERROR TOR_PT_SERVER_TRANSPORT_OPTIONS: \"key=value\": no colon in \"key\"" },
            Server(Ver, "1", St, "obfs4", Bind, "obfs4-127.0.0.1:0", Or, "127.0.0.1:9001", "TOR_PT_SERVER_TRANSPORT_OPTIONS", "key=value"));

    [Fact]
    public void Server_comma_separated_options_are_refused_where_goptlib_swallows_betas_option()
    {
        var lines = Server(Ver, "1", St, "alpha,beta", Bind, "alpha-127.0.0.1:0,beta-127.0.0.1:0", Or, "127.0.0.1:9001",
            "TOR_PT_SERVER_TRANSPORT_OPTIONS", "alpha:k1=v1,beta:k2=v2");
        Assert.Equal("VERSION 1", lines[0]);
        Assert.StartsWith("ENV-ERROR TOR_PT_SERVER_TRANSPORT_OPTIONS: \"alpha:k1=v1,beta:k2=v2\": ", lines[1]);
    }

    [Fact]
    public void Server_drops_bind_addresses_of_transports_not_asked_for()
    {
        var binding = PtServerConfig.Bind(PtConfigSource.FromEnvironment(Env(Ver, "1", St, "beta", Bind, "alpha-127.0.0.1:0", Or, "127.0.0.1:9001")));
        Assert.True(binding.Succeeded, binding.Error.ToString());
        Assert.Empty(binding.Config!.Listeners);
    }
}
