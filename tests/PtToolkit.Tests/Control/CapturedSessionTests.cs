using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using FsCheck;
using FsCheck.Xunit;
using PtToolkit.Control;
using Xunit;

namespace PtToolkit.Tests.Control;

/// <summary>
/// The captured real tor 0.4.9 session (samples/transcripts/tor-0.4.9-control.s2c) replayed byte for byte: it
/// frames into exactly one reply per command plus the events, whatever the reads it arrives in, and every
/// event reads through its generated view.
/// </summary>
public class CapturedSessionTests
{
    /// <summary>Bytes split at every offset up to here are checked one by one (framing is O(n) per split, so O(n²) in all).</summary>
    private const int EverySplitPrefix = 8 * 1024;

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private static byte[] Bytes => CapturedSession.ServerBytes;

    private static TorReplyView View(int index)
    {
        var (start, length) = CapturedSession.Replies[index];
        Assert.True(TorReplyView.TryParse(Bytes.AsSpan(start, length), out var reply, out var error), error.ToString());
        return reply;
    }

    /// <summary>The status tor gave each command: 250 but for the commands the session sent to be refused.</summary>
    private static int ExpectedStatus(int index)
    {
        string command = CapturedSession.Commands[index];
        bool repeated = CapturedSession.Commands.Take(index).Contains(command);
        return command switch
        {
            "GETINFO no-such-key" or "SETEVENTS PT_LOG" or "SETCONF NoSuchOption=1" or "SIGNAL NO_SUCH_SIGNAL" => 552,
            "SETCONF MaxCircuitDirtiness=soon" => 513,
            "ADD_ONION ED25519-V3:notakey Port=80" => 512,
            "FROB the knob" => 510,
            _ when command.StartsWith("DEL_ONION ", StringComparison.Ordinal) && repeated => 552,
            _ => 250,
        };
    }

    [Fact]
    public void The_session_frames_into_one_reply_per_command_and_the_events()
    {
        var replies = CapturedSession.Replies;
        Assert.Equal(Bytes.Length, replies.Sum(r => r.Length));
        var commandReplies = Enumerable.Range(0, replies.Count).Where(i => !View(i).IsAsync).ToArray();
        Assert.Equal(CapturedSession.Commands.Length, commandReplies.Length);
        Assert.Equal(
            Enumerable.Range(0, commandReplies.Length).Select(ExpectedStatus),
            commandReplies.Select(i => View(i).StatusCode));
        Assert.True(replies.Count - commandReplies.Length > 200, $"only {replies.Count - commandReplies.Length} events");
    }

    [Fact]
    public void Split_at_every_offset_of_the_first_8_KiB_the_replies_are_the_same()
    {
        var expected = CapturedSession.Replies;
        int last = Math.Min(EverySplitPrefix, Bytes.Length - 1);
        for (int split = 1; split <= last; split++)
        {
            var (replies, error, pending) = CapturedSession.FrameInReads(Bytes, split);
            Assert.False(error.IsError, $"split at {split}: {error}");
            Assert.Equal(0, pending);
            Assert.True(expected.SequenceEqual(replies), $"split at {split}: other replies");
        }
    }

    [Fact]
    public void Arriving_one_byte_at_a_time_the_replies_are_the_same()
    {
        var (replies, error, pending) = CapturedSession.FrameInReads(Bytes, Enumerable.Range(1, Bytes.Length));
        Assert.False(error.IsError, error.ToString());
        Assert.Equal(0, pending);
        Assert.Equal(CapturedSession.Replies, replies);
    }

    [Property(MaxTest = 300)]
    public bool Split_at_any_offset_the_replies_are_the_same(PositiveInt offset)
    {
        var (replies, error, pending) = CapturedSession.FrameInReads(Bytes, offset.Get % Bytes.Length);
        return !error.IsError && pending == 0 && CapturedSession.Replies.SequenceEqual(replies);
    }

    [Property(MaxTest = 200)]
    public bool Arriving_in_reads_of_any_sizes_the_replies_are_the_same(NonEmptyArray<PositiveInt> sizes)
    {
        var ends = new List<int>();
        for (int end = 0, i = 0; end < Bytes.Length; i++)
        {
            end += 1 + sizes.Get[i % sizes.Get.Length].Get % 4096;
            ends.Add(end);
        }
        var (replies, error, pending) = CapturedSession.FrameInReads(Bytes, ends);
        return !error.IsError && pending == 0 && CapturedSession.Replies.SequenceEqual(replies);
    }

