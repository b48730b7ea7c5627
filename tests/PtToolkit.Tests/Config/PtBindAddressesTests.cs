using System;
using System.Linq;
using PtToolkit.Config;
using PtToolkit.Text;
using Xunit;

namespace PtToolkit.Tests.Config;

/// <summary>TOR_PT_SERVER_BINDADDR: the 2.2 example, goptlib's record and unit cases, formatting.</summary>
public class PtBindAddressesTests
{
    private static string Show(string value, string[]? asked = null)
    {
        Assert.True(PtBindAddresses.TryParse(value, asked, out var list, out var error), error.ToString());
        return string.Join(",", list.Select(a => a.ToString()));
    }

    private static PtConfigError Refuse(string value, string[]? asked = null)
    {
        Assert.False(PtBindAddresses.TryParse(value, asked, out _, out var error));
        Assert.Equal(PtConfigErrorKind.Env, error.Kind);
        return error;
    }

    [Fact]
    public void The_22_example_parses()
    {
        Assert.True(PtBindAddresses.TryParse("obfs4-198.51.100.1:1984,shadow-127.0.0.1:4891", null, out var list, out _));
        Assert.Equal(new[] { new PtBindAddress("obfs4", PtEndpoint.IPv4("198.51.100.1", 1984)), new PtBindAddress("shadow", PtEndpoint.IPv4("127.0.0.1", 4891)) }, list);
    }

    [Theory]
    [InlineData("obfs4", "ENV-ERROR TOR_PT_SERVER_BINDADDR: \"obfs4\": doesn't contain \"-\"")]
    [InlineData("obfs4-localhost:80", "ENV-ERROR TOR_PT_SERVER_BINDADDR: \"obfs4-localhost:80\": not an IP string: \"localhost\"")]
    [InlineData("obfs4-127.0.0.1:70000", "ENV-ERROR TOR_PT_SERVER_BINDADDR: \"obfs4-127.0.0.1:70000\": invalid port \"70000\": not a decimal number from 0 to 65535")]
    [InlineData("obfs4-127.0.0.1:1,obfs4-127.0.0.1:2", "ENV-ERROR TOR_PT_SERVER_BINDADDR: \"obfs4-127.0.0.1:2\": duplicate method name \"obfs4\"")]
    public void Goptlib_record_refusals_have_goptlib_precision(string value, string line)
    {
        // goptlib's lines, same words; only the port message differs (goptlib: strconv.ParseUint: ... value out of range).
        Assert.Equal(line, Refuse(value).FormatLine());
    }

    [Fact]
    public void Goptlib_record_unbracketed_IPv6_is_accepted_as_goptlib_does()
    {
        Assert.True(PtBindAddresses.TryParse("obfs4-::1:4443", new[] { "obfs4" }, out var list, out _));
        Assert.Equal(new PtEndpoint("::1", PtHostKind.IPv6, 4443), Assert.Single(list).Endpoint);
        Assert.Equal("obfs4-[::1]:4443", Show("obfs4-::1:4443"));
    }

    [Fact]
    public void Goptlib_record_entries_for_transports_not_asked_for_are_dropped()
    {
        Assert.Equal("", Show("obfs4-127.0.0.1:0", new[] { "meek" }));
        Assert.Equal("obfs4-127.0.0.1:0", Show("obfs4-127.0.0.1:0", new[] { "obfs4" }));
    }

    [Theory]
    [InlineData("alpha-1.2.3.4:1111,beta-[1:2::3:4]:2222", new[] { "alpha", "beta", "gamma" }, "alpha-1.2.3.4:1111,beta-[1:2::3:4]:2222")]
    [InlineData("alpha-1.2.3.4:1111", new[] { "xxx" }, "")]
    [InlineData("alpha-1.2.3.4:1111", new[] { "alpha", "beta", "gamma" }, "alpha-1.2.3.4:1111")]
    [InlineData("trebuchet-127.0.0.1:1984,ballista-127.0.0.1:4891", new[] { "trebuchet", "ballista" }, "trebuchet-127.0.0.1:1984,ballista-127.0.0.1:4891")]
    [InlineData("alpha-1.2.3.4:1111,beta-[1:2::3:4]:2222", new[] { "*" }, "")]
    public void Goptlib_unit_good_cases(string value, string[] asked, string expected) => Assert.Equal(expected, Show(value, asked));

    [Theory]
    [InlineData("alpha", "doesn't contain \"-\"")]
    [InlineData("alpha-1.2.3.4", "missing port in address")]
    [InlineData(@"alpha\,beta-1.2.3.4:1111", "doesn't contain \"-\"")]
    [InlineData("alpha-0.0.0.0:1234,alpha-[::]:1234", "duplicate method name \"alpha\"")]
    [InlineData("alpha-0.0.0.0:1234,alpha-0.0.0.0:1234", "duplicate method name \"alpha\"")]
    public void Goptlib_unit_bad_cases(string value, string detail) => Assert.EndsWith(detail, Refuse(value, new[] { "alpha" }).Message);

    [Theory]
    [InlineData("", 0, "empty list of bind addresses")]
    [InlineData("a-1.2.3.4:1,", 12, "\"\": empty entry")]
    [InlineData("-1.2.3.4:1", 0, "\"-1.2.3.4:1\": empty transport name")]
    [InlineData("a-[::1]", 7, "\"a-[::1]\": missing port in address")]
    [InlineData("a-[::1]x:1", 7, "\"a-[::1]x:1\": expected \":\" after \"]\"")]
    [InlineData("a-[1.2.3.4]:1", 3, "\"a-[1.2.3.4]:1\": not an IPv6 address: \"1.2.3.4\"")]
    [InlineData("a-1:2::3:4::9999", 2, "\"a-1:2::3:4::9999\": not an IP string: \"1:2::3:4:\"")]
    [InlineData("a b-1.2.3.4:1", 1, "\"a b-1.2.3.4:1\": transport name \"a b\" holds ' '")]
    public void Other_refusals_name_the_place(string value, int offset, string message)
    {
        var error = Refuse(value);
        Assert.Equal(offset, error.Offset);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Format_writes_brackets_and_refuses_names_and_duplicates()
    {
        var list = new[] { new PtBindAddress("obfs4", new PtEndpoint("::1", PtHostKind.IPv6, 0)), new PtBindAddress("meek", PtEndpoint.IPv4("127.0.0.1", 80)) };
        Assert.Equal("obfs4-[::1]:0,meek-127.0.0.1:80", PtBindAddresses.Format(list));
        Assert.Throws<ArgumentException>(() => PtBindAddresses.Format(new[] { list[0], list[0] }));
        Assert.Throws<ArgumentException>(() => PtBindAddresses.Format(new[] { new PtBindAddress("a", new PtEndpoint("example.com", PtHostKind.Name, 1)) }));
        Assert.Throws<ArgumentException>(() => PtBindAddresses.Format(new[] { new PtBindAddress("a-b", PtEndpoint.IPv4("1.2.3.4", 1)) }));
    }
}
