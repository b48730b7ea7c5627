using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using FsCheck.Xunit;
using PtToolkit.Control;
using Xunit;

namespace PtToolkit.Tests.Control;

/// <summary>
/// The command formatters generated from spec/control.spec: the bytes of each command, required repetitions and
/// refused values as error values, and, as properties, format then read back with <see cref="CommandLineReader"/>
/// gives the arguments again while a CR, LF or NUL where it cannot be escaped is refused and nothing is built.
/// </summary>
public class TorCommandsTests
{
    private static TorCommand Built(TorCommandBuilder builder)
    {
        Assert.True(builder.TryBuild(out var command, out var error), error.ToString());
        return command!;
    }

    private static string Text(TorCommandBuilder builder) => Encoding.UTF8.GetString(Built(builder).Encoded.Span);

    private static TorControlError Refused(TorCommandBuilder builder)
    {
        Assert.False(builder.TryBuild(out var command, out var error));
        Assert.Null(command);
        return error;
    }

    [Fact]
    public void Each_command_writes_its_arguments_in_spec_order()
    {
        Assert.Equal("GETINFO version config-text\r\n", Text(TorEvents.GetInfoCommand.Create(["version", "config-text"])));
        Assert.Equal("GETCONF SocksPort\r\n", Text(TorEvents.GetConfCommand.Create(["SocksPort"])));
        Assert.Equal("SETCONF Log=\"notice stdout\" ORPort\r\n", Text(TorEvents.SetConfCommand.Create([new("Log", "notice stdout"), new("ORPort", null)])));
        Assert.Equal("RESETCONF ContactInfo=\"a\\nb\"\r\n", Text(TorEvents.ResetConfCommand.Create([new("ContactInfo", "a\nb")])));
        Assert.Equal("PROTOCOLINFO 1\r\n", Text(TorEvents.ProtocolInfoCommand.Create([1])));
        Assert.Equal("PROTOCOLINFO\r\n", Text(TorEvents.ProtocolInfoCommand.Create([])));
        Assert.Equal("SETEVENTS EXTENDED CIRC BW\r\n", Text(TorEvents.SetEventsCommand.Create(true, ["CIRC", "BW"])));
        Assert.Equal("SETEVENTS\r\n", Text(TorEvents.SetEventsCommand.Create(false, [])));
        Assert.Equal("SAVECONF\r\n", Text(TorEvents.SaveConfCommand.Create()));
        Assert.Equal("SAVECONF FORCE\r\n", Text(TorEvents.SaveConfCommand.Create(force: true)));
        Assert.Equal("SIGNAL NEWNYM\r\n", Text(TorEvents.SignalCommand.Create("NEWNYM")));
        Assert.Equal("MAPADDRESS 0.0.0.0=torproject.org 1.2.3.4=tor.freehaven.net\r\n",
            Text(TorEvents.MapAddressCommand.Create([new("0.0.0.0", "torproject.org"), new("1.2.3.4", "tor.freehaven.net")])));
        Assert.Equal("CLOSESTREAM 12 3 IfUnused\r\n", Text(TorEvents.CloseStreamCommand.Create("12", 3, ["IfUnused"])));
        Assert.Equal("CLOSECIRCUIT 7\r\n", Text(TorEvents.CloseCircuitCommand.Create("7", [])));
        Assert.Equal("USEFEATURE VERBOSE_NAMES\r\n", Text(TorEvents.UseFeatureCommand.Create(["VERBOSE_NAMES"])));
        Assert.Equal("QUIT\r\n", Text(TorEvents.QuitCommand.Create()));
        Assert.Equal("TAKEOWNERSHIP\r\n", Text(TorEvents.TakeOwnershipCommand.Create()));
        Assert.Equal("DROPOWNERSHIP\r\n", Text(TorEvents.DropOwnershipCommand.Create()));
        Assert.Equal("DEL_ONION abc\r\n", Text(TorEvents.DelOnionCommand.Create("abc")));
        Assert.Equal("AUTHCHALLENGE SAFECOOKIE 01FF\r\n", Text(TorEvents.AuthChallengeCommand.Create(new byte[] { 0x01, 0xFF })));
    }

