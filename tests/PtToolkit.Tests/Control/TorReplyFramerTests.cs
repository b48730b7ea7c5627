using System;
using System.Text;
using PtToolkit.Control;
using Xunit;

using static PtToolkit.Tests.Control.ControlText;

namespace PtToolkit.Tests.Control;

/// <summary>The reply framer: whole replies out of a stream, strict CRLF and status codes, limits, resuming.</summary>
public class TorReplyFramerTests
{
    [Fact]
    public void Replies_are_cut_at_their_end_lines_and_data_blocks_do_not_end_them()
    {
        var stream = Crlf("250 OK\n250-a=1\n250+b=\n250 x\n..250 y\n.\n250 OK\n650 BW 1 2\n");
        var (replies, error, pending) = Frame(stream);
        Assert.False(error.IsError, error.ToString());
        Assert.Equal(0, pending);
        Assert.Equal(["250 OK\r\n", "250-a=1\r\n250+b=\r\n250 x\r\n..250 y\r\n.\r\n250 OK\r\n", "650 BW 1 2\r\n"],
            replies.ConvertAll(r => Encoding.UTF8.GetString(r)));
    }

    [Fact]
    public void A_partial_reply_waits_and_resumes_without_losing_bytes()
    {
        var framer = new TorReplyFramer();
        var all = Crlf("250-version=1\n250 OK\n");
        for (int n = 1; n < all.Length; n++) Assert.Equal(TorFrameStatus.NeedMoreData, framer.Frame(all.AsSpan(0, n), out _));
        Assert.Equal(TorFrameStatus.Reply, framer.Frame(all, out int length));
        Assert.Equal(all.Length, length);
        Assert.Equal(all.Length, framer.BytesFramed);
    }

    [Fact]
    public void A_split_inside_CRLF_is_read_correctly()
    {
        var (replies, error, _) = Frame(Crlf("250-a\n250 OK\n"), [5, 1, 1, 100]);
        Assert.False(error.IsError);
        Assert.Single(replies);
    }

    [Theory]
    [InlineData("250 OK\n", TorControlErrorReason.MissingCarriageReturn, 6)]
    [InlineData("250-a\r\n250 OK\n", TorControlErrorReason.MissingCarriageReturn, 13)]
    [InlineData("250+a\r\nline\n.\r\n250 OK\r\n", TorControlErrorReason.MissingCarriageReturn, 11)]
    [InlineData("\n", TorControlErrorReason.MissingCarriageReturn, 0)]
    [InlineData("25 OK\r\n", TorControlErrorReason.BadStatusCode, 2)]
    [InlineData("2500 OK\r\n", TorControlErrorReason.BadSeparator, 3)]
    [InlineData("x50 OK\r\n", TorControlErrorReason.BadStatusCode, 0)]
    [InlineData("\r\n", TorControlErrorReason.BadStatusCode, 0)]
    [InlineData("250\r\n", TorControlErrorReason.BadSeparator, 3)]
    [InlineData("250_OK\r\n", TorControlErrorReason.BadSeparator, 3)]
    [InlineData("250 OK\r\n650 BW\r\n６50 x\r\n", TorControlErrorReason.BadStatusCode, 16)]
    [InlineData("250-a\r\n25\r\n", TorControlErrorReason.BadStatusCode, 9)]
    public void Near_misses_are_refused_with_the_stream_offset(string text, TorControlErrorReason reason, long offset)
    {
        var (_, error, _) = Frame(B(text));
        Assert.Equal(reason, error.Reason);
        Assert.Equal(offset, error.Offset);
    }

    [Fact]
    public void Replies_before_an_error_are_still_returned()
    {
        var (replies, error, _) = Frame(B("250 OK\r\n250 two\r\n25 bad\r\n"));
        Assert.Equal(2, replies.Count);
        Assert.Equal(new TorControlError(TorControlErrorReason.BadStatusCode, 19), error);
    }

    [Fact]
    public void After_an_error_the_framer_stays_invalid()
    {
        var framer = new TorReplyFramer();
        Assert.Equal(TorFrameStatus.Invalid, framer.Frame(B("bad\r\n"), out _));
        Assert.Equal(TorFrameStatus.Invalid, framer.Frame(B("250 OK\r\n"), out _));
        Assert.Equal(TorControlErrorReason.BadStatusCode, framer.Error.Reason);
    }

    [Fact]
    public void A_line_longer_than_the_bound_is_refused_before_its_end_arrives()
    {
        var limits = new TorReplyLimits(maxLineLength: 16, maxReplySize: 64);
        Assert.False(Frame(B("250 0123456789\r\n"), limits).Error.IsError);
        var (_, error, _) = Frame(B("250 OK\r\n250 012345678901"), limits);
        Assert.Equal(new TorControlError(TorControlErrorReason.LineTooLong, 8), error);
        Assert.Equal(TorControlErrorReason.LineTooLong, Frame(B("250 01234567890\r\n"), limits).Error.Reason);
    }

    [Fact]
    public void Data_lines_are_bounded_too()
    {
        var limits = new TorReplyLimits(maxLineLength: 16, maxReplySize: 1024);
        var (_, error, _) = Frame(B("250+a=\r\n0123456789abcdef\r\n.\r\n250 OK\r\n"), limits);
        Assert.Equal(new TorControlError(TorControlErrorReason.LineTooLong, 8), error);
    }

    [Fact]
    public void A_reply_larger_than_the_bound_is_refused_at_its_start()
    {
        var limits = new TorReplyLimits(maxLineLength: 16, maxReplySize: 32);
        var text = B("250 OK\r\n250-aaaa\r\n250-bbbb\r\n250-cccc\r\n250 OK\r\n");
        Assert.Equal(new TorControlError(TorControlErrorReason.ReplyTooLarge, 8), Frame(text, limits).Error);
        Assert.Equal(new TorControlError(TorControlErrorReason.ReplyTooLarge, 8), Frame(text, [3], limits).Error);
    }

    [Fact]
    public void Limits_are_checked_when_made()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TorReplyLimits(4, 100));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TorReplyLimits(100, 50));
        Assert.Equal(TorReplyLimits.DefaultMaxReplySize, TorReplyLimits.Default.MaxReplySize);
    }

    [Fact]
    public void Giving_fewer_bytes_than_before_is_a_caller_error()
    {
        var framer = new TorReplyFramer();
        Assert.Equal(TorFrameStatus.NeedMoreData, framer.Frame(B("250-abc"), out _));
        try
        {
            framer.Frame(B("25"), out _);
            Assert.Fail("expected ArgumentException");
        }
        catch (ArgumentException)
        {
        }
    }

    [Theory]
    [InlineData("250 OK\r\n250 OK\r\n", TorControlErrorReason.TrailingBytes, 8)]
    [InlineData("250-a\r\n", TorControlErrorReason.IncompleteReply, 7)]
    [InlineData("250 OK\n", TorControlErrorReason.MissingCarriageReturn, 6)]
    public void TryParse_wants_exactly_one_reply(string text, TorControlErrorReason reason, long offset)
    {
        Assert.False(TorReplyView.TryParse(B(text), out _, out var error));
        Assert.Equal(new TorControlError(reason, offset), error);
        Assert.False(TorReply.TryParse(B(text), out var owned, out _));
        Assert.Null(owned);
    }
}
