using System;
using System.Collections.Generic;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using PtToolkit.Tests.Ipc;

namespace PtToolkit.Tests.Control;

/// <summary>One reply line of a model: status, separator (<c>-</c>, <c>+</c>, space), text, and the data lines after a <c>+</c>.</summary>
public sealed record LineModel(int Status, char Kind, byte[] Text, byte[][] Data);

/// <summary>Replies as models, with their encoding and the stream offsets of every reply line (data lines excluded).</summary>
public sealed record ReplyStream(LineModel[][] Replies)
{
    /// <summary>The bytes Tor would send: CRLF line ends, data lines dot-stuffed and closed by a <c>.</c> line.</summary>
    public byte[] Encode(List<int>? lineStarts = null)
    {
        var bytes = new List<byte>();
        foreach (var reply in Replies)
        {
            foreach (var line in reply)
            {
                lineStarts?.Add(bytes.Count);
                bytes.AddRange(System.Text.Encoding.ASCII.GetBytes($"{line.Status:D3}{line.Kind}"));
                bytes.AddRange(line.Text);
                bytes.Add((byte)'\r');
                bytes.Add((byte)'\n');
                if (line.Kind != '+') continue;
                foreach (var data in line.Data)
                {
                    if (data.Length > 0 && data[0] == (byte)'.') bytes.Add((byte)'.');
                    bytes.AddRange(data);
                    bytes.Add((byte)'\r');
                    bytes.Add((byte)'\n');
                }
                bytes.AddRange(".\r\n"u8.ToArray());
            }
        }
        return bytes.ToArray();
    }

    /// <inheritdoc/>
    public override string ToString() => LineText.Show(Encode(), 600);
}

/// <summary>Read sizes for splitting a stream (the last one repeats).</summary>
public sealed record Chunks(int[] Sizes)
{
    /// <inheritdoc/>
    public override string ToString() => string.Join(",", Sizes);
}

/// <summary>Bytes rich in the protocol's special characters: CR, LF, digits, separators, quotes, backslashes.</summary>
public sealed record NoisyBytes(byte[] Value)
{
    /// <inheritdoc/>
    public override string ToString() => LineText.Show(Value, 600);
}

/// <summary>One argument of a line model: a keyword (or null), a value, and whether the value is written quoted.</summary>
public sealed record ArgumentModel(string? Key, string Value, bool Quoted);

/// <summary>A list of arguments that can be written on a reply line and read back.</summary>
public sealed record ArgumentList(ArgumentModel[] Arguments)
{
    /// <summary>The line text: arguments joined by one space, quoted values escaped.</summary>
    public byte[] Encode()
    {
        var bytes = new List<byte>();
        foreach (var argument in Arguments)
        {
            if (bytes.Count > 0) bytes.Add((byte)' ');
            if (argument.Key is not null) bytes.AddRange(System.Text.Encoding.ASCII.GetBytes(argument.Key + "="));
            byte[] value = System.Text.Encoding.UTF8.GetBytes(argument.Value);
            if (!argument.Quoted)
            {
                bytes.AddRange(value);
                continue;
            }
            var quoted = new byte[PtToolkit.Control.TorQuotedString.GetEncodedLength(value)];
            PtToolkit.Control.TorQuotedString.Write(value, quoted);
            bytes.AddRange(quoted);
        }
        return bytes.ToArray();
    }

    /// <inheritdoc/>
    public override string ToString() => LineText.Show(Encode(), 600);
}

/// <summary>FsCheck arbitraries for the control protocol, with shrinkers.</summary>
public static class ControlArbitraries
{
    private static readonly Gen<byte> TextByte = Gen.Frequency(
        (6, Gen.Elements("0123456789-+ .=\"\\\r".Select(c => (byte)c).ToArray())),
        (8, Gen.Choose(0x20, 0x7E).Select(i => (byte)i)),
        (1, Gen.Choose(0, 255).Where(i => i != '\n').Select(i => (byte)i)));

    private static readonly Gen<byte[]> Text = TextByte.ListOf().Select(l => l.Take(40).ToArray());

    private static readonly Gen<byte[][]> DataLines = Gen.Frequency(
        (3, Text),
        (1, Gen.Elements(".", "..", ".\r", "", "250 OK", "250-x").Select(s => System.Text.Encoding.ASCII.GetBytes(s))))
        .ListOf().Select(l => l.Take(6).ToArray());

    private static Gen<LineModel> Line(bool isEvent) =>
        from status in Gen.Frequency((6, Gen.Elements(250, 650, 552, 251, 515)), (1, Gen.Choose(0, 999))).Where(s => s / 100 == 6 == isEvent)
        from data in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
        from text in Text
        from lines in DataLines
        select new LineModel(status, data ? '+' : '-', text, data ? lines : []);

