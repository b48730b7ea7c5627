using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using PtToolkit.Config;
using PtToolkit.Text;
using Xunit;
using static PtToolkit.Config.PtConfig;

namespace PtToolkit.Tests.Config;

/// <summary>One configuration from variables, from flags and from code; the documents' examples; the flag syntax.</summary>
public class ConfigDoorsTests
{
    private static readonly Dictionary<string, string> ServerEnvironment = new()
    {
        ["TOR_PT_MANAGED_TRANSPORT_VER"] = "1,1a,2.2,this_is_a_valid_version",
        ["TOR_PT_STATE_LOCATION"] = "/var/lib/tor/pt_state/",
        ["TOR_PT_EXIT_ON_STDIN_CLOSE"] = "1",
        ["TOR_PT_SERVER_TRANSPORTS"] = "obfs3,scramblesuit",
        ["TOR_PT_SERVER_TRANSPORT_OPTIONS"] = "scramblesuit:key=banana;automata:rule=110;automata:depth=3",
        ["TOR_PT_SERVER_BINDADDR"] = "obfs3-198.51.100.1:1984,scramblesuit-127.0.0.1:4891",
        ["TOR_PT_ORPORT"] = "127.0.0.1:9001",
        ["TOR_PT_EXTENDED_SERVER_PORT"] = "127.0.0.1:4200",
        ["TOR_PT_AUTH_COOKIE_FILE"] = "/var/lib/tor/extended_orport_auth_cookie",
    };

    private static readonly string[] ServerFlags =
    {
        "-ptversion", "1,1a,2.2,this_is_a_valid_version", "-state", "/var/lib/tor/pt_state/", "-exit-on-stdin-close",
        "-transports", "obfs3,scramblesuit", "-bindaddr", "obfs3-198.51.100.1:1984,scramblesuit-127.0.0.1:4891",
        "-orport", "127.0.0.1:9001", "-extorport", "127.0.0.1:4200", "-authcookie", "/var/lib/tor/extended_orport_auth_cookie",
        "-options", "scramblesuit:key=banana;automata:rule=110;automata:depth=3",
    };

    private static readonly PtServerConfig ServerInCode = new()
    {
        Versions = new[] { "1", "1a", "2.2", "this_is_a_valid_version" },
        StateLocation = "/var/lib/tor/pt_state/",
        ExitOnStdinClose = true,
        ServerTransports = new[] { "obfs3", "scramblesuit" },
        Options = new Dictionary<string, PtKeyValueList>
        {
            ["scramblesuit"] = new(("key", "banana")),
            ["automata"] = new(("rule", "110"), ("depth", "3")),
        },
        BindAddresses = new[]
        {
            new PtBindAddress("obfs3", PtEndpoint.IPv4("198.51.100.1", 1984)),
            new PtBindAddress("scramblesuit", PtEndpoint.IPv4("127.0.0.1", 4891)),
        },
        OrPort = PtEndpoint.IPv4("127.0.0.1", 9001),
        ExtendedServerPort = PtEndpoint.IPv4("127.0.0.1", 4200),
        AuthCookieFile = "/var/lib/tor/extended_orport_auth_cookie",
    };

    [Fact]
    public void Variables_flags_and_code_give_one_server_configuration()
    {
        var fromEnvironment = PtServerConfig.Bind(PtConfigSource.FromEnvironment(ServerEnvironment));
        var fromFlags = PtServerConfig.Bind(PtConfigSource.FromArguments(ServerFlags));
        Assert.True(fromEnvironment.Succeeded, fromEnvironment.Error.ToString());
        Assert.True(fromFlags.Succeeded, fromFlags.Error.ToString());
        Assert.Equal(ServerInCode, fromEnvironment.Config);
        Assert.Equal(ServerInCode, fromFlags.Config);
        Assert.False(ServerInCode.Validate().IsError);
        Assert.Equal("1", fromEnvironment.Version);
    }

    [Fact]
    public void Code_formats_what_tor_writes_for_the_environment()
    {
        var launch = ServerInCode.ToLaunch(PtLaunchStyle.Environment);
        Assert.Empty(launch.Arguments);
        Assert.Equal(ServerEnvironment.OrderBy(p => p.Key), launch.Environment.OrderBy(p => p.Key));
        Assert.Equal(ServerFlags, ServerInCode.ToLaunch(PtLaunchStyle.Flags).Arguments);
    }

