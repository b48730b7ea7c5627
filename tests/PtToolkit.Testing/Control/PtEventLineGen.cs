using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using PtToolkit.Grammar;
using PtToolkit.Testing.Generation;

namespace PtToolkit.Testing.Control;

/// <summary>
/// FsCheck generators of event lines (<c>650 NAME ...</c>, without CRLF) for every event of a control spec's
/// <see cref="PtEventGrammar"/>: valid lines with what they hold (<see cref="PtEventCase.Written"/>), near-misses one
/// step from valid, and arbitrary bytes, all with a shrinker (<see cref="Arbitrary"/>). Valid lines carry what
/// control-spec §4.1 says a controller MUST tolerate: keywords the spec does not name, a repeated keyword (the first
/// counts), positionals beyond the named ones, words an enumeration does not list, keywords before positionals, and
/// runs of spaces.
/// </summary>
public sealed partial class PtEventLineGen
{
    private enum PartKind
    {
        Head,
        Space,
        Positional,
        Keyword,
        Extra,
    }

    /// <summary>One piece of a generated line, kept so that a near-miss can change exactly one thing.</summary>
    /// <param name="Kind">What it is.</param>
    /// <param name="Bytes">Its bytes (for a keyword, <c>KEY=</c> included).</param>
    /// <param name="Field">The field it fills, when it fills one.</param>
    /// <param name="Value">The value read from it (null for an argument no field takes).</param>
    private sealed record Part(PartKind Kind, byte[] Bytes, PtEventField? Field, PtEventValue? Value);

    /// <summary>Generators for the events of <paramref name="grammar"/>.</summary>
    public PtEventLineGen(PtEventGrammar grammar)
    {
        Grammar = grammar ?? throw new ArgumentNullException(nameof(grammar));
        if (grammar.Events.Count == 0) throw new ArgumentException("the grammar has no event", nameof(grammar));
    }

    /// <summary>The events the lines are made from.</summary>
    public PtEventGrammar Grammar { get; }

    /// <summary>Valid lines of any event, each event as likely as the others.</summary>
    public Gen<PtEventCase> Valid() => Gen.OneOf(Grammar.Events.Select(e => Valid(e.Name)));

    /// <summary>Valid lines of the event <paramref name="eventName"/> (its spec name, <c>Circ</c>).</summary>
    public Gen<PtEventCase> Valid(string eventName)
    {
        var rule = Rule(eventName);
        return Parts(rule).Select(parts => new PtEventCase("valid", rule.Name, "", Join(parts), Written(rule, parts)));
    }

    /// <summary>Valid lines, near-misses and arbitrary bytes, in the proportions 3 : 5 : 2.</summary>
    public Gen<PtEventCase> Any() => Gen.Frequency((3, Valid()), (5, NearMiss()), (2, Bytes()));

    /// <summary><paramref name="lines"/> with <see cref="PtEventCase.Shrink"/> as its shrinker.</summary>
    public static Arbitrary<PtEventCase> Arbitrary(Gen<PtEventCase> lines) => Arb.From(lines, PtEventCase.Shrink);

    private PtEventRule Rule(string eventName) =>
        Grammar.Events.FirstOrDefault(e => e.Name == eventName) ?? throw new ArgumentException($"no event {eventName} in {Grammar.Name}", nameof(eventName));

    private static byte[] Ascii(string s) => Encoding.ASCII.GetBytes(s);

    private static byte[] Join(IEnumerable<Part> parts) => EventBytes.Concat(parts.Select(p => p.Bytes));

    /// <summary>The arguments a reader finds in <paramref name="parts"/>: positionals in order, then each named keyword's first occurrence.</summary>
    private static IReadOnlyList<PtEventFieldValue> Written(PtEventRule rule, IReadOnlyList<Part> parts)
    {
        var positionals = parts.Where(p => p.Kind == PartKind.Positional).Select(p => Field(p.Field!, p.Value!));
        var keywords = rule.Keywords
            .Select(k => parts.FirstOrDefault(p => p.Kind == PartKind.Keyword && p.Field is not null && p.Field.Key == k.Key))
            .Where(p => p is not null)
            .Select(p => Field(p!.Field!, p.Value!));
        return positionals.Concat(keywords).ToArray();
    }

    private static PtEventFieldValue Field(PtEventField field, PtEventValue value) => new(field.Name, value.Value, value.Member);

    private static readonly Gen<byte[]> Separator = Gen.Frequency((9, Gen.Constant(Ascii(" "))), (1, Gen.Constant(Ascii("  "))));

    /// <summary>A keyword argument of <paramref name="field"/>.</summary>
    private static Gen<Part> KeywordPart(PtEventField field) =>
        PtEventValueGen.For(field).Select(v => new Part(PartKind.Keyword, EventBytes.Concat(new[] { Ascii(field.Key + "="), v.Bytes }), field, v));

