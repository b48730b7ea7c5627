using System;
using System.Buffers;
using System.Text;
using FsCheck.Xunit;
using PtToolkit.Tests.Ipc;
using PtToolkit.Text;
using Xunit;

using static PtToolkit.Tests.Primitives.TestText;

namespace PtToolkit.Tests.Primitives;

/// <summary>PtCString: the quoted-string scanner, unescaping, and writing String/CString values that read back.</summary>
public class PtCStringTests
{
    private static string Decode(byte[] line, int start, int end) =>
        new PtStringView(line.AsSpan((start + 1)..(end - 1)), isQuoted: true).ToString();

    [Theory]
    [InlineData("\"plain\"", "plain")]
    [InlineData("\"\"", "")]
    [InlineData("\"\\\\\"", "\\")]
    [InlineData("\"a\\\"b\"", "a\"b")]
    [InlineData("\"\\101\"", "A")]
    [InlineData("\"\\x41\\x4a\\x4A\"", "AJJ")]
    [InlineData("\"\\7\"", "\u0007")]
    [InlineData("\"\\0\"", "\0")]
    [InlineData("\"\\1234\"", "S4")]
    [InlineData("\"\\377\"", "\uFFFD")]
    [InlineData("\"\\303\\251\"", "é")]
    [InlineData("\"\\n\\r\\t\\'\"", "\n\r\t'")]
    [InlineData("\"raw\ttab and \u0001 and é\"", "raw\ttab and \u0001 and é")]
    [InlineData("\"raw\rcr\"", "raw\rcr")]
    public void Quoted_string_is_scanned_to_its_closing_quote_and_decoded(string quoted, string value)
    {
        var line = B(quoted);
        Assert.True(PtCString.TryScanQuoted(line, 0, out int end, out _, out var reason), reason.ToString());
        Assert.Equal(line.Length, end);
        Assert.Equal(value, Decode(line, 0, end));
    }

    [Fact]
    public void Escaped_backslash_before_the_quote_ends_the_string_there()
    {
        var line = B("\"\\\\\" more \"text\"");
        Assert.True(PtCString.TryScanQuoted(line, 0, out int end, out _, out _));
        Assert.Equal(4, end);
        Assert.Equal("\\", Decode(line, 0, end));
    }

    [Fact]
    public void Scanning_starts_at_the_given_offset()
    {
        var line = B("MESSAGE=\"a b\" rest");
        Assert.True(PtCString.TryScanQuoted(line, 8, out int end, out _, out _));
        Assert.Equal(13, end);
        Assert.Equal("a b", Decode(line, 8, end));
    }

    [Theory]
    [InlineData("\"bad \\q\"", PtErrorReason.BadEscape, 5)]
    [InlineData("\"\\400\"", PtErrorReason.BadEscape, 1)]
    [InlineData("\"\\777\"", PtErrorReason.BadEscape, 1)]
    [InlineData("\"\\x4\"", PtErrorReason.BadEscape, 1)]
    [InlineData("\"\\x4g\"", PtErrorReason.BadEscape, 1)]
    [InlineData("\"\\8\"", PtErrorReason.BadEscape, 1)]
    [InlineData("\"ends with \\", PtErrorReason.BadEscape, 11)]
    [InlineData("\"unterminated", PtErrorReason.UnterminatedString, 13)]
    [InlineData("\"", PtErrorReason.UnterminatedString, 1)]
    [InlineData("\"\\\"", PtErrorReason.UnterminatedString, 3)]
    [InlineData("\"nul\0inside\"", PtErrorReason.BadByte, 4)]
    [InlineData("\"lf\ninside\"", PtErrorReason.BadByte, 3)]
    public void Bad_quoted_strings_are_refused_with_their_offset(string quoted, PtErrorReason reason, int offset)
    {
        Assert.False(PtCString.TryScanQuoted(B(quoted), 0, out _, out int errorOffset, out var why));
        Assert.Equal(reason, why);
        Assert.Equal(offset, errorOffset);
    }