    [Fact]
    public void The_client_examples_of_the_documents_bind()
    {
        var binding = PtClientConfig.Bind(PtConfigSource.FromEnvironment(new Dictionary<string, string>
        {
            ["TOR_PT_MANAGED_TRANSPORT_VER"] = "1",
            ["TOR_PT_CLIENT_TRANSPORTS"] = "obfs2,obfs3,obfs4",
            ["TOR_PT_PROXY"] = "socks5://tor:test1234@198.51.100.1:8000",
            ["TOR_PT_OUTBOUND_BIND_ADDRESS_V4"] = "203.0.113.4",
            ["TOR_PT_OUTBOUND_BIND_ADDRESS_V6"] = "[2001:db8::4]",
        }));
        Assert.True(binding.Succeeded, binding.Error.ToString());
        var c = binding.Config!;
        Assert.Equal(new[] { "obfs2", "obfs3", "obfs4" }, c.TransportNames);
        Assert.Equal(new PtProxy(PtProxyScheme.Socks5, PtEndpoint.IPv4("198.51.100.1", 8000), "tor", "test1234"), c.Proxy);
        Assert.Equal(IPAddress.Parse("203.0.113.4"), c.OutboundBindAddressV4);
        Assert.Equal(IPAddress.Parse("2001:db8::4"), c.OutboundBindAddressV6);
        Assert.Equal("[2001:db8::4]", c.ToLaunch(PtLaunchStyle.Environment).Environment["TOR_PT_OUTBOUND_BIND_ADDRESS_V6"]);
    }

    [Fact]
    public void The_dispatcher_examples_of_pt_2_2_bind()
    {
        var client = PtClientConfig.Bind(PtConfigSource.FromArguments(new[]
        {
            "-ptversion", "2.2", "-client", "-transport", "shadow", "-proxylistenhost", "127.0.0.1", "-proxylistenport", "5555",
            "-ipcLogLevel", "DEBUG", "-mode", "transparent-TCP", "-proxy", "http://198.51.100.3:443",
        }, new[] { "2.2", "1" }));
        Assert.True(client.Succeeded, client.Error.ToString());
        Assert.Equal("2.2", client.Version);
        Assert.Equal(new[] { "shadow" }, client.Config!.TransportNames);
        Assert.Equal("127.0.0.1:5555", client.Config.ListenEndpoint.ToString());
        Assert.Equal(IpcLogLevel.Debug, client.Config.IpcLogLevel);
        Assert.Equal(ProxyMode.TransparentTcp, client.Config.Mode);

        var server = PtServerConfig.Bind(PtConfigSource.FromArguments(new[]
        {
            "-ptversion", "2.2", "-server", "-transport", "shadow", "-bindhost", "127.0.0.1", "-bindport", "4891",
            "-targethost", "93.184.216.34", "-targetport", "9001",
        }, new[] { "2.2" }));
        Assert.True(server.Succeeded, server.Error.ToString());
        Assert.Equal("shadow-127.0.0.1:4891", server.Config!.Listeners.Single().ToString().Replace("PtBindAddress { Transport = ", "").Replace(", Endpoint = ", "-").TrimEnd(' ', '}'));
        Assert.Equal("93.184.216.34:9001", server.Config.Destination.ToString());

        foreach (var target in new[] { "93.184.216.34:9001", "[2001:0db8:85a3:0000:0000:8a2e:0370:7334]:1122", "example.com:9922" })
        {
            var bound = PtServerConfig.Bind(PtConfigSource.FromArguments(new[] { "-ptversion", "2.2", "-transports", "obfs4", "-target", target }, new[] { "2.2" }));
            Assert.True(bound.Succeeded, bound.Error.ToString());
            Assert.Equal(target, bound.Config!.Destination.ToString());
        }
    }