    /// <summary>A keyword argument the event does not name: a new key, or a named key in another case.</summary>
    private static Gen<Part> UnknownKeyword(PtEventRule rule) =>
        Gen.OneOf(PtFieldGen.Keyword.Select(Encoding.ASCII.GetString), Gen.Elements(rule.Keywords.Select(k => k.Key.ToLowerInvariant()).Append("X_NEW").ToArray()))
            .Where(key => rule.Keywords.All(k => k.Key != key))
            .SelectMany(key => Gen.OneOf(PtEventValueGen.Bare(positional: false), PtEventValueGen.Quoted)
                .Select(v => new Part(PartKind.Keyword, EventBytes.Concat(new[] { Ascii(key + "="), v.Bytes }), null, null)));

    /// <summary>The keyword arguments: a subset of the named ones in any order, a repeat of one, and unknown ones.</summary>
    private static Gen<Part[]> KeywordParts(PtEventRule rule) =>
        from named in Gen.SubListOf(rule.Keywords.ToArray())
        from values in named.Count == 0 ? Gen.Constant(Array.Empty<Part>()) : Gen.CollectToArray(named.Select(KeywordPart))
        from repeats in rule.Keywords.Count == 0 ? Gen.Constant(Array.Empty<Part>()) : PtFieldGen.Between(Gen.Elements(rule.Keywords.ToArray()).SelectMany(KeywordPart), 0, 1)
        from unknown in PtFieldGen.Between(UnknownKeyword(rule), 0, 2)
        from order in Gen.Shuffle(values.Concat(unknown).ToArray())
        select order.Concat(repeats).ToArray();

    private Gen<Part[]> Parts(PtEventRule rule)
    {
        int required = rule.Positionals.Count(p => !p.Optional);
        int textIndex = rule.Positionals.ToList().FindIndex(p => p.Kind == PtEventValueKind.Text);
        return
            from present in Gen.Choose(required, rule.Positionals.Count)
            from positionals in present == 0 ? Gen.Constant(Array.Empty<Part>())
                : Gen.CollectToArray(rule.Positionals.Take(present).Select(f => PtEventValueGen.For(f).Select(v => new Part(PartKind.Positional, v.Bytes, f, v))))
            from extras in textIndex < 0 && present == rule.Positionals.Count
                ? PtFieldGen.Between(Gen.OneOf(PtEventValueGen.Bare(positional: true), PtEventValueGen.Quoted).Select(v => new Part(PartKind.Extra, v.Bytes, null, null)), 0, 2)
                : Gen.Constant(Array.Empty<Part>())
            from keywords in KeywordParts(rule)
            // A text positional takes the rest of the line once the positionals before it are read: keywords go before that.
            let lastSlot = textIndex < 0 ? present : Math.Min(present, textIndex - 1)
            from slots in lastSlot < 0 ? Gen.Constant(Array.Empty<int>())
                : Gen.ArrayOf(Gen.Frequency((4, Gen.Constant(lastSlot)), (1, Gen.Choose(0, lastSlot))), keywords.Length)
            from trailing in Gen.Frequency((9, Gen.Constant(false)), (1, Gen.Constant(true)))
            let arguments = Arrange(positionals, lastSlot < 0 ? Array.Empty<Part>() : keywords, slots, extras)
            from separators in Gen.ArrayOf(Separator, arguments.Length)
            select Layout(rule, arguments, separators, trailing && !positionals.Any(p => p.Field!.Kind == PtEventValueKind.Text));
    }

    /// <summary>Keywords before the positional their slot names (the last slot: after them all), then extra positionals.</summary>
    private static Part[] Arrange(Part[] positionals, Part[] keywords, int[] slots, Part[] extras)
    {
        var arranged = new List<Part>();
        for (int slot = 0; slot <= positionals.Length; slot++)
        {
            arranged.AddRange(keywords.Where((_, i) => slots[i] == slot));
            if (slot < positionals.Length) arranged.Add(positionals[slot]);
        }
        arranged.AddRange(extras);
        return arranged.ToArray();
    }

    private static Part[] Layout(PtEventRule rule, Part[] arguments, byte[][] separators, bool trailingSpace)
    {
        var parts = new List<Part> { new(PartKind.Head, Ascii("650 " + rule.Keyword), null, null) };
        for (int i = 0; i < arguments.Length; i++)
        {
            parts.Add(new Part(PartKind.Space, separators[i], null, null));
            parts.Add(arguments[i]);
        }
        if (trailingSpace) parts.Add(new Part(PartKind.Space, Ascii(" "), null, null));
        return parts.ToArray();
    }
}
