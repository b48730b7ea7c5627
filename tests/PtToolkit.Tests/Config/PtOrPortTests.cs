using System;
using PtToolkit.Config;
using PtToolkit.Text;
using Xunit;

namespace PtToolkit.Tests.Config;

/// <summary>TOR_PT_ORPORT, TOR_PT_EXTENDED_SERVER_PORT, the 2.2 target, and TOR_PT_AUTH_COOKIE_FILE.</summary>
public class PtOrPortTests
{
    [Theory]
    [InlineData("127.0.0.1:9001", false, "127.0.0.1", PtHostKind.IPv4, 9001)]
    [InlineData("127.0.0.1:4200", false, "127.0.0.1", PtHostKind.IPv4, 4200)]
    [InlineData("93.184.216.34:9001", true, "93.184.216.34", PtHostKind.IPv4, 9001)]
    [InlineData("[2001:0db8:85a3:0000:0000:8a2e:0370:7334]:1122", true, "2001:0db8:85a3:0000:0000:8a2e:0370:7334", PtHostKind.IPv6, 1122)]
    [InlineData("example.com:9922", true, "example.com", PtHostKind.Name, 9922)]
    public void The_documents_examples_parse(string value, bool allowName, string host, PtHostKind kind, int port)
    {
        Assert.True(PtOrPort.TryParse(value, allowName, out var endpoint, out var error), error.ToString());
        Assert.Equal(new PtEndpoint(host, kind, (ushort)port), endpoint);
        Assert.Equal(value, PtOrPort.Format(endpoint, allowName));
    }

    [Fact]
    public void An_empty_value_is_none()
    {
        Assert.True(PtOrPort.TryParse("", false, out var endpoint, out var error));
        Assert.Null(endpoint);
        Assert.False(error.IsError);
        Assert.Equal("", PtOrPort.Format(null));
    }

    [Fact]
    public void Goptlib_record_host_name_ORPort_is_refused()
    {
        // goptlib: ENV-ERROR cannot resolve TOR_PT_ORPORT "localhost:9001": not an IP string: "localhost"
        Assert.False(PtOrPort.TryParse("localhost:9001", false, out _, out var error));
        Assert.Equal("ENV-ERROR TOR_PT_ORPORT: \"localhost:9001\": not an IP string: \"localhost\"", error.FormatLine());
    }

    [Fact]
    public void Goptlib_resolveAddr_empty_address_is_refused_in_a_bind_entry_and_means_none_for_the_ORPort()
    {
        Assert.False(PtBindAddresses.TryParse("t-", null, out _, out var error));
        Assert.Equal("\"t-\": empty address", error.Message);
        Assert.True(PtOrPort.TryParse("", false, out var endpoint, out _));
        Assert.Null(endpoint);
    }

    [Theory]
    [InlineData("1.2.3.4")]
    [InlineData("1.2.3.4:")]
    [InlineData("9999")]
    [InlineData(":9999")]
    [InlineData("[1:2::3:4]")]
    [InlineData("[1:2::3:4]:")]
    [InlineData("[1::2::3:4]")]
    [InlineData("1:2::3:4::9999")]
    [InlineData("1:2:3:4::9999")]
    [InlineData("localhost:9999")]
    [InlineData("[localhost]:9999")]
    [InlineData("1.2.3.4:http")]
    [InlineData("1.2.3.4:0x50")]
    [InlineData("1.2.3.4:-65456")]
    [InlineData("1.2.3.4:65536")]
    [InlineData("1.2.3.4:80\0")]
    [InlineData("1.2.3.4:80 ")]
    [InlineData(" 1.2.3.4:80")]
    [InlineData("1.2.3.4 : 80")]
    public void Goptlib_resolveAddr_bad_cases_are_refused(string value)
    {
        Assert.False(PtOrPort.TryParse(value, false, out var endpoint, out var error));
        Assert.Null(endpoint);
        Assert.Equal(PtConfigErrorKind.Env, error.Kind);
    }

    [Theory]
    [InlineData("1.2.3.4:9999", "1.2.3.4:9999")]
    [InlineData("[1:2::3:4]:9999", "[1:2::3:4]:9999")]
    [InlineData("1:2::3:4:9999", "[1:2::3:4]:9999")]
    public void Goptlib_resolveAddr_good_cases_are_accepted_in_bind_addresses(string address, string formatted)
    {
        Assert.True(PtBindAddresses.TryParse("t-" + address, null, out var list, out var error), error.ToString());
        Assert.Equal(formatted, Assert.Single(list).Endpoint.ToString());
    }

    [Fact]
    public void Unbracketed_IPv6_and_port_0_are_refused_for_the_ORPort()
    {
        Assert.False(PtOrPort.TryParse("1:2::3:4:9999", false, out _, out var error));
        Assert.Equal("\"1:2::3:4:9999\": IPv6 address \"1:2::3:4\" must be written in brackets: [1:2::3:4]:port", error.Message);
        Assert.False(PtOrPort.TryParse("127.0.0.1:0", false, out _, out error, PtOrPort.ExtendedVariable));
        Assert.Equal("ENV-ERROR TOR_PT_EXTENDED_SERVER_PORT: \"127.0.0.1:0\": port 0 is not allowed here", error.FormatLine());
        Assert.Throws<ArgumentException>(() => PtOrPort.Format(new PtEndpoint("example.com", PtHostKind.Name, 1)));
    }

    [Fact]
    public void Auth_cookie_file_is_a_non_empty_path()
    {
        Assert.True(PtAuthCookieFile.TryParse("/var/lib/tor/extended_orport_auth_cookie", out var path, out _));
        Assert.Equal("/var/lib/tor/extended_orport_auth_cookie", path);
        Assert.Equal(path, PtAuthCookieFile.Format(path));
        Assert.False(PtAuthCookieFile.TryParse("", out _, out var error));
        Assert.Equal("ENV-ERROR TOR_PT_AUTH_COOKIE_FILE: empty path", error.FormatLine());
        Assert.False(PtAuthCookieFile.TryParse("a\0b", out _, out error));
        Assert.Equal(1, error.Offset);
        Assert.Throws<ArgumentException>(() => PtAuthCookieFile.Format(""));
    }
}
