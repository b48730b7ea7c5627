using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using PtToolkit.Control;
using Xunit;

namespace PtToolkit.Tests.Control;

/// <summary>
/// Server-to-client messages from torspec's control-spec and stem's unit tests (Corpus/index.json gives each
/// one's source file and commit; the .s2c files hold the messages back to back). Every one frames into whole
/// replies and every line reads; the answers stem parses are read the same way here.
/// </summary>
public class ThirdPartyCorpusTests
{
    private static string CorpusDirectory() => Path.Combine(AppContext.BaseDirectory, "control-corpus");

    internal static readonly Lazy<Dictionary<string, byte[]>> Messages = new(Load);

    private static Dictionary<string, byte[]> Load()
    {
        var stem = File.ReadAllBytes(Path.Combine(CorpusDirectory(), "stem-unit.s2c"));
        var torspec = File.ReadAllBytes(Path.Combine(CorpusDirectory(), "torspec-examples.s2c"));
        var messages = new Dictionary<string, byte[]>();
        using var index = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(CorpusDirectory(), "index.json")));
        foreach (var entry in index.RootElement.EnumerateArray())
        {
            if (!entry.TryGetProperty("offset", out var offset)) continue;
            string source = entry.GetProperty("source").GetString()!;
            bool fromStem = source.StartsWith("torproject/stem:", StringComparison.Ordinal);
            string name = (fromStem ? source[(source.LastIndexOf('/') + 1)..] + ":" : "") + entry.GetProperty("name").GetString();
            var file = fromStem ? stem : torspec;
            messages[name] = file.AsSpan(offset.GetInt32(), entry.GetProperty("length").GetInt32()).ToArray();
        }
        return messages;
    }

    /// <summary>Every message of the corpus, by source file and name.</summary>
    public static TheoryData<string> Names() => new(Messages.Value.Keys.Order(StringComparer.Ordinal));

    private static TorReply Single(string name)
    {
        Assert.True(TorReply.TryParse(Messages.Value[name], out var reply, out var error), error.ToString());
        return reply!;
    }

    /// <summary>Lines whose text is not an argument list: human text with a quoted word glued to punctuation, stem's malformed events.</summary>
    internal static readonly Dictionary<string, TorControlErrorReason> NotArgumentLists = new()
    {
        ["control-spec.txt:2028"] = TorControlErrorReason.ExpectedSpace,
        ["control-spec.txt:2047"] = TorControlErrorReason.ExpectedSpace,
        ["control-spec.txt:2085"] = TorControlErrorReason.ExpectedSpace,
        ["events.py:ADDRMAP_BAD_1"] = TorControlErrorReason.QuoteInsideToken,
        ["events.py:ADDRMAP_BAD_2"] = TorControlErrorReason.ExpectedSpace,
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_message_frames_into_whole_replies_whose_lines_read(string name)
    {
        byte[] bytes = Messages.Value[name];
        var (replies, error, pending) = ControlText.Frame(bytes, [7]);
        Assert.False(error.IsError, error.ToString());
        Assert.Equal(0, pending);
        Assert.NotEmpty(replies);
        var argumentErrors = new List<TorControlErrorReason>();
        foreach (var bytesOfReply in replies)
        {
            Assert.True(TorReply.TryParse(bytesOfReply, out var reply, out _));
            foreach (var line in reply!.View.Lines)
            {
                var reader = line.Arguments;
                while (reader.MoveNext()) _ = reader.Current.ToString();
                if (reader.Error.IsError) argumentErrors.Add(reader.Error.Reason);
                _ = line.Data.ToString();
            }
        }
        if (NotArgumentLists.TryGetValue(name, out var expected)) Assert.Equal([expected], argumentErrors);
        else Assert.Empty(argumentErrors);
    }

    [Fact]
    public void Protocolinfo_answers_read_as_stem_reads_them()
    {
        var cookie = TorProtocolInfo.FromReply(Single("protocolinfo.py:COOKIE_AUTH"));
        Assert.Equal(TorAuthMethods.Cookie, cookie.Methods);
        Assert.Equal("/tmp/my data\\\"dir//control_auth_cookie", cookie.CookieFile);
        Assert.Equal("0.2.1.30", cookie.TorVersion);
        Assert.Equal(1, cookie.ProtocolInfoVersion);

        var unknown = TorProtocolInfo.FromReply(Single("protocolinfo.py:UNKNOWN_AUTH"));
        Assert.Equal(TorAuthMethods.HashedPassword, unknown.Methods);
        Assert.Equal(["MAGIC", "PIXIE_DUST"], unknown.OtherMethods);

        var minimum = TorProtocolInfo.FromReply(Single("protocolinfo.py:MINIMUM_RESPONSE"));
        Assert.Equal((5, TorAuthMethods.None, null, null), (minimum.ProtocolInfoVersion, minimum.Methods, minimum.CookieFile, minimum.TorVersion));

        Assert.Equal("/home/user/文档/tor-browser_en-US/Browser/TorBrowser/Data/Tor/control_auth_cookie",
            TorProtocolInfo.FromReply(Single("protocolinfo.py:UNICODE_COOKIE_PATH")).CookieFile);
        Assert.Equal(TorAuthMethods.Cookie | TorAuthMethods.SafeCookie, TorProtocolInfo.FromReply(Single("protocolinfo.py:LATIN_COOKIE_PATH")).Methods);
        Assert.Equal(TorAuthMethods.Null, TorProtocolInfo.FromReply(Single("protocolinfo.py:NO_AUTH")).Methods);
    }

    [Fact]
    public void A_cookie_path_in_a_legacy_code_page_keeps_its_bytes()
    {
        var lines = Single("protocolinfo.py:LATIN_COOKIE_PATH").View.Lines;
        lines.MoveNext();
        lines.MoveNext();
        Assert.True(lines.Current.TryGetArgument("COOKIEFILE"u8, out var path));
        var bytes = new byte[path.Value.Length];
        int n = path.Unescape(bytes);
        string latin = "c:\\Drive-E\\Web\\Today\\ZeroNet-win-dist-win64 \u00e1rv\u00edzt\u00fbr\u00f5 t\u00fck\u00f6rf\u00far\u00f3g\u00e9p"
            + "\\ZeroNet-win-dist-win64\\core\\tools\\tor\\data\\control_auth_cookie";
        Assert.Equal(Encoding.Latin1.GetBytes(latin), bytes[..n]);
    }

    [Fact]
    public void Authchallenge_answers_are_checked_for_64_hex_digits()
    {
        var hash = new byte[32];
        var nonce = new byte[32];
        Assert.True(TorSafeCookie.TryReadChallenge(Single("authchallenge.py:VALID_RESPONSE").View, hash, nonce));
        Assert.Equal(Convert.FromHexString("B16F72DACD4B5ED1531F3FCC04B593D46A1E30267E636EA7C7F8DD7A2B7BAA05"), hash);
        Assert.Equal(Convert.FromHexString("653574272ABBB49395BD1060D642D653CFB7A2FCE6A4955BCFED819703A9998C"), nonce);
        Assert.False(TorSafeCookie.TryReadChallenge(Single("authchallenge.py:INVALID_RESPONSE").View, hash, nonce));
    }

    [Fact]
    public void Getinfo_and_getconf_answers_read_as_values()
    {
        var info = TorControlClient.ReadGetInfo(Single("getinfo.py:MULTILINE_RESPONSE"));
        Assert.Equal("0.2.3.11-alpha-dev (git-ef0bc7f8f26a917c)", info["version"]);
        Assert.Equal("ControlPort 9051\nDataDirectory /home/atagar/.tor\nExitPolicy reject *:*\nLog notice stdout\nNickname Unnamed\nORPort 9050", info["config-text"]);
        Assert.Throws<TorControlProtocolException>(() => TorControlClient.ReadGetInfo(Single("getinfo.py:NON_KEY_VALUE_ENTRY")));
        Assert.Throws<TorControlProtocolException>(() => TorControlClient.ReadGetInfo(Single("getinfo.py:MISSING_MULTILINE_NEWLINE")));

        var conf = TorControlClient.ReadPairs(Single("getconf.py:MULTIVALUE_RESPONSE"), "GETCONF", skipOk: false);
        Assert.Equal(["9100", "accept 34.3.4.5", "accept 3.4.53.3", "accept 3.4.53.3", "reject 23.245.54.3"], conf.Select(p => p.Value));
        var batch = TorControlClient.ReadPairs(Single("getconf.py:BATCH_RESPONSE"), "GETCONF", skipOk: false);
        Assert.Equal(new KeyValuePair<string, string?>("DirPort", null), batch[^1]);
        Assert.Equal("/tmp/fake dir", batch[2].Value);

        var failed = Assert.Throws<TorCommandException>(() => TorControlClient.ThrowIfFailed("GETCONF", Single("getconf.py:UNRECOGNIZED_KEY_RESPONSE")));
        Assert.Equal((TorStatusCode.UnrecognizedEntity, "Unrecognized configuration key \"brickroad\""), (failed.Status, failed.ReplyText));
        Assert.Equal(123, Assert.Throws<TorCommandException>(() => TorControlClient.ThrowIfFailed("GETCONF", Single("getconf.py:INVALID_RESPONSE"))).StatusCode);
    }

    [Fact]
    public void Mapaddress_and_add_onion_answers_read_as_pairs()
    {
        var mapped = TorControlClient.ReadPairs(Single("mapaddress.py:BATCH_RESPONSE"), "MAPADDRESS", skipOk: false, requireValue: true);
        Assert.Equal(new KeyValuePair<string, string?>("120.23.23.2", "torproject.org"), mapped[^1]);
        Assert.Throws<TorControlProtocolException>(() => TorControlClient.ReadPairs(Single("mapaddress.py:INVALID_RESPONSE"), "MAPADDRESS", skipOk: false, requireValue: true));
        Assert.Equal(TorStatusCode.ArgumentSyntaxError,
            Assert.Throws<TorCommandException>(() => TorControlClient.ThrowIfFailed("MAPADDRESS", Single("mapaddress.py:PARTIAL_FAILURE_RESPONSE"))).Status);

        var onion = TorOnionService.FromReply(Single("add_onion.py:WITH_CLIENT_AUTH"));
        Assert.Equal("oekn5sqrvcu4wote", onion.ServiceId);
        Assert.Null(onion.PrivateKey);
        Assert.Equal(["bob:lhwLVFt0Kd5/0Gy9DkKoyA", "alice:T9UADxtrvqx2HnLKWp/fWQ"], onion.Lines.Where(l => l.Key == "ClientAuth").Select(l => l.Value));
        var keyed = TorOnionService.FromReply(Single("add_onion.py:WITH_PRIVATE_KEY"));
        Assert.StartsWith("RSA1024:MIICXgIBAAKBgQDZvYVxvKPTWhId", keyed.PrivateKey, StringComparison.Ordinal);
        Assert.Equal("gfzprpioee3hoppz", keyed.ToString());
        Assert.Equal("gfzprpioee3hoppz", TorOnionService.FromReply(Single("add_onion.py:WRONG_FIRST_KEY")).ServiceId);
    }

    [Fact]
    public void Events_keep_their_names_and_arguments()
    {
        var circ = Single("control_message.py:EVENT_CIRC_EXTENDED");
        Assert.True(circ.IsAsync);
        Assert.Equal("CIRC", circ.EventName);
        Assert.True(circ.View.FirstLine.TryGetPositional(3, out var path));
        Assert.Equal("$A200F527C82C59A25CCA44884B49D3D65B122652=faktor", path.ToString());
        Assert.True(circ.View.FirstLine.TryGetArgument("PURPOSE"u8, out var purpose));
        Assert.Equal("MEASURE_TIMEOUT", purpose.ToString());

        var seen = Single("events.py:CLIENTS_SEEN_EVENT");
        Assert.True(seen.View.FirstLine.TryGetArgument("CountrySummary"u8, out var summary));
        Assert.Equal("us=16,de=8,uk=8", summary.ToString());
    }
}
