using System;
using System.Net.Sockets;
using System.Threading.Tasks;
using PtToolkit.Tests.Hosting;
using Xunit;

namespace PtToolkit.Tests.Socks;

/// <summary>
/// UDP ASSOCIATE at a client host's SOCKS 5 listener. The PT 2.x UDP modes are served on a UDP socket of their own
/// (pt-2.2 §1.5.3: "there is no SOCKS handshake"), so a socks5 listener never serves UDP: it refuses with X'07'.
/// </summary>
public sealed class SocksUdpAssociateTests
{
    [Theory]
    [InlineData(new byte[] { 5, 3, 0, 1, 0, 0, 0, 0, 0, 0 })]
    [InlineData(new byte[] { 5, 3, 0, 1, 127, 0, 0, 1, 0x30, 0x39 })]
    public async Task A_socks5_listener_refuses_UDP_ASSOCIATE_with_07_and_closes_the_connection(byte[] request)
    {
        await using var pair = await HostPair.StartAsync();
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(pair.Socks).WaitAsync(InProcessHost.Timeout);
        await using var stream = new NetworkStream(socket);

        await stream.WriteAsync((byte[])[5, 1, 0, .. request]);
        byte[] replies = new byte[2 + 10];
        await stream.ReadExactlyAsync(replies).AsTask().WaitAsync(InProcessHost.Timeout);

        Assert.Equal(new byte[] { 5, 0 }, replies[..2]);
        Assert.Equal(new byte[] { 5, 7 }, replies[2..4]);
        Assert.Equal(0, await HostPair.ReadToEndAsync(stream));
    }
}
