using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using FsCheck.Xunit;
using PtToolkit.Control;
using PtToolkit.Tests.Primitives;
using Xunit;

namespace PtToolkit.Tests.Control;

/// <summary>
/// Properties of the control protocol: replies round-trip through the framer and the views under any split
/// into reads; arbitrary bytes never throw and frame the same however they are split; near-misses are
/// refused at their offset; quoted strings and argument lists round-trip; no argument can end a command.
/// </summary>
public class ControlPropertyTests
{
    private static LineModel[] Decode(byte[] reply)
    {
        Assert.True(TorReplyView.TryParse(reply, out var view, out var error), error.ToString());
        var lines = new List<LineModel>();
        foreach (var line in view.Lines)
        {
            var data = new List<byte[]>();
            foreach (var d in line.Data.Lines) data.Add(d.ToArray());
            lines.Add(new LineModel(line.StatusCode, (char)line.Kind, line.Text.ToArray(), data.ToArray()));
        }
        return lines.ToArray();
    }

    private static void AssertSame(LineModel[] expected, LineModel[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal((expected[i].Status, expected[i].Kind), (actual[i].Status, actual[i].Kind));
            Assert.Equal(expected[i].Text, actual[i].Text);
            Assert.Equal(expected[i].Data, actual[i].Data);
        }
    }

    [Property(Arbitrary = new[] { typeof(ControlArbitraries) }, MaxTest = 500)]
    public void Replies_round_trip_under_any_split_into_reads(ReplyStream stream, Chunks chunks)
    {
        var (replies, error, pending) = ControlText.Frame(stream.Encode(), chunks.Sizes);
        Assert.False(error.IsError, error.ToString());
        Assert.Equal(0, pending);
        Assert.Equal(stream.Replies.Length, replies.Count);
        for (int i = 0; i < replies.Count; i++) AssertSame(stream.Replies[i], Decode(replies[i]));
    }

    [Property(Arbitrary = new[] { typeof(ControlArbitraries) }, MaxTest = 2000)]
    public void Arbitrary_bytes_never_throw_and_frame_the_same_under_any_split(NoisyBytes noise, Chunks chunks)
    {
        var whole = ControlText.Frame(noise.Value);
        var split = ControlText.Frame(noise.Value, chunks.Sizes);
        Assert.Equal(whole.Error, split.Error);
        Assert.Equal(whole.Replies, split.Replies);
        if (whole.Error.IsError) Assert.InRange(whole.Error.Offset, 0, noise.Value.Length - 1);
        foreach (var reply in whole.Replies) WalkEverything(TorReply.TryParse(reply, out var owned, out _) ? owned! : throw new InvalidOperationException());
    }

    /// <summary>Touches every view of a reply: lines, data, arguments to their end or error, key=value, event name.</summary>
    private static void WalkEverything(TorReply reply)
    {
        _ = reply.EventName;
        _ = reply.View.IsSuccess;
        foreach (var line in reply.View.Lines)
        {
            _ = line.Data.ToString();
            var reader = line.Arguments;
            while (reader.MoveNext()) _ = reader.Current.ToString();
            if (reader.Error.IsError) Assert.InRange(reader.Error.Offset, 0, line.Text.Length);
            if (line.TrySplitKeyValue(out var pair)) _ = pair.ToString();
            _ = line.TryGetArgument("KEY"u8, out _);
        }
    }

    [Property(Arbitrary = new[] { typeof(ControlArbitraries) }, MaxTest = 500)]
    public void A_line_end_without_CR_is_refused_at_its_LF(ReplyStream stream, int pick)
    {
        byte[] bytes = stream.Encode();
        // A CR after another CR is skipped: removing it would leave a valid CRLF behind.
        var crlfs = Enumerable.Range(1, bytes.Length - 2).Where(i => bytes[i] == (byte)'\r' && bytes[i + 1] == (byte)'\n' && bytes[i - 1] != (byte)'\r').ToArray();
        if (crlfs.Length == 0) return;
        int cr = crlfs[Math.Abs(pick % crlfs.Length)];
        byte[] mutated = [.. bytes[..cr], .. bytes[(cr + 1)..]];
        var (replies, error, _) = ControlText.Frame(mutated);
        Assert.Equal(new TorControlError(TorControlErrorReason.MissingCarriageReturn, cr), error);
        Assert.True(replies.Sum(r => r.Length) <= cr);
    }

    [Property(Arbitrary = new[] { typeof(ControlArbitraries) }, MaxTest = 500)]
    public void A_status_code_that_is_not_three_digits_is_refused_at_the_bad_byte(ReplyStream stream, int pick, byte bad)
    {
        var starts = new List<int>();
        byte[] bytes = stream.Encode(starts);
        int at = starts[Math.Abs(pick % starts.Count)] + Math.Abs(pick % 3);
        if (char.IsAsciiDigit((char)bad)) bad = (byte)'x';
        bytes[at] = bad;
        var (_, error, _) = ControlText.Frame(bytes);
        Assert.Equal(new TorControlError(bad == (byte)'\n' ? TorControlErrorReason.MissingCarriageReturn : TorControlErrorReason.BadStatusCode, at), error);
    }

