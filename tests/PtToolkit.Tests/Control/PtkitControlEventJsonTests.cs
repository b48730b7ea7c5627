using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using PtToolkit.Cli.Control;
using PtToolkit.Control;
using Xunit;

namespace PtToolkit.Tests.Control;

/// <summary>The JSON lines <c>ptkit control --events</c> writes: every event of the captured tor session, and the Unknown, Invalid and data-block forms.</summary>
public class PtkitControlEventJsonTests
{
    private static JsonElement[] Write(params TorReply[] replies)
    {
        var output = new MemoryStream();
        var writer = new EventJsonWriter(output);
        foreach (var reply in replies) writer.Write(reply);
        return Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement).ToArray();
    }

    private static TorReply[] CapturedEvents() => CapturedSession.Replies
        .Select(r => TorReply.TryParse(CapturedSession.ServerBytes.AsSpan(r.Start, r.Length), out var reply, out _) ? reply! : throw new InvalidDataException())
        .Where(r => r.IsAsync).ToArray();

    private static JsonElement First(JsonElement[] events, string name) => events.First(e => e.GetProperty("event").GetString() == name);

    [Fact]
    public void Every_captured_event_is_one_line_of_its_kind_with_typed_fields_and_its_raw_text()
    {
        var replies = CapturedEvents();
        var events = Write(replies);
        Assert.Equal(replies.Length, events.Length);
        for (int i = 0; i < replies.Length; i++)
        {
            Assert.Equal(replies[i].EventName, events[i].GetProperty("event").GetString());
            Assert.Equal(TorEvents.EventKindOf(Encoding.ASCII.GetBytes(replies[i].EventName)).ToString(), events[i].GetProperty("kind").GetString());
            Assert.Equal(JsonValueKind.Object, events[i].GetProperty("fields").ValueKind);
            Assert.Equal(Encoding.UTF8.GetString(replies[i].Raw.Span).Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n'), events[i].GetProperty("raw").GetString());
        }

        var stream = First(events, "STREAM").GetProperty("fields");
        Assert.Equal("NEW", stream.GetProperty("status").GetString());
        Assert.Equal("0", stream.GetProperty("circuitId").GetString());
        Assert.Equal(0UL, stream.GetProperty("NYM_EPOCH").GetUInt64());
        Assert.False(stream.TryGetProperty("REASON", out _));
        var circ = First(events, "CIRC").GetProperty("fields");
        Assert.Equal("LAUNCHED", circ.GetProperty("status").GetString());
        Assert.Equal("ONEHOP_TUNNEL,IS_INTERNAL,NEED_CAPACITY", circ.GetProperty("BUILD_FLAGS").GetString());
        Assert.False(circ.TryGetProperty("path", out _));
        var launched = First(events, "TRANSPORT_LAUNCHED").GetProperty("fields");
        Assert.Equal(("client", "obfs4", "127.0.0.1"), (launched.GetProperty("side").GetString(), launched.GetProperty("name").GetString(), launched.GetProperty("address").GetString()));
        Assert.Equal(JsonValueKind.Number, launched.GetProperty("port").ValueKind);
        var bootstrap = First(events, "STATUS_CLIENT").GetProperty("fields");
        Assert.Equal(("NOTICE", "BOOTSTRAP", 1UL, "Connecting to pluggable transport"),
            (bootstrap.GetProperty("severity").GetString(), bootstrap.GetProperty("action").GetString(), bootstrap.GetProperty("PROGRESS").GetUInt64(), bootstrap.GetProperty("SUMMARY").GetString()));
        var guard = First(events, "GUARD").GetProperty("fields");
        Assert.Equal(("ENTRY", "DOWN"), (guard.GetProperty("type").GetString(), guard.GetProperty("status").GetString()));
        var addrmap = First(events, "ADDRMAP").GetProperty("fields");
        Assert.Equal(("torproject.org", "NEVER", "YES"), (addrmap.GetProperty("newAddress").GetString(), addrmap.GetProperty("expiry").GetString(), addrmap.GetProperty("CACHED").GetString()));
        var contact = First(events, "CONF_CHANGED").GetProperty("fields").GetProperty("changes")[0];
        Assert.Equal("tester \"quoted\" back\\slash, tab\t and é", contact[1].GetString());
    }

    [Fact]
    public void Unknown_invalid_and_data_block_events_have_their_own_forms()
    {
        var events = Write(
            ControlText.Reply("650 FLUX_CAPACITOR 88 MPH\n"),
            ControlText.Reply("650 CIRC 7\n"),
            ControlText.Reply("650+NOTICE\nfirst line\n..dotted\n.\n650 OK\n"),
            ControlText.Reply("650 CIRC 8 TELEPORTED\n"),
            ControlText.Reply("650-CONF_CHANGED\n650-ContactInfo\n650 OK\n"));

        Assert.Equal("""{"event":"FLUX_CAPACITOR","kind":"Unknown","raw":"650 FLUX_CAPACITOR 88 MPH"}""", events[0].GetRawText());
        Assert.Equal("""{"event":"CIRC","kind":"Invalid","expected":"Circ","error":"missing argument","offset":6,"field":"status","raw":"650 CIRC 7"}""", events[1].GetRawText());
        Assert.Equal("first line\n.dotted", events[2].GetProperty("fields").GetProperty("message").GetString());
        Assert.Equal("TELEPORTED", events[3].GetProperty("fields").GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, events[4].GetProperty("fields").GetProperty("changes")[0][1].ValueKind);
    }
}
