using System;
using System.Text;
using PtToolkit.Control;
using Xunit;

namespace PtToolkit.Tests.Control;

/// <summary>Command encoding (§2.2): arguments, quoting, hex secrets, data blocks, and refused injections.</summary>
public class TorCommandBuilderTests
{
    private static string Build(TorCommandBuilder builder)
    {
        Assert.True(builder.TryBuild(out var command, out var error), error.ToString());
        return Encoding.UTF8.GetString(command!.Encoded.Span);
    }

    private static TorControlError Refused(TorCommandBuilder builder)
    {
        Assert.False(builder.TryBuild(out var command, out var error));
        Assert.Null(command);
        return error;
    }

    [Fact]
    public void Arguments_are_joined_by_spaces_and_end_in_CRLF()
    {
        Assert.Equal("GETINFO version config-text\r\n", Build(new TorCommandBuilder("GETINFO").Add("version").Add("config-text")));
        Assert.Equal("QUIT\r\n", Build(new TorCommandBuilder("QUIT")));
        Assert.Equal("MAPADDRESS 0.0.0.0=torproject.org\r\n", Build(new TorCommandBuilder("MAPADDRESS").AddKeyValue("0.0.0.0", "torproject.org", quoted: false)));
    }

    [Fact]
    public void Values_are_quoted_with_escapes_and_null_values_leave_the_key_alone()
    {
        var builder = new TorCommandBuilder("SETCONF")
            .AddKeyValue("ContactInfo", "a\"b\\c\r\n\u0001é")
            .AddKeyValue("Log", "notice stdout")
            .AddKeyValue("ORPort", null)
            .AddQuoted("");
        Assert.Equal("SETCONF ContactInfo=\"a\\\"b\\\\c\\r\\n\\001é\" Log=\"notice stdout\" ORPort \"\"\r\n", Build(builder));
    }

    [Fact]
    public void Secrets_go_as_hex_and_are_never_shown()
    {
        var builder = new TorCommandBuilder("AUTHENTICATE", sensitive: true).AddHex([0x00, 0xAB, 0x7F, 0x10]);
        Assert.True(builder.TryBuild(out var command, out _));
        Assert.Equal("AUTHENTICATE 00AB7F10\r\n", Encoding.ASCII.GetString(command!.Encoded.Span));
        Assert.True(command.IsSensitive);
        Assert.Equal("AUTHENTICATE [redacted]", command.ToString());
        command.WipeIfSensitive();
        Assert.All(command.Encoded.ToArray(), b => Assert.Equal(0, b));
    }

    [Fact]
    public void Hex_needs_at_least_one_byte() =>
        Assert.Equal(new TorControlError(TorControlErrorReason.EmptyArgument, 0, "argument 1"), Refused(new TorCommandBuilder("AUTHENTICATE").AddHex([])));

    [Fact]
    public void A_plain_command_shows_its_first_line()
    {
        Assert.True(new TorCommandBuilder("SIGNAL").Add("NEWNYM").TryBuild(out var command, out _));
        Assert.Equal("SIGNAL NEWNYM", command!.ToString());
        Assert.False(command.IsSensitive);
        command.WipeIfSensitive();
        Assert.Equal("SIGNAL NEWNYM", command.ToString());
    }

    [Theory]
    [InlineData("a\r\nSIGNAL HALT", TorControlErrorReason.LineBreakInArgument, 1)]
    [InlineData("a\nb", TorControlErrorReason.LineBreakInArgument, 1)]
    [InlineData("two words", TorControlErrorReason.ForbiddenByte, 3)]
    [InlineData("q\"uote", TorControlErrorReason.ForbiddenByte, 1)]
    [InlineData("tab\t", TorControlErrorReason.ForbiddenByte, 3)]
    [InlineData("é", TorControlErrorReason.ForbiddenByte, 0)]
    [InlineData("", TorControlErrorReason.EmptyArgument, 0)]
    public void Bare_arguments_refuse_what_would_break_the_line(string argument, TorControlErrorReason reason, long offset)
    {
        var error = Refused(new TorCommandBuilder("GETINFO").Add("version").Add(argument).Add("never-written"));
        Assert.Equal(new TorControlError(reason, offset, "argument 2"), error);
    }

