using System.Collections.Generic;
using System.Linq;
using PtToolkit.Config;
using Xunit;
using static PtToolkit.Config.PtConfig;

namespace PtToolkit.Tests.Config;

/// <summary>
/// The cases of goptlib's own unit tests (pt_test.go: TestGetManagedTransportVer, TestGetClientTransports,
/// TestGetServerBindaddrs) through the generated binders: the same accept/reject decision, except the one
/// deliberate difference (options joined with ","), which is refused here. TOR_PT_PROXY's cases
/// (proxy_test.go) are in PtProxyUriTests.
/// </summary>
public class GoptlibUnitCaseTests
{
    private static PtBinding<PtClientConfig> Client(string? version, string? transports)
    {
        var environment = new Dictionary<string, string>();
        if (version is not null) environment["TOR_PT_MANAGED_TRANSPORT_VER"] = version;
        if (transports is not null) environment["TOR_PT_CLIENT_TRANSPORTS"] = transports;
        return PtClientConfig.Bind(PtConfigSource.FromEnvironment(environment));
    }

    private static PtBinding<PtServerConfig> Server(string bindaddr, string transports, string options)
    {
        var environment = new Dictionary<string, string>
        {
            ["TOR_PT_MANAGED_TRANSPORT_VER"] = "1",
            ["TOR_PT_ORPORT"] = "127.0.0.1:9001",
            ["TOR_PT_SERVER_BINDADDR"] = bindaddr,
            ["TOR_PT_SERVER_TRANSPORTS"] = transports,
            ["TOR_PT_SERVER_TRANSPORT_OPTIONS"] = options,
        };
        return PtServerConfig.Bind(PtConfigSource.FromEnvironment(environment));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2")]
    public void Bad_version_lists_are_refused(string? version) => Assert.False(Client(version, "alpha").Succeeded);

    [Theory]
    [InlineData("1")]
    [InlineData("1,1")]
    [InlineData("1,2")]
    [InlineData("2,1")]
    public void Version_1_is_chosen(string version) => Assert.Equal("1", Client(version, "alpha").Version);

    [Theory]
    [InlineData("alpha", new[] { "alpha" })]
    [InlineData("alpha,beta", new[] { "alpha", "beta" })]
    [InlineData("alpha,beta,gamma", new[] { "alpha", "beta", "gamma" })]
    [InlineData("*", new[] { "*" })]
    [InlineData("alpha,*,gamma", new[] { "alpha", "*", "gamma" })]
    [InlineData("alpha\\,beta", new[] { "alpha\\", "beta" })]
    public void Client_transport_lists_are_read_as_goptlib_reads_them(string value, string[] expected) =>
        Assert.Equal(expected, Client("1", value).Config!.TransportNames);

    [Fact]
    public void A_client_without_transports_is_refused() => Assert.False(Client("1", null).Succeeded);

    [Theory]
    [InlineData("alpha", "alpha", "")]
    [InlineData("alpha-1.2.3.4", "alpha", "")]
    [InlineData("alpha-1.2.3.4:1111", "", "alpha:key=value")]
    [InlineData("alpha-1.2.3.4:1111", "alpha", "key=value")]
    [InlineData("alpha\\,beta-1.2.3.4:1111", "alpha\\,beta", "")]
    [InlineData("alpha-0.0.0.0:1234,alpha-[::]:1234", "alpha", "")]
    [InlineData("alpha-0.0.0.0:1234,alpha-0.0.0.0:1234", "alpha", "")]
    public void Bad_server_environments_are_refused(string bindaddr, string transports, string options)
    {
        var binding = Server(bindaddr, transports, options);
        Assert.False(binding.Succeeded);
        Assert.Equal(PtConfigErrorKind.Env, binding.Error.Kind);
    }

    [Theory]
    [InlineData("alpha-1.2.3.4:1111", "xxx", "", new string[0])]
    [InlineData("alpha-1.2.3.4:1111", "alpha,beta,gamma", "", new[] { "alpha-1.2.3.4:1111" })]
    [InlineData("trebuchet-127.0.0.1:1984,ballista-127.0.0.1:4891", "trebuchet,ballista", "trebuchet:secret=nou;trebuchet:cache=/tmp/cache;ballista:secret=yes",
        new[] { "trebuchet-127.0.0.1:1984", "ballista-127.0.0.1:4891" })]
    [InlineData("alpha-1.2.3.4:1111,beta-[1:2::3:4]:2222", "*", "", new string[0])]
    [InlineData("alpha-1.2.3.4:1111,beta-[1:2::3:4]:2222", "alpha,beta,gamma", "", new[] { "alpha-1.2.3.4:1111", "beta-[1:2::3:4]:2222" })]
    public void Good_server_environments_give_goptlibs_bind_addresses(string bindaddr, string transports, string options, string[] expected)
    {
        var binding = Server(bindaddr, transports, options);
        Assert.True(binding.Succeeded, binding.Error.ToString());
        Assert.Equal(expected, binding.Config!.Listeners.Select(l => l.Transport + "-" + l.Endpoint));
    }

    [Fact]
    public void Trebuchet_options_are_kept_per_transport_in_order()
    {
        var options = Server("trebuchet-127.0.0.1:1984,ballista-127.0.0.1:4891", "trebuchet,ballista",
            "trebuchet:secret=nou;trebuchet:cache=/tmp/cache;ballista:secret=yes").Config!.TransportOptions;
        Assert.Equal(new PtToolkit.Text.PtKeyValueList(("secret", "nou"), ("cache", "/tmp/cache")), options["trebuchet"]);
        Assert.Equal(new PtToolkit.Text.PtKeyValueList(("secret", "yes")), options["ballista"]);
    }

    [Fact]
    public void Options_joined_with_commas_are_refused_where_goptlibs_test_accepts_them()
    {
        var binding = Server("alpha-1.2.3.4:1111,beta-[1:2::3:4]:2222", "alpha,beta,gamma", "alpha:k1=v1,beta:k2=v2,gamma:k3=v3");
        Assert.False(binding.Succeeded);
        Assert.Contains("entries are separated by \";\", not \",\"", binding.Error.Message);
    }
}
