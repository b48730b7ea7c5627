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

/// <summary>PtArgs: the SMETHOD <c>ARGS:</c> scanner, its escapes (<c>\= \, \\</c>), the view and the writer.</summary>
public class PtArgsTests
{
    private static byte[] Write(IReadOnlyList<KeyValuePair<string, string>> pairs, out OperationStatus status, int size = 4096)
    {
        var buffer = new byte[size];
        status = PtArgs.TryWrite(pairs, buffer, out int n);
        return buffer[..n];
    }

    [Theory]
    [InlineData("N=13", "N=13")]
    [InlineData("a=b,c=d", "a=b|c=d")]
    [InlineData("k=", "k=")]
    [InlineData("a\\=b=c\\,d", "a=b=c,d")]
    [InlineData("a=b\\\\,c=d", "a=b\\|c=d")]
    [InlineData("a=b=c", "a=b=c")]
    [InlineData("url=https://x/;front=y", "url=https://x/;front=y")]
    [InlineData("a=\\q", "a=q")]
    public void Pairs_are_scanned_and_unescaped(string args, string expected)
    {
        var line = B(args);
        Assert.True(PtArgs.TryScan(line, 0, out int end, out _, out var reason), reason.ToString());
        Assert.Equal(line.Length, end);
        var pairs = new PtArgsView(line).ToOwned();
        Assert.Equal(expected, string.Join("|", pairs.Select(p => p.Key + "=" + p.Value)));
    }

    [Fact]
    public void Scanning_stops_at_a_space_and_starts_at_the_offset()
    {
        var line = B("ARGS:a=b,c=d options");
        Assert.True(PtArgs.TryScan(line, 5, out int end, out _, out _));
        Assert.Equal(12, end);
    }

    [Theory]
    [InlineData("a=b,", PtErrorReason.EmptyKey, 4)]
    [InlineData("=b", PtErrorReason.EmptyKey, 0)]
    [InlineData("", PtErrorReason.EmptyKey, 0)]
    [InlineData("a", PtErrorReason.ExpectedEquals, 1)]
    [InlineData("a,b=c", PtErrorReason.ExpectedEquals, 1)]
    [InlineData("a b=c", PtErrorReason.ExpectedEquals, 1)]
    [InlineData("a=b\\", PtErrorReason.BadEscape, 3)]
    [InlineData("a=b\\ c", PtErrorReason.BadEscape, 3)]
    [InlineData("a=\u0001", PtErrorReason.BadByte, 2)]
    [InlineData("a=é", PtErrorReason.BadByte, 2)]
    [InlineData("k\u007f=v", PtErrorReason.BadByte, 1)]
    public void Bad_pairs_are_refused_with_their_offset(string args, PtErrorReason reason, int offset)
    {
        Assert.False(PtArgs.TryScan(B(args), 0, out _, out int errorOffset, out var why));
        Assert.Equal(reason, why);
        Assert.Equal(offset, errorOffset);
    }

    [Fact]
    public void Writing_escapes_backslash_equals_and_comma_in_keys_and_values()
    {
        var line = Write(new[] { P("a=b", "c,d\\e"), P("k", "") }, out var status);
        Assert.Equal(OperationStatus.Done, status);
        Assert.Equal("a\\=b=c\\,d\\\\e,k=", Encoding.ASCII.GetString(line));
    }

    [Theory]
    [InlineData("", "v")]
    [InlineData("k y", "v")]
    [InlineData("k", "v w")]
    [InlineData("k", "é")]
    [InlineData("k", "\t")]
    public void Writing_refuses_an_empty_key_or_bytes_outside_visible_ASCII(string key, string value)
    {
        Write(new[] { P("ok", "ok"), P(key, value) }, out var status);
        Assert.Equal(OperationStatus.InvalidData, status);
    }

    [Fact]
    public void Writing_refuses_an_empty_list_and_reports_a_short_destination()
    {
        Write(new List<KeyValuePair<string, string>>(), out var status);
        Assert.Equal(OperationStatus.InvalidData, status);
        Write(new[] { P("key", "a,b") }, out status, size: 7);
        Assert.Equal(OperationStatus.DestinationTooSmall, status);
        Assert.Equal(8, Write(new[] { P("key", "a,b") }, out status, size: 8).Length);
        Assert.Equal(OperationStatus.Done, status);
    }

    [Fact]
    public void Unescaping_a_long_part_goes_past_the_stack_buffer()
    {
        string escaped = string.Concat(Enumerable.Repeat("x\\,", 200));
        Assert.Equal(string.Concat(Enumerable.Repeat("x,", 200)), PtArgs.UnescapeToString(B(escaped)));
    }

    [Property(Arbitrary = new[] { typeof(TextArbitraries) }, MaxTest = 1500)]
    public void Written_pairs_scan_and_unescape_back(ArgsPairs args)
    {
        var line = Write(args.Pairs, out var status);
        Assert.Equal(OperationStatus.Done, status);

        Assert.True(PtArgs.TryScan(line, 0, out int end, out _, out var reason), $"{reason} in {LineText.Show(line)}");
        Assert.Equal(line.Length, end);
        var view = new PtArgsView(line);
        Assert.Equal<KeyValuePair<string, string>>(args.Pairs, view.ToOwned());

        int i = 0;
        foreach (var pair in view)
        {
            var key = new byte[pair.Key.Length];
            var value = new byte[pair.Value.Length];
            Assert.Equal(args.Pairs[i].Key, Encoding.ASCII.GetString(key, 0, PtArgs.Unescape(pair.Key, key)));
            Assert.Equal(args.Pairs[i].Value, Encoding.ASCII.GetString(value, 0, PtArgs.Unescape(pair.Value, value)));
            i++;
        }
        Assert.Equal(args.Pairs.Length, i);
    }
}
