using System;
using System.Collections.Generic;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using PtToolkit.Tests.Ipc;

namespace PtToolkit.Tests.Socks;

/// <summary>Pairs the argument codec can write: keys not empty, no NUL, no lone surrogate; <c>; = \</c> frequent.</summary>
public sealed record SocksPairs(KeyValuePair<string, string>[] Pairs)
{
    /// <inheritdoc/>
    public override string ToString() => string.Join(", ", Pairs.Select(p => $"[{LineText.Show(p.Key)}]=[{LineText.Show(p.Value)}]"));
}

/// <summary>Bytes biased towards the codec's alphabet (<c>k = ; \</c>, NUL, UTF-8 fragments), any byte possible.</summary>
public sealed record SocksBytes(byte[] Bytes)
{
    /// <inheritdoc/>
    public override string ToString() => LineText.Show(Bytes);
}

/// <summary>How a stream hands over its bytes: the sizes of successive reads (cycled), each at least 1.</summary>
public sealed record Chunking(int[] Sizes)
{
    /// <inheritdoc/>
    public override string ToString() => string.Join(",", Sizes);
}

/// <summary>
/// What a SOCKS 5 client sends, built by <see cref="PtToolkit.Socks.PtSocksClientMessages"/>: greeting, arguments,
/// request, then data of its own; <see cref="Damage"/> is a byte to overwrite (position, value) for near misses.
/// </summary>
public sealed record ClientScript(System.Net.EndPoint Target, KeyValuePair<string, string>[] Pairs, bool Json, byte[] Data, (int At, byte Value) Damage)
{
    /// <summary>The bytes on the wire.</summary>
    public byte[] Bytes()
    {
        var options = new PtToolkit.Socks.PtSocksClientOptions
        {
            ArgumentEncoding = Json ? PtToolkit.Socks.PtSocksArgumentEncoding.JsonParameterBlock : PtToolkit.Socks.PtSocksArgumentEncoding.UsernamePassword,
        };
        if (!PtToolkit.Socks.PtSocksClientMessages.TryBuild(Target, Pairs, options, out var messages, out var error))
            throw new InvalidOperationException(error.ToString());
        using (messages)
        {
            return [.. messages.Greeting.Span, .. messages.ArgumentsAndRequest.Span, .. Data];
        }
    }

    /// <summary>The bytes with <see cref="Damage"/> applied.</summary>
    public byte[] Damaged()
    {
        byte[] bytes = Bytes();
        if (bytes.Length > 0) bytes[Damage.At % bytes.Length] = Damage.Value;
        return bytes;
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Target} json={Json} pairs={new SocksPairs(Pairs)} data={LineText.Show(Data)} damage={Damage}";
}

/// <summary>FsCheck arbitraries for the SOCKS tests, with shrinkers.</summary>
public static class SocksArbitraries
{
    private static readonly Gen<string> Piece = Gen.Frequency(
        (6, Gen.Elements("a", "k", "Z", "0", "-", "_", "/", "+", ".", " ", ",", ":")),
        (4, Gen.Elements(";", "=", "\\")),
        (1, Gen.Elements("é", "中", "😀", "\u007f", "\t", "\"", "{", "}")),
        (1, Gen.Choose(1, 0xD7FF).Select(c => ((char)c).ToString())));

    private static Gen<string> Text(int min) =>
        Piece.ListOf().Select(l => string.Concat(l.Take(16))).Where(s => s.Length >= min);

    private static IEnumerable<string> ShrinkText(string s)
    {
        if (s.Length == 0) yield break;
        var runes = s.EnumerateRunes().Select(r => r.ToString()).ToArray();
        yield return "";
        for (int i = 0; i < runes.Length; i++) yield return string.Concat(runes.Where((_, k) => k != i));
    }

    private static IEnumerable<KeyValuePair<string, string>[]> ShrinkPairs(KeyValuePair<string, string>[] pairs)
    {
        for (int i = 0; i < pairs.Length; i++) yield return pairs.Where((_, k) => k != i).ToArray();
        for (int i = 0; i < pairs.Length; i++)
        {
            var (key, value) = (pairs[i].Key, pairs[i].Value);
            foreach (var smaller in ShrinkText(key).Where(k => k.Length > 0).Select(k => new KeyValuePair<string, string>(k, value))
                .Concat(ShrinkText(value).Select(v => new KeyValuePair<string, string>(key, v))))
            {
                var copy = (KeyValuePair<string, string>[])pairs.Clone();
                copy[i] = smaller;
                yield return copy;
            }
        }
    }

