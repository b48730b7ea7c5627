using System;
using System.Collections.Generic;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using PtToolkit.Tests.Ipc;

namespace PtToolkit.Tests.Primitives;

/// <summary>Any well-formed string (no lone surrogate), control characters, NUL, CR, LF and non-ASCII included.</summary>
public sealed record AnyText(string Value)
{
    /// <inheritdoc/>
    public override string ToString() => LineText.Show(Value);
}

/// <summary>ARGS pairs that can be written: keys non-empty, keys and values visible US-ASCII, <c>= , \</c> frequent.</summary>
public sealed record ArgsPairs(KeyValuePair<string, string>[] Pairs)
{
    /// <inheritdoc/>
    public override string ToString() => string.Join(", ", Pairs.Select(p => $"[{p.Key}]=[{p.Value}]"));
}

/// <summary>STATUS pairs that can be written: keys visible US-ASCII without <c>=</c>, values any string.</summary>
public sealed record KvPairs(KeyValuePair<string, string>[] Pairs)
{
    /// <inheritdoc/>
    public override string ToString() => string.Join(", ", Pairs.Select(p => $"[{LineText.Show(p.Key)}]=[{LineText.Show(p.Value)}]"));
}

/// <summary>Text that looks like an IPv4 or IPv6 address, valid or nearly so (leading zeros, hex, zones, brackets, too many groups).</summary>
public sealed record AddressCandidate(string Text)
{
    /// <inheritdoc/>
    public override string ToString() => Text;
}

/// <summary>FsCheck arbitraries for the text primitives, with shrinkers.</summary>
public static class TextArbitraries
{
    private static IEnumerable<string> ShrinkString(string s)
    {
        var runes = s.EnumerateRunes().Select(r => r.ToString()).ToArray();
        if (runes.Length == 0) yield break;
        yield return "";
        yield return string.Concat(runes[..(runes.Length / 2)]);
        yield return string.Concat(runes[(runes.Length / 2)..]);
        for (int i = 0; i < Math.Min(runes.Length, 12); i++) yield return string.Concat(runes.Where((_, k) => k != i));
    }

    private static IEnumerable<KeyValuePair<string, string>[]> ShrinkPairs(KeyValuePair<string, string>[] pairs, Func<KeyValuePair<string, string>, bool> valid)
    {
        if (pairs.Length > 1)
        {
            for (int i = 0; i < pairs.Length; i++) yield return pairs.Where((_, k) => k != i).ToArray();
        }
        for (int i = 0; i < pairs.Length; i++)
        {
            var pair = pairs[i];
            var smaller = ShrinkString(pair.Key).Select(k => new KeyValuePair<string, string>(k, pair.Value))
                .Concat(ShrinkString(pair.Value).Select(v => new KeyValuePair<string, string>(pair.Key, v)))
                .Where(valid);
            foreach (var p in smaller)
            {
                var copy = (KeyValuePair<string, string>[])pairs.Clone();
                copy[i] = p;
                yield return copy;
            }
        }
    }

    /// <summary>Any well-formed string.</summary>
    public static Arbitrary<AnyText> AnyTexts() =>
        Arb.From(IpcArbitraries.AnyString.Select(s => new AnyText(s)), t => ShrinkString(t.Value).Select(s => new AnyText(s)));

    private static bool IsVisible(string s) => s.All(c => c is >= '!' and <= '~');

    private static readonly Gen<string> ArgsPart = Gen.Frequency(
        (5, Gen.Elements("abcxyzABC0189+/-_".Select(c => c.ToString()).ToArray())),
        (4, Gen.Elements("=", ",", "\\")),
        (1, Gen.Choose(0x21, 0x7E).Select(c => ((char)c).ToString())))
        .ListOf().Select(l => string.Concat(l.Take(14)));

