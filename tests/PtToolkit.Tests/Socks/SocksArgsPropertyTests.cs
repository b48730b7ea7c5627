using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using FsCheck.Xunit;
using PtToolkit.Socks;
using PtToolkit.Tests.Ipc;
using PtToolkit.Text;
using Xunit;

namespace PtToolkit.Tests.Socks;

/// <summary>Properties of the argument codecs: writing then reading gives the pairs back; no bytes make them throw.</summary>
public class SocksArgsPropertyTests
{
    private static byte[] Format(IReadOnlyList<KeyValuePair<string, string>> pairs)
    {
        int length = PtSocksArgs.GetFormattedLength(pairs);
        Assert.True(length >= 0);
        var buffer = new byte[length];
        Assert.Equal(OperationStatus.Done, PtSocksArgs.TryFormat(pairs, buffer, out int written));
        Assert.Equal(length, written);
        return buffer;
    }

    [Property(Arbitrary = new[] { typeof(SocksArbitraries) }, MaxTest = 1000)]
    public void Written_arguments_read_back(SocksPairs pairs)
    {
        byte[] text = Format(pairs.Pairs);
        Assert.True(PtSocksArgs.TryValidate(text, out var error), LineText.Show(text) + " " + error);
        Assert.True(PtSocksArgs.TryParse(text, out var list, out error), LineText.Show(text) + " " + error);
        Assert.Equal(new PtKeyValueList(pairs.Pairs), list);
    }

    [Property(Arbitrary = new[] { typeof(SocksArbitraries) }, MaxTest = 2000)]
    public void Any_bytes_give_a_list_or_an_error_inside_the_text(SocksBytes bytes)
    {
        bool valid = PtSocksArgs.TryValidate(bytes.Bytes, out var error);
        Assert.Equal(valid, PtSocksArgs.TryParse(bytes.Bytes, out var list, out var parseError));
        Assert.Equal(error, parseError);
        if (!valid)
        {
            Assert.InRange(error.Offset, 0, bytes.Bytes.Length);
            Assert.NotEqual(PtErrorReason.None, error.Reason);
            return;
        }
        Assert.True(PtSocksArgs.TryParse(Format(list), out var again, out _));
        Assert.Equal(list, again);
    }

    [Property(Arbitrary = new[] { typeof(SocksArbitraries) }, MaxTest = 1000)]
    public void Dropping_an_escape_never_reads_as_the_same_pairs(SocksPairs pairs)
    {
        byte[] text = Format(pairs.Pairs);
        var expected = new PtKeyValueList(pairs.Pairs);
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] != (byte)'\\') continue;
            byte[] nearMiss = text.Where((_, k) => k != i).ToArray();
            if (PtSocksArgs.TryParse(nearMiss, out var list, out _)) Assert.NotEqual(expected, list);
            i++;
        }
    }

    [Property(Arbitrary = new[] { typeof(SocksArbitraries) }, MaxTest = 1000)]
    public void Json_blocks_read_back(SocksPairs pairs)
    {
        var unique = pairs.Pairs.DistinctBy(p => p.Key).ToArray();
        byte[] block = PtSocksJson.Format(unique);
        Assert.Equal(block.Length - 4, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(block));
        Assert.True(PtSocksJson.TryParse(block.AsSpan(4), out var list, out int at), $"{LineText.Show(block)} at {at}");
        Assert.Equal(new PtKeyValueList(unique), list);
    }

    [Property(Arbitrary = new[] { typeof(SocksArbitraries) }, MaxTest = 2000)]
    public void Json_reading_never_throws(SocksBytes bytes)
    {
        if (!PtSocksJson.TryParse(bytes.Bytes, out _, out int at)) Assert.InRange(at, 0, bytes.Bytes.Length);
    }
}
