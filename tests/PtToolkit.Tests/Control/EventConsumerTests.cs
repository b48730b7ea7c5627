using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using PtToolkit.Control;
using Xunit;

namespace PtToolkit.Tests.Control;

/// <summary>
/// The consumer of <see cref="TorControlClient.ReadEventsAsync"/> runs its own code: its exceptions, breaks and
/// cancellations stay with it, the client's reader goes on, commands are still answered, and a new enumeration
/// continues with the next event.
/// </summary>
public class EventConsumerTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static string Text(TorReply reply) => Encoding.ASCII.GetString(reply.View.FirstLine.Text);

    private static async Task<List<string>> ReadAsync(TorControlClient client, int count)
    {
        var events = new List<string>();
        using var timeout = new CancellationTokenSource(Wait);
        await foreach (var e in client.ReadEventsAsync(timeout.Token))
        {
            events.Add(Text(e));
            if (events.Count == count) break;
        }
        return events;
    }

    [Fact]
    public async Task An_exception_in_the_consumer_reaches_the_consumer_and_the_client_goes_on()
    {
        await using var server = FakeTorServer.StartTcp();
        await using var client = await TorControlClient.ConnectAsync(server.EndPoint).WaitAsync(Wait);
        await server.SendAsync("650 BW 1 1\n650 BW 2 2\n650 BW 3 3\n");

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            using var timeout = new CancellationTokenSource(Wait);
            await foreach (var e in client.ReadEventsAsync(timeout.Token))
            {
                throw new InvalidOperationException("consumer failed on " + Text(e));
            }
        });
        Assert.Equal("consumer failed on BW 1 1", thrown.Message);

        var version = client.GetInfoAsync("version");
        await server.ExpectAsync("GETINFO version");
        await server.SendAsync("650 BW 4 4\n250-version=0.4.9.11\n250 OK\n650 BW 5 5\n");
        Assert.Equal("0.4.9.11", await version.WaitAsync(Wait));
        Assert.Equal(["BW 2 2", "BW 3 3", "BW 4 4", "BW 5 5"], await ReadAsync(client, 4));
    }

    [Fact]
    public async Task A_cancelled_or_abandoned_enumeration_loses_no_event()
    {
        await using var server = FakeTorServer.StartTcp();
        await using var client = await TorControlClient.ConnectAsync(server.EndPoint).WaitAsync(Wait);

        using (var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100)))
        {
            // No event comes: the enumeration waits, then is cancelled while waiting.
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            {
                await foreach (var e in client.ReadEventsAsync(cancel.Token)) Assert.Fail("no event was sent: " + Text(e));
            });
        }
        await server.SendAsync("650 SIGNAL NEWNYM\n650 SIGNAL RELOAD\n650 SIGNAL DUMP\n");
        Assert.Equal(["SIGNAL NEWNYM"], await ReadAsync(client, 1));

        var signal = client.SignalAsync("HEARTBEAT");
        await server.ExpectAsync("SIGNAL HEARTBEAT");
        await server.SendAsync("250 OK\n650 SIGNAL HEARTBEAT\n");
        await signal.WaitAsync(Wait);
        Assert.Equal(["SIGNAL RELOAD", "SIGNAL DUMP", "SIGNAL HEARTBEAT"], await ReadAsync(client, 3));
    }
}
