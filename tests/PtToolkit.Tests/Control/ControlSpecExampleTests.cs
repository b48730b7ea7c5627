using System.Collections.Generic;
using System.Linq;
using System.Text;
using PtToolkit.Control;
using Xunit;

using static PtToolkit.Tests.Control.ControlText;

namespace PtToolkit.Tests.Control;

/// <summary>The examples and grammars of control-spec v1 (../shared/specs/control-spec-v1.txt), section by section.</summary>
public class ControlSpecExampleTests
{
    private static string Command(TorCommandBuilder builder)
    {
        Assert.True(builder.TryBuild(out var command, out var error), error.ToString());
        return Encoding.UTF8.GetString(command!.Encoded.Span);
    }

    [Fact]
    public void Section_3_8_mapaddress_example()
    {
        var command = new TorCommandBuilder("MAPADDRESS")
            .AddKeyValue("0.0.0.0", "torproject.org", quoted: false)
            .AddKeyValue("1.2.3.4", "tor.freehaven.net", quoted: false);
        Assert.Equal("MAPADDRESS 0.0.0.0=torproject.org 1.2.3.4=tor.freehaven.net\r\n", Command(command));
        var mapped = TorControlClient.ReadPairs(Reply("250-127.192.10.10=torproject.org\n250 1.2.3.4=tor.freehaven.net\n"), "MAPADDRESS", skipOk: false, requireValue: true);
        Assert.Equal([new("127.192.10.10", "torproject.org"), new KeyValuePair<string, string?>("1.2.3.4", "tor.freehaven.net")], mapped);
    }

    [Fact]
    public void Section_3_9_getinfo_example_with_a_data_block()
    {
        Assert.Equal("GETINFO version desc/name/moria1\r\n", Command(new TorCommandBuilder("GETINFO").Add("version").Add("desc/name/moria1")));
        var values = TorControlClient.ReadGetInfo(Reply("250+desc/name/moria=\n[Descriptor for moria]\n.\n250-version=Tor 0.1.1.0-alpha-cvs\n250 OK\n"));
        Assert.Equal("[Descriptor for moria]", values["desc/name/moria"]);
        Assert.Equal("Tor 0.1.1.0-alpha-cvs", values["version"]);
    }

    [Fact]
    public void Section_3_3_getconf_values_and_keywords_at_their_defaults()
    {
        var pairs = TorControlClient.ReadPairs(Reply("250-keyword=value\n250 keyword\n"), "GETCONF", skipOk: false);
        Assert.Equal([new("keyword", "value"), new KeyValuePair<string, string?>("keyword", null)], pairs);
    }

    [Fact]
    public void Section_3_5_authenticate_takes_hex_or_a_quoted_string()
    {
        Assert.Equal("AUTHENTICATE 666F6F\r\n", Command(new TorCommandBuilder("AUTHENTICATE", sensitive: true).AddHex("foo"u8)));
        Assert.Equal("AUTHENTICATE \"f\\\"o\"\r\n", Command(new TorCommandBuilder("AUTHENTICATE", sensitive: true).AddQuoted("f\"o")));
        Assert.Equal("AUTHENTICATE\r\n", Command(new TorCommandBuilder("AUTHENTICATE")));
    }

    [Fact]
    public void Section_3_21_protocolinfo_ignores_unknown_lines_and_extra_data()
    {
        var info = TorProtocolInfo.FromReply(Reply(
            "250-PROTOCOLINFO 1\n250-AUTH METHODS=COOKIE,HASHEDPASSWORD COOKIEFILE=\"/var/lib/tor/control_auth_cookie\" EXTRA=1\n"
            + "250-VERSION Tor=\"0.2.0.5-alpha\" more\n250-FUTURE something=new\n250 OK\n"));
        Assert.Equal(TorAuthMethods.Cookie | TorAuthMethods.HashedPassword, info.Methods);
        Assert.Equal("/var/lib/tor/control_auth_cookie", info.CookieFile);
        Assert.Equal("0.2.0.5-alpha", info.TorVersion);
        Assert.Empty(info.OtherMethods);
        Assert.Equal(0, TorProtocolInfo.FromReply(Reply("250-PROTOCOLINFO 1x\n250 OK\n")).ProtocolInfoVersion);
    }

