using System;
using System.Buffers.Binary;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using PtToolkit.Hosting;
using PtToolkit.Ipc;
using PtToolkit.Samples.SampleTransport;
using PtToolkit.Socks;
using PtToolkit.Text;
using Xunit;

namespace PtToolkit.Tests.Hosting;

/// <summary>
/// Client and server hosts serving connections in process: SOCKS with arguments, leftover bytes, refusals, the
/// connection limit, and the graceful stop (pt-2.2 §1.3).
/// </summary>
public sealed class PtHostServingTests
{
    [Fact]
    public async Task Bytes_sent_right_after_the_SOCKS_request_go_first()
    {
        await using var pair = await HostPair.StartAsync();
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(pair.Socks).WaitAsync(InProcessHost.Timeout);
        await using var stream = new NetworkStream(socket);
        byte[] argument = Encoding.ASCII.GetBytes("key=" + InProcessHost.Key);
        byte[] request = [5, 1, 0, 1, 127, 0, 0, 1, 0, 0];
        BinaryPrimitives.WriteUInt16BigEndian(request.AsSpan(8), (ushort)pair.Bridge.Port);

        // Greeting, RFC 1929 arguments, request and the first payload bytes, all in one write.
        await stream.WriteAsync((byte[])[5, 1, 2, 1, (byte)argument.Length, .. argument, 1, 0, .. request, .. "early "u8]);
        byte[] replies = new byte[2 + 2 + 10];
        await stream.ReadExactlyAsync(replies).AsTask().WaitAsync(InProcessHost.Timeout);
        await stream.WriteAsync("later"u8.ToArray());
        byte[] echoed = new byte[11];
        await stream.ReadExactlyAsync(echoed).AsTask().WaitAsync(InProcessHost.Timeout);

        Assert.Equal((byte[])[5, 2, 1, 0, 5, 0], replies[..6]);
        Assert.Equal("early later", Encoding.ASCII.GetString(echoed));
    }

    [Theory]
    [InlineData(PtSocksArgumentEncoding.UsernamePassword)]
    [InlineData(PtSocksArgumentEncoding.JsonParameterBlock)]
    public async Task The_key_comes_as_RFC_1929_fields_or_as_the_2_2_JSON_parameter_block(PtSocksArgumentEncoding encoding)
    {
        await using var pair = await HostPair.StartAsync();

        var connected = await PtSocksClient.ConnectAsync(pair.Socks, pair.Bridge, HostPair.KeyArgument, new PtSocksClientOptions { ArgumentEncoding = encoding })
            .WaitAsync(InProcessHost.Timeout);

        Assert.True(connected.IsSuccess, connected.ToString());
        await using var stream = connected.Value;
        await HostPair.AssertEchoesAsync(stream, 100_000);
    }

    [Fact]
    public async Task Arguments_the_client_transport_refuses_get_reply_X13_and_a_wrong_key_is_refused_by_the_server()
    {
        await using var pair = await HostPair.StartAsync();

        var malformed = await PtSocksClient.ConnectAsync(pair.Socks, pair.Bridge, new PtKeyValueList(("key", "zz"))).WaitAsync(InProcessHost.Timeout);
        await using var wrong = await pair.ConnectAsync(new PtKeyValueList(("key", new string('f', 64))));
        await wrong.WriteAsync("hello"u8.ToArray());

        Assert.Equal((PtSocksErrorReason.Refused, PtSocksReply.SettingsInvalid), (malformed.Error.Reason, malformed.Error.Reply));
        Assert.Equal(0, await HostPair.ReadToEndAsync(wrong));
        string refused = await pair.Server.NextLineAsync();
        Assert.Equal("LOG SEVERITY=info MESSAGE=\"sample: the transport refused a connection: InvalidDataException: the client's hello does not match the key\"", refused);
        Assert.Equal("LOG SEVERITY=info MESSAGE=\"sample: arguments refused: \\\"key\\\" must be 32 to 128 hexadecimal digits, an even number of them\"", await pair.Client.NextLineAsync());
    }