    [Fact]
    public void Multi_line_commands_carry_their_data_block_last()
    {
        Assert.Equal("+LOADCONF\r\nSocksPort 0\r\n..hidden\r\n.\r\n", Text(TorEvents.LoadConfCommand.Create("SocksPort 0\n.hidden")));
        Assert.Equal("+POSTDESCRIPTOR purpose=general\r\nrouter x\r\n.\r\n", Text(TorEvents.PostDescriptorCommand.Create("general", null, "router x")));
        Assert.Equal("+POSTDESCRIPTOR cache=no\r\n.\r\n", Text(TorEvents.PostDescriptorCommand.Create(null, "no", "")));
    }

    [Fact]
    public void Secrets_go_as_hex_or_an_empty_quoted_string_and_are_never_shown()
    {
        var none = Built(TorEvents.AuthenticateCommand.Create());
        Assert.Equal("AUTHENTICATE\r\n", Encoding.ASCII.GetString(none.Encoded.Span));
        var empty = Built(TorEvents.AuthenticateCommand.Create(ReadOnlyMemory<byte>.Empty));
        Assert.Equal("AUTHENTICATE \"\"\r\n", Encoding.ASCII.GetString(empty.Encoded.Span));
        var cookie = Built(TorEvents.AuthenticateCommand.Create(new byte[] { 0xAB, 0x00, 0x7F }));
        Assert.Equal("AUTHENTICATE AB007F\r\n", Encoding.ASCII.GetString(cookie.Encoded.Span));
        Assert.All(new[] { none, empty, cookie }, c => Assert.True(c.IsSensitive));
        Assert.Equal("AUTHENTICATE [redacted]", cookie.ToString());
        Assert.False(Built(TorEvents.AuthChallengeCommand.Create(new byte[] { 1 })).IsSensitive);
    }

    [Fact]
    public void ADD_ONION_is_sensitive_whatever_its_key_and_writes_flags_before_ports()
    {
        var onion = Built(TorEvents.AddOnionCommand.Create("NEW:BEST", ["DiscardPK", "Detach"], ["80,127.0.0.1:8080", "443"]));
        Assert.Equal("ADD_ONION NEW:BEST Flags=DiscardPK,Detach Port=80,127.0.0.1:8080 Port=443\r\n", Encoding.ASCII.GetString(onion.Encoded.Span));
        Assert.True(onion.IsSensitive);
        Assert.Equal("ADD_ONION [redacted]", onion.ToString());
        Assert.Equal("ADD_ONION ED25519-V3:a+b/c= Port=80\r\n", Text(TorEvents.AddOnionCommand.Create("ED25519-V3:a+b/c=", null, ["80"])));
    }

    [Fact]
    public void A_required_repetition_left_empty_is_a_missing_argument_named_by_its_spec_name()
    {
        Assert.Equal(new TorControlError(TorControlErrorReason.MissingArgument, 0, "keys"), Refused(TorEvents.GetInfoCommand.Create([])));
        Assert.Equal(new TorControlError(TorControlErrorReason.MissingArgument, 0, "settings"), Refused(TorEvents.SetConfCommand.Create([])));
        Assert.Equal(new TorControlError(TorControlErrorReason.MissingArgument, 0, "ports"), Refused(TorEvents.AddOnionCommand.Create("NEW:BEST", null, [])));
        Assert.Equal(new TorControlError(TorControlErrorReason.MissingArgument, 0, "mappings"), Refused(TorEvents.MapAddressCommand.Create([new("1.2.3.4", null!)])));
        Assert.Equal(TorControlErrorReason.EmptyArgument, Refused(TorEvents.AddOnionCommand.Create("NEW:BEST", [], ["80"])).Reason);
    }

    [Fact]
    public void A_missing_collection_or_word_is_a_programming_error()
    {
        Assert.Equal("keys", Assert.Throws<ArgumentNullException>(() => TorEvents.GetInfoCommand.Create(null!)).ParamName);
        Assert.Equal("signal", Assert.Throws<ArgumentNullException>(() => TorEvents.SignalCommand.Create(null!)).ParamName);
    }

