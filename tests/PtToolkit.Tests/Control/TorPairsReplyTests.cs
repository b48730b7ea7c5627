using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using FsCheck.Xunit;
using PtToolkit.Control;
using Xunit;
using static PtToolkit.Tests.Control.ControlText;

namespace PtToolkit.Tests.Control;

/// <summary>
/// The generated pairs views (spec/control.spec: GETINFO, GETCONF, MAPADDRESS): pairs formatted from random keys and
/// values (bare, quoted with escapes, data blocks with dot-stuffing, keys alone) read back; near-misses are refused
/// with their reason, offset and field; arbitrary bytes never throw.
/// </summary>
public class TorPairsReplyTests
{
    private static TorReplyView View(byte[] bytes)
    {
        Assert.True(TorReplyView.TryParse(bytes, out var view, out var error), error.ToString());
        return view;
    }

    private static void AssertPairs(PairCase[] expected, List<(string Key, bool HasValue, bool IsQuoted, string? Value)> read)
    {
        Assert.Equal(expected.Select(p => p.Key), read.Select(r => r.Key));
        Assert.Equal(expected.Select(p => p.Expected), read.Select(r => r.Value));
        Assert.Equal(expected.Select(p => p.Form != PairForm.KeyAlone), read.Select(r => r.HasValue));
        Assert.Equal(expected.Select(p => p.Form == PairForm.Quoted), read.Select(r => r.IsQuoted));
    }

    [Property(Arbitrary = new[] { typeof(TorPairsArbitraries) }, MaxTest = 300)]
    public void A_GETINFO_reply_reads_back_its_pairs(PairsCase c)
    {
        byte[] bytes = Crlf(c.FormatWithOk());
        Assert.True(TorEvents.GetInfoReply.TryParse(View(bytes), out var view, out var error), error.ToString());
        var read = new List<(string, bool, bool, string?)>();
        foreach (var pair in view.Pairs)
        {
            Assert.Equal(pair.HasData, pair.Line.HasData);
            read.Add((Encoding.UTF8.GetString(pair.Key), pair.Value.HasValue, pair.Value.IsQuoted, pair.HasData ? pair.Data.ToString() : pair.Value.ToString()));
        }
        AssertPairs(c.Pairs, read);
        Assert.Equal(bytes.Length, view.Reply.Raw.Length);
        var client = TorControlClient.ReadPairs(Reply(c.FormatWithOk()), "GETINFO", skipOk: true, requireValue: true);
        Assert.Equal(c.Pairs.Select(p => new KeyValuePair<string, string?>(p.Key, p.Expected)), client);
    }

    [Property(Arbitrary = new[] { typeof(TorPairsArbitraries) }, MaxTest = 300)]
    public void A_GETCONF_reply_reads_back_its_pairs_and_keys_alone(GetConfCase g)
    {
        byte[] bytes = Crlf(g.Case.FormatEndingWithAPair());
        Assert.True(TorEvents.GetConfReply.TryParse(View(bytes), out var view, out var error), error.ToString());
        var read = new List<(string, bool, bool, string?)>();
        foreach (var pair in view.Pairs)
            read.Add((Encoding.UTF8.GetString(pair.Key), pair.HasValue, pair.Value.IsQuoted, pair.HasData ? pair.Data.ToString() : pair.HasValue ? pair.Value.ToString() : null));
        AssertPairs(g.Case.Pairs, read);
        Assert.Equal(g.Case.Pairs.Select(p => new KeyValuePair<string, string?>(p.Key, p.Expected)),
            TorControlClient.ReadPairs(Reply(g.Case.FormatEndingWithAPair()), "GETCONF", skipOk: false));
    }

    [Property(Arbitrary = new[] { typeof(TorPairsArbitraries) }, MaxTest = 200)]
    public void A_MAPADDRESS_reply_reads_back_its_mappings_and_refuses_an_address_alone(GetConfCase g)
    {
        byte[] bytes = Crlf(g.Case.FormatEndingWithAPair());
        bool ok = TorEvents.MapAddressReply.TryParse(View(bytes), out var view, out var error);
        int alone = Array.FindIndex(g.Case.Pairs, p => p.Form == PairForm.KeyAlone);
        if (alone >= 0)
        {
            Assert.False(ok);
            string before = string.Concat(g.Case.Pairs.Take(alone).Select(p => p.Format('-')));
            int at = Crlf(before).Length + 4 + Encoding.UTF8.GetByteCount(g.Case.Pairs[alone].Key);
            Assert.Equal(new TorControlError(TorControlErrorReason.MissingArgument, at, "replacement"), error);
            return;
        }
        Assert.True(ok, error.ToString());
        var read = new List<(string, string)>();
        foreach (var pair in view.Pairs) read.Add((Encoding.UTF8.GetString(pair.Address), pair.HasData ? pair.Data.ToString() : pair.Replacement.ToString()));
        Assert.Equal(g.Case.Pairs.Select(p => (p.Key, p.Expected!)), read);
    }