    [Fact]
    public async Task Closing_stdin_stops_with_exit_code_0()
    {
        await using var pair = await HostPair.StartAsync();
        await using (var stream = await pair.ConnectAsync()) await HostPair.AssertEchoesAsync(stream, 1000);

        pair.Client.CloseStdin();

        Assert.Equal(0, await pair.Client.ExitAsync());
        Assert.Contains("LOG SEVERITY=notice MESSAGE=\"stopping: stdin was closed; ", string.Join('\n', pair.Client.RemainingLines()));
    }

    [Fact]
    public async Task Without_TOR_PT_EXIT_ON_STDIN_CLOSE_a_closed_stdin_changes_nothing()
    {
        await using var pair = await HostPair.StartAsync(null, ("TOR_PT_EXIT_ON_STDIN_CLOSE", "0"));

        pair.Client.CloseStdin();
        await using (var stream = await pair.ConnectAsync()) await HostPair.AssertEchoesAsync(stream, 1000);
        Assert.False(pair.Client.Exit.IsCompleted);
        pair.Client.Cancel();

        Assert.Equal(0, await pair.Client.ExitAsync());
        Assert.Contains("LOG SEVERITY=notice MESSAGE=\"stopping: the host was cancelled; ", string.Join('\n', pair.Client.RemainingLines()));
    }

    [Fact]
    public async Task A_graceful_stop_cancels_open_connections_after_the_grace_and_exits_0()
    {
        await using var pair = await HostPair.StartAsync(new PtHostOptions { ShutdownGrace = TimeSpan.FromMilliseconds(200) });
        await using var open = await pair.ConnectAsync();
        await HostPair.AssertEchoesAsync(open, 1000);

        pair.Client.CloseStdin();

        Assert.Equal(0, await pair.Client.ExitAsync());
        Assert.Contains("stopping: stdin was closed; 1 connections open", string.Join('\n', pair.Client.RemainingLines()));
        Assert.Equal(0, await HostPair.ReadToEndAsync(open));
    }

    [Fact]
    public async Task Past_the_connection_limit_a_connection_is_closed_at_once_and_a_freed_slot_serves_again()
    {
        await using var pair = await HostPair.StartAsync(new PtHostOptions { MaxConnections = 1 });
        var first = await pair.ConnectAsync();
        await HostPair.AssertEchoesAsync(first, 1000);

        var second = await PtSocksClient.ConnectAsync(pair.Socks, pair.Bridge, HostPair.KeyArgument).WaitAsync(InProcessHost.Timeout);
        Assert.False(second.IsSuccess);
        Assert.Contains(second.Error.Reason, new[] { PtSocksErrorReason.Closed, PtSocksErrorReason.IOError });

        await first.DisposeAsync();
        var deadline = DateTime.UtcNow + InProcessHost.Timeout;
        PtSocksResult<Stream> third;
        while (!(third = await PtSocksClient.ConnectAsync(pair.Socks, pair.Bridge, HostPair.KeyArgument).WaitAsync(InProcessHost.Timeout)).IsSuccess)
        {
            Assert.True(DateTime.UtcNow < deadline, "the slot of the closed connection never came back");
            await Task.Delay(20);
        }
        await using var again = third.Value;
        await HostPair.AssertEchoesAsync(again, 1000);
    }

    [Fact]
    public async Task Every_connection_goes_through_the_upstream_SOCKS5_proxy()
    {
        await using var proxy = new TestSocksProxy();
        await using var pair = await HostPair.StartAsync(null, ("TOR_PT_PROXY", $"socks5://127.0.0.1:{proxy.Endpoint.Port}"));

        await using (var stream = await pair.ConnectAsync()) await HostPair.AssertEchoesAsync(stream, 10_000);

        Assert.Equal([pair.Bridge], proxy.Targets);
    }

