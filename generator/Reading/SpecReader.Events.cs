using System.Collections.Generic;
using System.Linq;
using PtToolkit.Generator.Model;

namespace PtToolkit.Generator.Reading;

internal sealed partial class SpecReader
{
    private static readonly Dictionary<string, EventFieldType> EventFieldTypes = new()
    {
        ["token"] = EventFieldType.Token,
        ["number"] = EventFieldType.Number,
        ["qstring"] = EventFieldType.QuotedString,
        ["text"] = EventFieldType.Text,
    };

    /// <summary>Members every generated event view has; a field may not take their names.</summary>
    private static readonly HashSet<string> ReservedEventProperties = new() { "Line", "TryParse", "WriteFields", "Equals", "GetHashCode", "ToString" };

    private const int MaxEventFields = 64;

    private readonly List<EventModel> _events = new();
    private readonly List<SpecToken> _eventNames = new();
    private readonly List<(SpecToken Token, string EnumName)> _eventEnumReferences = new();

    private void ReadEvent(SpecDeclaration declaration)
    {
        var tokens = declaration.Definition;
        var name = ReadHeader(tokens, pascalCase: true);
        if (name is null) return;
        if (tokens.Count < 4 || tokens[3].Kind != TokenKind.String || !Names.IsKeywordText(tokens[3].Text))
        {
            Report("PTG001", "Expected 'event <Name> = \"KEYWORD\" [field:type ...]': the event name as a literal of letters, digits, '-' or '_'", tokens.Count > 3 ? tokens[3] : name.Value);
            return;
        }
        var positionals = new List<EventFieldModel>();
        int i = 4;
        bool inOptional = false;
        while (i < tokens.Count)
        {
            var t = tokens[i];
            if (t.Is("[") && !inOptional) { inOptional = true; i++; continue; }
            if (t.Is("]") && inOptional) { i++; if (i < tokens.Count) { Report("PTG007", "Optional positional arguments come last: nothing may follow ']'", tokens[i]); return; } break; }
            if (t.Kind != TokenKind.Word || i + 2 >= tokens.Count || !tokens[i + 1].Is(":") || tokens[i + 2].Kind != TokenKind.Word)
            {
                Report("PTG001", $"Expected a positional argument name:type, '[' or ']', found '{t}'", t);
                return;
            }
            var field = ReadEventField(t.Text, "", tokens[i + 2], inOptional, camel: true, t);
            if (field is null) return;
            if (positionals.Any(p => p.Type == EventFieldType.Text))
            {
                Report("PTG007", "A text argument takes the rest of the line: it must be the last one", t);
                return;
            }
            positionals.Add(field);
            i += 3;
        }
        if (inOptional && !tokens[tokens.Count - 1].Is("]"))
        {
            Report("PTG001", "Expected ']' to close the optional arguments", tokens[tokens.Count - 1]);
            return;
        }
        var keywords = new List<EventFieldModel>();
        var sections = new List<string>();
        var doc = new List<string>();
        foreach (var attribute in declaration.Attributes)
        {
            if (TryReadDocAttribute(attribute, sections, doc)) continue;
            if (attribute.Keyword.Text != "keywords")
            {
                Report("PTG008", attribute.Keyword.Text, attribute.Keyword);
                return;
            }
            if (!ReadEventKeywords(attribute, keywords)) return;
        }
        var all = positionals.Concat(keywords).ToList();
        if (all.Count > MaxEventFields)
        {
            Report("PTG001", $"An event has at most {MaxEventFields} arguments (one presence bit each)", name.Value);
            return;
        }
        var duplicate = all.GroupBy(f => f.Property).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            Report("PTG003", $"Field '{duplicate.Key}' is declared twice in event '{name.Value.Text}'", name.Value);
            return;
        }
        if (IsDeclared(name.Value)) return;
        if (_events.Any(e => e.Keyword == tokens[3].Text))
        {
            Report("PTG003", $"Event \"{tokens[3].Text}\" is declared twice", tokens[3]);
            return;
        }
        _events.Add(new EventModel(name.Value.Text, tokens[3].Text, positionals.ToEquatableArray(), keywords.ToEquatableArray(),
            sections.ToEquatableArray(), doc.ToEquatableArray()));
        _eventNames.Add(name.Value);
    }

    /// <summary>Reads <c>KEY:type ...</c>; the property is the key in PascalCase (<c>BUILD_FLAGS</c> → BuildFlags, <c>TimeStarted</c> kept).</summary>
    private bool ReadEventKeywords(SpecAttributeLine attribute, List<EventFieldModel> keywords)
    {
        var tokens = attribute.Tokens;
        for (int i = 0; i < tokens.Count; i += 3)
        {
            if (tokens[i].Kind != TokenKind.Word || !Names.IsKeywordText(tokens[i].Text) || i + 2 >= tokens.Count || !tokens[i + 1].Is(":"))
            {
                Report("PTG001", "Expected KEY:type pairs after 'keywords'", tokens[i]);
                return false;
            }
            string key = tokens[i].Text;
            string property = key.Any(char.IsLower) && !key.Contains('_') && !key.Contains('-') ? char.ToUpperInvariant(key[0]) + key.Substring(1) : Names.ToPascal(key);
            var field = ReadEventField(property, tokens[i].Text, tokens[i + 2], optional: true, camel: false, tokens[i]);
            if (field is null) return false;
            if (field.Type == EventFieldType.Text)
            {
                Report("PTG001", "A keyword's value is a token, number, qstring or enum, not text", tokens[i + 2]);
                return false;
            }
            keywords.Add(field);
        }
        if (tokens.Count == 0) Report("PTG001", "Expected KEY:type pairs after 'keywords'", attribute.Keyword);
        return tokens.Count > 0;
    }

    private EventFieldModel? ReadEventField(string name, string key, SpecToken typeToken, bool optional, bool camel, SpecToken at)
    {
        if (camel && !Names.IsCamelIdentifier(name))
        {
            Report("PTG001", $"Field name '{name}' must be camelCase (letters and digits, first a lower-case letter)", at);
            return null;
        }
        string property = camel ? Names.Property(name) : name;
        if (!Names.IsPascalIdentifier(property) || ReservedEventProperties.Contains(property) || property.StartsWith("Has", System.StringComparison.Ordinal))
        {
            Report("PTG003", $"Field '{name}' gives the property '{property}', which is not allowed (reserved or starting with Has)", at);
            return null;
        }
        if (EventFieldTypes.TryGetValue(typeToken.Text, out var type)) return new EventFieldModel(property, key, type, "", optional);
        _eventEnumReferences.Add((typeToken, typeToken.Text));
        return new EventFieldModel(property, key, EventFieldType.Enum, typeToken.Text, optional);
    }

    private void CheckEvents()
    {
        foreach (var e in _events)
        {
            string view = e.Name + "Event";
            if (_enums.Any(x => x.Name == view) || _messages.Any(m => m.Model.Name + "View" == view || m.Model.Name + "Message" == view) || _configs.Any(c => c.Name == view) || GeneratedMembers.Contains(view))
                Report("PTG003", $"Event '{e.Name}' would declare '{view}', which another declaration or the generated code already uses", _eventNames[_events.IndexOf(e)]);
        }
        foreach (var (token, enumName) in _eventEnumReferences)
        {
            if (!_enums.Any(e => e.Name == enumName)) Report("PTG002", enumName, token);
        }
    }
}
