using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using PtToolkit.ExtOrPort;
using PtToolkit.Tests.Relay;
using Xunit;

namespace PtToolkit.Tests.ExtOrPort;

/// <summary>
/// Our client against our server, and each against a scripted peer that misbehaves, over loopback
/// (ext-orport-spec §2, §3). Every wait has a timeout.
/// </summary>
public sealed class ExtOrPortHandshakeTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private static readonly IPEndPoint User = new(IPAddress.Parse("203.0.113.5"), 4444);
    private readonly byte[] _cookie = RandomNumberGenerator.GetBytes(32);
    private LoopbackPair _pair = null!;

    private Stream ClientStream => _pair.LeftStream;

    private Stream ServerStream => _pair.RightStream;

    public async Task InitializeAsync() => _pair = await LoopbackPair.ConnectAsync();

    public Task DisposeAsync()
    {
        _pair.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Client_and_server_agree_and_or_traffic_follows_the_okay()
    {
        (string?, IPEndPoint?) seen = default;
        var server = ExtOrPortServer.AcceptAsync(ServerStream, _cookie, (t, a) => { seen = (t, a); return true; });

        var client = await ExtOrPortClient.HandshakeAsync(ClientStream, _cookie, "obfs4", User).WaitAsync(Timeout);
        var accepted = await server.WaitAsync(Timeout);

        Assert.Equal(ExtOrPortResult.Okay, client);
        Assert.Equal(ExtOrPortResult.Okay, accepted.Result);
        Assert.Equal("obfs4", accepted.Transport);
        Assert.Equal(User, accepted.UserAddress);
        Assert.Equal(("obfs4", User), seen);
        Assert.DoesNotContain("203.0.113.5", accepted.ToString());

        await ClientStream.WriteAsync("cell"u8.ToArray());
        Assert.Equal("cell"u8.ToArray(), await new ScriptedPeer(_pair.Right).ReadAsync(4));
        await ServerStream.WriteAsync("back"u8.ToArray());
        Assert.Equal("back"u8.ToArray(), await new ScriptedPeer(_pair.Left).ReadAsync(4));
    }

    [Fact]
    public async Task A_server_that_says_no_makes_the_client_denied()
    {
        var server = ExtOrPortServer.AcceptAsync(ServerStream, _cookie, (_, _) => false);

        var client = await ExtOrPortClient.HandshakeAsync(ClientStream, _cookie, null, null).WaitAsync(Timeout);

        Assert.Equal(ExtOrPortStatus.Denied, client.Status);
        var accepted = await server.WaitAsync(Timeout);
        Assert.Equal(ExtOrPortStatus.Denied, accepted.Result.Status);
        Assert.Null(accepted.Transport);
        Assert.Null(accepted.UserAddress);
    }

    [Fact]
    public async Task A_client_with_the_wrong_cookie_stops_at_the_servers_hash()
    {
        var server = ExtOrPortServer.AcceptAsync(ServerStream, _cookie);

        var client = await ExtOrPortClient.HandshakeAsync(ClientStream, RandomNumberGenerator.GetBytes(32), "obfs4", User).WaitAsync(Timeout);
        _pair.Left.Shutdown(SocketShutdown.Send);

        Assert.Equal(ExtOrPortStatus.ServerHashMismatch, client.Status);
        Assert.Equal(ExtOrPortStatus.Closed, (await server.WaitAsync(Timeout)).Result.Status);
    }

    [Fact]
    public async Task A_tampered_server_hash_is_refused_and_the_client_sends_nothing_more()
    {
        var peer = new ScriptedPeer(_pair.Right);
        var script = peer.ServeAuthAsync(_cookie, tamper: true);

        var client = await ExtOrPortClient.HandshakeAsync(ClientStream, _cookie, "obfs4", User).WaitAsync(Timeout);
        await script.WaitAsync(Timeout);
        _pair.Left.Shutdown(SocketShutdown.Send);

        Assert.Equal(ExtOrPortStatus.ServerHashMismatch, client.Status);
        Assert.Equal(0, await peer.DrainAsync());
    }

    [Fact]
    public async Task A_client_with_a_wrong_hash_gets_status_0_and_the_server_reports_it()
    {
        var server = ExtOrPortServer.AcceptAsync(ServerStream, _cookie);

        byte status = await new ScriptedPeer(_pair.Left).AuthenticateAsync(_cookie, wrongHash: true).WaitAsync(Timeout);

        Assert.Equal(ExtOrPortAuth.StatusFailure, status);
        Assert.Equal(ExtOrPortStatus.ClientHashMismatch, (await server.WaitAsync(Timeout)).Result.Status);
    }

    [Theory]
    [InlineData(new byte[] { 2, 0 }, ExtOrPortStatus.NoSafeCookie)]
    [InlineData(new byte[] { 2 }, ExtOrPortStatus.Closed)]
    public async Task A_server_without_safe_cookie_gets_a_0_and_no_nonce(byte[] offer, ExtOrPortStatus expected)
    {
        var peer = new ScriptedPeer(_pair.Right);
        await peer.WriteAsync(offer);
        if (offer.Length == 1) _pair.Right.Shutdown(SocketShutdown.Send);

        var client = await ExtOrPortClient.HandshakeAsync(ClientStream, _cookie, "obfs4", null).WaitAsync(Timeout);
        _pair.Left.Shutdown(SocketShutdown.Send);

        Assert.Equal(expected, client.Status);
        Assert.Equal(expected == ExtOrPortStatus.NoSafeCookie ? 1 : 0, await peer.DrainAsync());
    }

    [Theory]
    [InlineData(0, ExtOrPortStatus.AuthRejected)]
    [InlineData(7, ExtOrPortStatus.ProtocolError)]
    public async Task An_authentication_status_other_than_1_fails_the_client(byte status, ExtOrPortStatus expected)
    {
        var peer = new ScriptedPeer(_pair.Right);
        var script = Task.Run(async () =>
        {
            byte[] expectedHash = await peer.ServeAuthAsync(_cookie, tamper: false);
            Assert.Equal(expectedHash, await peer.ReadAsync(32));
            await peer.WriteAsync(status);
        });

        var client = await ExtOrPortClient.HandshakeAsync(ClientStream, _cookie, "obfs4", null).WaitAsync(Timeout);

        await script.WaitAsync(Timeout);
        Assert.Equal(expected, client.Status);
    }

    [Fact]
    public async Task The_client_sends_useraddr_transport_done_and_skips_unknown_replies()
    {
        var peer = new ScriptedPeer(_pair.Right);
        var script = Task.Run(async () =>
        {
            byte[] expectedHash = await peer.ServeAuthAsync(_cookie, tamper: false);
            Assert.Equal(expectedHash, await peer.ReadAsync(32));
            await peer.WriteAsync(ExtOrPortAuth.StatusSuccess);
            byte[] expected = [0, 1, 0, 10, .. "[::1]:5678"u8.ToArray(), 0, 2, 0, 5, .. "obfs4"u8.ToArray(), 0, 0, 0, 0];
            Assert.Equal(expected, await peer.ReadAsync(expected.Length));
            await peer.WriteCommandAsync(0x1002, "xyz"u8.ToArray());
            await peer.WriteCommandAsync(0x7777, []);
            await peer.WriteCommandAsync(0x1000, "ignored"u8.ToArray());
            await peer.WriteAsync("OR"u8.ToArray());
        });

        var client = await ExtOrPortClient.HandshakeAsync(ClientStream, _cookie, "obfs4", new IPEndPoint(IPAddress.IPv6Loopback, 5678)).WaitAsync(Timeout);

        await script.WaitAsync(Timeout);
        Assert.Equal(ExtOrPortResult.Okay, client);
        Assert.Equal("OR"u8.ToArray(), await new ScriptedPeer(_pair.Left).ReadAsync(2));
    }

    [Fact]
    public async Task The_server_ignores_unknown_commands_and_keeps_the_last_of_each()
    {
        var server = ExtOrPortServer.AcceptAsync(ServerStream, _cookie);
        var peer = new ScriptedPeer(_pair.Left);

        Assert.Equal(ExtOrPortAuth.StatusSuccess, await peer.AuthenticateAsync(_cookie, wrongHash: false).WaitAsync(Timeout));
        await peer.WriteCommandAsync(0x00FF, new byte[3000]);
        await peer.WriteCommandAsync(0x0002, "first"u8.ToArray());
        await peer.WriteCommandAsync(0x0001, "1.2.3.4:5"u8.ToArray());
        await peer.WriteCommandAsync(0x0002, "second"u8.ToArray());
        await peer.WriteCommandAsync(0x0000, "body ignored"u8.ToArray());

        Assert.Equal(new byte[] { 0x10, 0, 0, 0 }, await peer.ReadAsync(4));
        var accepted = await server.WaitAsync(Timeout);
        Assert.Equal(ExtOrPortResult.Okay, accepted.Result);
        Assert.Equal("second", accepted.Transport);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("1.2.3.4"), 5), accepted.UserAddress);
    }

    [Theory]
    [InlineData(0x0001, "198.51.100.9", ExtOrPortStatus.BadCommand)]
    [InlineData(0x0001, "[::1]:5\0", ExtOrPortStatus.BadCommand)]
    [InlineData(0x0002, "web-tunnel", ExtOrPortStatus.BadCommand)]
    [InlineData(0x0002, "abcdefghijklmnopq", ExtOrPortStatus.BadCommand)]
    [InlineData(0x0003, "x", ExtOrPortStatus.ProtocolError)]
    public async Task The_server_closes_on_a_bad_body_or_too_many_commands(ushort command, string body, ExtOrPortStatus expected)
    {
        var options = new ExtOrPortOptions { MaxBodyLength = 16, MaxCommands = 3 };
        var server = ExtOrPortServer.AcceptAsync(ServerStream, _cookie, options: options);
        var peer = new ScriptedPeer(_pair.Left);

        Assert.Equal(ExtOrPortAuth.StatusSuccess, await peer.AuthenticateAsync(_cookie, wrongHash: false).WaitAsync(Timeout));
        for (int i = 0; i < 3; i++) await peer.WriteCommandAsync(command, Encoding.ASCII.GetBytes(body));

        var accepted = await server.WaitAsync(Timeout);
        Assert.Equal(expected, accepted.Result.Status);
        Assert.DoesNotContain(body.TrimEnd('\0'), accepted.Result.Message);
    }

    [Fact]
    public async Task The_server_refuses_an_auth_type_it_did_not_offer()
    {
        var server = ExtOrPortServer.AcceptAsync(ServerStream, _cookie);
        var peer = new ScriptedPeer(_pair.Left);
        await peer.ReadAsync(2);
        await peer.WriteAsync(0);

        Assert.Equal(ExtOrPortStatus.NoSafeCookie, (await server.WaitAsync(Timeout)).Result.Status);
    }

    [Fact]
    public async Task A_silent_peer_times_out_on_either_side()
    {
        var options = new ExtOrPortOptions { Timeout = TimeSpan.FromMilliseconds(300) };
        var client = ExtOrPortClient.HandshakeAsync(ClientStream, _cookie, "obfs4", null, options);
        Assert.Equal(ExtOrPortStatus.Timeout, (await client.WaitAsync(Timeout)).Status);

        using var other = await LoopbackPair.ConnectAsync();
        var server = ExtOrPortServer.AcceptAsync(other.RightStream, _cookie, options: options);
        Assert.Equal(ExtOrPortStatus.Timeout, (await server.WaitAsync(Timeout)).Result.Status);
    }

    [Fact]
    public async Task The_callers_cancellation_is_thrown()
    {
        using var cts = new CancellationTokenSource();
        var client = ExtOrPortClient.HandshakeAsync(ClientStream, _cookie, "obfs4", null, cancellationToken: cts.Token);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.WaitAsync(Timeout));
    }

    [Fact]
    public async Task Bad_arguments_are_refused_before_any_byte_is_sent()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => ExtOrPortClient.HandshakeAsync(ClientStream, _cookie, "web-tunnel", null));
        await Assert.ThrowsAsync<ArgumentException>(() => ExtOrPortClient.HandshakeAsync(ClientStream, new byte[31], "obfs4", null));
        await Assert.ThrowsAsync<ArgumentException>(() => ExtOrPortServer.AcceptAsync(ServerStream, new byte[33]));
        _pair.Left.Shutdown(SocketShutdown.Send);
        Assert.Equal(0, await new ScriptedPeer(_pair.Right).DrainAsync());
    }
}
