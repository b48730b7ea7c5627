using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using PtToolkit.Grammar;

namespace PtToolkit.Testing.Generation;

/// <summary>
/// FsCheck generators of lines for every message of a grammar (<see cref="PtGrammar"/>): valid lines, near-misses
/// one step from valid, and arbitrary bytes, all as <see cref="PtLineCase"/> with a shrinker (<see cref="Arbitrary"/>).
/// </summary>
public sealed partial class PtLineGen
{
    /// <summary>One piece of a generated line, kept so that a near-miss can change exactly one thing.</summary>
    private sealed record Segment(PtItemKind Kind, PtFieldType FieldType, string FieldName, byte[] Bytes);

    private readonly Dictionary<string, IReadOnlyList<string>> _enums;

    /// <summary>Generators for the messages of <paramref name="grammar"/>.</summary>
    public PtLineGen(PtGrammar grammar)
    {
        Grammar = grammar ?? throw new ArgumentNullException(nameof(grammar));
        if (grammar.Messages.Count == 0) throw new ArgumentException("the grammar has no message", nameof(grammar));
        _enums = grammar.Enums.ToDictionary(e => e.Name, e => (IReadOnlyList<string>)e.Members.Select(m => m.Text).ToArray(), StringComparer.Ordinal);
    }

    /// <summary>The grammar the lines are made from.</summary>
    public PtGrammar Grammar { get; }

    /// <summary>Valid lines of any message, each message as likely as the others.</summary>
    public Gen<PtLineCase> Valid() => Gen.OneOf(Grammar.Messages.Select(m => Valid(m.Name)));

    /// <summary>Valid lines of the message <paramref name="messageName"/>.</summary>
    public Gen<PtLineCase> Valid(string messageName) =>
        Parts(Rule(messageName)).Select(parts => new PtLineCase("valid", messageName, "", Join(parts)));

    /// <summary>Valid lines, near-misses and arbitrary bytes, in the proportions 3 : 5 : 2.</summary>
    public Gen<PtLineCase> Any() => Gen.Frequency((3, Valid()), (5, NearMiss()), (2, Bytes()));

    /// <summary><paramref name="lines"/> with <see cref="PtLineCase.Shrink"/> as its shrinker.</summary>
    public static Arbitrary<PtLineCase> Arbitrary(Gen<PtLineCase> lines) => Arb.From(lines, PtLineCase.Shrink);

    private PtMessageRule Rule(string messageName) =>
        Grammar.Messages.FirstOrDefault(m => m.Name == messageName) ?? throw new ArgumentException($"no message {messageName} in {Grammar.Name}", nameof(messageName));

    private static byte[] Join(IEnumerable<Segment> parts) => PtFieldGen.Concat(parts.Select(p => p.Bytes));

    private Gen<Segment[]> Parts(PtMessageRule message) => Items(message.Items).Select(state => state.Parts);

    private sealed record State(Segment[] Parts, string[] Forbidden);

    /// <summary>
    /// The items left to right. While groups entered on <c>SP "LIT"</c> are absent, a following space-entered text
    /// must not start with <c>LIT</c> (spec/README.md: it would read back as that group), so such a text gets a prefix.
    /// </summary>
    private Gen<State> Items(IReadOnlyList<PtRuleItem> items)
    {
        var state = Gen.Constant(new State(Array.Empty<Segment>(), Array.Empty<string>()));
        foreach (var item in items)
        {
            var current = item;
            state = state.SelectMany(before => Item(current, before.Forbidden).Select(after => after with { Parts = before.Parts.Concat(after.Parts).ToArray() }));
        }
        return state;
    }

    private Gen<State> Item(PtRuleItem item, string[] forbidden) => item.Kind switch
    {
        PtItemKind.Literal => Gen.Elements(item.Literals.ToArray()).Select(text => Single(new Segment(item.Kind, PtFieldType.None, "", Encoding.ASCII.GetBytes(text)))),
        PtItemKind.Space => Gen.Constant(Single(new Segment(item.Kind, PtFieldType.None, "", new[] { (byte)' ' }))),
        PtItemKind.Field => Field(item).Select(bytes => Single(new Segment(item.Kind, item.FieldType, item.FieldName, bytes))),
        _ => Gen.Elements(true, false).SelectMany(present => present ? Group(item, forbidden) : Gen.Constant(Absent(item, forbidden))),
    };

    private static State Single(Segment segment) => new(new[] { segment }, Array.Empty<string>());

    private static State Absent(PtRuleItem group, string[] forbidden)
    {
        var children = group.Children;
        bool spaceLiteral = children.Count > 1 && children[0].Kind == PtItemKind.Space && children[1].Kind == PtItemKind.Literal;
        return new State(Array.Empty<Segment>(), spaceLiteral ? forbidden.Concat(children[1].Literals).ToArray() : forbidden);
    }

    private Gen<State> Group(PtRuleItem group, string[] forbidden) => Items(group.Children).Select(state =>
    {
        var parts = state.Parts;
        if (parts.Length > 1 && parts[0].Kind == PtItemKind.Space && parts[1].FieldType == PtFieldType.Text
            && forbidden.Any(f => parts[1].Bytes.AsSpan().StartsWith(Encoding.ASCII.GetBytes(f))))
        {
            parts = parts.ToArray();
            parts[1] = parts[1] with { Bytes = PtFieldGen.Concat(new[] { "_"u8.ToArray(), parts[1].Bytes }) };
        }
        return new State(parts, Array.Empty<string>());
    });

    private Gen<byte[]> Field(PtRuleItem field) =>
        PtFieldGen.For(field.FieldType, _enums.TryGetValue(field.EnumName, out var members) ? members : Array.Empty<string>());
}
