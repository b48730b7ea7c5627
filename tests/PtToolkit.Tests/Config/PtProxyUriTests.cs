using System;
using PtToolkit.Config;
using PtToolkit.Text;
using Xunit;

namespace PtToolkit.Tests.Config;

/// <summary>TOR_PT_PROXY: the documents' examples, goptlib's record and unit cases, credentials rules.</summary>
public class PtProxyUriTests
{
    private static PtProxy Accept(string value)
    {
        Assert.True(PtProxyUri.TryParse(value, out var proxy, out var error), error.ToString());
        return proxy!;
    }

    private static PtConfigError Refuse(string value)
    {
        Assert.False(PtProxyUri.TryParse(value, out var proxy, out var error));
        Assert.Null(proxy);
        Assert.Equal(PtConfigErrorKind.Proxy, error.Kind);
        Assert.StartsWith("PROXY-ERROR TOR_PT_PROXY: ", error.FormatLine());
        return error;
    }

    [Fact]
    public void The_documents_examples_parse()
    {
        Assert.Equal(new PtProxy(PtProxyScheme.Socks5, PtEndpoint.IPv4("198.51.100.1", 8000), "tor", "test1234"), Accept("socks5://tor:test1234@198.51.100.1:8000"));
        Assert.Equal(new PtProxy(PtProxyScheme.Socks4a, PtEndpoint.IPv4("198.51.100.2", 8001)), Accept("socks4a://198.51.100.2:8001"));
        Assert.Equal(new PtProxy(PtProxyScheme.Http, PtEndpoint.IPv4("198.51.100.3", 443)), Accept("http://198.51.100.3:443"));
    }

    [Fact]
    public void Goptlib_record_bracketed_IPv6_is_accepted()
    {
        Assert.Equal(new PtProxy(PtProxyScheme.Socks5, new PtEndpoint("::1", PtHostKind.IPv6, 1080)), Accept("socks5://[::1]:1080"));
    }

    [Fact]
    public void Goptlib_record_unknown_schemes_are_refused_naming_the_scheme()
    {
        // goptlib: "address x: missing port in address" for foo://x, and foo://x:1 accepted (the caller must refuse it).
        Assert.Equal("PROXY-ERROR TOR_PT_PROXY: unsupported proxy type \"foo\" (supported: socks4a, socks5, http)", Refuse("foo://x").FormatLine());
        Assert.Equal("unsupported proxy type \"foo\" (supported: socks4a, socks5, http)", Refuse("foo://x:1").Message);
    }

    [Theory]
    [InlineData("bogus", "missing \"://\" after the proxy type")]
    [InlineData("http:", "missing \"://\" after the proxy type")]
    [InlineData("://127.0.0.1", "missing proxy type before \"://\"")]
    [InlineData("//127.0.0.1", "missing \"://\" after the proxy type")]
    [InlineData("http:127.0.0.1", "missing \"://\" after the proxy type")]
    [InlineData("://[::1]", "missing proxy type before \"://\"")]
    [InlineData("//[::1]", "missing \"://\" after the proxy type")]
    [InlineData("http:[::1]", "missing \"://\" after the proxy type")]
    [InlineData("://localhost", "missing proxy type before \"://\"")]
    [InlineData("//localhost", "missing \"://\" after the proxy type")]
    [InlineData("http:localhost", "missing \"://\" after the proxy type")]
    [InlineData("http://127.0.0.1", "missing port in address")]
    [InlineData("socks4a://127.0.0.1", "missing port in address")]
    [InlineData("socks5://127.0.0.1", "missing port in address")]
    [InlineData("http://127.0.0.1:", "missing port in address")]
    [InlineData("http://[::1]", "missing port in address")]
    [InlineData("http://localhost", "missing port in address")]
    [InlineData("unknown://localhost/whatever", "unsupported proxy type \"unknown\" (supported: socks4a, socks5, http)")]
    [InlineData("http://:8080", "missing host in address")]
    [InlineData("socks4a://:1080", "missing host in address")]
    [InlineData("socks5://:1080", "missing host in address")]
    public void Goptlib_unit_bad_cases_are_refused(string value, string message) => Assert.Equal(message, Refuse(value).Message);

    [Theory]
    [InlineData("http://127.0.0.1:8080", "http://127.0.0.1:8080")]
    [InlineData("http://127.0.0.1:8080/", "http://127.0.0.1:8080")]
    [InlineData("http://[::1]:8080", "http://[::1]:8080")]
    [InlineData("http://[::1]:8080/", "http://[::1]:8080")]
    public void Goptlib_unit_good_cases_with_IP_hosts_are_accepted(string value, string formatted) =>
        Assert.Equal(formatted, PtProxyUri.Format(Accept(value)));

    [Theory]
    [InlineData("http://127.0.0.1:8080/path", "unexpected \"/path\" after the port (a proxy URI has no path, query or fragment)")]
    [InlineData("http://[::1]:8080/path", "unexpected \"/path\" after the port (a proxy URI has no path, query or fragment)")]
    [InlineData("http://localhost:8080", "not an IP string: \"localhost\" (the proxy must be given as an IP address; a host name is refused so that no lookup happens outside the proxy)")]
    [InlineData("http://user@localhost:8080", "not an IP string: \"localhost\" (the proxy must be given as an IP address; a host name is refused so that no lookup happens outside the proxy)")]
    [InlineData("socks5://localhost:1080", "not an IP string: \"localhost\" (the proxy must be given as an IP address; a host name is refused so that no lookup happens outside the proxy)")]
    [InlineData("unknown://localhost:9999/whatever", "unsupported proxy type \"unknown\" (supported: socks4a, socks5, http)")]
    public void Goptlib_unit_good_cases_that_are_deliberately_refused(string value, string message) => Assert.Equal(message, Refuse(value).Message);

