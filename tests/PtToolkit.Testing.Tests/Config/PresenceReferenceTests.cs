using System;
using System.Collections.Generic;
using System.Linq;
using PtToolkit.Config;
using PtToolkit.Testing.Config;
using Xunit;

namespace PtToolkit.Testing.Tests.Config;

/// <summary>The presence reference and the rules reader on hand-written configurations of spec/pt-config.spec.</summary>
public class PresenceReferenceTests
{
    private static readonly IReadOnlyList<PtParameterInfo> Server = PtConfig.Parameters.Where(p => p.Side is "common" or "server").ToArray();

    private static PtPresenceDecision Decide(Dictionary<string, string> environment, params string[] arguments) =>
        PtPresenceReference.Decide(Server, new PtConfigCase("test", "", environment, arguments.Length == 0 ? null : arguments, Array.Empty<string>()));

    private static Dictionary<string, string> Env(params string[] pairs) => pairs.Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);

    [Fact]
    public void Every_rules_text_of_the_config_spec_reads_back_as_written()
    {
        foreach (var p in PtConfig.Parameters) Assert.Equal(p.Rules, PtParameterRules.Parse(p.Rules).ToString());
        Assert.Throws<FormatException>(() => PtParameterRules.Parse("required if Foo"));
    }

    [Fact]
    public void Rules_about_parameters_a_config_lacks_are_left_out()
    {
        var rules = PtParameterRules.Parse("required unless A B; conflicts C; requires A").Within(new[] { "B" });
        Assert.Equal("required unless B", rules.ToString());
        Assert.Equal("required", PtParameterRules.Parse("required unless A").Within(Array.Empty<string>()).ToString());
    }

    [Fact]
    public void Decisions_follow_the_spec_order_and_rules()
    {
        Assert.Equal("required", Decide(Env()).Reason);
        Assert.Equal("Versions", Decide(Env()).Parameter!.Name);
        Assert.Equal("required unless Transport", Decide(Env("TOR_PT_MANAGED_TRANSPORT_VER=1")).Reason);
        Assert.True(Decide(Env("TOR_PT_MANAGED_TRANSPORT_VER=1", "TOR_PT_SERVER_TRANSPORTS=obfs4", "TOR_PT_ORPORT=127.0.0.1:9")).Accepted);
        // An empty ORPort is none (spec header), so the ORPort rule is broken.
        Assert.Equal("OrPort", Decide(Env("TOR_PT_MANAGED_TRANSPORT_VER=1", "TOR_PT_SERVER_TRANSPORTS=obfs4", "TOR_PT_ORPORT=")).Parameter!.Name);
        Assert.Equal("both doors", Decide(Env("TOR_PT_MANAGED_TRANSPORT_VER=1"), "-ptversion", "1").Reason);
        Assert.Equal("requires AuthCookieFile", Decide(Env("TOR_PT_MANAGED_TRANSPORT_VER=1", "TOR_PT_SERVER_TRANSPORTS=obfs4", "TOR_PT_EXTENDED_SERVER_PORT=127.0.0.1:9")).Reason);
        Assert.Equal("conflicts Target TargetHost", Decide(Env("TOR_PT_MANAGED_TRANSPORT_VER=1", "TOR_PT_SERVER_TRANSPORTS=obfs4", "TOR_PT_ORPORT=127.0.0.1:9"), "-target", "a.example:1").Reason);
        var unknown = Decide(Env("TOR_PT_MANAGED_TRANSPORT_VER=1"), "-proxy=socks5://127.0.0.1:1");
        Assert.Null(unknown.Parameter);
        Assert.False(unknown.Accepted);
        Assert.True(Decide(Env("TOR_PT_MANAGED_TRANSPORT_VER=1", "TOR_PT_SERVER_TRANSPORTS=obfs4", "TOR_PT_ORPORT=127.0.0.1:9"), "--", "-anything").Accepted);
        Assert.Equal("flag needs a value: -bindport", Decide(Env("TOR_PT_MANAGED_TRANSPORT_VER=1"), "-bindport").Reason);
    }
}
