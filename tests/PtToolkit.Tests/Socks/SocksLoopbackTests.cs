using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using PtToolkit.Socks;
using PtToolkit.Text;
using Xunit;

using static PtToolkit.Tests.Primitives.TestText;
using static PtToolkit.Tests.Socks.Wire;

namespace PtToolkit.Tests.Socks;

/// <summary>PtSocksClient against PtSocksServer over a real loopback TCP connection.</summary>
public class SocksLoopbackTests
{
    private static readonly KeyValuePair<string, string>[] Obfs4Arguments =
        [P("cert", "ssH+9rP8dG2NLDN2XuFw63hIO/9MNNinLmxQDpVa+7kTOa9/m+tGWT1SmSYpQ9uTBGa6Hw"), P("iat-mode", "0"), P("odd;key=", "a;b\\c=d")];

    public static TheoryData<string, bool> TargetsAndEncodings() => new()
    {
        { "198.51.100.7:9001", false }, { "[2001:db8::7]:9001", false }, { "bridge.example.net:443", false },
        { "198.51.100.7:9001", true }, { "[2001:db8::7]:9001", true }, { "bridge.example.net:443", true },
    };

    private static EndPoint Target(string text) =>
        IPEndPoint.TryParse(text, out var ip) ? ip : new DnsEndPoint(text[..text.IndexOf(':')], int.Parse(text[(text.IndexOf(':') + 1)..]));

    private static PtSocksClientOptions Options(bool json) =>
        new() { ArgumentEncoding = json ? PtSocksArgumentEncoding.JsonParameterBlock : PtSocksArgumentEncoding.UsernamePassword };

    /// <summary>Accepts one connection, reads its handshake and grants it; returns the request and the stream.</summary>
    private static async Task<(PtSocksRequest Request, NetworkStream Stream)> GrantOneAsync(LoopbackListener listener, EndPoint? bound = null)
    {
        var stream = await listener.AcceptAsync();
        var result = await PtSocksServer.HandshakeAsync(stream).Within();
        Assert.True(result.IsSuccess, result.ToString());
        await PtSocksServer.SendReplyAsync(stream, PtSocksReply.Succeeded, bound ?? new IPEndPoint(IPAddress.Loopback, 4242)).AsTask().Within();
        return (result.Value, stream);
    }

    private static async Task<Stream> ConnectedAsync(Task<PtSocksResult<Stream>> connecting)
    {
        var result = await connecting.Within();
        Assert.True(result.IsSuccess, result.ToString());
        return result.Value;
    }

    [Theory]
    [MemberData(nameof(TargetsAndEncodings))]
    public async Task Arguments_and_every_address_type_cross_and_bytes_flow_both_ways(string target, bool json)
    {
        using var listener = new LoopbackListener();
        var serving = GrantOneAsync(listener);
        await using var client = await ConnectedAsync(PtSocksClient.ConnectAsync(listener.EndPoint, Target(target), Obfs4Arguments, Options(json)));
        var (request, server) = await serving;
        await using (server)
        {
            Assert.Equal(Target(target), request.Target);
            Assert.Equal(new PtKeyValueList(Obfs4Arguments), request.Arguments);
            Assert.Equal(json ? PtSocksMethod.JsonParameterBlock : PtSocksMethod.UsernamePassword, request.Method);

            await client.WriteAsync(B("ping"));
            Assert.Equal(B("ping"), await server.ReadBytesAsync(4));
            await server.WriteAsync(B("pong"));
            Assert.Equal(B("pong"), await client.ReadBytesAsync(4));
        }
    }

    [Fact]
    public async Task No_arguments_use_no_authentication()
    {
        using var listener = new LoopbackListener();
        var serving = GrantOneAsync(listener);
        await using var client = await ConnectedAsync(PtSocksClient.ConnectAsync(listener.EndPoint, new IPEndPoint(IPAddress.Loopback, 9)));
        var (request, server) = await serving;
        await server.DisposeAsync();
        Assert.Equal(PtSocksMethod.NoAuthentication, request.Method);
        Assert.Empty(request.Arguments);
    }

