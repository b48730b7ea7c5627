using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using PtToolkit.Ipc;
using PtToolkit.Tests.Ipc;
using PtToolkit.Text;
using Xunit;

namespace PtToolkit.Tests.Primitives;

/// <summary>
/// PtLineWriter and the generated formatters on top of it: a value that cannot be written so that it reads back
/// gives InvalidData (naming the field), a short destination gives DestinationTooSmall, and the first failure sticks.
/// </summary>
public class PtLineWriterTests
{
    private delegate void WriteStep(ref PtLineWriter writer);

    private static (OperationStatus Status, string? Field, int Written) Write(WriteStep step, int size = 256)
    {
        var writer = new PtLineWriter(new byte[size]);
        step(ref writer);
        return (writer.Status, writer.InvalidField, writer.Written);
    }

    [Fact]
    public void Token_with_a_space_is_invalid_and_names_its_field()
    {
        var (status, field, written) = Write((ref PtLineWriter w) =>
        {
            w.Literal("CMETHOD "u8);
            w.Token("a b", "transport");
        });

        Assert.Equal(OperationStatus.InvalidData, status);
        Assert.Equal("transport", field);
        Assert.Equal(8, written);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a b")]
    [InlineData("é")]
    [InlineData("a\tb")]
    public void Tokens_must_be_visible_ASCII_and_not_empty(string token)
    {
        Assert.Equal(OperationStatus.InvalidData, Write((ref PtLineWriter w) => w.Token(token, "t")).Status);
    }

    [Theory]
    [InlineData("line\nfeed")]
    [InlineData("nul\0")]
    [InlineData("ends in CR\r")]
    [InlineData("")]
    public void Text_with_LF_or_NUL_or_ending_in_CR_or_empty_is_invalid(string text)
    {
        var (status, field, _) = Write((ref PtLineWriter w) => w.Text(text, "message"));
        Assert.Equal(OperationStatus.InvalidData, status);
        Assert.Equal("message", field);
    }

    [Theory]
    [InlineData("é 中 😀")]
    [InlineData("carriage\rreturn inside")]
    [InlineData(" \t\u0001 ")]
    public void Text_is_written_as_UTF_8(string text)
    {
        var buffer = new byte[64];
        var writer = new PtLineWriter(buffer);
        writer.Text(text, "message");
        Assert.Equal(OperationStatus.Done, writer.Status);
        Assert.Equal(Encoding.UTF8.GetBytes(text), buffer[..writer.Written]);
    }

    [Theory]
    [InlineData("socks=5")]
    [InlineData("a.b")]
    [InlineData("")]
    public void Enum_token_outside_keyword_characters_is_invalid(string text)
    {
        Assert.Equal(OperationStatus.InvalidData, Write((ref PtLineWriter w) => w.EnumToken(text, "method")).Status);
    }

    [Fact]
    public void Version_with_a_comma_and_a_negative_number_are_invalid()
    {
        Assert.Equal(OperationStatus.InvalidData, Write((ref PtLineWriter w) => w.Version("1,2", "version")).Status);
        Assert.Equal(OperationStatus.InvalidData, Write((ref PtLineWriter w) => w.Number(-1, "n")).Status);
    }

    [Fact]
    public void Empty_ARGS_key_is_invalid()
    {
        var pairs = new[] { new KeyValuePair<string, string>("", "v") };
        var (status, field, _) = Write((ref PtLineWriter w) => w.Args(pairs, "args"));
        Assert.Equal(OperationStatus.InvalidData, status);
        Assert.Equal("args", field);
    }

    [Theory]
    [InlineData("1.2.3.4", PtHostKind.IPv6, false)]
    [InlineData("::1", PtHostKind.IPv4, false)]
    [InlineData("1.2.3.4", PtHostKind.Name, true)]
    [InlineData("example.com", PtHostKind.IPv4, true)]
    [InlineData("example.com", PtHostKind.Name, false)]
    [InlineData("[::1]", PtHostKind.IPv6, false)]
    [InlineData("01.2.3.4", PtHostKind.IPv4, true)]
    [InlineData("", PtHostKind.IPv4, true)]
    public void Endpoint_whose_kind_does_not_match_its_host_is_invalid(string host, PtHostKind kind, bool allowName)
    {
        var endpoint = new PtEndpoint(host, kind, 80);
        var (status, field, written) = Write((ref PtLineWriter w) => w.Endpoint(endpoint, allowName, "address"));
        Assert.Equal(OperationStatus.InvalidData, status);
        Assert.Equal("address", field);
        Assert.Equal(0, written);
    }

    [Theory]
    [InlineData("1.2.3.4", PtHostKind.IPv4, false, "1.2.3.4:80")]
    [InlineData("::1", PtHostKind.IPv6, false, "[::1]:80")]
    [InlineData("example.com", PtHostKind.Name, true, "example.com:80")]
    public void Endpoint_is_written_with_brackets_around_IPv6(string host, PtHostKind kind, bool allowName, string text)
    {
        var buffer = new byte[64];
        var writer = new PtLineWriter(buffer);
        writer.Endpoint(new PtEndpoint(host, kind, 80), allowName, "address");
        Assert.Equal(OperationStatus.Done, writer.Status);
        Assert.Equal(text, Encoding.ASCII.GetString(buffer, 0, writer.Written));
        Assert.Equal(text, new PtEndpoint(host, kind, 80).ToString());
        Assert.True(PtEndpoint.TryParse(text, allowName, out var back));
        Assert.Equal(new PtEndpoint(host, kind, 80), back);
    }

    [Theory]
    [InlineData("a b")]
    [InlineData("[::1]")]
    [InlineData("1.2.3")]
    [InlineData("-bad.example")]
    public void Host_that_is_neither_address_nor_name_is_invalid(string host)
    {
        Assert.Equal(OperationStatus.InvalidData, Write((ref PtLineWriter w) => w.Host(host, "address")).Status);
    }

    [Fact]
    public void Host_longer_than_253_bytes_is_invalid()
    {
        Assert.Equal(OperationStatus.InvalidData, Write((ref PtLineWriter w) => w.Host(new string('a', 254), "address"), 512).Status);
    }

    [Fact]
    public void Short_destination_is_reported_and_the_first_failure_sticks()
    {
        var (status, field, written) = Write((ref PtLineWriter w) =>
        {
            w.Literal("VERSION"u8);
            w.Space();
            w.Version("2.2", "version");
            w.Token("a b", "later");
        }, size: 9);

        Assert.Equal(OperationStatus.DestinationTooSmall, status);
        Assert.Null(field);
        Assert.Equal(8, written);

        (status, field, written) = Write((ref PtLineWriter w) =>
        {
            w.Token("a b", "first");
            w.Literal(new byte[1000]);
            w.Token("x", "second");
        }, size: 16);
        Assert.Equal(OperationStatus.InvalidData, status);
        Assert.Equal("first", field);
        Assert.Equal(0, written);
    }

    // Through the generated formatters ----------------------------------------------------------------

    public static IEnumerable<object[]> UnwritableMessages()
    {
        var v4 = PtEndpoint.IPv4("1.2.3.4", 5);
        yield return new object[] { new PtIpc.CmethodMessage("a b", PtIpc.ClientProxyKind.Socks5, v4), "transport" };
        yield return new object[] { new PtIpc.CmethodMessage("t", PtIpc.ClientProxyKind.Socks5, new PtEndpoint("1.2.3.4", PtHostKind.IPv6, 5)), "address" };
        yield return new object[] { new PtIpc.CmethodMessage("t", PtIpc.ClientProxyKind.Socks5, new PtEndpoint("example.com", PtHostKind.Name, 5)), "address" };
        yield return new object[] { new PtIpc.CmethodMessage("t", PtIpc.ClientProxyKind.Unknown, v4), "method" };
        yield return new object[] { new PtIpc.EnvErrorMessage("two\nlines"), "message" };
        yield return new object[] { new PtIpc.VersionMessage("1,2"), "version" };
        yield return new object[] { new PtIpc.SmethodMessage("t", v4, new PtKeyValueList(("", "v"))), "args" };
        yield return new object[] { new PtIpc.SmethodMessage("t", v4, new PtKeyValueList()), "args" };
        yield return new object[] { new PtIpc.SmethodMessage("t", v4, null, ""), "options" };
        yield return new object[] { new PtIpc.StatusMessage("t", new PtKeyValueList()), "values" };
        yield return new object[] { new PtIpc.StatusMessage("t", new PtKeyValueList(("K=", "v"))), "values" };
        yield return new object[] { new PtIpc.ConnectionEventMessage("t", "not a host", 1), "address" };
        yield return new object[] { new PtIpc.ConnectionErrorEventMessage("t", PtIpc.ConnectionErrorType.Timeout, ""), "message" };
        yield return new object[] { new PtIpc.LogMessage(PtIpc.LogSeverity.Debug, "x") { SeverityText = "not=a-token" }, "severity" };
    }

    [Theory]
    [MemberData(nameof(UnwritableMessages))]
    public void Message_with_a_value_that_cannot_be_written_is_InvalidData_naming_the_field(IPtMessage message, string field)
    {
        var buffer = new byte[256];
        Assert.Equal(OperationStatus.InvalidData, message.TryFormat(buffer, out int written));
        Assert.Equal(0, written);
        Assert.Equal(OperationStatus.InvalidData, message.TryFormat(buffer, out _, out string? invalidField));
        Assert.Equal(field, invalidField);
        Assert.Equal(OperationStatus.InvalidData, message.Write(new ArrayBufferWriter<byte>(), out invalidField));
        Assert.Equal(field, invalidField);
        var error = Assert.Throws<FormatException>(() => message.FormatLine());
        Assert.Contains($"'{field}'", error.Message);
    }

    [Theory]
    [InlineData("ARGS:x=y")]
    [InlineData("ARGS:")]
    [InlineData("ARGS:a=b,c=d more")]
    public void Smethod_options_that_look_like_ARGS_without_ARGS_are_refused_or_read_back(string options)
    {
        // With no ARGS, options written right after the address are read back as ARGS when they start with
        // "ARGS:" (or make the line unreadable). Writing must refuse them, or the line must read back equal.
        var message = new PtIpc.SmethodMessage("t", PtEndpoint.IPv4("1.2.3.4", 5), Args: null, Options: options);
        var (status, line) = IpcParsers.Format(message);
        if (status == OperationStatus.InvalidData) return;

        var outcome = PtIpc.ParseOwned(line, out var back);
        Assert.True(outcome.IsMessage, $"wrote {LineText.Show(line)}, which reads as {outcome.Error}");
        Assert.Equal(message, back);
    }

    [Theory]
    [InlineData(0xD800, -1)]
    [InlineData(0xDC00, -1)]
    [InlineData(0xDC00, 0xD800)]
    public void A_lone_surrogate_is_refused_or_read_back(int first, int second)
    {
        // Built here: an attribute string cannot hold a lone surrogate (metadata stores it as UTF-8).
        string value = "lone " + (char)first + (second < 0 ? "" : ((char)second).ToString()) + " surrogate";
        Assert.DoesNotContain('\uFFFD', value);

        // IPtMessage.TryFormat: "InvalidData when a value cannot be written so that it parses back". UTF-8 has no
        // form for a lone surrogate; writing U+FFFD instead reads back as another string.
        foreach (IPtMessage message in new IPtMessage[]
        {
            new PtIpc.EnvErrorMessage(value),
            new PtIpc.LogMessage(PtIpc.LogSeverity.Info, value),
            new PtIpc.StatusMessage("t", new PtKeyValueList(("K", value))),
        })
        {
            var (status, line) = IpcParsers.Format(message);
            if (status == OperationStatus.InvalidData) continue;

            PtIpc.ParseOwned(line, out var back);
            Assert.Equal(FieldDump.Of(message), FieldDump.Of(back!));
        }
    }
}