    [Theory]
    [InlineData("http://user@127.0.0.1:1", "user", null)]
    [InlineData("http://user:password@127.0.0.1:1", "user", "password")]
    [InlineData("http://user:@127.0.0.1:1", "user", "")]
    [InlineData("socks4a://id@127.0.0.1:1", "id", null)]
    [InlineData("socks5://a%40b:p%3Aw%25d@127.0.0.1:1", "a@b", "p:w%d")]
    [InlineData("socks5://u:p@ss@127.0.0.1:1", "u", "p@ss")]
    [InlineData("socks5://%C3%A9:x@127.0.0.1:1", "é", "x")]
    [InlineData("SOCKS5://u:p@127.0.0.1:1", "u", "p")]
    public void Credentials_are_decoded(string value, string user, string? password)
    {
        var proxy = Accept(value);
        Assert.Equal(user, proxy.User);
        Assert.Equal(password, proxy.Password);
    }

    [Theory]
    [InlineData("socks4a://id:pw@127.0.0.1:1", "a socks4a proxy takes a user id but no password")]
    [InlineData("socks5://user@127.0.0.1:1", "a socks5 user name needs a password (RFC 1929)")]
    [InlineData("socks5://user:@127.0.0.1:1", "the socks5 password is 0 bytes; RFC 1929 allows 1 to 255")]
    [InlineData("http://@127.0.0.1:1", "empty user name before \"@\"")]
    [InlineData("http://:pw@127.0.0.1:1", "empty user name before \"@\"")]
    [InlineData("http://u%4@127.0.0.1:1", "bad percent-encoding in the user name (\"%\" must be followed by two hex digits)")]
    [InlineData("http://u%ff@127.0.0.1:1", "the user name is not UTF-8 after percent-decoding")]
    [InlineData("http://u v@127.0.0.1:1", "the user name holds a character that must be percent-encoded")]
    [InlineData("socks5://127.0.0.1:0", "port 0 is not allowed here")]
    [InlineData("socks5://127.0.0.1:65536", "invalid port \"65536\": not a decimal number from 0 to 65535")]
    [InlineData("socks5://::1:1080", "IPv6 address \"::1\" must be written in brackets: [::1]:port")]
    [InlineData("socks4://127.0.0.1:1", "unsupported proxy type \"socks4\" (supported: socks4a, socks5, http)")]
    [InlineData("http://127.0.0.1:1?x", "unexpected \"?x\" after the port (a proxy URI has no path, query or fragment)")]
    public void Credentials_and_addresses_that_do_not_fit_are_refused(string value, string message) => Assert.Equal(message, Refuse(value).Message);

    [Fact]
    public void A_socks5_user_name_of_256_bytes_is_refused_and_the_message_does_not_echo_it()
    {
        string user = new('u', 256);
        var error = Refuse($"socks5://{user}:pw@127.0.0.1:1");
        Assert.Equal("the socks5 user name is 256 bytes; RFC 1929 allows 1 to 255", error.Message);
        Assert.True(PtProxyUri.TryParse($"socks5://{user[..255]}:pw@127.0.0.1:1", out _, out _));
    }

    [Fact]
    public void Messages_never_repeat_the_password()
    {
        Assert.DoesNotContain("s3cret", Refuse("socks5://u:s3cret@localhost:1").FormatLine());
        Assert.DoesNotContain("s3cret", Refuse("socks5://u:s3cret@1.2.3.4:1/x").FormatLine());
        Assert.Equal("socks5://***@1.2.3.4:1", Accept("socks5://u:s3cret@1.2.3.4:1").ToString());
    }

    [Fact]
    public void Format_writes_what_tor_writes_for_plain_credentials_and_encodes_the_rest()
    {
        Assert.Equal("socks5://tor:test1234@198.51.100.1:8000", PtProxyUri.Format(new PtProxy(PtProxyScheme.Socks5, PtEndpoint.IPv4("198.51.100.1", 8000), "tor", "test1234")));
        Assert.Equal("http://a%40b:p%3Aw%25d%20x@[::1]:3128", PtProxyUri.Format(new PtProxy(PtProxyScheme.Http, new PtEndpoint("::1", PtHostKind.IPv6, 3128), "a@b", "p:w%d x")));
        Assert.Throws<ArgumentException>(() => PtProxyUri.Format(new PtProxy(PtProxyScheme.Socks4a, PtEndpoint.IPv4("1.2.3.4", 1), "u", "p")));
        Assert.Throws<ArgumentException>(() => PtProxyUri.Format(new PtProxy(PtProxyScheme.Http, new PtEndpoint("example.com", PtHostKind.Name, 1))));
        Assert.Throws<ArgumentException>(() => PtProxyUri.Format(new PtProxy(PtProxyScheme.Http, PtEndpoint.IPv4("1.2.3.4", 0))));
    }
}
