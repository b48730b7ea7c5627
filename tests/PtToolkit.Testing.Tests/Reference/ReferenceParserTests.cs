using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Pidgin;
using PtToolkit.Ipc;
using PtToolkit.Testing.Reference;
using Xunit;

namespace PtToolkit.Testing.Tests.Reference;

/// <summary>The reference interpreter on its own: the documents' examples, the line rules, and the field syntax of spec/README.md.</summary>
public class ReferenceParserTests
{
    private static readonly PtReferenceParser Reference = new(PtIpc.Grammar);

    private static PtLineOutcome Interpret(string line, IReadOnlyCollection<string>? dialects = null) => Reference.Interpret(Encoding.UTF8.GetBytes(line), dialects);

    public static TheoryData<string, string> DocumentExamples()
    {
        var data = new TheoryData<string, string>();
        foreach (var message in PtIpc.Grammar.Messages)
        {
            foreach (string line in message.Doc.Split('\n').Where(l => l.StartsWith("Example: ", StringComparison.Ordinal)))
                data.Add(message.Name, line["Example: ".Length..]);
        }
        return data;
    }

    /// <summary>Every "Example:" quoted in a message's spec text is that message for the reference.</summary>
    [Theory]
    [MemberData(nameof(DocumentExamples))]
    public void Each_example_of_the_spec_text_is_its_message(string message, string example)
    {
        var outcome = Interpret(example);
        Assert.Equal(PtLineStatus.Message, outcome.Status);
        Assert.Equal(message, outcome.MessageName);
    }

    [Fact]
    public void Fields_are_decoded_as_the_spec_describes()
    {
        var smethod = Interpret("SMETHOD x [2001:DB8::1.2.3.4]:0080 ARGS:a\\=b=c\\,d,e= more text\r\n");
        Assert.Equal(
            new[] { new PtFieldValue("transport", "x"), new PtFieldValue("address", "[2001:DB8::1.2.3.4]:80"),
                new PtFieldValue("args", "", new PtToolkit.Text.PtKeyValueList(("a=b", "c,d"), ("e", ""))), new PtFieldValue("options", "more text") },
            smethod.Fields);
        var log = Interpret("LOG SEVERITY=info MESSAGE=\"a\\x41\\101\\n\\\"\\'\\t\"");
        Assert.Equal("aAA\n\"'\t", log.Fields!.Single(f => f.Name == "message").Value);
        var status = Interpret("STATUS TRANSPORT= K= Q==\"x y\"");
        Assert.Equal(PtLineStatus.Invalid, status.Status);
        Assert.Equal(new PtToolkit.Text.PtKeyValueList(("K", ""), ("Q", "=x y")), Interpret("STATUS TRANSPORT= K= Q=\"=x y\"").Fields!.Single(f => f.Name == "values").Pairs);
    }

    [Theory]
    [InlineData("VERSION 1\r\r\n", PtLineStatus.Message)]
    [InlineData("VERSION 1\n\n", PtLineStatus.Invalid)]
    [InlineData("VERSION\t1", PtLineStatus.Invalid)]
    [InlineData("", PtLineStatus.Invalid)]
    [InlineData("FOO bar", PtLineStatus.Unknown)]
    [InlineData("PROXY  DONE", PtLineStatus.Unknown)]
    [InlineData("PROXY DONE ", PtLineStatus.Invalid)]
    [InlineData("EVENT CONNECTION-SUCCESS", PtLineStatus.Invalid)]
    [InlineData("EVENT CONNECTION-ELSE x", PtLineStatus.Unknown)]
    [InlineData("CMETHOD x SOCKS5 127.0.0.1:1", PtLineStatus.Message)]
    [InlineData("CMETHOD x socks.5 127.0.0.1:1", PtLineStatus.Invalid)]
    public void Lines_follow_the_metaformat_and_the_name_words(string line, PtLineStatus status) => Assert.Equal(status, Interpret(line).Status);

    [Fact]
    public void An_invalid_line_names_every_message_with_its_words_in_spec_order()
    {
        Assert.Equal(new[] { "Log", "DispatcherLog" }, Interpret("LOG x").Candidates);
        Assert.Equal(new[] { "DispatcherLog" }, Interpret("LOG SEVERITY=debug MESSAGE=x", new[] { "2.2" }).Candidates);
        Assert.Equal("Log", Interpret("LOG SEVERITY=debug MESSAGE=x", new[] { "1.0" }).MessageName);
        Assert.Empty(Interpret("\tVERSION 1").Candidates);
    }

    [Theory]
    [InlineData("::", true)]
    [InlineData("1:2:3:4:5:6:7:8", true)]
    [InlineData("1:2:3:4:5:6:7::", true)]
    [InlineData("::ffff:192.0.2.1", true)]
    [InlineData("1:2:3:4:5:6:192.0.2.1", true)]
    [InlineData("1:2:3:4:5:6:7:8::", false)]
    [InlineData("1:2:3:4:5:6:7:192.0.2.1", false)]
    [InlineData("1::2::3", false)]
    [InlineData(":::1", false)]
    [InlineData("1:", false)]
    [InlineData("12345::", false)]
    [InlineData("::1.2.3", false)]
    [InlineData("192.0.2.1", false)]
    [InlineData("fe80::1%eth0", false)]
    public void IPv6_follows_RFC_4291(string text, bool valid) =>
        Assert.Equal(valid, PtFieldSyntax.IPv6.Before(Parser<byte>.End).Parse(Encoding.ASCII.GetBytes(text)).Success);

    [Theory]
    [InlineData("192.0.2.1", true)]
    [InlineData("0.0.0.0", true)]
    [InlineData("255.255.255.255", true)]
    [InlineData("01.2.3.4", false)]
    [InlineData("256.1.1.1", false)]
    [InlineData("1.2.3", false)]
    [InlineData("1.2.3.4.5", false)]
    public void IPv4_has_four_octets_without_leading_zeros(string text, bool valid) =>
        Assert.Equal(valid, PtFieldSyntax.IPv4.Before(Parser<byte>.End).Parse(Encoding.ASCII.GetBytes(text)).Success);

    [Fact]
    public void Host_names_are_RFC_1123_labels()
    {
        static bool Name(string s) => PtFieldSyntax.HostName.Before(Parser<byte>.End).Parse(Encoding.ASCII.GetBytes(s)).Success;
        Assert.True(Name("_x.example-1.org"));
        Assert.True(Name(new string('a', 63) + ".b"));
        Assert.False(Name(new string('a', 64) + ".b"));
        Assert.True(Name(string.Join('.', Enumerable.Repeat(new string('a', 62), 4))));
        Assert.False(Name(string.Join('.', Enumerable.Repeat(new string('a', 63), 4))));
        Assert.False(Name("-a.b"));
        Assert.False(Name("a-.b"));
        Assert.False(Name("a..b"));
        Assert.False(Name("example.123"));
    }

    [Theory]
    [InlineData("\"\\777\"", false)]
    [InlineData("\"\\400\"", false)]
    [InlineData("\"\\377\"", true)]
    [InlineData("\"\\3777\"", true)]
    [InlineData("\"\\x4\"", false)]
    [InlineData("\"\\q\"", false)]
    [InlineData("\"a\tb\rc\"", true)]
    [InlineData("\"open", false)]
    [InlineData("", true)]
    public void CString_escapes_are_the_documented_ones(string value, bool valid) =>
        Assert.Equal(valid, PtFieldSyntax.QuotedStringField.Before(Parser<byte>.End).Parse(Encoding.UTF8.GetBytes(value)).Success);
}