    [Theory]
    [InlineData(254)]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(510)]
    public async Task Arguments_up_to_510_bytes_cross_whole(int length)
    {
        var arguments = new[] { P("k", new string('v', length - 2)) };
        Assert.Equal(length, PtSocksArgs.GetFormattedLength(arguments));
        using var listener = new LoopbackListener();
        var serving = GrantOneAsync(listener);
        await using var client = await ConnectedAsync(PtSocksClient.ConnectAsync(listener.EndPoint, new DnsEndPoint("x.example", 1), arguments));
        var (request, server) = await serving;
        await server.DisposeAsync();
        Assert.Equal(new PtKeyValueList(arguments), request.Arguments);
    }

    [Fact]
    public async Task Arguments_of_511_bytes_are_refused_before_connecting()
    {
        using var listener = new LoopbackListener();
        var arguments = new[] { P("k", new string('v', 507) + ";") };
        Assert.Equal(511, PtSocksArgs.GetFormattedLength(arguments));
        var result = await PtSocksClient.ConnectAsync(listener.EndPoint, new DnsEndPoint("x.example", 1), arguments).Within();
        Assert.Equal(new PtSocksError(PtSocksErrorReason.ArgumentsTooLong, 0), result.Error);
        Assert.False(listener.Pending);
    }

    [Fact]
    public async Task The_same_arguments_fit_a_json_block()
    {
        var arguments = new[] { P("k", new string('v', 2000)) };
        using var listener = new LoopbackListener();
        var serving = GrantOneAsync(listener);
        await using var client = await ConnectedAsync(PtSocksClient.ConnectAsync(listener.EndPoint, new DnsEndPoint("x.example", 1), arguments, Options(json: true)));
        var (request, server) = await serving;
        await server.DisposeAsync();
        Assert.Equal(new PtKeyValueList(arguments), request.Arguments);
    }

    [Theory]
    [InlineData(false, SocketError.ConnectionRefused, PtSocksReply.ConnectionRefused, 3)]
    [InlineData(true, SocketError.HostNotFound, PtSocksReply.HostUnreachable, 3)]
    [InlineData(false, SocketError.TimedOut, PtSocksReply.TtlExpired, 3)]
    public async Task A_failed_connection_reaches_the_client_as_its_reply_code(bool json, SocketError failure, PtSocksReply reply, int offset)
    {
        using var listener = new LoopbackListener();
        var serving = Task.Run(async () =>
        {
            await using var stream = await listener.AcceptAsync();
            Assert.True((await PtSocksServer.HandshakeAsync(stream).Within()).IsSuccess);
            await PtSocksServer.SendFailureAsync(stream, failure).AsTask().Within();
        });
        var result = await PtSocksClient.ConnectAsync(listener.EndPoint, new IPEndPoint(IPAddress.Loopback, 9), null, Options(json)).Within();
        await serving.Within();
        Assert.Equal(new PtSocksError(PtSocksErrorReason.Refused, offset, reply), result.Error);
        Assert.Null(result.Value);
    }

    [Fact]
    public async Task A_json_block_over_the_servers_limit_is_refused_with_x10()
    {
        using var listener = new LoopbackListener();
        var serving = Task.Run(async () =>
        {
            await using var stream = await listener.AcceptAsync();
            return await PtSocksServer.HandshakeAsync(stream, new PtSocksServerOptions { MaxParameterBlockBytes = 64 }).Within();
        });
        var arguments = new[] { P("k", new string('v', 100)) };
        var result = await PtSocksClient.ConnectAsync(listener.EndPoint, new IPEndPoint(IPAddress.Loopback, 9), arguments, Options(json: true)).Within();
        Assert.Equal(PtSocksErrorReason.SettingsTooLarge, (await serving.Within()).Error.Reason);
        Assert.Equal(new PtSocksError(PtSocksErrorReason.Refused, 3, PtSocksReply.SettingsTooLarge), result.Error);
    }

    [Fact]
    public async Task The_stream_starts_with_the_first_byte_after_a_reply_with_a_domain_bound_address()
    {
        using var listener = new LoopbackListener();
        var serving = Task.Run(async () =>
        {
            var (_, stream) = await GrantOneAsync(listener, new DnsEndPoint("bound.example", 7));
            await using (stream) await stream.WriteAsync(B("first"));
        });
        await using var client = await ConnectedAsync(PtSocksClient.ConnectAsync(listener.EndPoint, new IPEndPoint(IPAddress.IPv6Loopback, 9)));
        await serving.Within();
        Assert.Equal(B("first"), await client.ReadToEndAsync());
    }

    [Fact]
    public async Task Bytes_a_client_sends_with_its_request_are_never_dropped()
    {
        using var listener = new LoopbackListener();
        var (client, server) = await listener.PairAsync();
        await using (client)
        await using (server)
        {
            byte[] payload = Enumerable.Range(0, 3000).Select(i => (byte)i).ToArray();
            await client.WriteAsync(Cat(Hex("05 01 00"), Hex("05 01 00 01 7F 00 00 01 00 50"), payload));
            var result = await PtSocksServer.HandshakeAsync(server).Within();
            Assert.True(result.IsSuccess, result.ToString());
            byte[] rest = await server.ReadBytesAsync(payload.Length - result.Value.Leftover.Length);
            Assert.Equal(payload, Cat(result.Value.Leftover.ToArray(), rest));
        }
    }
}
