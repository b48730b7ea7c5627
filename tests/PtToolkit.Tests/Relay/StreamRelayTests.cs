using System;
using System.IO;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using PtToolkit.Relay;
using Xunit;

namespace PtToolkit.Tests.Relay;

/// <summary>
/// The relay between two loopback connections: client ⇄ [relay a | relay b] ⇄ server. Every wait has a
/// timeout; no test asserts a duration.
/// </summary>
public sealed class StreamRelayTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private LoopbackPair _client = null!;
    private LoopbackPair _server = null!;

    private Socket Client => _client.Left;

    private Stream RelayA => _client.RightStream;

    private Stream RelayB => _server.LeftStream;

    private Socket Server => _server.Right;

    public async Task InitializeAsync()
    {
        _client = await LoopbackPair.ConnectAsync();
        _server = await LoopbackPair.ConnectAsync();
    }

    public Task DisposeAsync()
    {
        _client.Dispose();
        _server.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Bytes_cross_both_ways_intact_and_are_counted()
    {
        var up = Random(1 << 20, 1);
        var down = Random(300_000, 2);
        var relay = StreamRelay.RunAsync(RelayA, RelayB, new StreamRelayOptions { BufferSize = 4096 });

        var sendUp = SendAndShutdownAsync(Client, up);
        var sendDown = SendAndShutdownAsync(Server, down);
        var atServer = ReadToEndAsync(Server);
        var atClient = ReadToEndAsync(Client);
        await Task.WhenAll(sendUp, sendDown).WaitAsync(Timeout);

        Assert.Equal(up, await atServer.WaitAsync(Timeout));
        Assert.Equal(down, await atClient.WaitAsync(Timeout));
        var result = await relay.WaitAsync(Timeout);
        Assert.Equal(new RelayResult(up.Length, down.Length, RelayOutcome.Completed, null), result);
    }

    [Fact]
    public async Task A_half_close_reaches_the_other_side_and_the_reverse_direction_goes_on()
    {
        var relay = StreamRelay.RunAsync(RelayA, RelayB);

        await SendAndShutdownAsync(Client, "hello"u8.ToArray()).WaitAsync(Timeout);
        Assert.Equal("hello"u8.ToArray(), await ReadToEndAsync(Server).WaitAsync(Timeout));
        Assert.False(relay.IsCompleted);

        await SendAndShutdownAsync(Server, "world!"u8.ToArray()).WaitAsync(Timeout);
        Assert.Equal("world!"u8.ToArray(), await ReadToEndAsync(Client).WaitAsync(Timeout));
        Assert.Equal(new RelayResult(5, 6, RelayOutcome.Completed, null), await relay.WaitAsync(Timeout));
    }

    [Fact]
    public async Task Cancellation_ends_both_directions_and_keeps_the_counts()
    {
        using var cts = new CancellationTokenSource();
        var relay = StreamRelay.RunAsync(RelayA, RelayB, cancellationToken: cts.Token);
        await Client.SendAsync("ping"u8.ToArray());
        Assert.Equal("ping"u8.ToArray(), await ReadExactlyAsync(Server, 4).WaitAsync(Timeout));

        await cts.CancelAsync();

        Assert.Equal(new RelayResult(4, 0, RelayOutcome.Canceled, null), await relay.WaitAsync(Timeout));
    }

    [Fact]
    public async Task An_already_cancelled_token_relays_nothing()
    {
        await Client.SendAsync("ping"u8.ToArray());
        var result = await StreamRelay.RunAsync(RelayA, RelayB, cancellationToken: new CancellationToken(true)).WaitAsync(Timeout);
        Assert.Equal(new RelayResult(0, 0, RelayOutcome.Canceled, null), result);
    }

    [Fact]
    public async Task Silence_for_the_idle_timeout_ends_the_relay()
    {
        var options = new StreamRelayOptions { IdleTimeout = TimeSpan.FromMilliseconds(200) };
        var result = await StreamRelay.RunAsync(RelayA, RelayB, options).WaitAsync(Timeout);
        Assert.Equal(RelayOutcome.IdleTimeout, result.Outcome);
    }

    [Fact]
    public async Task A_reset_fails_the_relay_and_stops_the_other_direction()
    {
        var relay = StreamRelay.RunAsync(RelayA, RelayB);
        Server.LingerState = new LingerOption(true, 0);
        Server.Close();

        var result = await relay.WaitAsync(Timeout);

        Assert.Equal(RelayOutcome.Failed, result.Outcome);
        Assert.NotNull(result.Error);
    }

    [Fact]
    public async Task Streams_without_sockets_are_half_closed_through_the_option()
    {
        var a = new ScriptedStream("from a"u8.ToArray());
        var b = new ScriptedStream("from b!"u8.ToArray());
        var closed = new System.Collections.Concurrent.ConcurrentQueue<Stream>();
        var options = new StreamRelayOptions { ShutdownWrite = s => { closed.Enqueue(s); return ValueTask.CompletedTask; } };

        var result = await StreamRelay.RunAsync(a, b, options).WaitAsync(Timeout);

        Assert.Equal(new RelayResult(6, 7, RelayOutcome.Completed, null), result);
        Assert.Equal("from a"u8.ToArray(), b.Written.ToArray());
        Assert.Equal("from b!"u8.ToArray(), a.Written.ToArray());
        Assert.Equal(2, closed.Count);
        Assert.Contains(a, closed);
        Assert.Contains(b, closed);
    }

    private static byte[] Random(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static async Task SendAndShutdownAsync(Socket socket, byte[] data)
    {
        for (int sent = 0; sent < data.Length;) sent += await socket.SendAsync(data.AsMemory(sent));
        socket.Shutdown(SocketShutdown.Send);
    }

    private static async Task<byte[]> ReadToEndAsync(Socket socket)
    {
        var all = new MemoryStream();
        var chunk = new byte[8192];
        int n;
        while ((n = await socket.ReceiveAsync(chunk)) > 0) all.Write(chunk, 0, n);
        return all.ToArray();
    }

    private static async Task<byte[]> ReadExactlyAsync(Socket socket, int count)
    {
        var buffer = new byte[count];
        for (int got = 0; got < count;)
        {
            int n = await socket.ReceiveAsync(buffer.AsMemory(got));
            if (n == 0) throw new EndOfStreamException();
            got += n;
        }
        return buffer;
    }

    /// <summary>Reads its script then reports end of stream; keeps what is written to it.</summary>
    private sealed class ScriptedStream(byte[] script) : TestStream
    {
        private readonly MemoryStream _input = new(script);

        public MemoryStream Written { get; } = new();

        public override int Read(byte[] buffer, int offset, int count) => _input.Read(buffer, offset, Math.Min(count, 3));

        public override void Write(byte[] buffer, int offset, int count)
        {
            lock (Written) Written.Write(buffer, offset, count);
        }
    }
}