    [Theory]
    [InlineData(new[] { "-ptversion", "1", "-transports", "a", "-proxy" }, "ENV-ERROR flag needs an argument: -proxy")]
    [InlineData(new[] { "-ptversion", "1", "-transports", "a", "-frobnicate", "x" }, "ENV-ERROR flag provided but not defined: \"-frobnicate\"")]
    [InlineData(new[] { "-ptversion", "1", "-transports", "a", "-transports", "b" }, "ENV-ERROR -transports is given more than once")]
    [InlineData(new[] { "-ptversion", "1", "-transport", "a", "-transports", "b" }, "ENV-ERROR -transport and -transports must not both be given")]
    [InlineData(new[] { "-ptversion", "1", "-transports", "a", "-exit-on-stdin-close=maybe" }, "ENV-ERROR invalid boolean value \"maybe\" for -exit-on-stdin-close")]
    [InlineData(new[] { "-ptversion", "1", "-transports", "a", "-ipcLogLevel", "LOUD" }, "ENV-ERROR -ipcLogLevel: \"LOUD\": must be one of NONE, ERROR, WARN, INFO, DEBUG")]
    [InlineData(new[] { "-ptversion", "1", "-transports", "a", "-proxylistenhost", "127.0.0.1" }, "ENV-ERROR need -proxylistenport flag with -proxylistenhost")]
    [InlineData(new[] { "-ptversion", "1", "-transports", "a", "-proxylistenaddr", "127.0.0.1:1", "-proxylistenport", "2" }, "ENV-ERROR -proxylistenaddr and -proxylistenport must not both be given")]
    [InlineData(new[] { "-ptversion", "1", "-transports", "a", "-server" }, "ENV-ERROR -server: a client configuration was asked for, and -server is given")]
    [InlineData(new[] { "-ptversion", "1", "---x" }, "ENV-ERROR bad flag syntax: \"---x\"")]
    [InlineData(new[] { "-transports", "a" }, "ENV-ERROR no -ptversion flag")]
    [InlineData(new[] { "-ptversion", "1" }, "ENV-ERROR need -transports or -transport flag")]
    public void Flag_errors_name_the_flag(string[] arguments, string line)
    {
        var binding = PtClientConfig.Bind(PtConfigSource.FromArguments(arguments));
        Assert.False(binding.Succeeded);
        Assert.Equal(line, binding.Error.FormatLine());
        Assert.Equal(64, binding.ExitCode);
    }

    [Fact]
    public void Flags_read_as_go_reads_them()
    {
        var binding = PtClientConfig.Bind(PtConfigSource.FromArguments(new[] { "--ptversion=1", "-transports=obfs4", "-exit-on-stdin-close=false", "--", "-not-a-flag" }));
        Assert.True(binding.Succeeded, binding.Error.ToString());
        Assert.False(binding.Config!.ExitOnStdinClose);
        Assert.Equal(new[] { "obfs4" }, binding.Config.TransportNames);
        Assert.True(PtClientConfig.Bind(PtConfigSource.FromArguments(new[] { "-ptversion", "1", "-transports", "a", "positional", "-x" })).Succeeded);
    }

    [Fact]
    public void A_binder_skips_the_flags_of_another_binder_of_the_same_arguments()
    {
        // A transport's own flags (as obfs4proxy's) among the PT 2.x dispatcher flags, in one command line.
        string[] arguments = ["-enableLogging", "-ptversion", "2.2", "-logLevel", "INFO", "-transports", "obfs4", "-logFile=/tmp/pt.log", "-exit-on-stdin-close"];
        PtParameterInfo[] transportFlags =
        [
            new("EnableLogging", "switch", "", "-enableLogging", "common", "", "", ""),
            new("LogLevel", "LogLevel", "", "-logLevel", "common", "", "", ""),
            new("LogFile", "path", "", "-logFile", "common", "", "", ""),
        ];

        var refused = PtClientConfig.Bind(PtConfigSource.FromArguments(arguments, ["2.2"]));
        Assert.Equal("ENV-ERROR flag provided but not defined: \"-enableLogging\"", refused.Error.FormatLine());

        var bound = PtClientConfig.Bind(PtConfigSource.FromArguments(arguments, ["2.2"]) with { OtherFlags = transportFlags });
        Assert.True(bound.Succeeded, bound.Error.ToString());
        Assert.Equal("2.2", bound.Version);
        // INFO went with -logLevel: read as a positional it would have ended the flags before -transports.
        Assert.Equal(["obfs4"], bound.Config!.ClientTransports!);
        Assert.True(bound.Config.ExitOnStdinClose);

        var notTheirs = PtClientConfig.Bind(PtConfigSource.FromArguments([.. arguments, "-verbose"], ["2.2"]) with { OtherFlags = transportFlags });
        Assert.Equal("ENV-ERROR flag provided but not defined: \"-verbose\"", notTheirs.Error.FormatLine());
        var ownFirst = PtClientConfig.Bind(PtConfigSource.FromArguments(["-ptversion", "2.2", "-transports", "obfs4", "-proxy", "bad"], ["2.2"]) with { OtherFlags = PtConfig.Parameters });
        Assert.Equal(PtConfigErrorKind.Proxy, ownFirst.Error.Kind);
    }