    [Theory]
    [InlineData("Key=x", TorControlErrorReason.ForbiddenByte, 3)]
    [InlineData("Key\r", TorControlErrorReason.LineBreakInArgument, 3)]
    public void Keys_are_bare_and_without_equals(string key, TorControlErrorReason reason, long offset) =>
        Assert.Equal(new TorControlError(reason, offset, "argument 1"), Refused(new TorCommandBuilder("SETCONF").AddKeyValue(key, "v")));

    [Fact]
    public void Bare_values_refuse_line_breaks_and_quoted_values_escape_them()
    {
        var error = Refused(new TorCommandBuilder("ADD_ONION").Add("NEW:BEST").AddKeyValue("Port", "80\r\nSIGNAL HALT", quoted: false));
        Assert.Equal(new TorControlError(TorControlErrorReason.LineBreakInArgument, 2, "argument 2"), error);
        Assert.Equal("SETCONF K=\"80\\r\\nSIGNAL HALT\"\r\n", Build(new TorCommandBuilder("SETCONF").AddKeyValue("K", "80\r\nSIGNAL HALT")));
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("GET INFO", 3)]
    [InlineData("+LOADCONF", 0)]
    [InlineData("GÉTINFO", 1)]
    public void Keywords_are_letters_digits_and_underscores(string keyword, long offset) =>
        Assert.Equal(new TorControlError(TorControlErrorReason.BadKeyword, offset, "keyword"), Refused(new TorCommandBuilder(keyword)));

    [Fact]
    public void Lists_join_bare_items_with_commas_and_refuse_a_comma_inside_one()
    {
        Assert.Equal("ADD_ONION NEW:BEST Flags=DiscardPK,Detach\r\n", Build(new TorCommandBuilder("ADD_ONION").Add("NEW:BEST").AddList("Flags", ["DiscardPK", "Detach"])));
        Assert.Equal(new TorControlError(TorControlErrorReason.ForbiddenByte, 5, "argument 1"), Refused(new TorCommandBuilder("X").AddList("Flags", ["ab", "cd,ef"])));
        Assert.Equal(new TorControlError(TorControlErrorReason.EmptyArgument, 3, "argument 1"), Refused(new TorCommandBuilder("X").AddList("Flags", ["ab", ""])));
        Assert.Equal(new TorControlError(TorControlErrorReason.EmptyArgument, 0, "argument 1"), Refused(new TorCommandBuilder("X").AddList("Flags", [])));
    }

    [Fact]
    public void A_missing_argument_is_kept_as_the_first_error()
    {
        Assert.Equal(new TorControlError(TorControlErrorReason.MissingArgument, 0, "keys"), Refused(new TorCommandBuilder("GETINFO").MarkMissing("keys").Add("late")));
        Assert.Equal(TorControlErrorReason.LineBreakInArgument, Refused(new TorCommandBuilder("GETINFO").Add("a\nb").MarkMissing("keys")).Reason);
    }

    [Fact]
    public void Quoted_values_refuse_NUL()
    {
        Assert.Equal(new TorControlError(TorControlErrorReason.ForbiddenByte, 2, "argument 1"), Refused(new TorCommandBuilder("SETCONF").AddKeyValue("ContactInfo", "ab\0cd")));
        Assert.Equal(new TorControlError(TorControlErrorReason.ForbiddenByte, 0, "argument 1"), Refused(new TorCommandBuilder("X").AddQuoted("\0")));
    }