    [Property(Arbitrary = new[] { typeof(CommandArbitraries) }, MaxTest = 300)]
    public void SETCONF_reads_back_as_its_settings(ConfSettings settings)
    {
        var (keyword, arguments) = CommandLineReader.Read(Built(TorEvents.SetConfCommand.Create(settings.Pairs)).Encoded.Span);
        Assert.Equal("SETCONF", keyword);
        Assert.Equal(settings.Pairs.Length, arguments.Count);
        for (int i = 0; i < arguments.Count; i++)
        {
            var (key, value) = settings.Pairs[i];
            if (value is null) Assert.Equal(new CommandArgument(key, null, key), arguments[i]);
            else Assert.Equal((key, value), (arguments[i].Key, arguments[i].Value));
        }
    }

    [Property(Arbitrary = new[] { typeof(CommandArbitraries) }, MaxTest = 300)]
    public void GETINFO_MAPADDRESS_and_ADD_ONION_read_back_as_their_words(WordList words, OnionRequest onion)
    {
        var (keyword, arguments) = CommandLineReader.Read(Built(TorEvents.GetInfoCommand.Create(words.Items)).Encoded.Span);
        Assert.Equal("GETINFO", keyword);
        Assert.Equal(words.Items, arguments.Select(a => a.Raw));

        var pairs = words.Items.Select((w, i) => new KeyValuePair<string, string>(w, words.Items[(i + 1) % words.Items.Length])).ToArray();
        (keyword, arguments) = CommandLineReader.Read(Built(TorEvents.MapAddressCommand.Create(pairs)).Encoded.Span);
        Assert.Equal("MAPADDRESS", keyword);
        Assert.Equal(pairs.Select(p => (p.Key, p.Value)), arguments.Select(a => (a.Key!, a.Value)));

        (keyword, arguments) = CommandLineReader.Read(Built(TorEvents.AddOnionCommand.Create(onion.Key, onion.Flags, onion.Ports)).Encoded.Span);
        Assert.Equal("ADD_ONION", keyword);
        Assert.Equal(onion.Key, arguments[0].Raw);
        var rest = arguments.Skip(1).ToList();
        if (onion.Flags is not null)
        {
            Assert.Equal("Flags", rest[0].Key);
            Assert.Equal(onion.Flags, rest[0].Value.Split(','));
            rest.RemoveAt(0);
        }
        Assert.All(rest, a => Assert.Equal("Port", a.Key));
        Assert.Equal(onion.Ports, rest.Select(a => a.Value));
    }

    [Property(Arbitrary = new[] { typeof(CommandArbitraries) }, MaxTest = 500)]
    public void A_CR_LF_or_NUL_in_a_bare_value_is_refused_where_it_is(Injection injection)
    {
        string bad = injection.Value;
        int at = injection.Offset;
        var builder = injection.Target switch
        {
            0 => TorEvents.GetInfoCommand.Create(["version", bad]),
            1 => TorEvents.SetConfCommand.Create([new(bad, "v")]),
            2 => TorEvents.MapAddressCommand.Create([new(bad, "x")]),
            3 => TorEvents.MapAddressCommand.Create([new("x", bad)]),
            4 => TorEvents.AddOnionCommand.Create("NEW:BEST", null, ["80", bad]),
            5 => TorEvents.AddOnionCommand.Create("NEW:BEST", [bad], ["80"]),
            6 => TorEvents.SignalCommand.Create(bad),
            _ => TorEvents.DelOnionCommand.Create(bad),
        };
        var reason = bad[at] == '\0' ? TorControlErrorReason.ForbiddenByte : TorControlErrorReason.LineBreakInArgument;
        var error = Refused(builder);
        Assert.Equal((reason, (long)at), (error.Reason, error.Offset));
    }

    [Property(Arbitrary = new[] { typeof(CommandArbitraries) }, MaxTest = 300)]
    public void A_quoted_value_escapes_CR_and_LF_and_refuses_NUL(Injection injection)
    {
        string value = "a b" + injection.Value;
        var builder = TorEvents.SetConfCommand.Create([new("ContactInfo", value)]);
        int nul = value.IndexOf('\0');
        if (nul >= 0)
        {
            Assert.Equal(new TorControlError(TorControlErrorReason.ForbiddenByte, nul, "argument 1"), Refused(builder));
            return;
        }
        var (_, arguments) = CommandLineReader.Read(Built(builder).Encoded.Span);
        Assert.Equal(value, Assert.Single(arguments).Value);
    }
}
