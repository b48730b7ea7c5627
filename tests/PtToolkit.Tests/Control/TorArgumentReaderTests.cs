using System.Collections.Generic;
using System.Text;
using PtToolkit.Control;
using Xunit;

using static PtToolkit.Tests.Control.ControlText;

namespace PtToolkit.Tests.Control;

/// <summary>Arguments of a reply line (§4.1): positional and keyword, quoted and bare, unknown ones kept.</summary>
public class TorArgumentReaderTests
{
    private static List<string> Read(string text, out TorControlError error)
    {
        var result = new List<string>();
        var reader = new TorArgumentReader(B(text));
        while (reader.MoveNext())
        {
            var argument = reader.Current;
            string shown = argument.IsKeyword ? argument.KeyString + "=" + argument.ToString() : argument.ToString();
            result.Add(argument.IsQuoted ? $"q:{shown}" : shown);
        }
        error = reader.Error;
        return result;
    }

    [Theory]
    [InlineData("CIRC 1000 EXTENDED moria1,moria2", "CIRC|1000|EXTENDED|moria1,moria2")]
    [InlineData("CIRC 5 EXTENDED $A200F527C82C59A25CCA44884B49D3D65B122652=faktor PURPOSE=MEASURE_TIMEOUT",
        "CIRC|5|EXTENDED|$A200F527C82C59A25CCA44884B49D3D65B122652=faktor|PURPOSE=MEASURE_TIMEOUT")]
    [InlineData("ADDRMAP www.atagar.com 75.119.206.243 \"2012-11-19 00:50:13\" EXPIRES=\"2012-11-19 08:50:13\"",
        "ADDRMAP|www.atagar.com|75.119.206.243|q:2012-11-19 00:50:13|q:EXPIRES=2012-11-19 08:50:13")]
    [InlineData("STATUS_CLIENT NOTICE BOOTSTRAP PROGRESS=53 TAG=loading_descriptors SUMMARY=\"Loading relay \\\"descriptors\\\"\"",
        "STATUS_CLIENT|NOTICE|BOOTSTRAP|PROGRESS=53|TAG=loading_descriptors|q:SUMMARY=Loading relay \"descriptors\"")]
    [InlineData("CLIENTS_SEEN TimeStarted=\"2008-12-25 23:50:43\" CountrySummary=us=16,de=8,uk=8",
        "CLIENTS_SEEN|q:TimeStarted=2008-12-25 23:50:43|CountrySummary=us=16,de=8,uk=8")]
    [InlineData("AUTH METHODS=COOKIE,SAFECOOKIE COOKIEFILE=\"/tmp/a\\\\b\"", "AUTH|METHODS=COOKIE,SAFECOOKIE|q:COOKIEFILE=/tmp/a\\b")]
    [InlineData("  spaced   out  ", "spaced|out")]
    [InlineData("EMPTY= \"\" X=\"\"", "EMPTY=|q:|q:X=")]
    [InlineData("", "")]
    public void Arguments_are_read_in_order_and_all_kept(string text, string expected)
    {
        Assert.Equal(expected, string.Join('|', Read(text, out var error)));
        Assert.False(error.IsError, error.ToString());
    }

    [Theory]
    [InlineData("KEY=\"open", TorControlErrorReason.UnterminatedQuote, 4, "")]
    [InlineData("A B=\"x\\\"", TorControlErrorReason.UnterminatedQuote, 4, "A")]
    [InlineData("\"a\"b", TorControlErrorReason.ExpectedSpace, 3, "")]
    [InlineData("A K=\"v\"tail", TorControlErrorReason.ExpectedSpace, 7, "A")]
    [InlineData("ADDRMAP x 2012-11-19 00:50:13\" EXPIRES=\"y\"", TorControlErrorReason.QuoteInsideToken, 29, "ADDRMAP|x|2012-11-19")]
    [InlineData("K=a\"b", TorControlErrorReason.QuoteInsideToken, 3, "")]
    public void Grammar_breaks_stop_the_reader_with_their_offset(string text, TorControlErrorReason reason, long offset, string before)
    {
        Assert.Equal(before, string.Join('|', Read(text, out var error)));
        Assert.Equal(new TorControlError(reason, offset), error);
    }

    [Fact]
    public void Keyword_and_positional_lookups_skip_the_other_kind()
    {
        var line = Reply("650 CIRC 5 FAILED PURPOSE=GENERAL REASON=TIMEOUT EXTRA future=\"x y\"\n").View.FirstLine;
        Assert.True(line.TryGetArgument("REASON"u8, out var reason));
        Assert.Equal("TIMEOUT", reason.ToString());
        Assert.True(line.TryGetArgument("future"u8, out var future));
        Assert.Equal("x y", future.ToString());
        Assert.False(line.TryGetArgument("reason"u8, out _));
        Assert.True(line.TryGetPositional(3, out var extra));
        Assert.Equal("EXTRA", extra.ToString());
        Assert.False(line.TryGetPositional(4, out _));
        Assert.True(line.TryGetPositional(1, out var id));
        Assert.Equal(5, id.Offset);
    }

    [Fact]
    public void The_rest_of_the_line_is_available_raw()
    {
        var reader = new TorArgumentReader(B("NOTICE Something \"odd happened"));
        Assert.True(reader.MoveNext());
        Assert.Equal(" Something \"odd happened", Encoding.UTF8.GetString(reader.Remaining));
        Assert.True(reader.MoveNext());
        Assert.False(reader.MoveNext());
        Assert.Equal(TorControlErrorReason.UnterminatedQuote, reader.Error.Reason);
    }

    [Fact]
    public void Values_unescape_into_a_caller_buffer()
    {
        Assert.True(Reply("250 K=\"a\\nb\" P\n").View.FirstLine.TryGetArgument("K"u8, out var value));
        Assert.Equal("a\\nb", Encoding.ASCII.GetString(value.Value));
        Assert.Equal("K=\"a\\nb\"", Encoding.ASCII.GetString(value.Raw));
        var buffer = new byte[value.Value.Length];
        Assert.Equal(3, value.Unescape(buffer));
        Assert.Equal("a\nb", Encoding.ASCII.GetString(buffer, 0, 3));
        Assert.Equal(-1, value.Unescape(new byte[2]));
        Assert.True(Reply("250 K=\"a\\nb\" P\n").View.FirstLine.TryGetPositional(0, out var bare));
        Assert.Equal(1, bare.Unescape(buffer));
    }
}
