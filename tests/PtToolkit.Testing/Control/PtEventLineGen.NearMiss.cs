using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using PtToolkit.Grammar;

namespace PtToolkit.Testing.Control;

/// <summary>
/// Near-misses: a valid event line changed in one step. Whether the result is still valid is the reference's to
/// say (a CR inside a word is a byte of that word, §2.1; a dropped positional may leave enough of them); many are not.
/// </summary>
public sealed partial class PtEventLineGen
{
    /// <summary>At least this many bytes for an over-long line (64 KiB, the framer's default line bound, and more).</summary>
    public const int OverLongBytes = 64 * 1024 + 100;

    /// <summary>The length, CRLF included, of the longest line the runtime's framer takes by default (64 KiB).</summary>
    private const int LineBound = 64 * 1024;

    /// <summary>The near-miss steps, by the name a <see cref="PtEventCase"/> carries.</summary>
    public static IReadOnlyList<string> Mutations { get; } = new[]
    {
        "missing-required", "drop-positional", "bad-escape", "bad-number", "wrong-case", "unknown-event", "status", "cr", "nul", "lf",
        "truncate", "over-long", "at-the-bound",
    };

    /// <summary>Near-misses of any event.</summary>
    public Gen<PtEventCase> NearMiss() => Gen.OneOf(Grammar.Events.Select(e => NearMiss(e.Name)));

    /// <summary>Near-misses of the event <paramref name="eventName"/>.</summary>
    public Gen<PtEventCase> NearMiss(string eventName)
    {
        var rule = Rule(eventName);
        return Parts(rule).SelectMany(parts => Gen.Frequency(Steps(rule, parts)).Select(step => new PtEventCase("near-miss", rule.Name, step.Name, step.Line)));
    }

    private static IEnumerable<(int, Gen<(string Name, byte[] Line)>)> Steps(PtEventRule rule, Part[] parts)
    {
        byte[] line = Join(parts);
        int[] positionals = Where(parts, p => p.Kind == PartKind.Positional);
        int required = rule.Positionals.Count(p => !p.Optional);
        int[] quotable = Where(parts, p => p.Kind is PartKind.Positional or PartKind.Keyword or PartKind.Extra && p.Field?.Kind != PtEventValueKind.Text);
        int[] numbers = Where(parts, p => p.Field?.Kind == PtEventValueKind.Number);
        int[] cased = Where(parts, p => p.Kind == PartKind.Head || (p.Kind == PartKind.Keyword && p.Field is not null) || p.Field?.Kind == PtEventValueKind.Enum);

        if (required > 0)
        {
            yield return (4, Gen.Choose(0, required - 1).Select(k => ("missing-required",
                Join(Without(parts, i => (parts[i].Kind == PartKind.Positional && Array.IndexOf(positionals, i) >= k) || parts[i].Kind == PartKind.Extra)))));
        }
        if (positionals.Length > 0) yield return (2, Gen.Elements(positionals).Select(i => ("drop-positional", Join(Without(parts, k => k == i)))));
        if (quotable.Length > 0) yield return (4, Gen.Elements(quotable).SelectMany(i => BadQuote(parts[i]).Select(bad => ("bad-escape", Join(Replace(parts, i, bad))))));
        if (numbers.Length > 0) yield return (4, Gen.Elements(numbers).SelectMany(i => BadNumber(parts[i]).Select(bad => ("bad-number", Join(Replace(parts, i, bad))))));
        yield return (3, Gen.Elements(cased).Select(i => ("wrong-case", Join(Replace(parts, i, FlipCase(parts[i]))))));
        yield return (1, Gen.Elements("_X", "S", "-", "\"").Select(s => ("unknown-event", Join(Replace(parts, 0, Ascii("650 " + rule.Keyword + s))))));
        yield return (1, Gen.Elements("250 ", "651 ", "699 ", "65 ", "6500 ", "650-", "650+", "6a0 ", "").Select(s => ("status", Join(Replace(parts, 0, Ascii(s + rule.Keyword))))));
        yield return (2, Insert(line, (byte)'\r').Select(l => ("cr", l)));
        yield return (2, Insert(line, 0).Select(l => ("nul", l)));
        yield return (1, Insert(line, (byte)'\n').Select(l => ("lf", l)));
        yield return (2, Gen.Choose(0, line.Length - 1).Select(n => ("truncate", line[..n])));
        yield return (1, Gen.Elements(quotable.Length > 0 ? quotable : new[] { 0 }).Select(i => ("over-long", Join(Replace(parts, i, Longer(parts[i].Bytes, OverLongBytes))))));
        // Lines of the bound minus one, the bound and one more, CRLF included: the last one is too long.
        yield return (1, Gen.Choose(-1, 1).Select(d => ("at-the-bound", Padded(line, LineBound - 2 + d))));
    }

