using System;
using System.Threading.Tasks;
using FsCheck.Xunit;
using PtToolkit.Tests.Udp;
using PtToolkit.Udp;
using Xunit;

namespace PtToolkit.Tests.Hosting;

/// <summary>The two UDP-mode host pairs the property runs against, started once for the class and stopped after it.</summary>
public sealed class UdpPairsFixture : IAsyncLifetime
{
    private UdpHostPair? _transparent;
    private UdpHostPair? _stun;

    internal UdpHostPair PairFor(UdpFraming framing) => (framing == UdpFraming.Stun ? _stun : _transparent) ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        _transparent = await UdpHostPair.StartAsync("transparent-UDP");
        _stun = await UdpHostPair.StartAsync("STUN");
    }

    public async Task DisposeAsync()
    {
        if (_transparent is not null) await _transparent.DisposeAsync();
        if (_stun is not null) await _stun.DisposeAsync();
    }
}

/// <summary>Any sequence of packets a client app sends comes back whole and in order through client host, transport stream and server host.</summary>
public sealed class PtHostUdpPropertyTests(UdpPairsFixture pairs) : IClassFixture<UdpPairsFixture>
{
    [Property(Arbitrary = new[] { typeof(UdpArbitraries) }, MaxTest = 40)]
    public void Any_packet_sequence_survives_the_client_to_stream_to_server_path_and_back(PacketStream s) => RunAsync(s).GetAwaiter().GetResult();

    private async Task RunAsync(PacketStream s)
    {
        var pair = pairs.PairFor(s.Framing);
        using var app = pair.NewApp();

        foreach (var packet in s.Packets) await app.SendAsync(packet.AsMemory(), System.Net.Sockets.SocketFlags.None).AsTask().WaitAsync(InProcessHost.Timeout);

        foreach (var packet in s.Packets) Assert.Equal(packet, await UdpHostPair.ReceiveAsync(app));
    }
}
