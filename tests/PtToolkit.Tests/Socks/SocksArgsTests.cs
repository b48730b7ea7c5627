using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using PtToolkit.Socks;
using PtToolkit.Text;
using Xunit;

using static PtToolkit.Tests.Primitives.TestText;

namespace PtToolkit.Tests.Socks;

/// <summary>PtSocksArgs: the PT 1.0 per-connection argument text <c>k=v;k=v</c> with backslash escapes.</summary>
public class SocksArgsTests
{
    private static string Show(PtKeyValueList list) => string.Join("|", list.Select(p => p.Key + "=" + p.Value));

    private static string Format(params KeyValuePair<string, string>[] pairs)
    {
        var buffer = new byte[1024];
        Assert.Equal(OperationStatus.Done, PtSocksArgs.TryFormat(pairs, buffer, out int n));
        Assert.Equal(n, PtSocksArgs.GetFormattedLength(pairs));
        return Encoding.UTF8.GetString(buffer, 0, n);
    }

    [Theory]
    [InlineData("shared-secret=rahasia;secrets-file=/tmp/blob", "shared-secret=rahasia|secrets-file=/tmp/blob")]
    [InlineData("cert=ssH+9rP8dG2NLDN2XuFw63hIO/9MNNinLmxQDpVa+7kTOa9/m+tGWT1SmSYpQ9uTBGa6Hw;iat-mode=0",
        "cert=ssH+9rP8dG2NLDN2XuFw63hIO/9MNNinLmxQDpVa+7kTOa9/m+tGWT1SmSYpQ9uTBGa6Hw|iat-mode=0")]
    [InlineData("", "")]
    [InlineData("k=", "k=")]
    [InlineData("k=v==", "k=v==")]
    [InlineData("a\\=b=c\\;d;e=\\\\", "a=b=c;d|e=\\")]
    [InlineData("k=\\q\\ ", "k=q ")]
    [InlineData("k=1;k=2", "k=1|k=2")]
    [InlineData("url=https://x/?a=b,c", "url=https://x/?a=b,c")]
    [InlineData("clé=värde", "clé=värde")]
    public void Arguments_are_read_and_unescaped(string text, string expected)
    {
        Assert.True(PtSocksArgs.TryValidate(B(text), out var error), error.ToString());
        Assert.True(PtSocksArgs.TryParse(B(text), out var list, out error), error.ToString());
        Assert.Equal(expected, Show(list));
    }

    [Theory]
    [InlineData("k", PtErrorReason.ExpectedEquals, 1)]
    [InlineData("k;a=b", PtErrorReason.ExpectedEquals, 1)]
    [InlineData("a=b;", PtErrorReason.ExpectedEquals, 4)]
    [InlineData("a=b;;c=d", PtErrorReason.ExpectedEquals, 4)]
    [InlineData("=v", PtErrorReason.EmptyKey, 0)]
    [InlineData("a=b;=v", PtErrorReason.EmptyKey, 4)]
    [InlineData("a=b\\", PtErrorReason.BadEscape, 3)]
    [InlineData("a\\", PtErrorReason.BadEscape, 1)]
    [InlineData("a=\0", PtErrorReason.BadByte, 2)]
    [InlineData("a\0=b", PtErrorReason.BadByte, 1)]
    [InlineData("a=\\\0", PtErrorReason.BadByte, 3)]
    public void Bad_text_is_refused_with_what_and_where(string text, PtErrorReason reason, int offset)
    {
        Assert.False(PtSocksArgs.TryValidate(B(text), out var error));
        Assert.Equal(new PtParseError(offset, reason, null), error);
        Assert.False(PtSocksArgs.TryParse(B(text), out var list, out var parseError));
        Assert.Equal(error, parseError);
        Assert.Empty(list);
    }

    [Fact]
    public void Invalid_utf8_is_refused_at_its_first_bad_byte()
    {
        byte[] text = [(byte)'k', (byte)'=', 0xC3, 0xA9, 0xFF, (byte)'x'];
        Assert.False(PtSocksArgs.TryValidate(text, out var error));
        Assert.Equal(new PtParseError(4, PtErrorReason.BadByte, null), error);
    }

    [Fact]
    public void Writing_matches_tor_escaping_semicolon_and_backslash_and_keeps_equals_in_values()
    {
        Assert.Equal("shared-secret=rahasia;secrets-file=/tmp/blob", Format(P("shared-secret", "rahasia"), P("secrets-file", "/tmp/blob")));
        Assert.Equal("k=a\\;b\\\\c=d", Format(P("k", "a;b\\c=d")));
        Assert.Equal("a\\=b=", Format(P("a=b", "")));
        Assert.Equal("k=é", Format(P("k", "é")));
    }

    /// <summary>An empty key, a NUL, a lone surrogate (built at run time: attribute data would replace it).</summary>
    private static readonly (string Key, string Value)[] Unwritable = [("", "v"), ("k\0", "v"), ("k", "v\0"), ("k", new string('\ud800', 1)), (new string('\udc00', 1), "v")];

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Pairs_that_cannot_be_written_are_invalid_data(int index)
    {
        var (key, value) = Unwritable[index];
        Assert.Equal(-1, PtSocksArgs.GetFormattedLength(new[] { P(key, value) }));
        Assert.Equal(OperationStatus.InvalidData, PtSocksArgs.TryFormat(new[] { P(key, value) }, new byte[64], out int n));
        Assert.Equal(0, n);
    }

    [Fact]
    public void A_destination_one_byte_short_is_too_small()
    {
        var pairs = new[] { P("k", "v;w") };
        Assert.Equal(6, PtSocksArgs.GetFormattedLength(pairs));
        Assert.Equal(OperationStatus.DestinationTooSmall, PtSocksArgs.TryFormat(pairs, new byte[5], out _));
        Assert.Equal(OperationStatus.Done, PtSocksArgs.TryFormat(pairs, new byte[6], out _));
    }

    [Fact]
    public void No_pairs_write_as_empty_text()
    {
        Assert.Equal(0, PtSocksArgs.GetFormattedLength(Array.Empty<KeyValuePair<string, string>>()));
        Assert.Equal("", Format());
    }
}
