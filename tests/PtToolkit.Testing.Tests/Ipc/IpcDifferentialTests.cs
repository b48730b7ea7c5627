using System;
using System.Buffers;
using System.Linq;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Pidgin;
using PtToolkit.Ipc;
using PtToolkit.Testing.Generation;
using PtToolkit.Testing.Properties;
using PtToolkit.Testing.Reference;
using PtToolkit.Text;
using Xunit;

namespace PtToolkit.Testing.Tests.Ipc;

/// <summary>
/// Every generated IPC parser against the Pidgin reference built from <c>PtIpc.Grammar</c>: the dispatcher (through
/// <c>ParseOwned</c>) on valid lines, near-misses and arbitrary bytes; each typed parser against its message's
/// reference parser; format → parse round trips; and a list of edge lines where the two must agree.
/// </summary>
public class IpcDifferentialTests
{
    private static readonly PtReferenceParser Reference = new(PtIpc.Grammar);
    private static readonly PtLineGen Lines = new(PtIpc.Grammar);

    [Property(MaxTest = 3000)]
    public Property ParseOwned_agrees_on_valid_lines() => PtGrammarProperties.AgreesWithReference(Reference, Lines.Valid(), GeneratedIpc.ParseOwned);

    [Property(MaxTest = 5000)]
    public Property ParseOwned_agrees_on_near_misses() => PtGrammarProperties.AgreesWithReference(Reference, Lines.NearMiss(), GeneratedIpc.ParseOwned);

    [Property(MaxTest = 2000)]
    public Property ParseOwned_agrees_on_arbitrary_bytes() => PtGrammarProperties.AgreesWithReference(Reference, Lines.Bytes(), GeneratedIpc.ParseOwned);

    [Property(MaxTest = 1000)]
    public Property Dispatch_with_one_dialect_agrees_with_the_reference_restricted_to_it()
    {
        var dialects = new[] { "2.2" };
        return PtGrammarProperties.AgreesWithReference(Reference, Lines.Any(), line => GeneratedIpc.ParseOwned(line, PtIpc.Dialects.V2_2), dialects);
    }

    /// <summary>Each message's typed parser accepts exactly what its reference parser accepts, with the same fields.</summary>
    [Property(MaxTest = 3000)]
    public Property Typed_parsers_agree_with_their_message_rule() =>
        Prop.ForAll(PtLineGen.Arbitrary(Lines.Any()), line =>
        {
            var trimmed = Trim(line.Line);
            foreach (var rule in PtIpc.Grammar.Messages)
            {
                var expected = Reference.MessageParser(rule.Name).Parse(trimmed);
                var actual = TypedIpc.Parse(Enum.Parse<PtIpc.MessageKind>(rule.Name), line.Line);
                if (expected.Success != (actual is not null)) return Prop.Label(false, $"{rule.Name}: reference {(expected.Success ? "accepts" : "refuses")}, typed parser {(actual is null ? "refuses" : "accepts")}");
                if (actual is not null && !expected.Value.SequenceEqual(PtFieldValue.Of(actual)))
                    return Prop.Label(false, $"{rule.Name}: fields {string.Join(", ", expected.Value)} vs {string.Join(", ", PtFieldValue.Of(actual))}");
            }
            return Prop.Label(true, "");
        });

    [Property(MaxTest = 2000)]
    public Property Formatted_messages_round_trip() =>
        PtGrammarProperties.RoundTrips<IPtMessage>(PtIpc.Grammar, TryParseOwned, Format, new FieldComparer());

    [Property(MaxTest = 2000)]
    public Property Parsers_never_throw() =>
        PtGrammarProperties.NeverThrows(PtIpc.Grammar, line =>
        {
            PtIpc.ParseOwned(line, out _);
            foreach (var kind in Enum.GetValues<PtIpc.MessageKind>().Where(k => k != PtIpc.MessageKind.Unknown)) TypedIpc.Parse(kind, line);
        });