    [Property(Arbitrary = new[] { typeof(TextArbitraries) }, MaxTest = 1000)]
    public void Quoted_strings_round_trip_through_the_command_builder(AnyText text)
    {
        int nul = text.Value.IndexOf('\0');
        if (nul >= 0)
        {
            // Tor keeps values as C strings: a NUL is refused, never sent.
            Assert.False(new TorCommandBuilder("X").AddQuoted(text.Value).TryBuild(out _, out var refused));
            Assert.Equal(new TorControlError(TorControlErrorReason.ForbiddenByte, nul, "argument 1"), refused);
            return;
        }
        Assert.True(new TorCommandBuilder("X").AddQuoted(text.Value).TryBuild(out var command, out var error), error.ToString());
        var bytes = command!.Encoded.Span;
        Assert.Equal(bytes.Length - 2, bytes.IndexOfAny((byte)'\r', (byte)'\n'));
        Assert.True(TorQuotedString.TryScan(bytes, 2, out int end));
        Assert.Equal(bytes.Length - 2, end);
        Assert.Equal(text.Value, TorQuotedString.Decode(bytes[3..(end - 1)]));
    }

    [Property(MaxTest = 1000)]
    public void Quoted_bytes_round_trip_and_an_unclosed_one_never_scans(byte[] value)
    {
        var quoted = new byte[TorQuotedString.GetEncodedLength(value)];
        Assert.Equal(quoted.Length, TorQuotedString.Write(value, quoted));
        Assert.True(TorQuotedString.TryScan(quoted, 0, out int end));
        Assert.Equal(quoted.Length, end);
        var decoded = new byte[quoted.Length];
        int n = TorQuotedString.Unescape(quoted.AsSpan(1, quoted.Length - 2), decoded);
        Assert.Equal(value, decoded[..n]);
        Assert.False(TorQuotedString.TryScan(quoted.AsSpan(0, quoted.Length - 1), 0, out _));
    }

    [Property(Arbitrary = new[] { typeof(ControlArbitraries) }, MaxTest = 1000)]
    public void Argument_lists_round_trip(ArgumentList list)
    {
        var reader = new TorArgumentReader(list.Encode());
        foreach (var expected in list.Arguments)
        {
            Assert.True(reader.MoveNext(), reader.Error.ToString());
            var actual = reader.Current;
            Assert.Equal(expected.Key ?? "", actual.KeyString);
            Assert.Equal(expected.Quoted, actual.IsQuoted);
            Assert.Equal(expected.Value, actual.ToString());
        }
        Assert.False(reader.MoveNext());
        Assert.False(reader.Error.IsError, reader.Error.ToString());
    }

    [Property(Arbitrary = new[] { typeof(ControlArbitraries) }, MaxTest = 1000)]
    public void An_unclosed_quoted_argument_is_refused_at_its_opening_quote(ArgumentList list)
    {
        int last = Array.FindLastIndex(list.Arguments, a => a.Quoted);
        if (last < 0) return;
        var argument = list.Arguments[last];
        int open = new ArgumentList(list.Arguments[..last]).Encode().Length + (last > 0 ? 1 : 0) + (argument.Key is null ? 0 : argument.Key.Length + 1);
        byte[] text = new ArgumentList(list.Arguments[..(last + 1)]).Encode()[..^1];
        var reader = new TorArgumentReader(text);
        while (reader.MoveNext())
        {
        }
        Assert.Equal(new TorControlError(TorControlErrorReason.UnterminatedQuote, open), reader.Error);
    }

    [Property(Arbitrary = new[] { typeof(TextArbitraries) }, MaxTest = 1000)]
    public void No_argument_can_end_a_command_early(AnyText text)
    {
        string s = text.Value;
        bool breaks = s.AsSpan().IndexOfAny('\r', '\n') >= 0;
        var bare = new TorCommandBuilder("GETINFO").Add(s);
        var raw = TorCommandBuilder.TryCreateRaw("GETINFO " + s, out var rawCommand, out var rawError);
        if (breaks)
        {
            Assert.False(bare.TryBuild(out _, out var error));
            Assert.True(error.IsError);
            Assert.False(raw);
            Assert.True(rawError.IsError);
            return;
        }
        if (bare.TryBuild(out var command, out _)) AssertOneLine(command!.Encoded.Span);
        if (raw) AssertOneLine(rawCommand!.Encoded.Span);
    }

    private static void AssertOneLine(ReadOnlySpan<byte> command)
    {
        Assert.Equal(command.Length - 2, command.IndexOfAny((byte)'\r', (byte)'\n'));
        Assert.True(command.EndsWith("\r\n"u8), Encoding.UTF8.GetString(command));
    }
}
