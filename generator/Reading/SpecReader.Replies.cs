using System.Collections.Generic;
using System.Linq;
using PtToolkit.Generator.Model;

namespace PtToolkit.Generator.Reading;

internal sealed partial class SpecReader
{
    private const int MaxReplyFields = 64;

    private readonly List<ReplyModel> _replies = new();
    private readonly List<SpecToken> _replyNames = new();

    /// <summary>Reads <c>reply Name = "KEYWORD"</c> and its <c>line</c> attributes (spec/README.md).</summary>
    private void ReadReply(SpecDeclaration declaration)
    {
        var tokens = declaration.Definition;
        var name = ReadHeader(tokens, pascalCase: true);
        if (name is null) return;
        if (tokens.Count != 4 || tokens[3].Kind != TokenKind.String || !Names.IsKeywordText(tokens[3].Text))
        {
            Report("PTG010", "Expected 'reply <Name> = \"KEYWORD\"': the command answered, then its 'line' attributes",
                tokens.Count > 4 && tokens[3].Kind == TokenKind.String && Names.IsKeywordText(tokens[3].Text) ? tokens[4] : tokens.Count > 3 ? tokens[3] : name.Value);
            return;
        }
        var lines = new List<ReplyLineModel>();
        ReplyPairsModel? pairs = null;
        var sections = new List<string>();
        var doc = new List<string>();
        foreach (var attribute in declaration.Attributes)
        {
            if (TryReadDocAttribute(attribute, sections, doc)) continue;
            if (attribute.Keyword.Text != "line")
            {
                Report("PTG008", attribute.Keyword.Text, attribute.Keyword);
                return;
            }
            if (IsPairsLine(attribute.Tokens))
            {
                if (pairs is not null)
                {
                    Report("PTG010", $"Reply '{name.Value.Text}' has two pairs lines: one reads every line no other line names", attribute.Keyword);
                    return;
                }
                pairs = ReadPairsLine(attribute);
                if (pairs is null) return;
                continue;
            }
            var line = ReadReplyLine(attribute);
            if (line is null) return;
            if (lines.Any(l => l.Lead == line.Lead))
            {
                Report("PTG010", $"Two lines of reply '{name.Value.Text}' start with '{line.Lead}': a line is found by its leading word or key", attribute.Keyword);
                return;
            }
            lines.Add(line);
        }
        if (lines.Count == 0 && pairs is null)
        {
            Report("PTG010", $"Reply '{name.Value.Text}' has no 'line'", name.Value);
            return;
        }
        var fields = lines.SelectMany(l => l.Positionals.Concat(l.Keywords)).ToList();
        if (fields.Count > MaxReplyFields)
        {
            Report("PTG010", $"A reply has at most {MaxReplyFields} fields (one presence bit each)", name.Value);
            return;
        }
        var names = fields.Select(f => f.Property)
            .Concat(lines.Where(l => l.Repeated).SelectMany(l => new[] { l.RepeatedName + "Lines", l.RepeatedName + "Line", l.RepeatedName + "LineEnumerator" }))
            .Concat(pairs is null ? [] : new[] { "Pairs", "Pair", "PairEnumerator" });
        var duplicate = names.GroupBy(n => n).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            Report("PTG003", $"'{duplicate.Key}' is declared twice in reply '{name.Value.Text}' (a field, or the members of a repeated line)", name.Value);
            return;
        }
        if (_replies.Any(r => r.Name == name.Value.Text))
        {
            Report("PTG003", $"Reply '{name.Value.Text}' is declared twice", name.Value);
            return;
        }
        _replies.Add(new ReplyModel(name.Value.Text, tokens[3].Text, lines.ToEquatableArray(), pairs, sections.ToEquatableArray(), doc.ToEquatableArray()));
        _replyNames.Add(name.Value);
    }

    /// <summary>
    /// Reads <c>line "WORD" args...</c> or <c>line KEY=name:type args...</c>, the whole line in <c>[ ]</c> when it
    /// may be absent; args are <c>name:type</c> and <c>KEY=name:type</c>, each in <c>[ ]</c> when optional.
    /// </summary>
    private ReplyLineModel? ReadReplyLine(SpecAttributeLine attribute)
    {
        var tokens = attribute.Tokens;
        int end = tokens.Count;
        int i = 0;
        bool repeated = tokens.Count > 0 && tokens[0].Is("*");
        if (repeated) i = 1;
        bool optionalLine = !repeated && tokens.Count > 0 && tokens[0].Is("[");
        if (optionalLine)
        {
            if (!tokens[end - 1].Is("]") || end < 3)
            {
                Report("PTG010", "An optional line is written 'line [ ... ]': expected ']' at its end", tokens[end - 1]);
                return null;
            }
            i = 1;
            end--;
        }
        if (i >= end)
        {
            Report("PTG010", "Expected a line's leading \"WORD\" or KEY=name:type after 'line'", attribute.Keyword);
            return null;
        }
        string word = "";
        var positionals = new List<EventFieldModel>();
        var keywords = new List<EventFieldModel>();
        if (tokens[i].Kind == TokenKind.String)
        {
            if (!Names.IsKeywordText(tokens[i].Text))
            {
                Report("PTG010", $"A line's leading word \"{tokens[i].Text}\" must be letters, digits, '-' or '_'", tokens[i]);
                return null;
            }
            word = tokens[i++].Text;
        }
        else if (!ReadReplyArgument(tokens, ref i, end, optional: false, positionals, keywords) || keywords.Count == 0)
        {
            if (keywords.Count == 0 && positionals.Count > 0) Report("PTG010", "A line starts with a \"WORD\" or a KEY=name:type, not a positional", tokens[optionalLine || repeated ? 1 : 0]);
            return null;
        }
        while (i < end)
        {
            bool optional = tokens[i].Is("[");
            int close = optional ? tokens.FindIndex(i, t => t.Is("]")) : -1;
            if (optional && (close < 0 || close >= end))
            {
                Report("PTG010", "Expected ']' to close the optional argument", tokens[i]);
                return null;
            }
            if (optional) i++;
            if (!ReadReplyArgument(tokens, ref i, optional ? close : end, optional, positionals, keywords)) return null;
            if (optional && i != close)
            {
                Report("PTG010", "One argument per '[ ]'", tokens[i]);
                return null;
            }
            if (optional) i++;
        }
        if (positionals.Count > 1 && positionals.Take(positionals.Count - 1).Zip(positionals.Skip(1), (a, b) => a.Optional && !b.Optional).Any(x => x))
        {
            Report("PTG007", "Optional positional arguments come last", attribute.Keyword);
            return null;
        }
        string lead = word.Length > 0 ? word : keywords[0].Key;
        string repeatedName = !repeated ? "" : lead.Any(char.IsLower) && !lead.Contains('_') && !lead.Contains('-') ? char.ToUpperInvariant(lead[0]) + lead.Substring(1) : Names.ToPascal(lead);
        if (repeated && !Names.IsPascalIdentifier(repeatedName))
        {
            Report("PTG010", $"A repeated line's lead '{lead}' must give a PascalCase name", tokens[1]);
            return null;
        }
        return new ReplyLineModel(word, optionalLine, repeatedName, positionals.ToEquatableArray(), keywords.ToEquatableArray());
    }

    /// <summary>True for a line that starts (after <c>*</c> or <c>[</c>) with <c>name:type=</c> or <c>name:type[=</c>: a pairs line.</summary>
    private static bool IsPairsLine(List<SpecToken> tokens)
    {
        int i = tokens.Count > 0 && (tokens[0].Is("*") || tokens[0].Is("[")) ? 1 : 0;
        return i + 3 < tokens.Count && tokens[i].Kind == TokenKind.Word && tokens[i + 1].Is(":") && tokens[i + 2].Kind == TokenKind.Word
            && (tokens[i + 3].Is("=") || (tokens[i + 3].Is("[") && i + 4 < tokens.Count && tokens[i + 4].Is("=")));
    }

    /// <summary>
    /// Reads <c>line * key:token=value:text</c> or <c>line * key:token[=value:text]</c>: the key a token, the value
    /// the rest of the line, nothing else on the line.
    /// </summary>
    private ReplyPairsModel? ReadPairsLine(SpecAttributeLine attribute)
    {
        var tokens = attribute.Tokens;
        if (!tokens[0].Is("*"))
        {
            Report("PTG010", "A pairs line reads every line no other line names: write 'line * key:token=value:text'", tokens[0]);
            return null;
        }
        var key = ReadEventField(tokens[1].Text, "", tokens[3], optional: false, camel: true, tokens[1]);
        if (key is null) return null;
        if (key.Type != EventFieldType.Token)
        {
            Report("PTG010", "A pair's key is a token", tokens[3]);
            return null;
        }
        bool optional = tokens[4].Is("[");
        int i = optional ? 6 : 5;
        if (i + 2 >= tokens.Count || tokens[i].Kind != TokenKind.Word || !tokens[i + 1].Is(":") || tokens[i + 2].Kind != TokenKind.Word)
        {
            var found = tokens[System.Math.Min(i, tokens.Count - 1)];
            Report("PTG010", $"Expected the pair's value:text after '=', found '{found}'", found);
            return null;
        }
        var value = ReadEventField(tokens[i].Text, "", tokens[i + 2], optional, camel: true, tokens[i]);
        if (value is null) return null;
        if (value.Type != EventFieldType.Text)
        {
            Report("PTG010", "A pair's value is text: the rest of the line, one QuotedString or bare", tokens[i + 2]);
            return null;
        }
        i += 3;
        if (optional && (i >= tokens.Count || !tokens[i].Is("]")))
        {
            Report("PTG010", "Expected ']' to close the optional value", tokens[System.Math.Min(i, tokens.Count - 1)]);
            return null;
        }
        if (optional) i++;
        if (i < tokens.Count)
        {
            Report("PTG010", "A pairs line holds its key and value only", tokens[i]);
            return null;
        }
        // The members of the generated Pair: the key, the value, Line and Data; Pair is the type itself (names starting with Has are refused already).
        if (key.Property == value.Property || key.Property is "Line" or "Data" or "Pair" || value.Property is "Line" or "Data" or "Pair")
        {
            Report("PTG010", "A pair's key and value need two names other than line, data and pair", tokens[i - (optional ? 4 : 3)]);
            return null;
        }
        return new ReplyPairsModel(tokens[1].Text, tokens[optional ? 6 : 5].Text, key.Property, value.Property, optional);
    }

    /// <summary>Reads one <c>name:type</c> or <c>KEY=name:type</c> at <paramref name="i"/>, before <paramref name="end"/>.</summary>
    private bool ReadReplyArgument(List<SpecToken> tokens, ref int i, int end, bool optional, List<EventFieldModel> positionals, List<EventFieldModel> keywords)
    {
        string key = "";
        if (i + 1 < end && tokens[i + 1].Is("="))
        {
            if (tokens[i].Kind != TokenKind.Word || !Names.IsKeywordText(tokens[i].Text))
            {
                Report("PTG010", $"'{tokens[i].Text}' is not a key (letters, digits, '-' or '_')", tokens[i]);
                return false;
            }
            key = tokens[i].Text;
            i += 2;
        }
        if (i + 2 >= end || tokens[i].Kind != TokenKind.Word || !tokens[i + 1].Is(":") || tokens[i + 2].Kind != TokenKind.Word)
        {
            var found = tokens[System.Math.Min(i, end - 1)];
            Report("PTG010", $"Expected name:type or KEY=name:type, found '{found}'", found);
            return false;
        }
        var field = ReadEventField(tokens[i].Text, key, tokens[i + 2], optional, camel: true, tokens[i]);
        if (field is null) return false;
        if (field.Type == EventFieldType.Text || field.Property == "Reply")
        {
            Report("PTG010", field.Property == "Reply" ? "'reply' is the view's own property" : "A reply argument is a token, number, qstring or enum, not text", field.Property == "Reply" ? tokens[i] : tokens[i + 2]);
            return false;
        }
        (key.Length > 0 ? keywords : positionals).Add(field);
        i += 3;
        return true;
    }

    private void CheckReplies()
    {
        for (int r = 0; r < _replies.Count; r++)
        {
            string view = _replies[r].Name + "Reply";
            if (_enums.Any(x => x.Name == view) || _messages.Any(m => m.Model.Name + "View" == view || m.Model.Name + "Message" == view)
                || _configs.Any(c => c.Name == view) || GeneratedMembers.Contains(view))
                Report("PTG003", $"Reply '{_replies[r].Name}' would declare '{view}', which another declaration or the generated code already uses", _replyNames[r]);
        }
    }
}