    [Fact]
    public void Lone_surrogates_are_refused()
    {
        var error = Refused(new TorCommandBuilder("SETCONF").AddKeyValue("ContactInfo", "bad \ud800 text"));
        Assert.Equal(TorControlErrorReason.InvalidText, error.Reason);
    }

    [Fact]
    public void Data_blocks_are_dot_stuffed_and_closed()
    {
        var builder = new TorCommandBuilder("LOADCONF").SetData("SocksPort 0\r\n.hidden\n\nlast");
        Assert.Equal("+LOADCONF\r\nSocksPort 0\r\n..hidden\r\n\r\nlast\r\n.\r\n", Build(builder));
        Assert.Equal("+POSTDESCRIPTOR purpose=general\r\n.\r\n", Build(new TorCommandBuilder("POSTDESCRIPTOR").AddKeyValue("purpose", "general", quoted: false).SetData("")));
    }

    [Fact]
    public void A_data_line_ending_in_CR_is_refused()
    {
        var error = Refused(new TorCommandBuilder("LOADCONF").SetData("ok\nbad\r\r\nmore"));
        Assert.Equal(new TorControlError(TorControlErrorReason.LineBreakInArgument, 6, "data"), error);
    }

    [Fact]
    public void Data_comes_last_and_a_builder_builds_once()
    {
        var builder = new TorCommandBuilder("LOADCONF").SetData("x");
        Assert.Throws<InvalidOperationException>(() => builder.Add("late"));
        Assert.True(builder.TryBuild(out _, out _));
        Assert.Throws<InvalidOperationException>(() => builder.TryBuild(out _, out _));
    }

    [Fact]
    public void Commands_larger_than_the_bound_are_refused()
    {
        var error = Refused(new TorCommandBuilder("SETCONF", maxLength: 64).AddKeyValue("ContactInfo", new string('x', 100)));
        Assert.Equal(TorControlErrorReason.CommandTooLarge, error.Reason);
        Assert.Equal("SETCONF K=\"" + new string('x', 300) + "\"\r\n", Build(new TorCommandBuilder("SETCONF").AddKeyValue("K", new string('x', 300))));
    }

    [Theory]
    [InlineData("GETINFO version", "GETINFO version\r\n")]
    [InlineData("SETCONF ContactInfo=\"é\"", "SETCONF ContactInfo=\"é\"\r\n")]
    [InlineData("QUIT", "QUIT\r\n")]
    public void Raw_lines_get_their_CRLF(string line, string expected)
    {
        Assert.True(TorCommandBuilder.TryCreateRaw(line, out var command, out var error), error.ToString());
        Assert.Equal(expected, Encoding.UTF8.GetString(command!.Encoded.Span));
    }

    [Theory]
    [InlineData("GETINFO version\r\nSIGNAL HALT", TorControlErrorReason.LineBreakInArgument, 15, "line")]
    [InlineData("GETINFO a\0b", TorControlErrorReason.ForbiddenByte, 9, "line")]
    [InlineData("GETINFO a\u007f", TorControlErrorReason.ForbiddenByte, 9, "line")]
    [InlineData(" GETINFO", TorControlErrorReason.BadKeyword, 0, "keyword")]
    public void Raw_lines_refuse_control_characters(string line, TorControlErrorReason reason, long offset, string field)
    {
        Assert.False(TorCommandBuilder.TryCreateRaw(line, out var command, out var error));
        Assert.Null(command);
        Assert.Equal(new TorControlError(reason, offset, field), error);
    }

    [Fact]
    public void Raw_lines_that_can_carry_secrets_are_never_shown()
    {
        Assert.True(TorCommandBuilder.TryCreateRaw("authenticate \"pw\"", out var command, out _));
        Assert.Equal("authenticate [redacted]", command!.ToString());
        Assert.True(TorCommandBuilder.TryCreateRaw("ADD_ONION ED25519-V3:secret Port=80", out command, out _));
        Assert.True(command!.IsSensitive);
    }
}
