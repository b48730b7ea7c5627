using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using PtToolkit.Hosting;
using PtToolkit.Tests.Udp;
using Xunit;

namespace PtToolkit.Tests.Hosting;

/// <summary>
/// The UDP modes of PT 2.2 §1.5 end to end: a client app's datagrams through a client host, over an
/// <see cref="XorTransport"/> connection, through a server host to a UDP echo server on 127.0.0.1, and back.
/// </summary>
public sealed class PtHostUdpTests
{
    private const int Max = 65507;

    [Fact]
    public async Task Packets_of_every_small_size_and_up_to_the_limit_come_back_byte_for_byte()
    {
        await using var pair = await UdpHostPair.StartAsync("transparent-UDP");
        using var app = pair.NewApp();
        int[] sizes = [.. Enumerable.Range(0, 300), 508, 1200, 1472, 1500, 4096, 9000, 16384, 32768, 65000, Max - 1, Max];

        foreach (int size in sizes) await UdpHostPair.AssertEchoesAsync(app, RandomNumberGenerator.GetBytes(size));

        Assert.Equal(1, pair.Transport.Connects);
    }

    [Fact]
    public async Task A_packet_longer_than_the_limit_is_dropped_and_the_next_one_goes_through()
    {
        await using var pair = await UdpHostPair.StartAsync("transparent-UDP", new PtHostOptions { UdpMaxPacketLength = 1000 });
        using var app = pair.NewApp();
        await UdpHostPair.AssertEchoesAsync(app, RandomNumberGenerator.GetBytes(1000));

        await app.SendAsync(new byte[1001]);
        await UdpHostPair.AssertEchoesAsync(app, "after"u8.ToArray());
    }

    [Fact]
    public async Task Each_source_address_gets_its_own_association_and_its_own_replies()
    {
        await using var pair = await UdpHostPair.StartAsync("transparent-UDP");
        using var first = pair.NewApp();
        using var second = pair.NewApp();

        await first.SendAsync("from the first"u8.ToArray());
        await second.SendAsync("from the second"u8.ToArray());

        Assert.Equal("from the first", Encoding.ASCII.GetString(await UdpHostPair.ReceiveAsync(first)));
        Assert.Equal("from the second", Encoding.ASCII.GetString(await UdpHostPair.ReceiveAsync(second)));
        Assert.Equal(2, pair.Transport.Connects);
    }

    [Fact]
    public async Task A_datagram_to_the_server_hosts_socket_from_an_address_other_than_the_target_is_dropped()
    {
        await using var pair = await UdpHostPair.StartAsync("transparent-UDP");
        using var app = pair.NewApp();
        await UdpHostPair.AssertEchoesAsync(app, "first"u8.ToArray());
        var serverSocket = Assert.IsType<IPEndPoint>(pair.Echo.LastSource);

        using (var stranger = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
        {
            stranger.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            await stranger.SendToAsync("stranger"u8.ToArray(), serverSocket);
        }

        await UdpHostPair.AssertEchoesAsync(app, "second"u8.ToArray());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_idle_association_is_closed_and_the_next_packet_opens_a_new_connection(bool clientTimesOut)
    {
        var idle = new PtHostOptions { UdpIdleTimeout = TimeSpan.FromMilliseconds(300) };
        await using var pair = await UdpHostPair.StartAsync("transparent-UDP", clientTimesOut ? idle : null, clientTimesOut ? null : idle);
        using var app = pair.NewApp();
        await UdpHostPair.AssertEchoesAsync(app, "before"u8.ToArray());

        // The client's connection closes: by its own idle timer, or because the server closed its end.
        await pair.Transport.Closed.WaitAsync(InProcessHost.Timeout);
        await UdpHostPair.AssertEchoesAsync(app, "after"u8.ToArray());

        Assert.Equal(2, pair.Transport.Connects);
    }

    [Fact]
    public async Task STUN_messages_come_back_whole_and_a_datagram_that_is_not_one_is_dropped()
    {
        await using var pair = await UdpHostPair.StartAsync("STUN");
        using var app = pair.NewApp();
        byte[] binding = UdpArbitraries.Stun(0x0001, RandomNumberGenerator.GetBytes(12));
        byte[] withBody = UdpArbitraries.Stun(0x0101, RandomNumberGenerator.GetBytes(12 + 400));

        await UdpHostPair.AssertEchoesAsync(app, binding);
        await app.SendAsync("not a STUN message at all"u8.ToArray());
        await UdpHostPair.AssertEchoesAsync(app, withBody);

        Assert.Equal(1, pair.Transport.Connects);
    }

    [Theory]
    [InlineData("transparent-UDP")]
    [InlineData("STUN")]
    public async Task A_UDP_mode_without_a_target_gets_CMETHOD_ERROR(string mode)
    {
        await using var host = InProcessHost.FromFlags(["-ptversion", "2.2", "-transport", "xor", "-mode", mode], ["2.2"], new XorTransport());

        Assert.Equal(PtHost.NothingLaunchedExitCode, await host.ExitAsync());
        Assert.Equal(["VERSION 2.2", "CMETHODS DONE"], host.RemainingLines());
        Assert.Equal([$"CMETHOD-ERROR xor mode {mode} needs -target, the PT server"], host.ErrorLines());
    }

    [Fact]
    public async Task A_transport_that_needs_arguments_gets_CMETHOD_ERROR_in_a_UDP_mode()
    {
        await using var host = InProcessHost.FromFlags(["-ptversion", "2.2", "-transport", "sample", "-mode", "transparent-UDP", "-target", "127.0.0.1:9"], ["2.2"]);

        Assert.Equal(PtHost.NothingLaunchedExitCode, await host.ExitAsync());
        var error = Assert.Single(host.ErrorLines());
        Assert.StartsWith("CMETHOD-ERROR sample mode transparent-UDP has no per-connection arguments, and the transport needs some: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_UDP_mode_refuses_to_listen_on_an_address_other_than_loopback()
    {
        await using var host = InProcessHost.FromFlags(
            ["-ptversion", "2.2", "-transport", "xor", "-mode", "transparent-UDP", "-target", "127.0.0.1:9", "-proxylistenaddr", "0.0.0.0:0"], ["2.2"], new XorTransport());

        Assert.Equal(PtHost.NothingLaunchedExitCode, await host.ExitAsync());
        Assert.Equal(["CMETHOD-ERROR xor cannot listen on 0.0.0.0:0: a UDP mode listens on a loopback address only"], host.ErrorLines());
    }

    [Fact]
    public async Task A_UDP_mode_server_without_a_target_gets_SMETHOD_ERROR()
    {
        await using var host = InProcessHost.FromFlags(["-ptversion", "2.2", "-server", "-transport", "xor", "-mode", "STUN", "-orport", "127.0.0.1:9"], ["2.2"], new XorTransport());

        Assert.Equal(PtHost.NothingLaunchedExitCode, await host.ExitAsync());
        Assert.Equal(["VERSION 2.2", "SMETHODS DONE"], host.RemainingLines());
        Assert.Equal(["SMETHOD-ERROR xor mode STUN needs -target, the UDP server"], host.ErrorLines());
    }
}