    [Fact]
    public void A_variable_and_its_flag_together_are_refused()
    {
        var source = new PtConfigSource(new Dictionary<string, string> { ["TOR_PT_MANAGED_TRANSPORT_VER"] = "1", ["TOR_PT_CLIENT_TRANSPORTS"] = "a" },
            new[] { "-transports", "b" }, PtConfigSource.DefaultVersions);
        Assert.Equal("ENV-ERROR TOR_PT_CLIENT_TRANSPORTS and -transports must not both be given", PtClientConfig.Bind(source).Error.FormatLine());
    }

    [Fact]
    public void Only_1_enables_exit_on_stdin_close()
    {
        foreach (var (value, expected) in new[] { ("1", true), ("0", false), ("true", false), ("", false) })
        {
            var binding = PtClientConfig.Bind(PtConfigSource.FromEnvironment(new Dictionary<string, string>
            {
                ["TOR_PT_MANAGED_TRANSPORT_VER"] = "1", ["TOR_PT_CLIENT_TRANSPORTS"] = "a", ["TOR_PT_EXIT_ON_STDIN_CLOSE"] = value,
            }));
            Assert.Equal(expected, binding.Config!.ExitOnStdinClose);
        }
    }

    [Fact]
    public void The_options_file_is_read_at_bind_time_within_its_limit()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "{\"shadow\": {\"password\": \"password\", \"cipherName\": \"AES-128-GCM\"}}\n");
            var binding = PtServerConfig.Bind(PtConfigSource.FromArguments(new[] { "-ptversion", "2.2", "-transports", "shadow", "-orport", "127.0.0.1:1", "-optionsFile", path }, new[] { "2.2" }));
            Assert.True(binding.Succeeded, binding.Error.ToString());
            Assert.Equal(new PtKeyValueList(("password", "password"), ("cipherName", "AES-128-GCM")), binding.Config!.TransportOptions["shadow"]);
            Assert.Null(binding.Config.Options);

            File.WriteAllText(path, "shadow:password");
            var bad = PtServerConfig.Bind(PtConfigSource.FromArguments(new[] { "-ptversion", "2.2", "-transports", "shadow", "-orport", "127.0.0.1:1", "-optionsFile", path }, new[] { "2.2" }));
            Assert.Equal("ENV-ERROR -optionsFile: \"shadow:password\": no equals sign in \"shadow:password\"", bad.Error.FormatLine());

            var both = PtServerConfig.Bind(PtConfigSource.FromArguments(new[] { "-ptversion", "2.2", "-transports", "shadow", "-orport", "127.0.0.1:1", "-options", "a:b=c", "-optionsFile", path }, new[] { "2.2" }));
            Assert.Equal("ENV-ERROR -options and -optionsFile must not both be given", both.Error.FormatLine());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Parameters_describe_the_spec()
    {
        Assert.Equal(27, PtConfig.Parameters.Count);
        var orport = PtConfig.Parameters.Single(p => p.Name == "OrPort");
        Assert.Equal(("TOR_PT_ORPORT", "-orport", "server", "orport"), (orport.Variable, orport.Flag, orport.Side, orport.Type));
        Assert.Equal("required unless ExtendedServerPort Target TargetHost; conflicts Target TargetHost", orport.Rules);
    }
}