    [Fact]
    public void Every_event_reads_through_its_generated_view()
    {
        var kinds = new HashSet<TorEvents.EventKind>();
        var invalid = new List<string>();
        int events = 0;
        for (int i = 0; i < CapturedSession.Replies.Count; i++)
        {
            var reply = View(i);
            if (!reply.IsAsync) continue;
            events++;
            var recorder = new TorEventsTests.Recorder();
            var kind = TorEvents.DispatchEvent(reply.FirstLine, ref recorder);
            kinds.Add(kind);
            if (recorder.Valid != 1) invalid.Add($"{Encoding.UTF8.GetString(reply.FirstLine.Text)}: {recorder.LastError}");
            CheckKnownValues(kind, reply.FirstLine);
        }
        Assert.Empty(invalid);
        Assert.True(events > 200);
        Assert.DoesNotContain(TorEvents.EventKind.Unknown, kinds);
        Assert.Superset(
            new HashSet<TorEvents.EventKind>
            {
                TorEvents.EventKind.Circ, TorEvents.EventKind.Stream, TorEvents.EventKind.OrConn, TorEvents.EventKind.Bandwidth,
                TorEvents.EventKind.InfoLog, TorEvents.EventKind.NoticeLog, TorEvents.EventKind.WarnLog, TorEvents.EventKind.StatusClient,
                TorEvents.EventKind.ConfChanged, TorEvents.EventKind.SignalReceived, TorEvents.EventKind.AddrMap, TorEvents.EventKind.Guard,
                TorEvents.EventKind.StreamBandwidth, TorEvents.EventKind.TransportLaunched,
            },
            kinds);
    }

    /// <summary>Enumerated arguments tor 0.4.9 sent are all values the spec lists (none read as Unknown).</summary>
    private static void CheckKnownValues(TorEvents.EventKind kind, TorReplyLineView line)
    {
        switch (kind)
        {
            case TorEvents.EventKind.Circ:
                Assert.True(TorEvents.CircEvent.TryParse(line, out var circ, out _));
                Assert.NotEqual(TorEvents.CircStatus.Unknown, circ.Status);
                break;
            case TorEvents.EventKind.Stream:
                Assert.True(TorEvents.StreamEvent.TryParse(line, out var stream, out _));
                Assert.NotEqual(TorEvents.StreamStatus.Unknown, stream.Status);
                break;
            case TorEvents.EventKind.OrConn:
                Assert.True(TorEvents.OrConnEvent.TryParse(line, out var orConn, out _));
                Assert.NotEqual(TorEvents.OrConnStatus.Unknown, orConn.Status);
                break;
            case TorEvents.EventKind.Guard:
                Assert.True(TorEvents.GuardEvent.TryParse(line, out var guard, out _));
                Assert.NotEqual(TorEvents.GuardStatus.Unknown, guard.Status);
                break;
            case TorEvents.EventKind.SignalReceived:
                Assert.True(TorEvents.SignalReceivedEvent.TryParse(line, out var signal, out _));
                Assert.NotEqual(TorEvents.Signal.Unknown, signal.Signal);
                break;
            case TorEvents.EventKind.StatusClient:
                Assert.True(TorEvents.StatusClientEvent.TryParse(line, out var status, out _));
                Assert.NotEqual(TorEvents.StatusSeverity.Unknown, status.Severity);
                break;
        }
    }

    [Fact]
    public void The_cookie_file_path_with_space_quote_backslash_and_UTF_8_is_unescaped_exactly()
    {
        var info = TorProtocolInfo.FromReply(TorReply.From(View(0)));
        Assert.Equal(TorAuthMethods.Cookie | TorAuthMethods.SafeCookie, info.Methods);
        Assert.Equal("0.4.9.11", info.TorVersion);
        Assert.StartsWith("/tmp/", info.CookieFile, StringComparison.Ordinal);
        Assert.EndsWith("/data dir \"q\" back\\slash é/control_auth_cookie", info.CookieFile, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_client_given_every_command_at_once_gets_each_its_reply_and_every_event()
    {
        await using var server = FakeTorServer.StartTcp();
        await using var client = await TorControlClient.ConnectAsync(server.EndPoint).WaitAsync(Wait);
        var sent = CapturedSession.Commands.Select(c => client.SendAsync(c)).ToArray();
        foreach (string command in CapturedSession.Commands) await server.ExpectAsync(command);
        var random = new Random(7);
        for (int offset = 0; offset < Bytes.Length;)
        {
            int size = Math.Min(Bytes.Length - offset, random.Next(1, 3000));
            await server.SendRawAsync(Bytes.AsSpan(offset, size).ToArray());
            offset += size;
        }
        await server.CloseAsync();

        var replies = await Task.WhenAll(sent).WaitAsync(Wait);
        Assert.Equal(Enumerable.Range(0, replies.Length).Select(ExpectedStatus), replies.Select(r => r.StatusCode));
        var events = new List<string>();
        await foreach (var e in client.ReadEventsAsync(new CancellationTokenSource(Wait).Token)) events.Add(Encoding.UTF8.GetString(e.Raw.Span));
        var expected = Enumerable.Range(0, CapturedSession.Replies.Count).Where(i => View(i).IsAsync).Select(i => Encoding.UTF8.GetString(View(i).Raw));
        Assert.Equal(expected, events);
    }
}
