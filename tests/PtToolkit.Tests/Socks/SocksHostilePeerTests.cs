using System;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using PtToolkit.Socks;
using Xunit;

using static PtToolkit.Tests.Primitives.TestText;
using static PtToolkit.Tests.Socks.Wire;

namespace PtToolkit.Tests.Socks;

/// <summary>Hostile or broken peers over loopback: raw clients against the server, raw servers against the client.</summary>
public class SocksHostilePeerTests
{
    private static readonly PtSocksServerOptions Quick = new() { HandshakeTimeout = TimeSpan.FromSeconds(1) };
    private static readonly PtSocksServerOptions Patient = new() { HandshakeTimeout = TimeSpan.FromSeconds(10) };
    private static readonly PtSocksClientOptions QuickClient = new() { Timeout = TimeSpan.FromSeconds(1) };
    private static readonly PtSocksClientOptions PatientClient = new() { Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>
    /// Sends <paramref name="input"/> from a raw client (then shuts its side when asked); returns the server's error and
    /// every byte it answered. The server shuts its side once the handshake ends, so the answer is read to its end.
    /// </summary>
    private static async Task<(PtSocksError Error, byte[] Answer)> ServeRawAsync(byte[] input, bool shutdown, PtSocksServerOptions? options = null)
    {
        using var listener = new LoopbackListener();
        var (client, server) = await listener.PairAsync();
        await using (client)
        await using (server)
        {
            await client.WriteAsync(input);
            if (shutdown) client.Socket.Shutdown(SocketShutdown.Send);
            var result = await PtSocksServer.HandshakeAsync(server, options ?? Patient).Within();
            server.Socket.Shutdown(SocketShutdown.Send);
            Assert.False(result.IsSuccess);
            return (result.Error, await client.ReadToEndAsync());
        }
    }

    [Fact]
    public async Task A_wrong_version_is_closed_without_an_answer()
    {
        var (error, answer) = await ServeRawAsync(Hex("04 01 00 50 7F 00 00 01 00"), shutdown: false);
        Assert.Equal(new PtSocksError(PtSocksErrorReason.BadVersion, 0), error);
        Assert.Empty(answer);
    }

    [Fact]
    public async Task Zero_methods_get_no_acceptable_method()
    {
        var (error, answer) = await ServeRawAsync(Hex("05 00"), shutdown: false);
        Assert.Equal(new PtSocksError(PtSocksErrorReason.NoMethods, 1), error);
        Assert.Equal(Hex("05 FF"), answer);
    }

    [Fact]
    public async Task A_truncated_request_is_a_located_close()
    {
        var (error, answer) = await ServeRawAsync(Hex("05 01 00 05 01 00 03 0A 61 62"), shutdown: true);
        Assert.Equal(new PtSocksError(PtSocksErrorReason.Closed, 10), error);
        Assert.Equal(Hex("05 00"), answer);
    }

    [Fact]
    public async Task A_silent_client_times_out()
    {
        var (error, answer) = await ServeRawAsync([], shutdown: false, Quick);
        Assert.Equal(new PtSocksError(PtSocksErrorReason.Timeout, 0), error);
        Assert.Empty(answer);
    }

    [Fact]
    public async Task A_client_silent_inside_its_parameter_block_gets_x11()
    {
        var (error, answer) = await ServeRawAsync(Cat(Hex("05 01 09 00 00 00 20"), B("{\"k\":")), shutdown: false, Quick);
        Assert.Equal(new PtSocksError(PtSocksErrorReason.Timeout, 12, PtSocksReply.SettingsTimeout), error);
        Assert.Equal(Cat(Hex("05 09"), FailureReply(0x11)), answer);
    }

    [Fact]
    public async Task An_oversize_parameter_block_gets_x10_at_once()
    {
        var (error, answer) = await ServeRawAsync(Hex("05 01 09 7F FF FF FF"), shutdown: false);
        Assert.Equal(new PtSocksError(PtSocksErrorReason.SettingsTooLarge, 3, PtSocksReply.SettingsTooLarge), error);
        Assert.Equal(Cat(Hex("05 09"), FailureReply(0x10)), answer);
    }

    /// <summary>
    /// Runs the client against a raw server that reads <paramref name="expect"/> bytes, sends <paramref name="answer"/>,
    /// shuts its side and reads until the client closes.
    /// </summary>
    private static async Task<(PtSocksResult<System.IO.Stream> Result, byte[] Received)> ConnectToRawAsync(
        int expect, byte[] answer, EndPoint target, PtSocksClientOptions? options = null, params (string, string)[] arguments)
    {
        using var listener = new LoopbackListener();
        var serving = Task.Run(async () =>
        {
            await using var stream = await listener.AcceptAsync();
            byte[] received = expect > 0 ? await stream.ReadBytesAsync(expect) : [];
            await stream.WriteAsync(answer);
            stream.Socket.Shutdown(SocketShutdown.Send);
            await stream.ReadToEndAsync();
            return received;
        });
        var pairs = Array.ConvertAll(arguments, a => P(a.Item1, a.Item2));
        var result = await PtSocksClient.ConnectAsync(listener.EndPoint, target, pairs, options ?? PatientClient).Within();
        if (result.Value is not null) await result.Value.DisposeAsync();
        return (result, await serving.Within());
    }

    [Theory]
    [InlineData("05 FF", PtSocksErrorReason.NoAcceptableMethod, 1)]
    [InlineData("05 00", PtSocksErrorReason.BadReply, 1)]
    [InlineData("04 02", PtSocksErrorReason.BadVersion, 0)]
    [InlineData("05 02 01 01", PtSocksErrorReason.AuthenticationRejected, 3)]
    [InlineData("05 02 02 00", PtSocksErrorReason.BadVersion, 2)]
    [InlineData("05 02 01 00 05 00 00 05 00", PtSocksErrorReason.BadAddressType, 7)]
    [InlineData("05 02 01 00 05 00 01 01 00", PtSocksErrorReason.BadReply, 6)]
    [InlineData("05 02 01 00 05 00 00 03 00", PtSocksErrorReason.BadReply, 8)]
    [InlineData("05 02 01 00 05 00 00 01 7F 00", PtSocksErrorReason.Closed, 10)]
    [InlineData("05 02 01", PtSocksErrorReason.Closed, 3)]
    [InlineData("", PtSocksErrorReason.Closed, 0)]
    public async Task Bad_server_answers_are_located_errors(string answer, PtSocksErrorReason reason, int offset)
    {
        var (result, _) = await ConnectToRawAsync(0, Hex(answer), new IPEndPoint(IPAddress.Loopback, 9), null, ("k", "v"));
        Assert.Equal(reason, result.Error.Reason);
        Assert.Equal(offset, result.Error.Offset);
    }

    [Fact]
    public async Task A_silent_server_times_the_client_out()
    {
        using var listener = new LoopbackListener();
        var result = await PtSocksClient.ConnectAsync(listener.EndPoint, new IPEndPoint(IPAddress.Loopback, 9), null, QuickClient).Within();
        Assert.Equal(new PtSocksError(PtSocksErrorReason.Timeout, 0), result.Error);
    }

    [Fact]
    public async Task A_closed_port_is_an_io_error()
    {
        int port;
        using (var gone = new LoopbackListener()) port = gone.EndPoint.Port;
        var result = await PtSocksClient.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), new IPEndPoint(IPAddress.Loopback, 9)).Within();
        Assert.Equal(new PtSocksError(PtSocksErrorReason.IOError, 0), result.Error);
    }

    [Fact]
    public async Task Socks4a_carries_the_arguments_in_userid_and_the_name_after_it()
    {
        var options = new PtSocksClientOptions { Version = PtSocksVersion.Socks4 };
        byte[] expected = Cat(Hex("04 01 01 BB 00 00 00 01"), B("a=b\\;c;d=e"), [0], B("bridge.example"), [0]);
        var (result, received) = await ConnectToRawAsync(expected.Length, Hex("00 5A 00 00 00 00 00 00"),
            new DnsEndPoint("bridge.example", 443), options, ("a", "b;c"), ("d", "e"));
        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(expected, received);
    }

    [Fact]
    public async Task Socks4_to_an_ipv4_address_without_arguments_has_an_empty_userid()
    {
        var options = new PtSocksClientOptions { Version = PtSocksVersion.Socks4 };
        var (result, received) = await ConnectToRawAsync(9, Hex("00 5A 00 00 00 00 00 00"), new IPEndPoint(IPAddress.Parse("198.51.100.7"), 9001), options);
        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(Hex("04 01 23 29 C6 33 64 07 00"), received);
    }

    [Theory]
    [InlineData("00 5B 00 00 00 00 00 00", PtSocksErrorReason.Refused, 1, PtSocksReply.Socks4Rejected)]
    [InlineData("00 5D 00 00 00 00 00 00", PtSocksErrorReason.Refused, 1, PtSocksReply.Socks4IdentdMismatch)]
    [InlineData("00 01 00 00 00 00 00 00", PtSocksErrorReason.BadReply, 1, null)]
    [InlineData("04 5A 00 00 00 00 00 00", PtSocksErrorReason.BadVersion, 0, null)]
    [InlineData("00 5A 00 00", PtSocksErrorReason.Closed, 4, null)]
    public async Task Socks4_refusals_are_typed(string answer, PtSocksErrorReason reason, int offset, PtSocksReply? reply)
    {
        var options = new PtSocksClientOptions { Version = PtSocksVersion.Socks4 };
        var (result, _) = await ConnectToRawAsync(9, Hex(answer), new IPEndPoint(IPAddress.Loopback, 9), options);
        Assert.Equal(new PtSocksError(reason, offset, reply), result.Error);
    }

    [Fact]
    public async Task Socks4_cannot_carry_an_ipv6_target_and_says_so_before_connecting()
    {
        using var listener = new LoopbackListener();
        var options = new PtSocksClientOptions { Version = PtSocksVersion.Socks4 };
        var result = await PtSocksClient.ConnectAsync(listener.EndPoint, new IPEndPoint(IPAddress.IPv6Loopback, 9), null, options).Within();
        Assert.Equal(new PtSocksError(PtSocksErrorReason.TargetNotSupported, 0), result.Error);
        Assert.False(listener.Pending);
    }
}