    /// <summary>Lines that are almost pairs: the text after the status, the reason, the offset in the text, the field.</summary>
    private static readonly (string Text, TorControlErrorReason Reason, int Offset, string Field)[] NearMisses =
    [
        ("250+config-text=ControlPort 9051\n.", TorControlErrorReason.TextBeforeData, 12, "value"),
        ("250-version", TorControlErrorReason.MissingArgument, 7, "value"),
        ("250+config-text\nx\n.", TorControlErrorReason.MissingArgument, 11, "value"),
        ("250-a b=c", TorControlErrorReason.BadKeyword, 1, "key"),
        ("250-\"a\"=c", TorControlErrorReason.BadKeyword, 0, "key"),
        ("250-=c", TorControlErrorReason.BadKeyword, 0, "key"),
        ("250-", TorControlErrorReason.BadKeyword, 0, "key"),
        ("250-k=\"abc", TorControlErrorReason.UnterminatedQuote, 2, "value"),
        ("250-k=\"a\\\"", TorControlErrorReason.UnterminatedQuote, 2, "value"),
        ("250-k=\"a\" \"b\"", TorControlErrorReason.QuoteInsideToken, 5, "value"),
    ];

    [Property(Arbitrary = new[] { typeof(TorPairsArbitraries) }, MaxTest = 100)]
    public void A_near_miss_after_good_pairs_fails_the_reply_at_its_offset(PairsCase c, byte which)
    {
        var (text, reason, offset, field) = NearMisses[which % NearMisses.Length];
        string good = string.Concat(c.Pairs.Select(p => p.Format('-')));
        string reply = good + text + "\n250 OK\n";
        byte[] bytes = Crlf(reply);
        Assert.False(TorEvents.GetInfoReply.TryParse(View(bytes), out var view, out var error));
        Assert.Equal(new TorControlError(reason, Crlf(good).Length + 4 + offset, field), error);
        Assert.Equal(0, view.Reply.Raw.Length);
        Assert.Throws<TorControlProtocolException>(() => TorControlClient.ReadGetInfo(Reply(reply)));
    }

    [Fact]
    public void A_failed_line_and_a_key_alone_are_refused_with_their_offsets()
    {
        Assert.False(TorEvents.GetConfReply.TryParse(Reply("250-SocksPort=9050\n552 Unrecognized\n").View, out _, out var error));
        Assert.Equal(new TorControlError(TorControlErrorReason.FailedReply, Crlf("250-SocksPort=9050\n").Length, "status"), error);
        Assert.True(TorEvents.GetConfReply.TryParse(Reply("250 DirPort\n").View, out var conf, out _));
        foreach (var pair in conf.Pairs) Assert.False(pair.HasValue);
        Assert.False(TorEvents.GetInfoReply.TryParse(Reply("250 version\n").View, out _, out error));
        Assert.Equal(new TorControlError(TorControlErrorReason.MissingArgument, 4 + "version".Length, "value"), error);
    }

    [Fact]
    public void Section_3_9_a_GETINFO_value_decodes_on_demand_without_allocating_a_string()
    {
        var reply = Reply("250-status/bootstrap-phase=NOTICE BOOTSTRAP PROGRESS=100 TAG=done SUMMARY=\"Done\"\n250-name=\"a\\\"b\\\\c\\n\"\n250 OK\n");
        Assert.True(TorEvents.GetInfoReply.TryParse(reply.View, out var view, out var error), error.ToString());
        var pairs = view.Pairs;
        Assert.True(pairs.MoveNext());
        Assert.False(pairs.Current.Value.IsQuoted);
        Assert.Equal("NOTICE BOOTSTRAP PROGRESS=100 TAG=done SUMMARY=\"Done\"", Encoding.ASCII.GetString(pairs.Current.Value.Value));
        Assert.True(pairs.MoveNext());
        Span<byte> scratch = stackalloc byte[16];
        int written = pairs.Current.Value.Unescape(scratch);
        Assert.Equal("a\"b\\c\n", Encoding.ASCII.GetString(scratch[..written]));
        Assert.False(pairs.MoveNext());
    }

    [Property(Arbitrary = new[] { typeof(ControlArbitraries) }, MaxTest = 2000)]
    public void Arbitrary_replies_never_throw_and_errors_point_inside_the_reply(NoisyBytes noise)
    {
        var (replies, _, _) = Frame(noise.Value);
        foreach (var bytes in replies)
        {
            var reply = View(bytes);
            if (TorEvents.GetInfoReply.TryParse(reply, out var info, out var e1))
                foreach (var pair in info.Pairs) Assert.InRange(pair.Key.Length, 1, bytes.Length);
            else Assert.InRange(e1.Offset, 0, bytes.Length);
            if (TorEvents.GetConfReply.TryParse(reply, out var conf, out var e2))
                foreach (var pair in conf.Pairs) Assert.InRange(pair.Data.Raw.Length + pair.Value.Value.Length, 0, bytes.Length);
            else Assert.InRange(e2.Offset, 0, bytes.Length);
            if (!TorEvents.MapAddressReply.TryParse(reply, out _, out var e3)) Assert.InRange(e3.Offset, 0, bytes.Length);
        }
    }
}
