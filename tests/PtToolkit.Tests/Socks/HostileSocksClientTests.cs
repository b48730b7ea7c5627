using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using PtToolkit.Hosting;
using PtToolkit.Socks;
using PtToolkit.Tests.Hosting;
using PtToolkit.Text;
using Xunit;

using static PtToolkit.Tests.Socks.Wire;

namespace PtToolkit.Tests.Socks;

/// <summary>
/// Hostile SOCKS clients against the PT host's client listener (the sample transport in process): each is refused the
/// way runtime/Socks/README.md documents, or its arguments arrive exactly, and the host goes on serving.
/// </summary>
public sealed class HostileSocksClientTests
{
    private static readonly PtHostOptions QuickHandshake = new() { HandshakeTimeout = TimeSpan.FromSeconds(1) };

    /// <summary>
    /// Writes <paramref name="bytes"/> one at a time with a pause between them until the host closes the connection;
    /// returns how many were written and the host's answer.
    /// </summary>
    private static async Task<(int Written, byte[] Answer)> TrickleAsync(Stream stream, byte[] bytes)
    {
        var answer = HostileClientHost.AnswerAsync(stream);
        int written = 0;
        try
        {
            while (written < bytes.Length && !answer.IsCompleted)
            {
                await stream.WriteAsync(bytes.AsMemory(written, 1)).AsTask().WaitAsync(InProcessHost.Timeout);
                written++;
                await Task.WhenAny(answer, Task.Delay(200));
            }
        }
        catch (IOException)
        {
            // The host closed while we wrote: what a slowloris meets.
        }
        return (written, await answer);
    }

