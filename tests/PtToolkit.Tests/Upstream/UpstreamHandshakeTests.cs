using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using PtToolkit.Config;
using PtToolkit.Socks;
using PtToolkit.Tests.Hosting;
using PtToolkit.Tests.Socks;
using PtToolkit.Upstream;
using Xunit;

namespace PtToolkit.Tests.Upstream;

/// <summary><see cref="PtUpstream.HandshakeAsync"/> over loopback TCP against the proxies of <see cref="RelayingProxy"/> and <see cref="ScriptedProxy"/>.</summary>
public sealed class UpstreamHandshakeTests
{
    private static readonly TimeSpan Patient = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData(PtProxyScheme.Socks4a, null, null)]
    [InlineData(PtProxyScheme.Socks4a, "alice", null)]
    [InlineData(PtProxyScheme.Socks5, null, null)]
    [InlineData(PtProxyScheme.Socks5, "alice", "s3cret")]
    [InlineData(PtProxyScheme.Http, null, null)]
    [InlineData(PtProxyScheme.Http, "alice", "s3cret")]
    [InlineData(PtProxyScheme.Http, "alice", null)]
    [InlineData(PtProxyScheme.Http, "zoë", "pässwörd with spaces")]
    public async Task Bytes_flow_both_ways_and_those_sent_with_the_reply_come_first(PtProxyScheme scheme, string? user, string? password)
    {
        await using var target = new GreetingEchoServer();
        await using var proxy = new RelayingProxy(scheme, user, password, GreetingEchoServer.Greeting.Length);

        var result = await HandshakeAsync(proxy.As(user, password), target.Endpoint);

        Assert.True(result.IsSuccess, result.Error.ToString());
        await using var stream = result.Stream!;
        byte[] greeting = new byte[GreetingEchoServer.Greeting.Length];
        await stream.ReadExactlyAsync(greeting).AsTask().WaitAsync(InProcessHost.Timeout);
        Assert.Equal(GreetingEchoServer.Greeting, greeting);
        await HostPair.AssertEchoesAsync(stream, 100_000);
        Assert.Equal([target.Endpoint.ToString()], proxy.Targets);
    }

    [Theory]
    [InlineData(PtProxyScheme.Socks4a)]
    [InlineData(PtProxyScheme.Socks5)]
    [InlineData(PtProxyScheme.Http)]
    public async Task A_name_is_sent_for_the_proxy_to_resolve(PtProxyScheme scheme)
    {
        await using var target = new GreetingEchoServer();
        await using var proxy = new RelayingProxy(scheme, firstBytes: 0);

        var result = await HandshakeAsync(proxy.As(), new DnsEndPoint("localhost", target.Endpoint.Port));

        Assert.True(result.IsSuccess, result.Error.ToString());
        await result.Stream!.DisposeAsync();
        Assert.Equal([$"localhost:{target.Endpoint.Port}"], proxy.Targets);
    }

    [Fact]
    public async Task The_HTTP_request_is_a_CONNECT_with_Host_and_Basic_credentials()
    {
        await using var target = new GreetingEchoServer();
        await using var proxy = new RelayingProxy(PtProxyScheme.Http, "alice", "s3cret");

        var result = await HandshakeAsync(proxy.As("alice", "s3cret"), target.Endpoint);
        await result.Stream!.DisposeAsync();

        string authority = target.Endpoint.ToString();
        Assert.Equal([$"CONNECT {authority} HTTP/1.1\r\nHost: {authority}\r\nProxy-Authorization: Basic YWxpY2U6czNjcmV0\r\n\r\n"], proxy.Requests);
    }

    [Fact]
    public async Task An_IPv6_target_is_written_in_brackets_for_HTTP()
    {
        var stream = new ScriptedStream("HTTP/1.1 200 OK\r\n\r\n"u8.ToArray());

        var result = await PtUpstream.HandshakeAsync(stream, Proxy(PtProxyScheme.Http), new IPEndPoint(IPAddress.IPv6Loopback, 443), Patient);

        Assert.True(result.IsSuccess);
        Assert.Equal("CONNECT [::1]:443 HTTP/1.1\r\nHost: [::1]:443\r\n\r\n", Encoding.ASCII.GetString(stream.Written));
    }

    [Theory]
    [InlineData(PtProxyScheme.Socks4a, "mallory", null, PtUpstreamErrorReason.Refused, 1, 93, PtSocksReply.NotAllowed)]
    [InlineData(PtProxyScheme.Socks5, "alice", "wrong", PtUpstreamErrorReason.AuthenticationRejected, 3, 0, PtSocksReply.NotAllowed)]
    [InlineData(PtProxyScheme.Socks5, null, null, PtUpstreamErrorReason.NoAcceptableMethod, 1, 0, PtSocksReply.NotAllowed)]
    [InlineData(PtProxyScheme.Http, "alice", "wrong", PtUpstreamErrorReason.Refused, 9, 407, PtSocksReply.NotAllowed)]
    [InlineData(PtProxyScheme.Http, null, null, PtUpstreamErrorReason.Refused, 9, 407, PtSocksReply.NotAllowed)]
    public async Task Wrong_or_missing_credentials_are_refused_and_nothing_is_connected(PtProxyScheme scheme, string? user, string? password,
        PtUpstreamErrorReason reason, long offset, int code, PtSocksReply reply)
    {
        await using var target = new GreetingEchoServer();
        await using var proxy = new RelayingProxy(scheme, "alice", scheme == PtProxyScheme.Socks4a ? null : "s3cret");

        var result = await HandshakeAsync(proxy.As(user, password), target.Endpoint);

        Assert.Equal(new PtUpstreamError(scheme, reason, offset, code), result.Error);
        Assert.Equal(reply, result.Error.Reply);
        Assert.Empty(proxy.Targets);
        Assert.DoesNotContain("wrong", result.Error.ToString(), StringComparison.Ordinal);
    }

    public static TheoryData<PtProxyScheme, byte[], PtUpstreamErrorReason, long, int, PtSocksReply> Refusals => new()
    {
        { PtProxyScheme.Socks5, [5, 0, 5, 5, 0, 1, 0, 0, 0, 0, 0, 0], PtUpstreamErrorReason.Refused, 3, 5, PtSocksReply.ConnectionRefused },
        { PtProxyScheme.Socks5, [5, 0, 5, 2], PtUpstreamErrorReason.Refused, 3, 2, PtSocksReply.NotAllowed },
        { PtProxyScheme.Socks5, [5, 0, 5, 0x42], PtUpstreamErrorReason.Refused, 3, 0x42, PtSocksReply.GeneralFailure },
        { PtProxyScheme.Socks4a, [0, 91, 0, 0, 0, 0, 0, 0], PtUpstreamErrorReason.Refused, 1, 91, PtSocksReply.GeneralFailure },
        { PtProxyScheme.Socks4a, [0, 92, 0, 0, 0, 0, 0, 0], PtUpstreamErrorReason.Refused, 1, 92, PtSocksReply.NotAllowed },
        { PtProxyScheme.Http, "HTTP/1.1 403 Forbidden\r\n\r\n"u8.ToArray(), PtUpstreamErrorReason.Refused, 9, 403, PtSocksReply.NotAllowed },
        { PtProxyScheme.Http, "HTTP/1.0 502 Bad Gateway\r\n"u8.ToArray(), PtUpstreamErrorReason.Refused, 9, 502, PtSocksReply.HostUnreachable },
        { PtProxyScheme.Http, "HTTP/1.1 503\r\n\r\n"u8.ToArray(), PtUpstreamErrorReason.Refused, 9, 503, PtSocksReply.HostUnreachable },
        { PtProxyScheme.Http, "HTTP/1.1 504 Gateway Timeout\r\n\r\n"u8.ToArray(), PtUpstreamErrorReason.Refused, 9, 504, PtSocksReply.TtlExpired },
        { PtProxyScheme.Http, "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n\r\n"u8.ToArray(), PtUpstreamErrorReason.Refused, 9, 100, PtSocksReply.GeneralFailure },
        { PtProxyScheme.Http, "HTTP/1.1 302 Found\r\nLocation: /\r\n\r\n"u8.ToArray(), PtUpstreamErrorReason.Refused, 9, 302, PtSocksReply.GeneralFailure },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_refusal_keeps_the_proxys_code_and_maps_it_to_a_SOCKS_reply(PtProxyScheme scheme, byte[] reply, PtUpstreamErrorReason reason,
        long offset, int code, PtSocksReply expected)
    {
        await using var proxy = new ScriptedProxy(reply);

        var result = await HandshakeAsync(proxy.As(scheme), new IPEndPoint(IPAddress.Loopback, 9));

        Assert.Equal(new PtUpstreamError(scheme, reason, offset, code), result.Error);
        Assert.Equal(expected, result.Error.Reply);
    }

    public static TheoryData<PtProxyScheme, byte[], PtUpstreamErrorReason, long> Malformed => new()
    {
        { PtProxyScheme.Http, "SSH-2.0-OpenSSH_9.6\r\n"u8.ToArray(), PtUpstreamErrorReason.BadReply, 0 },
        { PtProxyScheme.Http, "HTTP/1.1 2OO OK\r\n\r\n"u8.ToArray(), PtUpstreamErrorReason.BadReply, 10 },
        { PtProxyScheme.Http, "HTTP/1.1  200 OK\r\n\r\n"u8.ToArray(), PtUpstreamErrorReason.BadReply, 9 },
        { PtProxyScheme.Http, "HTTP/1.1 200OK\r\n\r\n"u8.ToArray(), PtUpstreamErrorReason.BadReply, 12 },
        { PtProxyScheme.Http, "HTTP/2.0 200 OK\r\n\r\n"u8.ToArray(), PtUpstreamErrorReason.BadVersion, 5 },
        { PtProxyScheme.Http, "HTTP/1.1 200 OK\n\n"u8.ToArray(), PtUpstreamErrorReason.BadReply, 15 },
        { PtProxyScheme.Http, "HTTP/1.1 200 OK\r\nVia: x\n\r\n"u8.ToArray(), PtUpstreamErrorReason.BadReply, 23 },
        { PtProxyScheme.Http, "HTTP/1.1 200 O\u0001K\r\n\r\n"u8.ToArray(), PtUpstreamErrorReason.BadReply, 14 },
        { PtProxyScheme.Http, "HTTP/1.1 200 OK\r\nVia: x\r\n"u8.ToArray(), PtUpstreamErrorReason.Closed, 25 },
        { PtProxyScheme.Http, Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nX-Pad: " + new string('a', 20_000) + "\r\n\r\n"), PtUpstreamErrorReason.HeadersTooLong, PtUpstream.MaxHttpHeaderBytes },
        { PtProxyScheme.Http, [], PtUpstreamErrorReason.Closed, 0 },
        { PtProxyScheme.Socks4a, [4, 90, 0, 0, 0, 0, 0, 0], PtUpstreamErrorReason.BadVersion, 0 },
        { PtProxyScheme.Socks4a, [0, 42, 0, 0, 0, 0, 0, 0], PtUpstreamErrorReason.BadReply, 1 },
        { PtProxyScheme.Socks4a, [0, 90, 0], PtUpstreamErrorReason.Closed, 3 },
        { PtProxyScheme.Socks5, [4, 0], PtUpstreamErrorReason.BadVersion, 0 },
        { PtProxyScheme.Socks5, [5, 2], PtUpstreamErrorReason.BadReply, 1 },
        { PtProxyScheme.Socks5, [5, 0, 5, 0, 0, 9, 0], PtUpstreamErrorReason.BadReply, 5 },
        { PtProxyScheme.Socks5, [5, 0, 5, 0, 0, 1, 127], PtUpstreamErrorReason.Closed, 7 },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task A_malformed_reply_is_an_error_with_its_offset(PtProxyScheme scheme, byte[] reply, PtUpstreamErrorReason reason, long offset)
    {
        await using var proxy = new ScriptedProxy(reply);

        var result = await HandshakeAsync(proxy.As(scheme), new IPEndPoint(IPAddress.Loopback, 9));

        Assert.Equal((reason, offset), (result.Error.Reason, result.Error.Offset));
        Assert.Equal(PtSocksReply.GeneralFailure, result.Error.Reply);
    }

    [Theory]
    [InlineData(PtProxyScheme.Socks4a, "")]
    [InlineData(PtProxyScheme.Socks5, "")]
    [InlineData(PtProxyScheme.Http, "")]
    [InlineData(PtProxyScheme.Http, "HTTP/1.1 200 Connection established\r\nVia: 1.1 stalling\r\n")]
    public async Task A_proxy_that_stalls_times_out(PtProxyScheme scheme, string sent)
    {
        await using var proxy = new ScriptedProxy(Encoding.ASCII.GetBytes(sent), stall: true);

        var result = await HandshakeAsync(proxy.As(scheme), new IPEndPoint(IPAddress.Loopback, 9), TimeSpan.FromMilliseconds(300));

        Assert.Equal((PtUpstreamErrorReason.Timeout, sent.Length), (result.Error.Reason, result.Error.Offset));
        Assert.Equal(PtSocksReply.TtlExpired, result.Error.Reply);
    }

    [Fact]
    public async Task SOCKS_4a_cannot_carry_an_IPv6_target_and_sends_nothing()
    {
        var stream = new ScriptedStream([0, 90, 0, 0, 0, 0, 0, 0]);

        var result = await PtUpstream.HandshakeAsync(stream, Proxy(PtProxyScheme.Socks4a), new IPEndPoint(IPAddress.IPv6Loopback, 443), Patient);

        Assert.Equal(new PtUpstreamError(PtProxyScheme.Socks4a, PtUpstreamErrorReason.TargetNotSupported, 0), result.Error);
        Assert.Equal(PtSocksReply.AddressTypeNotSupported, result.Error.Reply);
        Assert.Empty(stream.Written);
    }

    [Fact]
    public async Task SOCKS_4a_sends_a_name_behind_0_0_0_1_after_the_user_id()
    {
        var stream = new ScriptedStream([0, 90, 0, 0, 0, 0, 0, 0]);

        var result = await PtUpstream.HandshakeAsync(stream, Proxy(PtProxyScheme.Socks4a, "bob"), new DnsEndPoint("bridge.example", 443), Patient);

        Assert.True(result.IsSuccess);
        Assert.Equal([4, 1, 1, 187, 0, 0, 0, 1, .. "bob"u8, 0, .. "bridge.example"u8, 0], stream.Written);
    }

    [Theory]
    [InlineData(PtProxyScheme.Socks5)]
    [InlineData(PtProxyScheme.Http)]
    [InlineData(PtProxyScheme.Socks4a)]
    public async Task A_name_SOCKS_cannot_carry_is_refused_before_sending(PtProxyScheme scheme)
    {
        var stream = new ScriptedStream([]);

        var result = await PtUpstream.HandshakeAsync(stream, Proxy(scheme), new DnsEndPoint("bad name", 1), Patient);

        Assert.Equal(PtUpstreamErrorReason.TargetNotSupported, result.Error.Reason);
        Assert.Empty(stream.Written);
    }

    private static PtProxy Proxy(PtProxyScheme scheme, string? user = null, string? password = null) =>
        new(scheme, Text.PtEndpoint.IPv4("127.0.0.1", 1080), user, password);

    /// <summary>Connects to the proxy and runs the handshake, all within the test timeout.</summary>
    internal static async Task<PtUpstreamResult> HandshakeAsync(PtProxy proxy, EndPoint target, TimeSpan? timeout = null)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Parse(proxy.Endpoint.Host), proxy.Endpoint.Port)).WaitAsync(InProcessHost.Timeout);
        var stream = new NetworkStream(socket, ownsSocket: true);
        var result = await PtUpstream.HandshakeAsync(stream, proxy, target, timeout ?? Patient).AsTask().WaitAsync(InProcessHost.Timeout);
        if (!result.IsSuccess) await stream.DisposeAsync();
        return result;
    }
}