    [Theory]
    [InlineData("bare", "bare")]
    [InlineData("a\"b", "a\"b")]
    [InlineData("x=y", "x=y")]
    [InlineData("", "\"\"")]
    [InlineData("two words", "\"two words\"")]
    [InlineData("\"starts", "\"\\\"starts\"")]
    [InlineData("back\\slash x", "\"back\\\\slash x\"")]
    [InlineData("tab\t", "\"tab\\t\"")]
    [InlineData("é", "\"\\303\\251\"")]
    [InlineData("\0\u007f", "\"\\000\\177\"")]
    public void Values_are_written_bare_when_they_can_be_and_quoted_otherwise(string value, string written)
    {
        var buffer = new byte[64];
        Assert.Equal(OperationStatus.Done, PtCString.TryWrite(value, buffer, out int n));
        Assert.Equal(written, Encoding.ASCII.GetString(buffer, 0, n));
        Assert.Equal(!written.StartsWith('"'), PtCString.CanWriteBare(value));
    }

    [Fact]
    public void Writing_reports_a_destination_too_small_without_overrunning()
    {
        var buffer = new byte[8];
        Assert.Equal(OperationStatus.DestinationTooSmall, PtCString.TryWriteQuoted("123456789", buffer, out int written));
        Assert.Equal(0, written);
        Assert.Equal(OperationStatus.DestinationTooSmall, PtCString.TryWrite("123456789", buffer, out written));
        Assert.Equal(OperationStatus.DestinationTooSmall, PtCString.TryWriteQuoted("", new byte[1], out _));
        Assert.Equal(OperationStatus.Done, PtCString.TryWriteQuoted("", new byte[2], out written));
        Assert.Equal(2, written);
    }

    [Fact]
    public void A_lone_surrogate_is_refused_rather_than_replaced()
    {
        Assert.Equal(OperationStatus.InvalidData, PtCString.TryWrite("a\uD800b", new byte[64], out _));
        Assert.Equal(OperationStatus.InvalidData, PtCString.TryWriteQuoted("\uDC00", new byte[64], out _));
    }

    [Property(Arbitrary = new[] { typeof(TextArbitraries) }, MaxTest = 1500)]
    public void Quoted_CString_round_trips_and_stays_printable_ASCII(AnyText text)
    {
        var buffer = new byte[text.Value.Length * 12 + 2];
        Assert.Equal(OperationStatus.Done, PtCString.TryWriteQuoted(text.Value, buffer, out int n));
        var line = buffer[..n];

        Assert.All(line, b => Assert.InRange(b, (byte)0x20, (byte)0x7E));
        Assert.True(PtCString.TryScanQuoted(line, 0, out int end, out _, out var reason), $"{reason} in {LineText.Show(line)}");
        Assert.Equal(n, end);
        Assert.Equal(text.Value, Decode(line, 0, end));

        var raw = new PtStringView(line.AsSpan(1..^1), isQuoted: true);
        var decoded = new byte[raw.Raw.Length];
        Assert.Equal(Encoding.UTF8.GetBytes(text.Value), decoded[..raw.Unescape(decoded)]);
    }

    [Property(Arbitrary = new[] { typeof(TextArbitraries) }, MaxTest = 1500)]
    public void String_or_CString_value_is_read_back_by_the_value_scanner(AnyText text)
    {
        var buffer = new byte[text.Value.Length * 12 + 8];
        Assert.Equal(OperationStatus.Done, PtCString.TryWrite(text.Value, buffer, out int n));
        byte[] line = [.. B("K="), .. buffer[..n], .. B(" next")];

        Assert.True(PtKvLine.TryScanValue(line, 2, out int end, out _, out var reason), $"{reason} in {LineText.Show(line)}");
        Assert.Equal(2 + n, end);
        bool quoted = line[2] == (byte)'"';
        Assert.Equal(!PtCString.CanWriteBare(text.Value), quoted);
        var view = quoted ? new PtStringView(line.AsSpan((3)..(end - 1)), true) : new PtStringView(line.AsSpan(2..end), false);
        Assert.Equal(text.Value, view.ToString());
    }
}
