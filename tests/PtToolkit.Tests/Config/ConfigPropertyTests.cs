using System.Collections.Generic;
using System.Linq;
using FsCheck.Xunit;
using PtToolkit.Config;
using PtToolkit.Text;
using Xunit;

namespace PtToolkit.Tests.Config;

/// <summary>Format then parse gives the value back; arbitrary text never throws and errors are single lines.</summary>
public class ConfigPropertyTests
{
    private static void AssertOneLine(PtConfigError error)
    {
        Assert.True(error.IsError);
        Assert.DoesNotContain('\n', error.FormatLine());
        Assert.DoesNotContain('\r', error.FormatLine());
        Assert.DoesNotContain('\0', error.FormatLine());
    }

    [Property(Arbitrary = new[] { typeof(ConfigArbitraries) }, MaxTest = 500)]
    public void Version_lists_round_trip(NameList list)
    {
        Assert.True(PtVersionList.TryParse(PtVersionList.Format(list.Names), out var versions, out var error), error.ToString());
        Assert.Equal(list.Names, versions);
        Assert.True(PtVersionList.TrySelect(PtVersionList.Format(list.Names), new[] { list.Names[^1] }, out var chosen, out _));
        Assert.Equal(list.Names[^1], chosen);
    }

    [Property(Arbitrary = new[] { typeof(ConfigArbitraries) }, MaxTest = 500)]
    public void Transport_lists_round_trip(NameList list)
    {
        Assert.True(PtTransportList.TryParse(PtTransportList.Format(list.Names), out var names, out var error), error.ToString());
        Assert.Equal(list.Names, names);
    }

    [Property(Arbitrary = new[] { typeof(ConfigArbitraries) }, MaxTest = 500)]
    public void Bind_addresses_round_trip_and_filter(BindList list)
    {
        string text = PtBindAddresses.Format(list.Addresses);
        Assert.True(PtBindAddresses.TryParse(text, null, out var all, out var error), text + " " + error);
        Assert.Equal(list.Addresses, all);
        var asked = list.Addresses.Where((_, i) => i % 2 == 0).Select(a => a.Transport).ToArray();
        Assert.True(PtBindAddresses.TryParse(text, asked, out var some, out _));
        Assert.Equal(list.Addresses.Where((_, i) => i % 2 == 0), some);
    }

    [Property(Arbitrary = new[] { typeof(ConfigArbitraries) }, MaxTest = 1000)]
    public void Proxies_round_trip(ProxyCase c)
    {
        string text = PtProxyUri.Format(c.Proxy);
        Assert.True(PtProxyUri.TryParse(text, out var proxy, out var error), text + " " + error);
        Assert.Equal(c.Proxy, proxy);
    }

    [Property(Arbitrary = new[] { typeof(ConfigArbitraries) }, MaxTest = 1000)]
    public void Legacy_options_round_trip(OptionsCase c)
    {
        string text = PtServerTransportOptions.Format(c.Options);
        Assert.True(PtServerTransportOptions.TryParseLegacy(text, out var options, out var error), text + " " + error);
        Assert.Equal(c.Options.Select(o => o.Key), options.Keys);
        foreach (var (transport, list) in c.Options) Assert.Equal(list, options[transport]);
    }

    [Property(Arbitrary = new[] { typeof(ConfigArbitraries) }, MaxTest = 1000)]
    public void Json_options_round_trip(OptionsCase c)
    {
        if (!c.DistinctKeys) return;
        string text = PtServerTransportOptions.FormatJson(c.Options);
        Assert.True(PtServerTransportOptions.TryParse(text, out var options, out var error), text + " " + error);
        Assert.Equal(c.Options.Select(o => o.Key), options.Keys);
        foreach (var (transport, list) in c.Options) Assert.Equal(list, options[transport]);
    }

    [Property(Arbitrary = new[] { typeof(ConfigArbitraries) }, MaxTest = 3000)]
    public void Arbitrary_text_never_throws_and_errors_are_one_line(ConfigText t)
    {
        string s = t.Value;
        var results = new List<(bool Ok, PtConfigError Error)>
        {
            (PtVersionList.TryParse(s, out _, out var e1), e1),
            (PtVersionList.TrySelect(s, new[] { "2.2", "1" }, out _, out var e2), e2),
            (PtTransportList.TryParse(s, out _, out var e3), e3),
            (PtBindAddresses.TryParse(s, new[] { "a" }, out _, out var e4), e4),
            (PtProxyUri.TryParse(s, out _, out var e5), e5),
            (PtServerTransportOptions.TryParse(s, out _, out var e6), e6),
            (PtServerTransportOptions.TryParseLegacy(s, out _, out var e7), e7),
            (PtServerTransportOptions.TryParseJson(s, out _, out var e8), e8),
            (PtOrPort.TryParse(s, false, out _, out var e9), e9),
            (PtOrPort.TryParse(s, true, out _, out var e10), e10),
            (PtAuthCookieFile.TryParse(s, out _, out var e11), e11),
        };
        foreach (var (ok, error) in results)
        {
            if (ok) Assert.False(error.IsError);
            else AssertOneLine(error);
        }
    }

    [Property(Arbitrary = new[] { typeof(ConfigArbitraries) }, MaxTest = 500)]
    public void Accepted_endpoints_format_back_to_an_equal_value(ConfigText t)
    {
        if (!PtOrPort.TryParse(t.Value, true, out var endpoint, out _) || endpoint is null) return;
        Assert.True(PtOrPort.TryParse(PtOrPort.Format(endpoint, allowName: true), true, out var again, out _));
        Assert.Equal(endpoint, again);
    }
}
