using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Pidgin;
using PtToolkit.Grammar;
using static Pidgin.Parser;
using static Pidgin.Parser<byte>;

namespace PtToolkit.Testing.Reference;

/// <summary>
/// The reference interpreter of a spec: Pidgin parsers built from its grammar data (<see cref="PtGrammar"/>, the
/// generated <c>Grammar</c> property) and the field syntax of spec/README.md, never from the generated parsers.
/// For one line it says which message it is and what its fields hold, that its leading words name no message
/// (Unknown), or that it is malformed (Invalid). Slow and allocating on purpose: it is an oracle, not a parser to ship.
/// </summary>
public sealed class PtReferenceParser
{
    private readonly Dictionary<string, Parser<byte, IReadOnlyList<PtFieldValue>>> _parsers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<IReadOnlyList<string>>> _words = new(StringComparer.Ordinal);

    /// <summary>Builds the parsers of every message of <paramref name="grammar"/>.</summary>
    public PtReferenceParser(PtGrammar grammar)
    {
        Grammar = grammar ?? throw new ArgumentNullException(nameof(grammar));
        foreach (var message in grammar.Messages)
        {
            _parsers[message.Name] = Sequence(message.Items).Before(End);
            _words[message.Name] = LeadingWords(message);
        }
    }

    /// <summary>The grammar this interpreter reads.</summary>
    public PtGrammar Grammar { get; }

    /// <summary>The whole-line parser of the message <paramref name="messageName"/> (the line without its line ending).</summary>
    public Parser<byte, IReadOnlyList<PtFieldValue>> MessageParser(string messageName) => _parsers[messageName];

    /// <summary>
    /// The words that name <paramref name="messageName"/>: its keyword and the literals that follow it as whole
    /// words (<c>EVENT</c> <c>CONNECTION</c>), each with its alternatives.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<string>> NameWords(string messageName) => _words[messageName];

    /// <summary>
    /// Interprets one line as spec/README.md describes: the trailing LF and the CRs before it are dropped; a line
    /// must start with a keyword followed by a space or its end (pt-1.0 §3.3), else it is Invalid; the messages
    /// whose name words it has (in <paramref name="dialects"/>, all when null) are tried in spec order and the first
    /// that parses wins; none with those words: Unknown; none parses: Invalid.
    /// </summary>
    public PtLineOutcome Interpret(ReadOnlySpan<byte> line, IReadOnlyCollection<string>? dialects = null)
    {
        if (!line.IsEmpty && line[^1] == (byte)'\n') line = line[..^1];
        while (!line.IsEmpty && line[^1] == (byte)'\r') line = line[..^1];
        int keywordEnd = 0;
        while (keywordEnd < line.Length && PtFieldSyntax.IsKeywordChar(line[keywordEnd])) keywordEnd++;
        if (keywordEnd == 0 || (keywordEnd < line.Length && line[keywordEnd] != (byte)' ')) return PtLineOutcome.InvalidAmong(Array.Empty<string>());

        var candidates = new List<string>();
        foreach (var message in Grammar.Messages)
        {
            if (dialects is not null && message.Dialects.Count > 0 && !message.Dialects.Any(dialects.Contains)) continue;
            if (HasWords(line, _words[message.Name])) candidates.Add(message.Name);
        }
        if (candidates.Count == 0) return PtLineOutcome.Unknown;
        foreach (string name in candidates)
        {
            var result = _parsers[name].Parse(line);
            if (result.Success) return PtLineOutcome.Message(name, result.Value);
        }
        return PtLineOutcome.InvalidAmong(candidates);
    }

    private static bool HasWords(ReadOnlySpan<byte> line, IReadOnlyList<IReadOnlyList<string>> words)
    {
        int at = 0;
        for (int w = 0; w < words.Count; w++)
        {
            if (w > 0)
            {
                if (at >= line.Length || line[at] != (byte)' ') return false;
                at++;
            }
            int next = -1;
            foreach (string alternative in words[w])
            {
                var bytes = Encoding.ASCII.GetBytes(alternative);
                if (line[at..].StartsWith(bytes) && (at + bytes.Length == line.Length || line[at + bytes.Length] == (byte)' '))
                {
                    next = at + bytes.Length;
                    break;
                }
            }
            if (next < 0) return false;
            at = next;
        }
        return true;
    }

    private static IReadOnlyList<IReadOnlyList<string>> LeadingWords(PtMessageRule message)
    {
        var items = message.Items;
        var words = new List<IReadOnlyList<string>> { items[0].Literals };
        for (int i = 1; i + 1 < items.Count && items[i].Kind == PtItemKind.Space && items[i + 1].Kind == PtItemKind.Literal; i += 2)
        {
            bool wholeWord = i + 2 == items.Count
                || items[i + 2].Kind == PtItemKind.Space
                || (items[i + 2].Kind == PtItemKind.Optional && items[i + 2].Children[0].Kind == PtItemKind.Space);
            if (!wholeWord) break;
            words.Add(items[i + 1].Literals);
        }
        return words;
    }

    private static readonly IReadOnlyList<PtFieldValue> None = Array.Empty<PtFieldValue>();

    private static Parser<byte, IReadOnlyList<PtFieldValue>> Sequence(IReadOnlyList<PtRuleItem> items)
    {
        var parser = Return(None);
        foreach (var item in items) parser = Map(Join, parser, Item(item));
        return parser;
    }

    private static IReadOnlyList<PtFieldValue> Join(IReadOnlyList<PtFieldValue> a, IReadOnlyList<PtFieldValue> b) =>
        b.Count == 0 ? a : a.Count == 0 ? b : a.Concat(b).ToArray();

    private static Parser<byte, IReadOnlyList<PtFieldValue>> Item(PtRuleItem item) => item.Kind switch
    {
        PtItemKind.Literal => Literal(item.Literals).ThenReturn(None),
        PtItemKind.Space => Token((byte)' ').ThenReturn(None),
        PtItemKind.Field => PtFieldSyntax.Field(item.FieldType, item.FieldName).Select(v => (IReadOnlyList<PtFieldValue>)new[] { v }),
        PtItemKind.Optional => Try(Lookahead(Entry(item.Children))).Then(Sequence(item.Children)).Optional()
            .Select(group => group.HasValue ? group.Value : None),
        _ => throw new ArgumentOutOfRangeException(nameof(item), item.Kind, "unknown item kind"),
    };

    private static Parser<byte, Unit> Literal(IReadOnlyList<string> alternatives) =>
        OneOf(PtFieldSyntax.Tried(alternatives.Select(PtFieldSyntax.Text)));

    /// <summary>What enters an optional group (spec/README.md "Optional groups"): its first space and literal, its first space, or its first literal.</summary>
    private static Parser<byte, Unit> Entry(IReadOnlyList<PtRuleItem> children)
    {
        if (children[0].Kind == PtItemKind.Literal) return Literal(children[0].Literals);
        var space = Token((byte)' ').IgnoreResult();
        return children.Count > 1 && children[1].Kind == PtItemKind.Literal ? space.Then(Literal(children[1].Literals)) : space;
    }
}
