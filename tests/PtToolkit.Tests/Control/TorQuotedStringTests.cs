using System;
using System.Text;
using PtToolkit.Control;
using Xunit;

using static PtToolkit.Tests.Control.ControlText;

namespace PtToolkit.Tests.Control;

/// <summary>QuotedString scanning, decoding (control-spec §2.1.1 rule) and writing.</summary>
public class TorQuotedStringTests
{
    private static string Decode(string quoted)
    {
        var bytes = B(quoted);
        Assert.True(TorQuotedString.TryScan(bytes, 0, out int end));
        Assert.Equal(bytes.Length, end);
        return TorQuotedString.Decode(bytes.AsSpan(1, bytes.Length - 2));
    }

    [Theory]
    [InlineData("\"plain\"", "plain")]
    [InlineData("\"\"", "")]
    [InlineData("\"\\\\\"", "\\")]
    [InlineData("\"a\\\"b\"", "a\"b")]
    [InlineData("\"\\n\\t\\r\"", "\n\t\r")]
    [InlineData("\"\\101\\60\\0\"", "A0\0")]
    [InlineData("\"\\1011\"", "A1")]
    [InlineData("\"\\400\"", " 0")]
    [InlineData("\"\\303\\251\"", "é")]
    [InlineData("\"\\q\\x41\\'\"", "qx41'")]
    [InlineData("\"raw é and \t tab\"", "raw é and \t tab")]
    public void Quoted_strings_decode_by_the_future_proof_rule(string quoted, string value) => Assert.Equal(value, Decode(quoted));

    [Fact]
    public void A_quote_after_an_escaped_backslash_closes_the_string()
    {
        // stem's regex took the quote after \\ for an escaped one and read past the end of the value.
        var text = B("\"a\\\\\" NEXT=\"b\"");
        Assert.True(TorQuotedString.TryScan(text, 0, out int end));
        Assert.Equal(5, end);
        Assert.Equal("a\\", TorQuotedString.Decode(text.AsSpan(1, 3)));
    }

    [Theory]
    [InlineData("\"abc")]
    [InlineData("\"abc\\\"")]
    [InlineData("\"\\\"")]
    [InlineData("\"\\")]
    [InlineData("\"")]
    public void An_unterminated_string_ends_the_scan_at_the_end_of_the_text(string text)
    {
        // Some .NET controllers loop for ever on a final \"; the scan always moves forward.
        Assert.False(TorQuotedString.TryScan(B(text), 0, out int end));
        Assert.Equal(B(text).Length, end);
    }

    [Fact]
    public void Scanning_starts_at_the_given_offset()
    {
        var text = B("KEY=\"a b\" rest");
        Assert.True(TorQuotedString.TryScan(text, 4, out int end));
        Assert.Equal(9, end);
    }

    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("", "\"\"")]
    [InlineData("a\"b\\c", "\"a\\\"b\\\\c\"")]
    [InlineData("line\r\nbreak\ttab", "\"line\\r\\nbreak\\ttab\"")]
    [InlineData("\0\u0001\u001f\u007f", "\"\\000\\001\\037\\177\"")]
    [InlineData("é", "\"é\"")]
    [InlineData("a b", "\"a b\"")]
    public void Writing_escapes_quote_backslash_and_controls(string value, string expected)
    {
        var bytes = B(value);
        int length = TorQuotedString.GetEncodedLength(bytes);
        var destination = new byte[length];
        Assert.Equal(length, TorQuotedString.Write(bytes, destination));
        Assert.Equal(expected, Encoding.UTF8.GetString(destination));
        Assert.Equal(-1, TorQuotedString.Write(bytes, new byte[length - 1]));
    }

    [Fact]
    public void Unescape_keeps_a_lone_final_backslash()
    {
        var destination = new byte[4];
        Assert.Equal(2, TorQuotedString.Unescape(B("a\\"), destination));
        Assert.Equal("a\\", Encoding.ASCII.GetString(destination, 0, 2));
    }
}
