using System;
using System.Net;
using PtToolkit.Config;
using PtToolkit.Socks;
using PtToolkit.Text;
using PtToolkit.Upstream;
using Xunit;

namespace PtToolkit.Tests.Upstream;

/// <summary>
/// <see cref="PtUpstream.Check"/>, which decides PROXY DONE or PROXY-ERROR, and the proxy credentials of
/// <see cref="PtSocksClientOptions"/>: what each protocol can carry, refused without repeating a credential.
/// </summary>
public sealed class UpstreamCheckTests
{
    private const string Secret = "Secr3t";

    private static PtProxy Proxy(PtProxyScheme scheme, string? user, string? password, string host = "127.0.0.1", ushort port = 1080) =>
        new(scheme, new PtEndpoint(host, host.Contains(':') ? PtHostKind.IPv6 : PtHostKind.IPv4, port), user, password);

    [Theory]
    [InlineData(PtProxyScheme.Socks4a, null, null)]
    [InlineData(PtProxyScheme.Socks4a, "id", null)]
    [InlineData(PtProxyScheme.Socks5, null, null)]
    [InlineData(PtProxyScheme.Socks5, "u", Secret)]
    [InlineData(PtProxyScheme.Http, null, null)]
    [InlineData(PtProxyScheme.Http, "u", null)]
    [InlineData(PtProxyScheme.Http, "u", Secret + ":with:colons")]
    [InlineData(PtProxyScheme.Http, "zoë", "mot de passe")]
    public void Every_scheme_with_the_credentials_it_carries_is_usable(PtProxyScheme scheme, string? user, string? password)
    {
        Assert.Null(PtUpstream.Check(Proxy(scheme, user, password)));
    }

    [Fact]
    public void An_IPv6_proxy_is_usable()
    {
        Assert.Null(PtUpstream.Check(Proxy(PtProxyScheme.Http, null, null, "::1")));
    }

    [Theory]
    [InlineData(PtProxyScheme.Socks4a, "id", Secret, "a socks4a proxy takes a user id but no password")]
    [InlineData(PtProxyScheme.Socks4a, "i\0d", null, "a socks4a proxy user id cannot hold a NUL character")]
    [InlineData(PtProxyScheme.Socks5, "u", null, "a socks5 proxy user name needs a password (RFC 1929)")]
    [InlineData(PtProxyScheme.Socks5, null, Secret, "a socks5 proxy password needs a user name")]
    [InlineData(PtProxyScheme.Socks5, "", Secret, "the socks5 proxy user name and password must be 1 to 255 bytes each (RFC 1929)")]
    [InlineData(PtProxyScheme.Http, "a:b", Secret, "an http proxy user name cannot hold \":\" (RFC 7617 §2)")]
    [InlineData(PtProxyScheme.Http, "u", "line\r\nbreak", "the http proxy credentials cannot hold control characters (RFC 7617 §2)")]
    [InlineData(PtProxyScheme.Http, "u\u007f", null, "the http proxy credentials cannot hold control characters (RFC 7617 §2)")]
    public void Credentials_a_protocol_cannot_carry_are_refused(PtProxyScheme scheme, string? user, string? password, string problem)
    {
        Assert.Equal(problem, PtUpstream.Check(Proxy(scheme, user, password)));
    }

    [Fact]
    public void A_lone_surrogate_is_refused()
    {
        Assert.Equal("the http proxy credentials are not valid Unicode text", PtUpstream.Check(Proxy(PtProxyScheme.Http, "u", "x" + (char)0xD800)));
    }

    [Theory]
    [InlineData(PtProxyScheme.Socks4a, 256, 0)]
    [InlineData(PtProxyScheme.Socks5, 256, 1)]
    [InlineData(PtProxyScheme.Socks5, 1, 256)]
    [InlineData(PtProxyScheme.Http, 200, 56)]
    public void Credentials_over_the_bounds_are_refused_without_being_repeated(PtProxyScheme scheme, int user, int password)
    {
        string? pass = password == 0 ? null : new string('p', password);
        string? problem = PtUpstream.Check(Proxy(scheme, new string('u', user), pass));

        Assert.NotNull(problem);
        Assert.DoesNotContain("uu", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("pp", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_host_name_or_port_0_is_refused()
    {
        Assert.Equal("the http proxy must be given as an IP address", PtUpstream.Check(new PtProxy(PtProxyScheme.Http, new PtEndpoint("proxy.example", PtHostKind.Name, 80))));
        Assert.Equal("the socks5 proxy port must not be 0", PtUpstream.Check(Proxy(PtProxyScheme.Socks5, null, null, port: 0)));
        Assert.Equal("unknown upstream proxy type", PtUpstream.Check(Proxy((PtProxyScheme)9, null, null)));
    }

    [Fact]
    public async System.Threading.Tasks.Task A_handshake_with_an_unusable_proxy_throws_without_the_secret()
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() =>
            PtUpstream.HandshakeAsync(System.IO.Stream.Null, Proxy(PtProxyScheme.Socks5, "u" + Secret, null), new IPEndPoint(IPAddress.Loopback, 1), TimeSpan.FromSeconds(1)).AsTask());

        Assert.DoesNotContain(Secret, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async System.Threading.Tasks.Task SOCKS_5_credentials_exclude_per_connection_arguments_and_must_fit_RFC_1929()
    {
        var target = new IPEndPoint(IPAddress.Loopback, 1);
        var withCredentials = new PtSocksClientOptions { UserName = "u", Password = Secret };

        await Assert.ThrowsAsync<ArgumentException>(() => PtSocksClient.HandshakeAsync(System.IO.Stream.Null, target, [new("k", "v")], withCredentials).AsTask());
        foreach (var options in new[]
        {
            new PtSocksClientOptions { UserName = "u" },
            new PtSocksClientOptions { Password = Secret },
            new PtSocksClientOptions { UserName = "", Password = Secret },
            new PtSocksClientOptions { UserName = "u", Password = new string('s', 256) },
            new PtSocksClientOptions { UserName = "u", Password = Secret, Version = PtSocksVersion.Socks4 },
        })
        {
            var e = await Assert.ThrowsAsync<ArgumentException>(() => PtSocksClient.HandshakeAsync(System.IO.Stream.Null, target, null, options).AsTask());
            Assert.DoesNotContain(Secret, e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async System.Threading.Tasks.Task SOCKS_5_credentials_go_in_one_RFC_1929_message_after_a_greeting_offering_X02_alone()
    {
        var stream = new Socks.ScriptedStream([5, 2, 1, 0, 5, 0, 0, 1, 0, 0, 0, 0, 0, 0]);

        var error = await PtSocksClient.HandshakeAsync(stream, new IPEndPoint(IPAddress.Loopback, 443), null, new PtSocksClientOptions { UserName = "ü", Password = Secret });

        Assert.False(error.IsError, error.ToString());
        Assert.Equal([5, 1, 2, 1, 2, 0xC3, 0xBC, 6, .. "Secr3t"u8, 5, 1, 0, 1, 127, 0, 0, 1, 1, 187], stream.Written);
    }
}
