using System;
using System.Collections.Generic;
using System.Text;
using PtToolkit.Control;
using Xunit;

using static PtToolkit.Tests.Control.ControlText;

namespace PtToolkit.Tests.Control;

/// <summary>Reply and line views: status, separators, text, data blocks un-stuffed, key=value lines.</summary>
public class TorReplyViewTests
{
    private static List<(int Status, TorLineKind Kind, string Text, string? Data)> Lines(TorReply reply)
    {
        var lines = new List<(int, TorLineKind, string, string?)>();
        foreach (var line in reply.View.Lines)
            lines.Add((line.StatusCode, line.Kind, Encoding.UTF8.GetString(line.Text), line.HasData ? line.Data.ToString() : null));
        return lines;
    }

    [Fact]
    public void Lines_carry_status_separator_text_and_data()
    {
        var reply = Reply("250-version=Tor 0.4.9\n250+config-text=\nLog notice stdout\n..hidden\n\n.\n552-partial\n250 OK\n");
        Assert.Equal(
            [
                (250, TorLineKind.Mid, "version=Tor 0.4.9", null),
                (250, TorLineKind.Data, "config-text=", "Log notice stdout\n.hidden\n"),
                (552, TorLineKind.Mid, "partial", null),
                (250, TorLineKind.End, "OK", null),
            ],
            Lines(reply));
        Assert.Equal(250, reply.StatusCode);
        Assert.False(reply.IsSuccess);
        Assert.False(reply.IsAsync);
    }

    [Fact]
    public void Data_block_lines_are_unstuffed_slices_and_copy_into_a_buffer()
    {
        var reply = Reply("250+x=\n.a\n..b\n...\nplain\n.\n250 OK\n");
        var data = reply.View.FirstLine.Data;
        var lines = new List<string>();
        foreach (var line in data.Lines) lines.Add(Encoding.ASCII.GetString(line));
        Assert.Equal(["a", ".b", "..", "plain"], lines);
        Assert.Equal(".a\r\n..b\r\n...\r\nplain\r\n", Encoding.ASCII.GetString(data.Raw));
        Assert.Equal(13, data.ContentLength);
        var buffer = new byte[13];
        Assert.Equal(13, data.CopyTo(buffer));
        Assert.Equal("a\n.b\n..\nplain", Encoding.ASCII.GetString(buffer));
        Assert.Equal(-1, data.CopyTo(new byte[12]));
    }

    [Fact]
    public void An_empty_data_block_has_no_lines()
    {
        var data = Reply("250+x=\n.\n250 OK\n").View.FirstLine.Data;
        Assert.True(data.IsEmpty);
        Assert.Equal(0, data.ContentLength);
        Assert.Equal("", data.ToString());
    }

    [Fact]
    public void Events_are_6yz_and_named_by_their_first_word()
    {
        var reply = Reply("650-CONF_CHANGED\n650-MaxCircuitDirtiness=1234\n650 OK\n");
        Assert.True(reply.IsAsync);
        Assert.False(reply.IsSuccess);
        Assert.Equal("CONF_CHANGED", reply.EventName);
        Assert.Equal(TorStatusCode.AsyncEvent, reply.Status);
        Assert.Equal("650 CONF_CHANGED", reply.ToString());
        Assert.Equal("FUTURE_EVENT", Reply("650 FUTURE_EVENT with new=fields\n").EventName);
        Assert.Equal("", Reply("650 \n").EventName);
    }

    [Fact]
    public void The_end_line_gives_the_reply_status()
    {
        var reply = Reply("250-a\n250+b=\n552 x\n.\n552 Unrecognized key \"nope\"\n");
        Assert.Equal(552, reply.StatusCode);
        Assert.Equal(TorStatusCode.UnrecognizedEntity, reply.Status);
        Assert.Equal("Unrecognized key \"nope\"", Encoding.UTF8.GetString(reply.View.EndLine.Text));
        Assert.Equal(TorLineKind.End, reply.View.EndLine.Kind);
    }

    [Theory]
    [InlineData("250 SocksPort=9050", "SocksPort", "9050", false)]
    [InlineData("250 Log=notice stdout", "Log", "notice stdout", false)]
    [InlineData("250 ContactInfo=\"a\\\"b\\\\c\\n\\001\\303\\251\"", "ContactInfo", "a\"b\\c\n\u0001é", true)]
    [InlineData("250 Nick=\"a\" \"b\"", "Nick", "\"a\" \"b\"", false)]
    [InlineData("250 status=NOTICE BOOTSTRAP SUMMARY=\"Starting\"", "status", "NOTICE BOOTSTRAP SUMMARY=\"Starting\"", false)]
    [InlineData("250 127.192.10.10=torproject.org", "127.192.10.10", "torproject.org", false)]
    [InlineData("250 empty=", "empty", "", false)]
    public void Keyword_value_lines_split_at_the_first_equals(string text, string key, string value, bool quoted)
    {
        var line = Reply(text + "\n").View.FirstLine;
        Assert.True(line.TrySplitKeyValue(out var pair));
        Assert.Equal(key, pair.KeyString);
        Assert.True(pair.HasValue);
        Assert.Equal(value, pair.ToString());
        Assert.Equal(quoted, pair.IsQuoted);
    }

    [Fact]
    public void A_keyword_alone_has_no_value_and_an_empty_text_no_pair()
    {
        Assert.True(Reply("250 HiddenServiceOptions\n").View.FirstLine.TrySplitKeyValue(out var pair));
        Assert.Equal("HiddenServiceOptions", pair.KeyString);
        Assert.False(pair.HasValue);
        Assert.False(Reply("250 \n").View.FirstLine.TrySplitKeyValue(out _));
        Assert.False(Reply("250 =x\n").View.FirstLine.TrySplitKeyValue(out _));
    }

    [Fact]
    public void Owned_replies_copy_the_bytes()
    {
        byte[] bytes = Crlf("250 OK\n");
        Assert.True(TorReplyView.TryParse(bytes, out var view, out _));
        var owned = TorReply.From(view);
        bytes[0] = (byte)'5';
        Assert.Equal(250, owned.StatusCode);
        Assert.True(owned.IsSuccess);
        Assert.Equal("250", owned.ToString());
        Assert.Equal(Crlf("250 OK\n"), owned.Raw.ToArray());
    }
}
