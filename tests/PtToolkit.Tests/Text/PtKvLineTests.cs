using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using FsCheck.Xunit;
using PtToolkit.Tests.Ipc;
using PtToolkit.Text;
using Xunit;

using static PtToolkit.Tests.Primitives.TestText;

namespace PtToolkit.Tests.Primitives;

/// <summary>PtKvLine: STATUS <c>K=V</c> pairs with String or CString values; scanning, the view, and writing.</summary>
public class PtKvLineTests
{
    [Theory]
    [InlineData("A=1", "A=1")]
    [InlineData("A=1 B=\"x y\"", "A=1|B=x y")]
    [InlineData("E= F=\"\"", "E=|F=")]
    [InlineData("K=a\"b", "K=a\"b")]
    [InlineData("K==v", "K==v")]
    [InlineData("K=\"\\303\\251 \\\"q\\\"\"", "K=é \"q\"")]
    [InlineData("FINGERPRINT=<Fingerprint> ERRSTR=\"Connection refused\"", "FINGERPRINT=<Fingerprint>|ERRSTR=Connection refused")]
    public void Pairs_are_scanned_and_decoded(string text, string expected)
    {
        var line = B(text);
        Assert.True(PtKvLine.TryScan(line, 0, out _, out var reason), reason.ToString());
        var pairs = new PtKvLineView(line).ToOwned();
        Assert.Equal(expected, string.Join("|", pairs.Select(p => p.Key + "=" + p.Value)));
    }

    [Theory]
    [InlineData("A=1  B=2", PtErrorReason.MissingField, 4)]
    [InlineData("A=1 ", PtErrorReason.MissingField, 4)]
    [InlineData("", PtErrorReason.MissingField, 0)]
    [InlineData("=x", PtErrorReason.EmptyKey, 0)]
    [InlineData("A", PtErrorReason.ExpectedEquals, 1)]
    [InlineData("A B=1", PtErrorReason.ExpectedEquals, 1)]
    [InlineData("Aé=1", PtErrorReason.BadByte, 1)]
    [InlineData("A=\"x", PtErrorReason.UnterminatedString, 4)]
    [InlineData("A=\"x\"y", PtErrorReason.ExpectedSpace, 5)]
    [InlineData("A=\"\\q\"", PtErrorReason.BadEscape, 3)]
    [InlineData("A=x\u0001y", PtErrorReason.BadByte, 3)]
    [InlineData("A=é", PtErrorReason.BadByte, 2)]
    public void Bad_pairs_are_refused_with_their_offset(string text, PtErrorReason reason, int offset)
    {
        Assert.False(PtKvLine.TryScan(B(text), 0, out int errorOffset, out var why));
        Assert.Equal(reason, why);
        Assert.Equal(offset, errorOffset);
    }

    [Fact]
    public void Writing_quotes_values_only_when_needed()
    {
        var buffer = new byte[128];
        var status = PtKvLine.TryWrite(new[] { P("A", "1"), P("B", "x y"), P("C", ""), P("D", "a\"b"), P("E", "\"q") }, buffer, out int n);
        Assert.Equal(OperationStatus.Done, status);
        Assert.Equal("A=1 B=\"x y\" C=\"\" D=a\"b E=\"\\\"q\"", Encoding.ASCII.GetString(buffer, 0, n));
    }

    [Theory]
    [InlineData("")]
    [InlineData("K=")]
    [InlineData("K Y")]
    [InlineData("Ké")]
    public void Writing_refuses_keys_that_cannot_be_read_back(string key)
    {
        Assert.False(PtKvLine.CanWriteKey(key));
        Assert.Equal(OperationStatus.InvalidData, PtKvLine.TryWrite(new[] { P("OK", "1"), P(key, "v") }, new byte[64], out _));
    }

    [Fact]
    public void Writing_refuses_an_empty_list_and_reports_a_short_destination()
    {
        Assert.Equal(OperationStatus.InvalidData, PtKvLine.TryWrite(new List<KeyValuePair<string, string>>(), new byte[64], out _));
        Assert.Equal(OperationStatus.DestinationTooSmall, PtKvLine.TryWrite(new[] { P("KEY", "two words") }, new byte[14], out int n));
        Assert.Equal(0, n);
        Assert.Equal(OperationStatus.Done, PtKvLine.TryWrite(new[] { P("KEY", "two words") }, new byte[15], out n));
        Assert.Equal(15, n);
    }

    [Property(Arbitrary = new[] { typeof(TextArbitraries) }, MaxTest = 1500)]
    public void Written_pairs_scan_and_decode_back(KvPairs kv)
    {
        var buffer = new byte[kv.Pairs.Sum(p => p.Key.Length + 2 + p.Value.Length * 12 + 2)];
        Assert.Equal(OperationStatus.Done, PtKvLine.TryWrite(kv.Pairs, buffer, out int n));
        var line = buffer[..n];

        Assert.All(line, b => Assert.InRange(b, (byte)0x20, (byte)0x7E));
        Assert.True(PtKvLine.TryScan(line, 0, out _, out var reason), $"{reason} in {LineText.Show(line)}");
        Assert.Equal<KeyValuePair<string, string>>(kv.Pairs, new PtKvLineView(line).ToOwned());
    }
}