    [Fact]
    public void Section_3_22_loadconf_is_a_multi_line_command()
    {
        Assert.Equal("+LOADCONF\r\nSocksPort 0\r\n.\r\n", Command(new TorCommandBuilder("LOADCONF").SetData("SocksPort 0")));
    }

    [Fact]
    public void Section_4_1_an_event_between_a_command_and_its_reply_is_its_own_reply()
    {
        var (replies, error, _) = Frame(Crlf("250 OK\n650 CIRC 1000 EXTENDED moria1,moria2\n250-SOCKSPORT=9050\n250 ORPORT=0\n"));
        Assert.False(error.IsError);
        Assert.Equal([false, true, false], replies.Select(r => TorReply.TryParse(r, out var reply, out _) && reply!.IsAsync));
    }

    [Fact]
    public void Section_4_1_an_event_inside_a_reply_is_refused()
    {
        var (replies, error, _) = Frame(Crlf("250 OK\n250-SOCKSPORT=9050\n650 CIRC 1000 EXTENDED moria1,moria2\n250 ORPORT=0\n"));
        Assert.Single(replies);
        Assert.Equal(new TorControlError(TorControlErrorReason.MixedAsyncReply, 28), error);
    }

    [Fact]
    public void Section_4_1_extra_arguments_and_lines_of_an_event_are_tolerated_and_kept()
    {
        var reply = Reply("650-CIRC 1000 EXTENDED moria1,moria2 0xBEEF\n650-EXTRAMAGIC=99\n650 ANONYMITY=high\n");
        Assert.Equal("CIRC", reply.EventName);
        var first = reply.View.FirstLine;
        Assert.True(first.TryGetPositional(4, out var extra));
        Assert.Equal("0xBEEF", extra.ToString());
        var lines = new List<string>();
        foreach (var line in reply.View.Lines)
        {
            if (line.TrySplitKeyValue(out var pair) && pair.HasValue) lines.Add(pair.KeyString + "=" + pair.ToString());
        }
        Assert.Equal(["EXTRAMAGIC=99", "ANONYMITY=high"], lines);
    }

    [Fact]
    public void Section_4_1_5_log_messages_on_one_line_or_in_a_data_block()
    {
        var single = Reply("650 NOTICE Tor has successfully opened a circuit.\n");
        Assert.Equal("NOTICE", single.EventName);
        var block = Reply("650+WARN\nfirst line\n.second, stuffed\n.\n650 OK\n");
        Assert.Equal("WARN", block.EventName);
        Assert.Equal("first line\nsecond, stuffed", block.View.FirstLine.Data.ToString());
    }

    [Fact]
    public void Section_4_1_7_addrmap_quoted_positional_expiry_and_keywords()
    {
        var line = Reply("650 ADDRMAP www.example.com <error> \"2012-11-19 00:50:13\" error=yes EXPIRES=\"2012-11-19 08:50:13\"\n").View.FirstLine;
        Assert.True(line.TryGetPositional(3, out var expiry));
        Assert.True(expiry.IsQuoted);
        Assert.Equal("2012-11-19 00:50:13", expiry.ToString());
        Assert.True(line.TryGetArgument("error"u8, out var code));
        Assert.Equal("yes", code.ToString());
        Assert.True(line.TryGetArgument("EXPIRES"u8, out var gmt));
        Assert.Equal("2012-11-19 08:50:13", gmt.ToString());
    }

    [Fact]
    public void Section_4_1_8_authdir_newdescs_carries_its_data_block()
    {
        var reply = Reply("650+AUTHDIR_NEWDESCS\nACCEPTED\nOK\nrouter moria1 1.2.3.4 9001 0 0\n.\n650 OK\n");
        var data = new List<string>();
        foreach (var line in reply.View.FirstLine.Data.Lines) data.Add(Encoding.ASCII.GetString(line));
        Assert.Equal(["ACCEPTED", "OK", "router moria1 1.2.3.4 9001 0 0"], data);
    }