    private static int[] Where(Part[] parts, Func<Part, bool> predicate) => Enumerable.Range(0, parts.Length).Where(i => predicate(parts[i])).ToArray();

    /// <summary>The parts without those <paramref name="drop"/> picks, each with the space before it.</summary>
    private static Part[] Without(Part[] parts, Func<int, bool> drop) =>
        parts.Where((_, k) => !drop(k) && !(k + 1 < parts.Length && parts[k].Kind == PartKind.Space && drop(k + 1))).ToArray();

    private static Part[] Replace(Part[] parts, int i, byte[] bytes)
    {
        var copy = parts.ToArray();
        copy[i] = copy[i] with { Bytes = bytes };
        return copy;
    }

    /// <summary>How many bytes of a part come before its value: <c>KEY=</c> for a keyword.</summary>
    private static int ValueStart(Part part) => part.Kind == PartKind.Keyword ? Array.IndexOf(part.Bytes, (byte)'=') + 1 : 0;

    /// <summary>The argument with a broken QuotedString: its closing quote escaped, a quote inside, text glued after it, or a quote in a bare word.</summary>
    private static Gen<byte[]> BadQuote(Part part)
    {
        byte[] key = part.Bytes[..ValueStart(part)];
        byte[] value = part.Bytes[ValueStart(part)..];
        bool quoted = value.Length >= 2 && value[0] == (byte)'"';
        byte[] inside = quoted ? value[1..^1] : value;
        return Gen.Elements(
            Concat(key, Ascii("\""), inside, Ascii("\\\"")),
            Concat(key, Ascii("\""), inside),
            Concat(key, Ascii("\""), inside, Ascii("\"x\"")),
            Concat(key, Ascii("\""), inside, Ascii("\"x")),
            Concat(key, inside, Ascii("\"")),
            Concat(key, Ascii("a\"b")));
    }

    /// <summary>The number replaced by something that is not an unquoted decimal of 64 bits.</summary>
    private static Gen<byte[]> BadNumber(Part part)
    {
        byte[] key = part.Bytes[..ValueStart(part)];
        return Gen.Elements("12a", "-1", "+1", "18446744073709551616", "99999999999999999999", "\"12\"", "1.5", "0x10", "1_000", "", "١٢")
            .Select(bad => Concat(key, Encoding.UTF8.GetBytes(bad)));
    }

    private static byte[] FlipCase(Part part)
    {
        var flipped = (byte[])part.Bytes.Clone();
        // The head keeps its status code; a keyword argument changes its key only.
        int start = part.Kind == PartKind.Head ? 4 : 0;
        int end = part.Kind == PartKind.Keyword ? ValueStart(part) - 1 : flipped.Length;
        for (int i = start; i < end; i++)
        {
            if ((uint)((flipped[i] | 0x20) - 'a') <= 'z' - 'a') flipped[i] ^= 0x20;
        }
        return flipped;
    }

    private static Gen<byte[]> Insert(byte[] line, byte b) =>
        Gen.Choose(0, line.Length).Select(at => EventBytes.Insert(line, at, b));

    /// <summary>The value made at least <paramref name="length"/> bytes long, staying a word or a QuotedString.</summary>
    private static byte[] Longer(byte[] argument, int length)
    {
        bool quoted = argument.Length >= 2 && argument[^1] == (byte)'"';
        var run = EventBytes.Repeat((byte)'7', length);
        return quoted ? Concat(argument[..^1], run, Ascii("\"")) : Concat(argument, run);
    }

    /// <summary>The line with spaces after it up to <paramref name="length"/> bytes (the spaces end it, or join a text argument).</summary>
    private static byte[] Padded(byte[] line, int length) =>
        line.Length >= length ? line : Concat(line, EventBytes.Repeat((byte)' ', length - line.Length));

    private static byte[] Concat(params byte[][] parts) => EventBytes.Concat(parts);
}