    [Fact]
    public async Task A_proxy_that_is_down_fails_the_connection_and_nothing_goes_around_it()
    {
        int deadPort;
        using (var dead = new TcpListener(IPAddress.Loopback, 0))
        {
            dead.Start();
            deadPort = ((IPEndPoint)dead.LocalEndpoint).Port;
        }
        using var target = new TcpListener(IPAddress.Loopback, 0);
        target.Start();
        await using var pair = await HostPair.StartAsync(null, ("TOR_PT_PROXY", $"socks5://127.0.0.1:{deadPort}"));

        var result = await PtSocksClient.ConnectAsync(pair.Socks, (IPEndPoint)target.LocalEndpoint, HostPair.KeyArgument).WaitAsync(InProcessHost.Timeout);

        Assert.Equal((PtSocksErrorReason.Refused, PtSocksReply.ConnectionRefused), (result.Error.Reason, result.Error.Reply));
        Assert.False(target.Pending(), "a connection reached the target without the proxy");
        Assert.Equal("LOG SEVERITY=info MESSAGE=\"sample: cannot connect to the bridge: ConnectionRefused\"", await pair.Client.NextLineAsync());
    }

    [Fact]
    public async Task The_server_gives_the_Extended_ORPort_the_transport_and_the_client_address()
    {
        await using var extended = new TestExtendedOrPort();
        var environment = InProcessHost.ServerEnvironment(extended.Endpoint,
            ("TOR_PT_EXTENDED_SERVER_PORT", extended.Endpoint.ToString()), ("TOR_PT_AUTH_COOKIE_FILE", extended.CookieFile));
        environment.Remove("TOR_PT_ORPORT");
        await using var server = InProcessHost.Server(environment);
        var smethod = Assert.IsType<PtIpc.SmethodMessage>(HostPair.Owned((await server.LinesThroughAsync("SMETHODS DONE"))[1]));
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(HostPair.ToIp(smethod.Address)).WaitAsync(InProcessHost.Timeout);
        await using var raw = new NetworkStream(socket);
        var client = await new SampleTransport().ConnectAsync(new PtClientConnection("sample", HostPair.KeyArgument, raw, new PtIpcWriter(Stream.Null, Stream.Null)), default).WaitAsync(InProcessHost.Timeout);

        await HostPair.AssertEchoesAsync(client, 10_000);

        var (transport, address) = Assert.Single(extended.Seen);
        Assert.Equal("sample", transport);
        Assert.Equal(socket.LocalEndPoint, address);
    }

    [Fact]
    public async Task A_silent_connection_is_closed_after_the_handshake_timeout_on_both_sides()
    {
        var quick = new PtHostOptions { HandshakeTimeout = TimeSpan.FromMilliseconds(200) };
        await using var echo = new PtToolkit.Cli.Demo.EchoServer();
        await using var server = InProcessHost.Server(InProcessHost.ServerEnvironment(echo.Endpoint), quick);
        await using var client = InProcessHost.Client(InProcessHost.ClientEnvironment(), quick);
        var smethod = Assert.IsType<PtIpc.SmethodMessage>(HostPair.Owned((await server.LinesThroughAsync("SMETHODS DONE"))[1]));
        var cmethod = Assert.IsType<PtIpc.CmethodMessage>(HostPair.Owned((await client.LinesThroughAsync("CMETHODS DONE"))[1]));
        using var toServer = new TcpClient();
        using var toClient = new TcpClient();
        await toServer.ConnectAsync(HostPair.ToIp(smethod.Address)).WaitAsync(InProcessHost.Timeout);
        await toClient.ConnectAsync(HostPair.ToIp(cmethod.Address)).WaitAsync(InProcessHost.Timeout);

        Assert.Equal(0, await HostPair.ReadToEndAsync(toServer.GetStream()));
        Assert.Equal(0, await HostPair.ReadToEndAsync(toClient.GetStream()));
        Assert.Equal("LOG SEVERITY=info MESSAGE=\"sample: the transport refused a connection: timed out\"", await server.NextLineAsync());
        Assert.Equal("LOG SEVERITY=info MESSAGE=\"sample: SOCKS handshake failed: Timeout\"", await client.NextLineAsync());
    }
}