    [Fact]
    public void Section_4_1_10_status_events_take_quoted_values_with_spaces_and_commas()
    {
        var line = Reply("650 STATUS_GENERAL WARN DANGEROUS_VERSION CURRENT=0.1.2.3 REASON=OBSOLETE RECOMMENDED=\"0.2.0.1, 0.2.1.2\"\n").View.FirstLine;
        Assert.True(line.TryGetArgument("RECOMMENDED"u8, out var recommended));
        Assert.Equal("0.2.0.1, 0.2.1.2", recommended.ToString());
        Assert.True(line.TryGetPositional(2, out var action));
        Assert.Equal("DANGEROUS_VERSION", action.ToString());
        var bootstrap = Reply("650 STATUS_CLIENT NOTICE BOOTSTRAP PROGRESS=10 TAG=handshake_dir SUMMARY=\"Finishing handshake with directory mirror\"\n").View.FirstLine;
        Assert.True(bootstrap.TryGetArgument("SUMMARY"u8, out var summary));
        Assert.Equal("Finishing handshake with directory mirror", summary.ToString());
    }

    [Fact]
    public void Section_4_1_14_clients_seen_keeps_equals_signs_in_a_value()
    {
        var reader = new TorArgumentReader(B("CLIENTS_SEEN TimeStarted=\"2008-12-25 23:50:43\" CountrySummary=us=16,de=8,uk=8"));
        var seen = new List<string>();
        while (reader.MoveNext()) seen.Add(reader.Current.KeyString + "|" + reader.Current.ToString());
        Assert.Equal(["|CLIENTS_SEEN", "TimeStarted|2008-12-25 23:50:43", "CountrySummary|us=16,de=8,uk=8"], seen);
    }

    [Fact]
    public void Section_4_1_18_conf_changed_lines_are_keyword_value_or_keyword()
    {
        var reply = Reply("650-CONF_CHANGED\n650-SocksPort=9050\n650-__OwningControllerProcess\n650 OK\n");
        var changed = new List<string>();
        foreach (var line in reply.View.Lines)
        {
            if (line.Kind != TorLineKind.Mid || !line.TrySplitKeyValue(out var pair)) continue;
            changed.Add(pair.HasValue ? pair.KeyString + "=" + pair.ToString() : pair.KeyString);
        }
        Assert.Equal(["CONF_CHANGED", "SocksPort=9050", "__OwningControllerProcess"], changed);
    }

    [Theory]
    [InlineData("250 OK", TorStatusCode.Ok)]
    [InlineData("251 Operation was unnecessary", TorStatusCode.OperationUnnecessary)]
    [InlineData("451 Resource exhausted", TorStatusCode.ResourceExhausted)]
    [InlineData("500 Syntax error: protocol", TorStatusCode.ProtocolSyntaxError)]
    [InlineData("510 Unrecognized command", TorStatusCode.UnrecognizedCommand)]
    [InlineData("511 Unimplemented command", TorStatusCode.UnimplementedCommand)]
    [InlineData("512 Syntax error in command argument", TorStatusCode.ArgumentSyntaxError)]
    [InlineData("513 Unrecognized command argument", TorStatusCode.UnrecognizedArgument)]
    [InlineData("514 Authentication required", TorStatusCode.AuthenticationRequired)]
    [InlineData("515 Bad authentication", TorStatusCode.BadAuthentication)]
    [InlineData("550 Unspecified Tor error", TorStatusCode.UnspecifiedError)]
    [InlineData("551 Internal error", TorStatusCode.InternalError)]
    [InlineData("552 Unrecognized entity", TorStatusCode.UnrecognizedEntity)]
    [InlineData("553 Invalid configuration value", TorStatusCode.InvalidConfigurationValue)]
    [InlineData("554 Invalid descriptor", TorStatusCode.InvalidDescriptor)]
    [InlineData("555 Unmanaged entity", TorStatusCode.UnmanagedEntity)]
    [InlineData("650 Asynchronous event notification", TorStatusCode.AsyncEvent)]
    public void Section_4_reply_codes_are_named(string line, TorStatusCode code)
    {
        var reply = Reply(line + "\n");
        Assert.Equal(code, reply.Status);
        Assert.Equal(line[..3] == "250" || line[..3] == "251", reply.IsSuccess);
        if (!reply.IsSuccess && !reply.IsAsync)
            Assert.Equal(code, Assert.Throws<TorCommandException>(() => TorControlClient.ThrowIfFailed("X", reply)).Status);
    }
}
