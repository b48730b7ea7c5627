using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Security.Cryptography;
using System.Threading.Tasks;
using PtToolkit.Launch;
using PtToolkit.Socks;
using PtToolkit.Tests.Hosting;
using PtToolkit.Tests.Launch;
using PtToolkit.Text;
using Xunit;

namespace PtToolkit.Tests.Demo;

/// <summary>
/// A parent on the runtime (PtLauncher, typed configurations, PtSocksClient) and the sample transport on the host, as
/// two processes: bytes through SOCKS with the server's ARGS, the key's effect on the wire, and a clean stop.
/// </summary>
public sealed class SampleTransportEndToEndTests
{
    private const int MiB = 1024 * 1024;

    [Fact]
    public async Task A_MiB_each_way_goes_through_client_and_server_and_both_stop_cleanly()
    {
        await using var pair = await LaunchedSamplePair.StartAsync();
        Assert.Equal(("1", "1"), (pair.ServerStartup.Version, pair.ClientStartup.Version));
        Assert.Equal(new PtKeyValueList(("key", pair.Key)), pair.Args);

        await using (var stream = await ConnectAsync(pair.Socks, pair.Bridge, pair.Args))
        {
            await ExchangeAsync(stream, RandomNumberGenerator.GetBytes(MiB));
        }
        var (client, server) = await pair.StopAsync();

        Assert.Equal(new PtShutdownResult(PtShutdownStep.StdinClosed, new PtExitStatus(0)), client);
        Assert.Equal(new PtShutdownResult(PtShutdownStep.StdinClosed, new PtExitStatus(0)), server);
    }

    [Fact]
    public async Task The_key_argument_changes_the_bytes_on_the_wire_and_a_wrong_key_is_refused()
    {
        await using var pair = await LaunchedSamplePair.StartAsync();
        await using var tap = new WireTap(pair.Bridge);
        byte[] plain = Enumerable.Repeat("a plain text that a censor could read. "u8.ToArray(), 1700).SelectMany(b => b).ToArray();

        await using (var stream = await ConnectAsync(pair.Socks, tap.Endpoint, pair.Args))
        {
            await ExchangeAsync(stream, plain);
        }
        byte[] wire = tap.Upstream;
        Assert.Equal(16 + 32 + plain.Length, wire.Length);
        Assert.True(wire.AsSpan().IndexOf(plain.AsSpan(0, 16)) < 0, "plain text is visible on the wire");
        Assert.True(CountEqual(wire.AsSpan(48), plain) < plain.Length / 64, "the wire bytes mostly equal the plain text");

        var wrong = new PtKeyValueList(("key", Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32))));
        await using (var refused = await ConnectAsync(pair.Socks, pair.Bridge, wrong))
        {
            await refused.WriteAsync(plain.AsMemory(0, 1000));
            Assert.Equal(0, await HostPair.ReadToEndAsync(refused));
        }
        Assert.Equal("sample: the transport refused a connection: InvalidDataException: the client's hello does not match the key", await pair.NextServerLogAsync());
    }

    private static async Task<Stream> ConnectAsync(IPEndPoint socks, IPEndPoint target, PtKeyValueList args)
    {
        var connected = await PtSocksClient.ConnectAsync(socks, target, args).WaitAsync(FakePt.Timeout);
        Assert.True(connected.IsSuccess, connected.ToString());
        return connected.Value;
    }

    /// <summary>Writes <paramref name="sent"/> while reading as many bytes back, and checks every byte.</summary>
    internal static async Task ExchangeAsync(Stream stream, byte[] sent)
    {
        byte[] received = new byte[sent.Length];
        var reading = stream.ReadExactlyAsync(received).AsTask();
        await stream.WriteAsync(sent).AsTask().WaitAsync(FakePt.Timeout);
        await reading.WaitAsync(FakePt.Timeout);
        int first = sent.AsSpan().CommonPrefixLength(received);
        Assert.True(first == sent.Length, $"byte {first} of {sent.Length} differs");
    }

    private static int CountEqual(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        int same = 0;
        for (int i = 0; i < Math.Min(a.Length, b.Length); i++) same += a[i] == b[i] ? 1 : 0;
        return same;
    }
}