    [Fact]
    public async Task A_slowloris_greeting_is_closed_without_an_answer_at_the_handshake_timeout()
    {
        await using var host = await HostileClientHost.StartAsync(QuickHandshake);
        await using var stream = await host.ConnectAsync();
        // 255 methods at 5 bytes a second would take 51 s; the whole handshake has 1 s.
        byte[] greeting = Cat(Hex("05 FF"), Enumerable.Repeat((byte)0x80, 255).ToArray());
        var (written, answer) = await TrickleAsync(stream, greeting);
        Assert.True(written < greeting.Length, "the host read the whole slow greeting");
        Assert.Empty(answer);
        Assert.Contains(host.LogLines(), l => l.Contains("SOCKS handshake failed: Timeout", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_slowloris_request_gets_X01_at_the_handshake_timeout()
    {
        await using var host = await HostileClientHost.StartAsync(QuickHandshake);
        await using var stream = await host.ConnectAsync();
        await stream.WriteAsync(Cat(Hex("05 01 02"), HostileClientHost.TorPacked(Encoding.ASCII.GetBytes("key=" + InProcessHost.Key))));
        Assert.Equal(Hex("05 02 01 00"), await stream.ReadBytesAsync(4));
        // A domain-name request of 255 bytes, sent a byte at a time.
        byte[] request = Cat(Hex("05 01 00 03 FF"), Enumerable.Repeat((byte)'a', 255).ToArray(), Hex("01 BB"));
        var (written, answer) = await TrickleAsync(stream, request);
        Assert.True(written < request.Length, "the host read the whole slow request");
        Assert.Equal(FailureReply(0x01), answer);
        Assert.False(host.Transport.HasUnread);
    }

    [Fact]
    public async Task A_slowloris_parameter_block_gets_X11_at_the_handshake_timeout()
    {
        await using var host = await HostileClientHost.StartAsync(QuickHandshake);
        await using var stream = await host.ConnectAsync();
        byte[] json = Encoding.ASCII.GetBytes("{\"key\":\"" + InProcessHost.Key + "\"}");
        await stream.WriteAsync(Cat(Hex("05 01 09 00 00 00"), [(byte)json.Length]));
        Assert.Equal(Hex("05 09"), await stream.ReadBytesAsync(2));
        var (written, answer) = await TrickleAsync(stream, json);
        Assert.True(written < json.Length, "the host read the whole slow parameter block");
        Assert.Equal(FailureReply(0x11), answer);
        Assert.False(host.Transport.HasUnread);
    }

    [Theory]
    [InlineData("04 01 01 BB 7F 00 00 01 00")]
    [InlineData("16 03 01 02 00 01")]
    [InlineData("47 45 54 20 2F 20 48 54 54 50 2F 31 2E 31 0D 0A 0D 0A")]
    public async Task Something_other_than_SOCKS_5_is_closed_without_an_answer(string bytes)
    {
        await using var host = await HostileClientHost.StartAsync();
        await using var stream = await host.ConnectAsync();
        await stream.WriteAsync(Hex(bytes));
        Assert.Empty(await HostileClientHost.AnswerAsync(stream));
        Assert.Contains(host.LogLines(), l => l.Contains("SOCKS handshake failed: BadVersion", StringComparison.Ordinal));
    }

    /// <summary>The argument text <c>key=K;pad=...</c> of <paramref name="length"/> bytes and the pad value it carries.</summary>
    private static (byte[] Text, string Pad) ArgumentsOf(int length)
    {
        const string prefix = "key=" + InProcessHost.Key + ";pad=";
        var text = new StringBuilder(prefix);
        var pad = new StringBuilder();
        while (text.Length < length)
        {
            // Past 255 bytes tor cuts between UNAME and PASSWD at byte 255: put an escape across that cut.
            if (text.Length == 254 && length >= 256)
            {
                text.Append("\\;");
                pad.Append(';');
            }
            else
            {
                char c = (char)('a' + text.Length % 26);
                text.Append(c);
                pad.Append(c);
            }
        }
        Assert.Equal(length, text.Length);
        return (Encoding.ASCII.GetBytes(text.ToString()), pad.ToString());
    }

    [Theory]
    [InlineData(254)]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(510)]
    public async Task Arguments_packed_as_tor_packs_them_arrive_exactly(int length)
    {
        await using var host = await HostileClientHost.StartAsync();
        await using var stream = await host.ConnectAsync();
        var (text, pad) = ArgumentsOf(length);
        byte[] packed = HostileClientHost.TorPacked(text);
        Assert.Equal(length <= 255 ? 2 + length + 2 : 3 + length, packed.Length);
        await stream.WriteAsync(Cat(Hex("05 01 02"), packed, host.Request()));
        Assert.Equal(Hex("05 02 01 00"), await stream.ReadBytesAsync(4));
        Assert.Equal(Hex("05 00"), (await stream.ReadBytesAsync(10))[..2]);
        Assert.Equal(new PtKeyValueList(("key", InProcessHost.Key), ("pad", pad)), await host.Transport.NextArgumentsAsync());
    }

    [Fact]
    public async Task Arguments_of_511_bytes_do_not_fit_RFC_1929_but_arrive_exactly_in_the_JSON_block()
    {
        await using var host = await HostileClientHost.StartAsync();
        var (text, _) = ArgumentsOf(511);
        Assert.True(PtSocksArgs.TryParse(text, out var arguments, out _));

        var refused = await PtSocksClient.ConnectAsync(host.Socks, host.Bridge.Endpoint, arguments).WaitAsync(InProcessHost.Timeout);
        Assert.Equal(PtSocksErrorReason.ArgumentsTooLong, refused.Error.Reason);

        var json = new PtSocksClientOptions { ArgumentEncoding = PtSocksArgumentEncoding.JsonParameterBlock };
        var connected = await PtSocksClient.ConnectAsync(host.Socks, host.Bridge.Endpoint, arguments, json).WaitAsync(InProcessHost.Timeout);
        Assert.True(connected.IsSuccess, connected.ToString());
        await connected.Value.DisposeAsync();
        Assert.Equal(arguments, await host.Transport.NextArgumentsAsync());
        Assert.False(host.Transport.HasUnread);
    }

    [Theory]
    [InlineData("05 01 01")]
    [InlineData("05 03 03 04 80")]
    [InlineData("05 02 FE FF")]
    public async Task Unknown_methods_get_X_FF_and_the_connection_closes(string greeting)
    {
        await using var host = await HostileClientHost.StartAsync();
        await using var stream = await host.ConnectAsync();
        await stream.WriteAsync(Hex(greeting));
        Assert.Equal(Hex("05 FF"), await HostileClientHost.AnswerAsync(stream));
        Assert.Contains(host.LogLines(), l => l.Contains("SOCKS handshake failed: NoAcceptableMethod", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("FF FF FF FF")]
    [InlineData("80 00 00 00")]
    [InlineData("00 01 00 00")]
    public async Task A_parameter_block_announcing_more_than_the_limit_gets_X10_before_any_of_it_is_read(string length)
    {
        await using var host = await HostileClientHost.StartAsync();
        await using var stream = await host.ConnectAsync();
        await stream.WriteAsync(Cat(Hex("05 01 09"), Hex(length)));
        Assert.Equal(Cat(Hex("05 09"), FailureReply(0x10)), await HostileClientHost.AnswerAsync(stream));
        Assert.False(host.Transport.HasUnread);
    }

    [Fact]
    public async Task Clients_that_leave_at_every_byte_of_a_handshake_change_nothing_for_the_next()
    {
        await using var host = await HostileClientHost.StartAsync();
        byte[] handshake = Cat(Hex("05 01 02"), HostileClientHost.TorPacked(Encoding.ASCII.GetBytes("key=" + InProcessHost.Key)), host.Request());
        for (int cut = 0; cut < handshake.Length; cut++)
        {
            await using var stream = await host.ConnectAsync();
            await stream.WriteAsync(handshake.AsMemory(0, cut));
            // Half of them leave with a reset (linger 0), half with a FIN.
            if (cut % 2 == 0) stream.Socket.LingerState = new System.Net.Sockets.LingerOption(true, 0);
        }
        await using (var whole = await host.ConnectAsync())
        {
            await whole.WriteAsync(handshake);
            Assert.Equal(Hex("05 02 01 00 05 00"), (await whole.ReadBytesAsync(14))[..6]);
        }
        Assert.Equal(new PtKeyValueList(("key", InProcessHost.Key)), await host.Transport.NextArgumentsAsync());
        Assert.DoesNotContain(host.LogLines(), l => !l.StartsWith("LOG SEVERITY=info ", StringComparison.Ordinal));
    }
}
