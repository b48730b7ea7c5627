using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PtToolkit.Control;
using Xunit;

namespace PtToolkit.Tests.Control;

/// <summary>The client against a scripted server: pipelining, events beside commands, cancellation, timeouts, errors.</summary>
public class TorControlClientTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static Task<TorControlClient> Connect(FakeTorServer server, TorControlClientOptions? options = null) =>
        TorControlClient.ConnectAsync(server.EndPoint, options).WaitAsync(Wait);

    private static async Task<List<TorReply>> ReadEvents(TorControlClient client, int count)
    {
        var events = new List<TorReply>();
        await foreach (var e in client.ReadEventsAsync().WithCancellation(new CancellationTokenSource(Wait).Token))
        {
            events.Add(e);
            if (events.Count == count) break;
        }
        return events;
    }

    [Fact]
    public async Task Pipelined_commands_get_their_own_replies_with_events_in_between()
    {
        await using var server = FakeTorServer.StartTcp();
        await using var client = await Connect(server);
        var keys = new[] { "a", "b", "c", "d" };
        var asked = keys.Select(k => client.GetInfoAsync(k)).ToArray();
        for (int i = 0; i < keys.Length; i++)
        {
            string? line = await server.ReadLineAsync();
            string key = line!["GETINFO ".Length..];
            await server.SendAsync($"650 BW {i} {i}\n250-{key}=value of {key}\n250 OK\n");
        }
        var values = await Task.WhenAll(asked).WaitAsync(Wait);
        Assert.Equal(keys.Select(k => "value of " + k), values);
        var events = await ReadEvents(client, keys.Length);
        Assert.Equal(["BW 0 0", "BW 1 1", "BW 2 2", "BW 3 3"], events.Select(e => System.Text.Encoding.ASCII.GetString(e.View.FirstLine.Text)));
    }

    [Fact]
    public async Task A_cancelled_command_still_consumes_its_reply()
    {
        await using var server = FakeTorServer.StartTcp();
        await using var client = await Connect(server);
        using var cancel = new CancellationTokenSource();
        var first = client.GetInfoAsync("first", cancel.Token);
        await server.ExpectAsync("GETINFO first");
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first.WaitAsync(Wait));
        var second = client.GetInfoAsync("second");
        await server.ExpectAsync("GETINFO second");
        await server.SendAsync("250-first=1\n250 OK\n250-second=2\n250 OK\n");
        Assert.Equal("2", await second.WaitAsync(Wait));
    }

    [Fact]
    public async Task A_command_without_reply_times_out_and_later_replies_stay_matched()
    {
        await using var server = FakeTorServer.StartTcp();
        await using var client = await Connect(server, new TorControlClientOptions { CommandTimeout = TimeSpan.FromMilliseconds(200) });
        var slow = client.SignalAsync("NEWNYM");
        await server.ExpectAsync("SIGNAL NEWNYM");
        var timeout = await Assert.ThrowsAsync<TimeoutException>(() => slow.WaitAsync(Wait));
        Assert.StartsWith("SIGNAL", timeout.Message, StringComparison.Ordinal);
        var next = client.SendAsync("GETINFO version");
        await server.ExpectAsync("GETINFO version");
        await server.SendAsync("250 OK\n250-version=1\n250 OK\n");
        var reply = await next.WaitAsync(Wait);
        Assert.Equal("version=1", System.Text.Encoding.ASCII.GetString(reply.View.FirstLine.Text));
    }

    [Fact]
    public async Task Failure_replies_raise_typed_errors_and_raw_commands_return_them()
    {
        await using var server = FakeTorServer.StartTcp();
        await using var client = await Connect(server);
        var failing = client.GetConfAsync(["Nope"]);
        await server.ExpectAsync("GETCONF Nope");
        await server.SendAsync("552 Unrecognized configuration key \"Nope\"\n");
        var error = await Assert.ThrowsAsync<TorCommandException>(() => failing.WaitAsync(Wait));
        Assert.Equal((TorStatusCode.UnrecognizedEntity, "GETCONF", "Unrecognized configuration key \"Nope\""), (error.Status, error.Command, error.ReplyText));

        var raw = client.SendAsync("FROB x");
        await server.ExpectAsync("FROB x");
        await server.SendAsync("510 Unrecognized command \"FROB\"\n");
        Assert.Equal(TorStatusCode.UnrecognizedCommand, (await raw.WaitAsync(Wait)).Status);
        await Assert.ThrowsAsync<ArgumentException>(() => client.SendAsync("GETINFO a\r\nSIGNAL HALT"));
        await Assert.ThrowsAsync<ArgumentException>(() => client.SetEventsAsync(["CIRC STREAM"]));
    }

    [Fact]
    public async Task Commands_are_encoded_as_the_spec_says()
    {
        await using var server = FakeTorServer.StartTcp();
        await using var client = await Connect(server);
        async Task Check(Task command, string expected, string reply = "250 OK\n")
        {
            await server.ExpectAsync(expected);
            await server.SendAsync(reply);
            await command.WaitAsync(Wait);
        }
        await Check(client.SetConfAsync([new("Log", "notice stdout"), new("ORPort", null)]), "SETCONF Log=\"notice stdout\" ORPort");
        await Check(client.ResetConfAsync("MaxCircuitDirtiness"), "RESETCONF MaxCircuitDirtiness");
        await Check(client.ResetConfAsync([new("ContactInfo", "a\nb")]), "RESETCONF ContactInfo=\"a\\nb\"");
        await Check(client.SaveConfAsync(force: true), "SAVECONF FORCE");
        await Check(client.SetEventsAsync(["CIRC", "CONF_CHANGED"]), "SETEVENTS CIRC CONF_CHANGED");
        await Check(client.TakeOwnershipAsync(), "TAKEOWNERSHIP");
        await Check(client.DropOwnershipAsync(), "DROPOWNERSHIP");
        await Check(client.DelOnionAsync("abc"), "DEL_ONION abc");
        var mapped = client.MapAddressAsync([new("0.0.0.0", "torproject.org")]);
        await Check(mapped, "MAPADDRESS 0.0.0.0=torproject.org", "250 127.192.10.10=torproject.org\n");
        Assert.Equal([new KeyValuePair<string, string>("127.192.10.10", "torproject.org")], await mapped);
        var onion = client.AddOnionAsync("NEW:ED25519-V3", ["80,127.0.0.1:8080"], ["DiscardPK"]);
        await Check(onion, "ADD_ONION NEW:ED25519-V3 Flags=DiscardPK Port=80,127.0.0.1:8080", "250-ServiceID=xyz\n250 OK\n");
        Assert.Equal("xyz", (await onion).ServiceId);
        await Check(client.QuitAsync(), "QUIT", "250 closing connection\n");
    }

    [Fact]
    public async Task A_large_reply_arriving_in_pieces_is_read_whole()
    {
        await using var server = FakeTorServer.StartTcp();
        await using var client = await Connect(server);
        var text = client.GetInfoAsync("config-text");
        await server.ExpectAsync("GETINFO config-text");
        var lines = Enumerable.Range(0, 5000).Select(i => $"Option{i} value {i}").ToArray();
        byte[] reply = ControlText.Crlf("250+config-text=\n" + string.Join('\n', lines) + "\n.\n250 OK\n");
        for (int at = 0; at < reply.Length; at += 7000) await server.SendRawAsync(reply[at..Math.Min(reply.Length, at + 7000)]);
        Assert.Equal(string.Join('\n', lines), await text.WaitAsync(Wait));
    }

    [Fact]
    public async Task Events_wait_for_a_slow_reader_and_none_is_lost()
    {
        await using var server = FakeTorServer.StartTcp();
        await using var client = await Connect(server, new TorControlClientOptions { EventCapacity = 2 });
        var command = client.GetInfoAsync("version");
        await server.ExpectAsync("GETINFO version");
        await server.SendAsync(string.Concat(Enumerable.Range(0, 6).Select(i => $"650 NOTICE event {i}\n")) + "250-version=x\n250 OK\n");
        var events = await ReadEvents(client, 6);
        Assert.Equal(Enumerable.Range(0, 6).Select(i => $"NOTICE event {i}"), events.Select(e => System.Text.Encoding.ASCII.GetString(e.View.FirstLine.Text)));
        Assert.Equal("x", await command.WaitAsync(Wait));
    }

    [Fact]
    public async Task Broken_framing_fails_waiting_commands_and_the_event_sequence()
    {
        await using var server = FakeTorServer.StartTcp();
        await using var client = await Connect(server);
        var waiting = client.GetInfoAsync("version");
        await server.ExpectAsync("GETINFO version");
        await server.SendRawAsync("250-version=1\n"u8.ToArray());
        var error = await Assert.ThrowsAsync<TorControlProtocolException>(() => waiting.WaitAsync(Wait));
        Assert.Equal(new TorControlError(TorControlErrorReason.MissingCarriageReturn, 13), error.Error);
        await Assert.ThrowsAsync<TorControlProtocolException>(() => ReadEvents(client, 1));
        await Assert.ThrowsAsync<TorControlException>(() => client.GetInfoAsync("again").WaitAsync(Wait));
    }

    [Fact]
    public async Task A_reply_nobody_asked_for_closes_the_connection()
    {
        await using var server = FakeTorServer.StartTcp();
        await using var client = await Connect(server);
        await server.SendAsync("250 OK\n");
        var error = await Assert.ThrowsAsync<TorControlProtocolException>(() => ReadEvents(client, 1));
        Assert.Contains("no command was waiting", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_Tor_closes_the_connection_commands_fail_and_events_end()
    {
        await using var server = FakeTorServer.StartTcp();
        await using var client = await Connect(server);
        var waiting = client.GetInfoAsync("version");
        await server.ExpectAsync("GETINFO version");
        await server.SendAsync("650 NOTICE last words\n");
        await server.CloseAsync();
        await Assert.ThrowsAsync<TorControlException>(() => waiting.WaitAsync(Wait));
        Assert.Single(await ReadEvents(client, 2));
    }

    [Fact]
    public async Task Disposing_fails_waiting_commands()
    {
        await using var server = FakeTorServer.StartTcp();
        var client = await Connect(server);
        var waiting = client.GetInfoAsync("version");
        await server.ExpectAsync("GETINFO version");
        await client.DisposeAsync();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => waiting.WaitAsync(Wait));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.GetInfoAsync("again").WaitAsync(Wait));
        Assert.Null(await server.ReadLineAsync());
        await client.DisposeAsync();
    }

    [Fact]
    public async Task A_unix_domain_socket_works_like_TCP()
    {
        string directory = Directory.CreateTempSubdirectory("ptk-ctl-").FullName;
        try
        {
            await using var server = FakeTorServer.StartUnix(Path.Combine(directory, "control.sock"));
            await using var client = await Connect(server);
            var version = client.GetInfoAsync("version");
            await server.ExpectAsync("GETINFO version");
            await server.SendAsync("250-version=0.4.9\n250 OK\n");
            Assert.Equal("0.4.9", await version.WaitAsync(Wait));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Connecting_to_a_closed_port_fails()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var endPoint = (System.Net.IPEndPoint)listener.LocalEndpoint;
        listener.Stop();
        await Assert.ThrowsAnyAsync<System.Net.Sockets.SocketException>(() => TorControlClient.ConnectAsync(endPoint).WaitAsync(Wait));
    }
}