    public static readonly TheoryData<string> EdgeLines = new()
    {
        "VERSION 1\r\r", "VERSION 1\n\n", "VERSION 1\r\r\n", "VERSION \r", "VERSION 1,2", "VERSION 1 2", "VERSION-ERROR \r", "VERSION-ERROR \0", "ENV-ERROR x\ny",
        "CMETHOD x socks5 [1:2:3:4:5:6:7::]:1", "CMETHOD x socks5 [::1:2:3:4:5:6:7]:1", "CMETHOD x socks5 [1:2:3:4:5:6:7:8::]:1", "CMETHOD x socks5 [1:2:3:4:5:6:1.2.3.4]:1",
        "CMETHOD x socks5 [1:2:3:4:5:6:7:1.2.3.4]:1", "CMETHOD x socks5 [1.2.3.4]:1", "CMETHOD x socks5 [:::1]:1", "CMETHOD x socks5 [1::2::3]:1", "CMETHOD x socks5 [00001::]:1",
        "CMETHOD x socks5 [::]:1", "CMETHOD x socks5 [::]:", "CMETHOD x socks5 [::]", "CMETHOD x socks5 01.2.3.4:1", "CMETHOD x socks5 1.2.3.4:65536", "CMETHOD x socks5 1.2.3.4:000001",
        "EVENT CONNECTION x a..b 1", "EVENT CONNECTION x a.b. 1", "EVENT CONNECTION x -a 1", "EVENT CONNECTION x a- 1", "EVENT CONNECTION x 1.2.3 1", "EVENT CONNECTION x 1.2.3.4a 1",
        "EVENT CONNECTION x [::1] 1", "EVENT CONNECTION x 1::1.2.3.4 1", "EVENT CONNECTION x ::1.2.3 1", "EVENT CONNECTION x " + new string('a', 64) + " 1",
        "EVENT CONNECTION x " + string.Join('.', Enumerable.Repeat(new string('a', 63), 4)) + " 1",
        "LOG SEVERITY=debug MESSAGE=", "LOG SEVERITY=debug MESSAGE=\"\\777\"", "LOG SEVERITY=debug MESSAGE=\"\\3777\"", "LOG SEVERITY=debug MESSAGE=\"\\x\"", "LOG SEVERITY=debug MESSAGE=\"a\"b",
        "LOG SEVERITY=debug MESSAGE=a\"b", "LOG SEVERITY=debug MESSAGE=\"a\tb\rc\x01\"", "LOG SEVERITY=Debug MESSAGE=x", "LOG  x", "LOG DEBUG", "LOG DEBUG ",
        "STATUS TRANSPORT=x K=", "STATUS TRANSPORT=x K=V ", "STATUS TRANSPORT=x =V", "STATUS TRANSPORT=x K==V", "STATUS TRANSPORT= K=V", "STATUS TRANSPORT=x", "STATUS TRANSPORT=x K=\"a\"b",
        "SMETHOD x 1.2.3.4:5 ARGS:", "SMETHOD x 1.2.3.4:5 ARGS:a=", "SMETHOD x 1.2.3.4:5 ARGS:a=b,", "SMETHOD x 1.2.3.4:5 ARGS:a=b\\", "SMETHOD x 1.2.3.4:5  c",
        "SMETHOD x 1.2.3.4:5 ARGSx", "SMETHOD x 1.2.3.4:5 ARGS:a=b ARGS:c=d", "SMETHOD x host:5", "SMETHOD x 1.2.3.4:5 ARGS:\\\\=\\a",
        "EVENT CONNECTION-ERROR x CONNECTION_IOERROR ", "EVENT CONNECTION-ERROR x bad.type", "EVENT CONNECTION-DONE x y", "EVENT FOO", "PROXY DONE ", "PROXY  DONE", "PROXY DONEx",
    };

    [Theory]
    [MemberData(nameof(EdgeLines))]
    public void Edge_lines_agree(string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line);
        var expected = Reference.Interpret(bytes);
        var actual = GeneratedIpc.ParseOwned(bytes);
        Assert.True(expected.Agrees(actual, out string difference), $"{PtShow.Bytes(bytes)}: {difference}");
    }

    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> line)
    {
        if (!line.IsEmpty && line[^1] == (byte)'\n') line = line[..^1];
        return line.TrimEnd((byte)'\r');
    }

    private static bool TryParseOwned(ReadOnlySpan<byte> line, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IPtMessage? message) => PtIpc.ParseOwned(line, out message).IsMessage;

    private static byte[]? Format(IPtMessage message)
    {
        var buffer = new ArrayBufferWriter<byte>();
        return message.Write(buffer) == OperationStatus.Done ? buffer.WrittenSpan.ToArray() : null;
    }

    /// <summary>Messages equal by kind and fields (the record equality of two kinds cannot be called through the interface).</summary>
    private sealed class FieldComparer : System.Collections.Generic.IEqualityComparer<IPtMessage>
    {
        public bool Equals(IPtMessage? x, IPtMessage? y) =>
            x is not null && y is not null && x.KindName == y.KindName && PtFieldValue.Of(x).SequenceEqual(PtFieldValue.Of(y)) && x.Equals(y);

        public int GetHashCode(IPtMessage obj) => obj.KindName.GetHashCode(StringComparison.Ordinal);
    }
}
