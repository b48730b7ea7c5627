using System;
using System.Linq;
using System.Text;
using FsCheck.Xunit;
using PtToolkit.Control;
using Xunit;
using static PtToolkit.Tests.Control.ControlText;

namespace PtToolkit.Tests.Control;

/// <summary>
/// The generated reply views (spec/control.spec <c>reply</c>): a reply formatted from random values reads back,
/// near-misses are refused with their reason and offset, arbitrary bytes never throw, and control-spec §3's forms read.
/// </summary>
public class TorReplyViewsTests
{
    private static string RoundTrip(string s) => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(s));

    private static TorReplyView View(byte[] bytes)
    {
        Assert.True(TorReplyView.TryParse(bytes, out var view, out var error), error.ToString());
        return view;
    }

    [Property(Arbitrary = new[] { typeof(TorReplyArbitraries) }, MaxTest = 300)]
    public void A_PROTOCOLINFO_reply_reads_back_its_values(ProtocolInfoCase c)
    {
        byte[] bytes = Crlf(c.Format());
        Assert.True(TorEvents.ProtocolInfoReply.TryParse(View(bytes), out var view, out var error), error.ToString());
        Assert.Equal(c.Version, view.Version);
        Assert.Equal(c.Methods.Length > 0, view.HasMethods);
        if (c.Methods.Length > 0) Assert.Equal(string.Join(',', c.Methods), view.Methods.ToString());
        Assert.Equal(c.CookieFile is not null, view.HasCookieFile);
        if (c.CookieFile is not null) Assert.Equal(RoundTrip(c.CookieFile), view.CookieFile.ToString());
        Assert.Equal(c.TorVersion is not null, view.HasTorVersion);
        if (c.TorVersion is not null) Assert.Equal(RoundTrip(c.TorVersion), view.TorVersion.ToString());
        Assert.Equal(bytes.Length, view.Reply.Raw.Length);
    }

    [Property(Arbitrary = new[] { typeof(TorReplyArbitraries) }, MaxTest = 300)]
    public void An_ADD_ONION_reply_reads_back_its_values(AddOnionCase c)
    {
        Assert.True(TorEvents.AddOnionReply.TryParse(View(Crlf(c.Format())), out var view, out var error), error.ToString());
        Assert.Equal(c.ServiceId, view.ServiceId.ToString());
        Assert.Equal(c.PrivateKey is not null, view.HasPrivateKey);
        if (c.PrivateKey is not null) Assert.Equal(c.PrivateKey, view.PrivateKey.ToString());
        var clientAuth = new System.Collections.Generic.List<string>();
        foreach (var line in view.ClientAuthLines) clientAuth.Add(line.ClientAuth.ToString());
        Assert.Equal(c.ClientAuth, clientAuth);
        var service = TorOnionService.FromReply(Reply(c.Format()));
        Assert.Equal(c.ClientAuth, service.Lines.Where(l => l.Key == "ClientAuth").Select(l => l.Value));
    }

    [Property(MaxTest = 200)]
    public void An_AUTHCHALLENGE_reply_reads_back_its_hash_and_nonce(byte[] seed, bool extra)
    {
        byte[] hash = new byte[32], nonce = new byte[32];
        for (int i = 0; i < seed.Length; i++) (i % 2 == 0 ? hash : nonce)[i / 2 % 32] ^= seed[i];
        string text = $"250 AUTHCHALLENGE SERVERHASH={Convert.ToHexString(hash)} SERVERNONCE={Convert.ToHexString(nonce)}{(extra ? " FUTURE=1" : "")}\n";
        var view = View(Crlf(text));
        Assert.True(TorEvents.AuthChallengeReply.TryParse(view, out var challenge, out var error), error.ToString());
        Assert.Equal(Convert.ToHexString(hash), Encoding.ASCII.GetString(challenge.ServerHash.Value));
        byte[] readHash = new byte[32], readNonce = new byte[32];
        Assert.True(TorSafeCookie.TryReadChallenge(view, readHash, readNonce));
        Assert.Equal(hash, readHash);
        Assert.Equal(nonce, readNonce);
    }

    /// <summary>Ways to break a valid PROTOCOLINFO reply, each with the reason, the field and where it must be reported.</summary>
    public enum Breakage
    {
        VersionNotANumber,
        NoProtocolInfoLine,
        AuthWithoutMethods,
        UnterminatedCookieFile,
        FailedStatus,
    }

    [Property(Arbitrary = new[] { typeof(TorReplyArbitraries) }, MaxTest = 300)]
    public void A_PROTOCOLINFO_near_miss_is_refused_with_its_reason_and_offset(ProtocolInfoCase c, Breakage breakage)
    {
        string ok = c.Format();
        string head = $"250-PROTOCOLINFO {c.Version}";
        string text;
        TorControlError expected;
        switch (breakage)
        {
            case Breakage.VersionNotANumber:
                text = head + "x" + ok[head.Length..];
                expected = new TorControlError(TorControlErrorReason.BadNumber, "250-PROTOCOLINFO ".Length, "version");
                break;
            case Breakage.NoProtocolInfoLine:
                text = ok[(ok.IndexOf('\n') + 1)..];
                expected = new TorControlError(TorControlErrorReason.MissingLine, Crlf(text).Length, "PROTOCOLINFO");
                break;
            case Breakage.AuthWithoutMethods:
                text = WithOwnAuthLine(ok, "250-AUTH COOKIEFILE=\"/x\"");
                int auth = Crlf(text[..text.LastIndexOf("250-AUTH COOKIEFILE", StringComparison.Ordinal)]).Length;
                expected = new TorControlError(TorControlErrorReason.MissingArgument, auth + "250-AUTH COOKIEFILE=\"/x\"".Length, "METHODS");
                break;
            case Breakage.UnterminatedCookieFile:
                text = WithOwnAuthLine(ok, "250-AUTH METHODS=COOKIE COOKIEFILE=\"/x");
                int line = Crlf(text[..text.LastIndexOf("250-AUTH METHODS=COOKIE COOKIEFILE=\"/x", StringComparison.Ordinal)]).Length;
                expected = new TorControlError(TorControlErrorReason.UnterminatedQuote, line + "250-AUTH METHODS=COOKIE COOKIEFILE=".Length, "AUTH");
                break;
            default:
                text = "552" + ok[3..];
                expected = new TorControlError(TorControlErrorReason.FailedReply, 0, "status");
                break;
        }
        var reply = View(Crlf(text));
        Assert.False(TorEvents.ProtocolInfoReply.TryParse(reply, out var view, out var error));
        Assert.Equal(expected, error);
        Assert.Equal(0, view.Reply.Raw.Length);
        Assert.False(view.HasMethods);
    }

    /// <summary>The reply with its own AUTH line renamed (an unknown line) and <paramref name="auth"/> before the closing OK.</summary>
    private static string WithOwnAuthLine(string ok, string auth) =>
        ok.Replace("250-AUTH ", "250-OLDAUTH ", StringComparison.Ordinal)[..^"250 OK\n".Length] + auth + "\n250 OK\n";

    [Property(Arbitrary = new[] { typeof(ControlArbitraries) }, MaxTest = 2000)]
    public void Arbitrary_replies_never_throw_and_errors_point_inside_the_reply(NoisyBytes noise)
    {
        var (replies, _, _) = Frame(noise.Value);
        foreach (var bytes in replies)
        {
            var reply = View(bytes);
            if (!TorEvents.ProtocolInfoReply.TryParse(reply, out _, out var e1)) Assert.InRange(e1.Offset, 0, bytes.Length);
            if (!TorEvents.AddOnionReply.TryParse(reply, out _, out var e2)) Assert.InRange(e2.Offset, 0, bytes.Length);
            if (!TorEvents.AuthChallengeReply.TryParse(reply, out _, out var e3)) Assert.InRange(e3.Offset, 0, bytes.Length);
        }
    }

    [Fact]
    public void Section_3_21_protocolinfo_in_any_order_with_unknown_lines_and_extra_data()
    {
        var reply = Reply("250-PROTOCOLINFO 1\n250-VERSION Tor=\"0.2.0.5-alpha\" more\n250-FUTURE something=new\n"
            + "250-AUTH METHODS=COOKIE,HASHEDPASSWORD COOKIEFILE=\"/var/lib/tor/control_auth_cookie\" COOKIEFILE=\"/other\" EXTRA=1\n250 OK\n");
        Assert.True(TorEvents.ProtocolInfoReply.TryParse(reply.View, out var view, out var error), error.ToString());
        Assert.Equal(1UL, view.Version);
        Assert.Equal("COOKIE,HASHEDPASSWORD", view.Methods.ToString());
        Assert.Equal("/var/lib/tor/control_auth_cookie", view.CookieFile.ToString());
        Assert.Equal("0.2.0.5-alpha", view.TorVersion.ToString());
    }

    [Fact]
    public void Section_3_21_the_smallest_protocolinfo_reply_has_only_its_version()
    {
        Assert.True(TorEvents.ProtocolInfoReply.TryParse(Reply("250-PROTOCOLINFO 1\n250 OK\n").View, out var view, out _));
        Assert.Equal((1UL, false, false, false), (view.Version, view.HasMethods, view.HasCookieFile, view.HasTorVersion));
        var info = TorProtocolInfo.FromReply(Reply("250-AUTH METHODS=NULL\n250 OK\n"));
        Assert.Equal((0, TorAuthMethods.None), (info.ProtocolInfoVersion, info.Methods));
    }

    [Fact]
    public void An_AUTHCHALLENGE_reply_needs_both_keywords()
    {
        string hex = new('A', 64);
        Assert.True(TorEvents.AuthChallengeReply.TryParse(Reply($"250 AUTHCHALLENGE SERVERHASH={hex} SERVERNONCE={hex}\n").View, out _, out _));
        Assert.False(TorEvents.AuthChallengeReply.TryParse(Reply($"250 AUTHCHALLENGE SERVERHASH={hex}\n").View, out _, out var error));
        Assert.Equal(new TorControlError(TorControlErrorReason.MissingArgument, 4 + "AUTHCHALLENGE SERVERHASH=".Length + 64, "SERVERNONCE"), error);
        Assert.False(TorEvents.AuthChallengeReply.TryParse(Reply("250 OK\n").View, out _, out error));
        Assert.Equal(new TorControlError(TorControlErrorReason.MissingLine, 8, "AUTHCHALLENGE"), error);
    }

    [Fact]
    public void A_repeated_line_that_breaks_the_grammar_fails_the_reply_at_its_offset()
    {
        string text = "250-ServiceID=abc\n250-ClientAuth=bob:x\n250-ClientAuth=alice:y \"future\n250 OK\n";
        Assert.False(TorEvents.AddOnionReply.TryParse(Reply(text).View, out _, out var error));
        int line = Crlf("250-ServiceID=abc\n250-ClientAuth=bob:x\n").Length;
        Assert.Equal(new TorControlError(TorControlErrorReason.UnterminatedQuote, line + "250-ClientAuth=alice:y ".Length, "ClientAuth"), error);
    }

    [Fact]
    public void An_ADD_ONION_reply_without_ServiceID_or_with_an_empty_one_is_refused()
    {
        Assert.Throws<TorControlProtocolException>(() => TorOnionService.FromReply(Reply("250-PrivateKey=ED25519-V3:abc\n250 OK\n")));
        Assert.Throws<TorControlProtocolException>(() => TorOnionService.FromReply(Reply("250-ServiceID=\n250 OK\n")));
        Assert.False(TorEvents.AddOnionReply.TryParse(Reply("250-PrivateKey=ED25519-V3:abc\n250 OK\n").View, out _, out var error));
        Assert.Equal(TorControlErrorReason.MissingLine, error.Reason);
        Assert.Equal("ServiceID", error.Field);
    }
}