    /// <summary>Writable pairs, possibly none, keys possibly repeated.</summary>
    public static Arbitrary<SocksPairs> Pairs() => Arb.From(
        (from key in Text(1)
         from value in Text(0)
         select new KeyValuePair<string, string>(key, value)).ListOf().Select(l => new SocksPairs(l.Take(8).ToArray())),
        p => ShrinkPairs(p.Pairs).Select(x => new SocksPairs(x)));

    private static readonly Gen<byte[]> BytePiece = Gen.Frequency(
        (8, Gen.Elements("k", "v", "=", ";", "\\", "a=b", ";c=", "\\;", "\\=", "\\\\").Select(s => System.Text.Encoding.UTF8.GetBytes(s))),
        (2, Gen.Elements<byte[]>([0], [0xC3], [0xA9], [0xC3, 0xA9], [0xE4, 0xB8], [0xF0, 0x9F, 0x98, 0x80], [0xFF], [0x80])),
        (2, Gen.Choose(0, 255).Select(b => new[] { (byte)b })));

    /// <summary>Near-valid and arbitrary byte strings.</summary>
    public static Arbitrary<SocksBytes> Bytes() => Arb.From(
        BytePiece.ListOf().Select(l => new SocksBytes(l.Take(24).SelectMany(b => b).ToArray())),
        b => Enumerable.Range(0, b.Bytes.Length).Select(i => new SocksBytes(b.Bytes.Where((_, k) => k != i).ToArray())));

    private static readonly Gen<System.Net.EndPoint> Targets = Gen.Frequency(
        (2, from a in Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), 4)
            from port in Gen.Choose(0, 65535)
            select (System.Net.EndPoint)new System.Net.IPEndPoint(new System.Net.IPAddress(a), port)),
        (2, from a in Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), 16)
            from port in Gen.Choose(0, 65535)
            select (System.Net.EndPoint)new System.Net.IPEndPoint(new System.Net.IPAddress(a), port)),
        (2, from name in Gen.Choose(0x21, 0x7E).Select(c => (char)c).NonEmptyListOf().Select(l => new string(l.Take(255).ToArray()))
            from port in Gen.Choose(0, 65535)
            select (System.Net.EndPoint)new System.Net.DnsEndPoint(name, port)));

    /// <summary>Client scripts whose arguments fit: at most 510 bytes for RFC 1929, keys unique for JSON.</summary>
    public static Arbitrary<ClientScript> ClientScripts() => Arb.From(
        from target in Targets
        from pairs in Pairs().Generator
        from json in Gen.Elements(false, true)
        from data in Gen.Choose(0, 255).Select(b => (byte)b).ListOf().Select(l => l.Take(40).ToArray())
        from at in Gen.Choose(0, 1000)
        from value in Gen.Choose(0, 255)
        let usable = json ? pairs.Pairs.DistinctBy(p => p.Key).ToArray() : pairs.Pairs
        where json || PtToolkit.Socks.PtSocksArgs.GetFormattedLength(usable) <= 510
        select new ClientScript(target, usable, json, data, (at, (byte)value)),
        c => ShrinkPairs(c.Pairs).Select(p => c with { Pairs = c.Json ? p.DistinctBy(x => x.Key).ToArray() : p })
            .Concat(c.Data.Length > 0 ? [c with { Data = [] }] : []));

    /// <summary>Read sizes from one byte to a few hundred.</summary>
    public static Arbitrary<Chunking> Chunkings() => Arb.From(
        Gen.Frequency((3, Gen.Choose(1, 3)), (2, Gen.Choose(4, 40)), (1, Gen.Choose(41, 600))).NonEmptyListOf()
            .Select(l => new Chunking(l.Take(12).ToArray())),
        c => c.Sizes.Length > 1
            ? new[] { new Chunking(c.Sizes[..^1]), new Chunking([1]) }
            : c.Sizes[0] > 1 ? new[] { new Chunking([c.Sizes[0] / 2]) } : Array.Empty<Chunking>());
}