    /// <summary>A reply: up to five mid or data lines and an end line, all 6yz (an event) or none.</summary>
    private static readonly Gen<LineModel[]> OneReply =
        from isEvent in Gen.Frequency((2, Gen.Constant(false)), (1, Gen.Constant(true)))
        from mids in Line(isEvent).ListOf().Select(l => l.Take(5).ToArray())
        from end in Line(isEvent)
        select mids.Append(end with { Kind = ' ', Data = [] }).ToArray();

    private static IEnumerable<T[]> ShrinkArray<T>(T[] items)
    {
        if (items.Length <= 1) yield break;
        yield return items[..(items.Length / 2)];
        yield return items[(items.Length / 2)..];
        for (int i = 0; i < items.Length; i++) yield return items.Where((_, k) => k != i).ToArray();
    }

    /// <summary>Well-formed reply streams of up to eight replies.</summary>
    public static Arbitrary<ReplyStream> ReplyStreams() => Arb.From(
        OneReply.NonEmptyListOf().Select(l => new ReplyStream(l.Take(8).ToArray())),
        s => ShrinkArray(s.Replies).Select(r => new ReplyStream(r)));

    /// <summary>Read sizes, mostly small so that reads split lines, CRLFs and data blocks.</summary>
    public static Arbitrary<Chunks> ChunkSizes() => Arb.From(
        Gen.Frequency((4, Gen.Choose(1, 8)), (2, Gen.Choose(9, 64)), (1, Gen.Choose(65, 4096))).NonEmptyListOf().Select(l => new Chunks(l.Take(50).ToArray())),
        c => ShrinkArray(c.Sizes).Select(s => new Chunks(s)));

    /// <summary>Noise, valid streams with a few bytes changed, and valid streams cut anywhere.</summary>
    public static Arbitrary<NoisyBytes> Noise()
    {
        var noise = TextByte.ListOf().Select(l => l.Take(300).ToArray());
        var lf = Gen.Frequency((5, TextByte), (1, Gen.Constant((byte)'\n'))).ListOf().Select(l => l.Take(300).ToArray());
        var mutated =
            from stream in OneReply.NonEmptyListOf().Select(l => new ReplyStream(l.Take(4).ToArray()).Encode())
            from edits in (from at in Gen.Choose(0, Math.Max(0, stream.Length - 1)) from value in Gen.Choose(0, 255) select (at, value)).ListOf().Select(l => l.Take(3).ToArray())
            from cut in Gen.Choose(0, stream.Length)
            select Mutate(stream, edits, cut);
        return Arb.From(
            Gen.Frequency((1, noise), (2, lf), (3, mutated)).Select(b => new NoisyBytes(b)),
            n => ShrinkArray(n.Value).Select(b => new NoisyBytes(b)));
    }

    private static byte[] Mutate(byte[] stream, (int At, int Value)[] edits, int cut)
    {
        var copy = (byte[])stream.Clone();
        foreach (var (at, value) in edits) if (at < copy.Length) copy[at] = (byte)value;
        return edits.Length == 0 ? copy[..cut] : copy;
    }

    private static readonly Gen<string> KeywordChars =
        Gen.Elements("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".ToCharArray()).NonEmptyListOf().Select(l => new string(l.Take(12).ToArray()));

    private static Gen<string> BareChars(string except) =>
        Gen.Choose(0x21, 0x7E).Select(i => (char)i).Where(c => c != '"' && !except.Contains(c)).NonEmptyListOf().Select(l => new string(l.Take(16).ToArray()));

    private static readonly Gen<ArgumentModel> Argument = Gen.Frequency(
        (2, BareChars("=").Select(v => new ArgumentModel(null, v, false))),
        (1, IpcArbitraries.AnyString.Select(v => new ArgumentModel(null, v, true))),
        (2, from key in KeywordChars from value in Gen.Frequency((1, Gen.Constant("")), (4, BareChars(""))) select new ArgumentModel(key, value, false)),
        (2, from key in KeywordChars from value in IpcArbitraries.AnyString select new ArgumentModel(key, value, true)));

    /// <summary>Argument lists of up to ten arguments.</summary>
    public static Arbitrary<ArgumentList> ArgumentLists() => Arb.From(
        Argument.ListOf().Select(l => new ArgumentList(l.Take(10).ToArray())),
        a => ShrinkArray(a.Arguments).Select(x => new ArgumentList(x)));
}
