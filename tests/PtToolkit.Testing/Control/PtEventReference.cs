using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Pidgin;
using PtToolkit.Control;
using PtToolkit.Grammar;

namespace PtToolkit.Testing.Control;

/// <summary>
/// The reference interpreter of a control spec's events: built from its events as data (<see cref="PtEventGrammar"/>,
/// the generated <c>EventGrammar</c> property) and the argument grammar of <see cref="PtEventSyntax"/>, never from the
/// generated views. For one line as Tor sends it (<c>650 CIRC 1000 BUILT ...</c>, without its CRLF) it says which
/// event it is and what each argument holds, that the spec does not name the event (Unknown), or that the line is
/// malformed (Invalid). Slow and allocating on purpose: it is an oracle.
/// </summary>
/// <remarks>
/// The reading, from control-spec §2.3 and §4.1 and the forward-compatibility rules of spec/control.spec: the line is
/// <c>"6" 2DIGIT SP ReplyText</c> with no LF in it and at most <see cref="MaxLineLength"/> bytes with its CRLF (the
/// controller's own bound; §2.1 sets none); the event is the first word of the text, up to a space, compared
/// ordinally; the arguments follow, each after one or more spaces. Positionals fill the event's positionals in order
/// and extra ones are ignored; a text positional takes the raw rest of the line, from its first byte that is not a
/// space, as soon as the positionals before it are read (empty: absent). Keywords fill the event's keywords by exact
/// key, the first of a repeated one kept, unknown ones ignored. Errors: an argument that breaks the grammar (before a
/// text positional), a required positional missing, a number argument that is quoted, not decimal, or over 2^64 - 1.
/// An enumerated word the spec does not list is kept, as <c>Unknown</c>.
/// </remarks>
public sealed class PtEventReference
{
    private readonly Dictionary<string, PtEventRule> _byKeyword;

    /// <summary>Builds the reference for the events of <paramref name="grammar"/>.</summary>
    /// <param name="grammar">The events as data.</param>
    /// <param name="maxLineLength">The longest line accepted, CRLF included (the runtime's framer: 64 KiB by default).</param>
    public PtEventReference(PtEventGrammar grammar, int maxLineLength = TorReplyLimits.DefaultMaxLineLength)
    {
        Grammar = grammar ?? throw new ArgumentNullException(nameof(grammar));
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineLength, 8);
        MaxLineLength = maxLineLength;
        _byKeyword = grammar.Events.ToDictionary(e => e.Keyword, StringComparer.Ordinal);
    }

    /// <summary>The events this interpreter reads.</summary>
    public PtEventGrammar Grammar { get; }

    /// <summary>The longest line accepted, its CRLF included.</summary>
    public int MaxLineLength { get; }

    /// <summary>Interprets one line (without its CRLF).</summary>
    public PtEventOutcome Interpret(ReadOnlySpan<byte> line)
    {
        if (line.Length + 2 > MaxLineLength || line.Contains((byte)'\n')) return PtEventOutcome.Invalid();
        if (line.Length < 4 || line[0] != (byte)'6' || !char.IsAsciiDigit((char)line[1]) || !char.IsAsciiDigit((char)line[2]) || line[3] != (byte)' ')
            return PtEventOutcome.Invalid();
        var text = line[4..];
        int space = text.IndexOf((byte)' ');
        var name = space < 0 ? text : text[..space];
        if (!_byKeyword.TryGetValue(Encoding.Latin1.GetString(name), out var rule)) return PtEventOutcome.Unknown;
        var arguments = Arguments(text[name.Length..], rule);
        if (arguments is null) return PtEventOutcome.Invalid(rule.Name);
        return Bind(rule, arguments);
    }

    /// <summary>The arguments after the event's name, the text positional included; null when they break the grammar.</summary>
    private static List<PtEventArgument>? Arguments(ReadOnlySpan<byte> rest, PtEventRule rule)
    {
        int textIndex = rule.Positionals.ToList().FindIndex(p => p.Kind == PtEventValueKind.Text);
        var arguments = new List<PtEventArgument>();
        int positionals = 0;
        while (true)
        {
            if (positionals == textIndex)
            {
                var textValue = rest.TrimStart((byte)' ');
                if (!textValue.IsEmpty) arguments.Add(new PtEventArgument(null, textValue.ToArray(), Quoted: false));
                return arguments;
            }
            var next = PtEventSyntax.NextArgument.Parse(rest);
            if (!next.Success) return PtEventSyntax.TrailingSpaces.Parse(rest).Success ? arguments : null;
            arguments.Add(next.Value.Argument);
            if (next.Value.Argument.Key is null) positionals++;
            rest = rest[next.Value.Length..];
        }
    }

    private static PtEventOutcome Bind(PtEventRule rule, List<PtEventArgument> arguments)
    {
        var fields = new List<PtEventFieldValue>();
        var positionals = arguments.Where(a => a.Key is null).ToList();
        for (int i = 0; i < rule.Positionals.Count; i++)
        {
            var field = rule.Positionals[i];
            if (i >= positionals.Count)
            {
                if (!field.Optional) return PtEventOutcome.Invalid(rule.Name);
                continue;
            }
            var value = Value(field, positionals[i]);
            if (value is null) return PtEventOutcome.Invalid(rule.Name);
            fields.Add(value);
        }
        foreach (var field in rule.Keywords)
        {
            var first = arguments.FirstOrDefault(a => a.Key == field.Key);
            if (first is null) continue;
            var value = Value(field, first);
            if (value is null) return PtEventOutcome.Invalid(rule.Name);
            fields.Add(value);
        }
        return PtEventOutcome.Event(rule.Name, fields);
    }

    /// <summary>The field's value from its argument; null for a number that is not one.</summary>
    private static PtEventFieldValue? Value(PtEventField field, PtEventArgument argument)
    {
        switch (field.Kind)
        {
            case PtEventValueKind.Number:
                if (argument.Quoted) return null;
                var number = PtEventSyntax.Number.Parse(argument.Raw.AsSpan());
                return number.Success ? new PtEventFieldValue(field.Name, number.Value) : null;
            case PtEventValueKind.Enum:
                string word = Encoding.UTF8.GetString(argument.Raw);
                var member = field.Enum?.Members.FirstOrDefault(m => Encoding.UTF8.GetBytes(m.Text).AsSpan().SequenceEqual(argument.Raw));
                return new PtEventFieldValue(field.Name, word, member?.Name ?? "Unknown");
            case PtEventValueKind.Text:
                return new PtEventFieldValue(field.Name, Encoding.UTF8.GetString(argument.Raw));
            default:
                return new PtEventFieldValue(field.Name, PtEventSyntax.Decoded(argument));
        }
    }
}