    /// <summary>Writable ARGS pairs.</summary>
    public static Arbitrary<ArgsPairs> ArgsPairLists() => Arb.From(
        (from key in ArgsPart.Where(k => k.Length > 0)
         from value in ArgsPart
         select new KeyValuePair<string, string>(key, value)).NonEmptyListOf().Select(l => new ArgsPairs(l.Take(10).ToArray())),
        p => ShrinkPairs(p.Pairs, kv => kv.Key.Length > 0 && IsVisible(kv.Key) && IsVisible(kv.Value)).Select(x => new ArgsPairs(x)));

    /// <summary>Writable STATUS pairs.</summary>
    public static Arbitrary<KvPairs> KvPairLists() => Arb.From(
        (from key in Gen.Choose(0x21, 0x7E).Select(c => (char)c).Where(c => c != '=').NonEmptyListOf().Select(l => new string(l.Take(10).ToArray()))
         from value in IpcArbitraries.AnyString
         select new KeyValuePair<string, string>(key, value)).NonEmptyListOf().Select(l => new KvPairs(l.Take(8).ToArray())),
        p => ShrinkPairs(p.Pairs, kv => kv.Key.Length > 0 && IsVisible(kv.Key) && !kv.Key.Contains('=')).Select(x => new KvPairs(x)));

    private static readonly Gen<string> V4Part = Gen.Frequency(
        (8, Gen.Choose(0, 255).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        (1, Gen.Choose(256, 999).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        (1, Gen.Elements("00", "01", "010", "0377", "0x7f", "0X1", "", "-1", "4294967295", "1a", " 1", "+1")));

    private static readonly Gen<string> V4Like =
        from parts in Gen.Frequency((8, Gen.Constant(4)), (1, Gen.Choose(1, 3)), (1, Gen.Constant(5)))
        from values in Gen.ArrayOf(V4Part, parts)
        select string.Join('.', values);

    private static readonly Gen<string> V6Group = Gen.Frequency(
        (10, Gen.Choose(1, 4).SelectMany(n => Gen.ArrayOf(Gen.Elements("0123456789abcdefABCDEF".ToCharArray()), n)).Select(c => new string(c))),
        (1, Gen.Elements("12345", "g", "0000", "ffff", "")));

    private static readonly Gen<string> V6Like =
        from groups in Gen.Frequency((6, Gen.Constant(8)), (4, Gen.Choose(0, 7)), (1, Gen.Choose(9, 10))).SelectMany(n => Gen.ArrayOf(V6Group, n))
        from compressAt in Gen.Frequency((1, Gen.Constant(-1)), (3, Gen.Choose(0, groups.Length)))
        from secondCompress in Gen.Frequency((12, Gen.Constant(-1)), (1, Gen.Choose(0, groups.Length)))
        from tail in Gen.Frequency((4, Gen.Constant("")), (1, V4Like.Select(v => ":" + v)))
        from zone in Gen.Frequency((12, Gen.Constant("")), (1, Gen.Elements("%eth0", "%1", "%")))
        from brackets in Gen.Frequency((12, Gen.Constant(false)), (1, Gen.Constant(true)))
        select Decorate(Join(groups, compressAt, secondCompress) + tail, zone, brackets);

    private static string Join(string[] groups, int compressAt, int secondCompress)
    {
        var text = new System.Text.StringBuilder();
        for (int i = 0; i <= groups.Length; i++)
        {
            bool compress = i == compressAt || i == secondCompress;
            if (compress) text.Append("::");
            else if (i > 0 && i < groups.Length) text.Append(':');
            if (i < groups.Length) text.Append(groups[i]);
        }
        return text.ToString();
    }

    private static string Decorate(string address, string zone, bool brackets)
    {
        // A tail after "::" already has its separator; drop a doubled one (":::1.2.3.4" stays possible via groups).
        address = address.Replace("::" + ":", "::", StringComparison.Ordinal);
        return brackets ? "[" + address + zone + "]" : address + zone;
    }

    /// <summary>IPv4-like and IPv6-like texts.</summary>
    public static Arbitrary<AddressCandidate> AddressCandidates() => Arb.From(
        Gen.Frequency((1, V4Like), (2, V6Like)).Select(t => new AddressCandidate(t)),
        c => ShrinkString(c.Text).Select(t => new AddressCandidate(t)));
}
