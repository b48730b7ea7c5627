using System;
using System.Diagnostics;
using System.Linq;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using PtToolkit.Hosting;
using PtToolkit.Tests.Hosting;
using Xunit;
using Xunit.Abstractions;

using static PtToolkit.Tests.Socks.Wire;

namespace PtToolkit.Tests.Socks;

/// <summary>
/// Many hostile SOCKS clients at once against the PT host's client listener: memory stays bounded and every socket is
/// closed again. These run alone (no other test opens descriptors or allocates meanwhile), and count this process's
/// descriptors in /proc/self/fd, which hold both ends of each loopback connection.
/// </summary>
[Collection(nameof(SocksAllocationCollection))]
public sealed class HostileSocksLoadTests(ITestOutputHelper output)
{
    private const int Clients = 1000;
    private const long MiB = 1024 * 1024;

    /// <summary>Waits until this process has at most <paramref name="limit"/> descriptors open; the last count.</summary>
    private static async Task<int> DescriptorsSettleAsync(int limit)
    {
        var clock = Stopwatch.StartNew();
        int open;
        while ((open = HostileClientHost.OpenDescriptors()) > limit && clock.Elapsed < InProcessHost.Timeout) await Task.Delay(50);
        return open;
    }

    /// <summary>One connection through the whole handshake, so that the socket engine and the pools exist before a baseline is taken.</summary>
    private static async Task WarmUpAsync(HostileClientHost host)
    {
        await using var stream = await host.ConnectAsync();
        await stream.WriteAsync(Cat(Hex("05 01 02"), HostileClientHost.TorPacked(Encoding.ASCII.GetBytes("key=" + InProcessHost.Key)), host.Request()));
        Assert.Equal(Hex("05 02 01 00 05 00"), (await stream.ReadBytesAsync(14))[..6]);
        await host.Transport.NextArgumentsAsync();
    }

    [Fact]
    public async Task A_thousand_concurrent_handshakes_are_each_refused_with_X13_in_bounded_memory_and_leave_no_socket()
    {
        await using var host = await HostileClientHost.StartAsync(new PtHostOptions { MaxConnections = Clients });
        await WarmUpAsync(host);
        host.LogLines();
        int descriptors = HostileClientHost.OpenDescriptors();
        long memory = GC.GetTotalMemory(forceFullCollection: true);

        var streams = new NetworkStream[Clients];
        try
        {
            for (int i = 0; i < Clients; i++) streams[i] = await host.ConnectAsync();
            // Every client is inside its handshake at the same time: greeting answered, arguments not sent yet.
            await Task.WhenAll(streams.Select(s => s.WriteAsync(Hex("05 01 02")).AsTask()));
            var greetings = await Task.WhenAll(streams.Select(s => s.ReadBytesAsync(2)));
            Assert.All(greetings, g => Assert.Equal(Hex("05 02"), g));
            long peak = GC.GetTotalMemory(forceFullCollection: true);
            output.WriteLine($"{Clients} open handshakes: {(peak - memory) / 1024} KiB more live memory, {HostileClientHost.OpenDescriptors() - descriptors} more descriptors");
            Assert.True(peak - memory < 64 * MiB, $"{Clients} open handshakes hold {(peak - memory) / MiB} MiB");

            // Arguments without the key: the transport refuses them before any connection to the bridge (X'13').
            byte[] rest = Cat(HostileClientHost.TorPacked(Encoding.ASCII.GetBytes("pad=x")), host.Request());
            await Task.WhenAll(streams.Select(s => s.WriteAsync(rest).AsTask()));
            var answers = await Task.WhenAll(streams.Select(HostileClientHost.AnswerAsync));
            Assert.All(answers, a => Assert.Equal(Cat(Hex("01 00"), FailureReply(0x13)), a));
        }
        finally
        {
            foreach (var stream in streams) stream?.Dispose();
        }
        Assert.Equal(Clients, host.LogLines().Count(l => l.Contains("arguments refused", StringComparison.Ordinal)));
        Assert.True(await DescriptorsSettleAsync(descriptors) <= descriptors, $"descriptors: {descriptors} before, {HostileClientHost.OpenDescriptors()} after");
        long after = GC.GetTotalMemory(forceFullCollection: true);
        output.WriteLine($"after they left: {(after - memory) / 1024} KiB more live memory, {HostileClientHost.OpenDescriptors() - descriptors} more descriptors");
        Assert.True(after - memory < 8 * MiB, $"{(after - memory) / MiB} MiB more after the clients left");
    }

    [Fact]
    public async Task A_parameter_block_announcing_4_GB_allocates_nothing_like_it()
    {
        await using var host = await HostileClientHost.StartAsync();
        await WarmUpAsync(host);
        int descriptors = HostileClientHost.OpenDescriptors();
        long allocated = GC.GetTotalAllocatedBytes(precise: true);
        for (int i = 0; i < 10; i++)
        {
            await using var stream = await host.ConnectAsync();
            await stream.WriteAsync(Hex("05 01 09 FF FF FF FF"));
            Assert.Equal(Cat(Hex("05 09"), FailureReply(0x10)), await HostileClientHost.AnswerAsync(stream));
        }
        long spent = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        output.WriteLine($"ten 4 GB announcements: {spent} bytes allocated");
        Assert.True(spent < 4 * MiB, $"ten 4 GB announcements allocated {spent} bytes");
        Assert.True(await DescriptorsSettleAsync(descriptors) <= descriptors, $"descriptors: {descriptors} before, {HostileClientHost.OpenDescriptors()} after");
    }

    [Fact]
    public async Task Clients_that_leave_mid_handshake_leave_no_socket()
    {
        await using var host = await HostileClientHost.StartAsync();
        await WarmUpAsync(host);
        int descriptors = HostileClientHost.OpenDescriptors();
        byte[] handshake = Cat(Hex("05 01 02"), HostileClientHost.TorPacked(Encoding.ASCII.GetBytes("key=" + InProcessHost.Key)), host.Request());
        var leaving = Enumerable.Range(0, 200).Select(async i =>
        {
            await using var stream = await host.ConnectAsync();
            await stream.WriteAsync(handshake.AsMemory(0, i % handshake.Length));
            if (i % 2 == 0) stream.Socket.LingerState = new LingerOption(true, 0);
        });
        await Task.WhenAll(leaving);
        Assert.True(await DescriptorsSettleAsync(descriptors) <= descriptors, $"descriptors: {descriptors} before, {HostileClientHost.OpenDescriptors()} after");
        Assert.False(host.Transport.HasUnread);
    }
}
