using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace PtToolkit.Tests.Ipc;

/// <summary>Line generators: near-miss lines (valid lines mutated, or keywords and field-like words put together) and arbitrary bytes.</summary>
public static partial class IpcArbitraries
{
    private static readonly string[] Fragments =
    {
        " ", "  ", "=", ",", "\\", "\"", ":", "[", "]", ".", "0", "9", "1", "a", "Z", "-", "_", "\t", "\0", "\n",
        "é", "\u00ff", "ARGS:", "SEVERITY=", "MESSAGE=", "TRANSPORT=", "::", "\\x4", "\\1", "\\n", "\\q", "DONE",
        "CONNECTION", "65536", "'",
    };

    private static readonly Gen<byte[]> Fragment = Gen.Frequency(
        (12, Gen.Elements(Fragments).Select(Encoding.UTF8.GetBytes)),
        (1, Gen.Elements(new byte[] { 0xFF }, new byte[] { 0xC3 }, new byte[] { 0x80 }, new byte[] { 0xED, 0xA0, 0x80 })));

    private static readonly Gen<byte[]> FragmentWithCr = Gen.Frequency(
        (8, Fragment), (1, Gen.Elements("\r", "\r\n", "\r\r\n").Select(Encoding.UTF8.GetBytes)));

    private sealed record Mutation(int Op, int Where, int Length, byte[] Fragment)
    {
        public byte[] Apply(byte[] line)
        {
            var list = line.ToList();
            int at = Where % (list.Count + 1);
            int len = Math.Min(Length, list.Count - at);
            switch (Op)
            {
                case 0: list.RemoveRange(at, len); break;
                case 1: list.InsertRange(at, Fragment); break;
                case 2: list.RemoveRange(at, len); list.InsertRange(at, Fragment); break;
                case 3: list.RemoveRange(at, list.Count - at); break;
                case 4: list.InsertRange(at, list.GetRange(at, len)); break;
                default:
                    if (at + 1 < list.Count) (list[at], list[at + 1]) = (list[at + 1], list[at]);
                    break;
            }
            return list.ToArray();
        }
    }

    private static Gen<byte[]> Mutated =>
        from message in AnyMessage
        from ending in Gen.Elements("", "\n", "\r\n")
        from mutations in Gen.Choose(1, 3).SelectMany(n => Gen.ArrayOf(
            from op in Gen.Choose(0, 5)
            from at in Gen.Choose(0, 1 << 20)
            from length in Gen.Choose(1, 8)
            from fragment in FragmentWithCr
            select new Mutation(op, at, length, fragment), n))
        let line = IpcParsers.Format(message).Line
        where line.Length > 0
        select mutations.Aggregate(line[..^1], (l, m) => m.Apply(l)).Concat(Encoding.ASCII.GetBytes(ending)).ToArray();

    private static readonly string[] Keywords =
    {
        "VERSION-ERROR", "VERSION", "ENV-ERROR", "PROXY", "PROXY-ERROR", "CMETHOD", "CMETHOD-ERROR", "CMETHODS",
        "SMETHOD", "SMETHOD-ERROR", "SMETHODS", "LOG", "STATUS", "EVENT", "FOO",
    };

    private static readonly string[] Words =
    {
        "DONE", "obfs4", "socks5", "socks4", "transparent-TCP", "STUN", "bogus", "1.2.3.4:80", "[::1]:80", "[::1]", "::1",
        "1.2.3.4", "example.com", "example.com:80", "1.2.3.4:65536", "01.2.3.4:1", "[1::2::3]:4", "ARGS:a=b",
        "ARGS:a\\=b=c\\,d,e=f", "ARGS:a=b,", "ARGS:=b", "ARGS:a", "SEVERITY=debug", "SEVERITY=DEBUG", "MESSAGE=\"x y\"",
        "MESSAGE=x", "MESSAGE=\"a\\\"b\"", "MESSAGE=\"\\101\\x41\"", "MESSAGE=\"bad\\q\"", "MESSAGE=\"open", "TRANSPORT=t",
        "TRANSPORT=\"a b\"", "K=V", "K=\"a b\"", "K=", "=V", "K=\"x\"y", "CONNECTION", "CONNECTION-ERROR", "CONNECTION-DONE",
        "CONNECTION-SUCCESS", "CONNECTION_IOERROR", "CONNECTION_OTHER", "DEBUG", "WARN", "hello", "é", "70000", "65535",
        "0", "2.2", "1,2",
    };

    private static Gen<byte[]> Templated =>
        from keyword in Gen.Elements(Keywords)
        from count in Gen.Choose(0, 5)
        from words in Gen.ArrayOf(Gen.Elements(Words), count)
        from separators in Gen.ArrayOf(Gen.Frequency((12, Gen.Constant(" ")), (1, Gen.Constant("  ")), (1, Gen.Constant(""))), count)
        from ending in Gen.Elements("", "\n", "\r\n")
        select Encoding.UTF8.GetBytes(keyword + string.Concat(words.Select((w, i) => separators[i] + w)) + ending);

    private static Gen<byte[]> NearMissBytes => Gen.Frequency((3, Mutated), (2, Templated));

    private static readonly Gen<byte> AnyByte = Gen.Frequency(
        (4, Gen.Choose(0, 255).Select(b => (byte)b)),
        (3, Gen.Elements(Encoding.ASCII.GetBytes(" =,\\\":[].\0\r\n\t"))),
        (3, Gen.Elements(Encoding.ASCII.GetBytes(KeywordChars))));

    private static readonly Gen<string> Prefix = Gen.Elements(
        "", "CMETHOD t socks5 ", "CMETHOD t socks5 [", "LOG SEVERITY=debug MESSAGE=\"", "LOG DEBUG ", "STATUS TRANSPORT=",
        "STATUS TRANSPORT=t K=\"", "SMETHOD t 1.2.3.4:5 ARGS:", "SMETHOD t 1.2.3.4:5 ARGS:a=b ", "EVENT CONNECTION t ",
        "EVENT CONNECTION-ERROR t ", "VERSION ", "ENV-ERROR ");

    private static readonly Gen<byte[]> HugeRun =
        from prefix in Prefix
        from b in AnyByte
        from count in Gen.Choose(1_000, 200_000)
        from suffix in Gen.Elements("", "\"", "\n", " x", "=")
        select Encoding.UTF8.GetBytes(prefix).Concat(Enumerable.Repeat(b, count)).Concat(Encoding.UTF8.GetBytes(suffix)).ToArray();

    // A property, not a field: it reaches AnyMessage, whose initializer is in the other part of the class.
    private static Gen<byte[]> ArbitraryBytes => Gen.Frequency(
        (3, Gen.ArrayOf(AnyByte)),
        (3, from prefix in Prefix from rest in Gen.ArrayOf(AnyByte) select Encoding.UTF8.GetBytes(prefix).Concat(rest).ToArray()),
        (3, NearMissBytes),
        (1, HugeRun));

    /// <summary>Shorter byte strings: halves, and single bytes removed (for short lines).</summary>
    private static IEnumerable<byte[]> ShrinkBytes(byte[] bytes)
    {
        if (bytes.Length == 0) yield break;
        yield return bytes[..(bytes.Length / 2)];
        yield return bytes[(bytes.Length / 2)..];
        if (bytes.Length > 64) yield break;
        for (int i = 0; i < bytes.Length; i++) yield return bytes.Where((_, k) => k != i).ToArray();
    }
}
