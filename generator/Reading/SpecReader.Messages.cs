using System.Collections.Generic;
using System.Linq;
using PtToolkit.Generator.Model;

namespace PtToolkit.Generator.Reading;

internal sealed partial class SpecReader
{
    /// <summary>Deeper nesting has no use in a line protocol and would only risk the stack of the compiler.</summary>
    private const int MaxGroupDepth = 8;

    private static readonly Dictionary<string, FieldType> BuiltInTypes = new()
    {
        ["token"] = FieldType.Token,
        ["keyword"] = FieldType.Keyword,
        ["text"] = FieldType.Text,
        ["version"] = FieldType.Version,
        ["port"] = FieldType.Port,
        ["number"] = FieldType.Number,
        ["host"] = FieldType.Host,
        ["ipport"] = FieldType.IpPort,
        ["hostport"] = FieldType.HostPort,
        ["qstring"] = FieldType.QuotedString,
        ["kvargs"] = FieldType.Args,
        ["kvline"] = FieldType.KeyValues,
    };

    /// <summary>Members every generated message has; a field may not take their names.</summary>
    private static readonly HashSet<string> ReservedProperties = new()
    {
        "Line", "Kind", "ToOwned", "TryParse", "TryFormat", "Write", "FormatLine", "WriteFields",
        "TryCreate", "Equals", "GetHashCode", "ToString", "EqualityContract", "Deconstruct", "Clone",
    };

    private void ReadMessage(SpecDeclaration declaration)
    {
        var tokens = declaration.Definition;
        var name = ReadHeader(tokens, pascalCase: true);
        if (name is null) return;
        int i = 3;
        var fields = new List<(ItemModel Item, SpecToken Token)>();
        var items = ReadItems(tokens, ref i, fields, closing: null, depth: 0);
        if (items is null) return;
        if (!CheckRule(name.Value, items, fields) || IsDeclared(name.Value)) return;

        var sections = ReadSections(declaration, allowMessageAttributes: true);
        var dialects = new List<string>();
        var streams = new List<DialectValue>();
        var exits = new List<DialectValue>();
        var doc = new List<string>();
        foreach (var attribute in declaration.Attributes)
        {
            switch (attribute.Keyword.Text)
            {
                case ">":
                    doc.Add(attribute.Rest);
                    break;
                case "dialects":
                    foreach (var t in attribute.Tokens) CheckDialect(t);
                    dialects.AddRange(attribute.Tokens.Select(t => t.Text));
                    break;
                case "stream":
                    streams.AddRange(ReadDialectValues(attribute, v => v is "stdout" or "stderr", "'stdout' or 'stderr'"));
                    break;
                case "exit":
                    exits.AddRange(ReadDialectValues(attribute, v => v == "any" || (int.TryParse(v, out int code) && code is >= 0 and <= 255), "an exit code 0-255 or 'any'"));
                    break;
                case "section":
                    break;
                default:
                    Report("PTG008", attribute.Keyword.Text, attribute.Keyword);
                    break;
            }
        }
        var model = new MessageModel(name.Value.Text, items.ToEquatableArray(), sections, dialects.ToEquatableArray(),
            streams.ToEquatableArray(), exits.ToEquatableArray(), doc.ToEquatableArray());
        _messages.Add((model, name.Value, fields));
    }

    /// <summary>Reads <c>value [in d...] ; value [in d...]</c>.</summary>
    private List<DialectValue> ReadDialectValues(SpecAttributeLine attribute, System.Func<string, bool> isValid, string expected)
    {
        var values = new List<DialectValue>();
        var tokens = attribute.Tokens;
        int i = 0;
        while (i < tokens.Count)
        {
            var value = tokens[i++];
            if (!isValid(value.Text))
            {
                Report("PTG001", $"Expected {expected}, found '{value}'", value);
                return values;
            }
            var dialects = ReadInDialects(tokens, ref i, ";");
            values.Add(new DialectValue(value.Text, dialects));
            if (i < tokens.Count && tokens[i].Is(";")) i++;
        }
        if (values.Count == 0) Report("PTG001", $"Expected {expected}", attribute.Keyword);
        return values;
    }

    /// <summary>Reads items until <paramref name="closing"/> (or the end of the definition when null).</summary>
    private List<ItemModel>? ReadItems(List<SpecToken> tokens, ref int i, List<(ItemModel, SpecToken)> fields, string? closing, int depth)
    {
        var items = new List<ItemModel>();
        while (i < tokens.Count && !(closing is not null && tokens[i].Is(closing)))
        {
            var t = tokens[i];
            if (t.Kind == TokenKind.String)
            {
                if (!IsLiteral(t)) return null;
                items.Add(ItemModel.Literal(new[] { t.Text }.ToEquatableArray()));
                i++;
            }
            else if (t.IsWord("SP"))
            {
                items.Add(ItemModel.Space);
                i++;
            }
            else if (t.Is("("))
            {
                var alternatives = ReadAlternatives(tokens, ref i);
                if (alternatives is null) return null;
                items.Add(ItemModel.Literal(alternatives.ToEquatableArray()));
            }
            else if (t.Is("["))
            {
                if (depth >= MaxGroupDepth)
                {
                    Report("PTG007", $"Optional groups nest at most {MaxGroupDepth} deep", t);
                    return null;
                }
                i++;
                var children = ReadItems(tokens, ref i, fields, "]", depth + 1);
                if (children is null) return null;
                if (i >= tokens.Count)
                {
                    Report("PTG001", "Expected ']' to close the optional group", t);
                    return null;
                }
                i++;
                items.Add(ItemModel.Optional(children.ToEquatableArray()));
            }
            else if (t.Kind == TokenKind.Word && i + 2 < tokens.Count && tokens[i + 1].Is(":") && tokens[i + 2].Kind == TokenKind.Word)
            {
                var typeToken = tokens[i + 2];
                if (!Names.IsCamelIdentifier(t.Text))
                {
                    Report("PTG001", $"Field name '{t.Text}' must be camelCase (letters and digits, first a lower-case letter)", t);
                    return null;
                }
                var field = BuiltInTypes.TryGetValue(typeToken.Text, out var type)
                    ? ItemModel.Field(t.Text, type, "")
                    : ItemModel.Field(t.Text, FieldType.Enum, typeToken.Text);
                fields.Add((field, typeToken));
                items.Add(field);
                i += 3;
            }
            else
            {
                Report("PTG001", $"Expected a \"literal\", SP, (\"a\" / \"b\"), [optional items] or name:type, found '{t}'", t);
                return null;
            }
        }
        return items;
    }

    private bool IsLiteral(SpecToken t)
    {
        if (Names.IsLiteralText(t.Text)) return true;
        Report("PTG001", $"Literal \"{t.Text}\" must be visible US-ASCII without spaces (write SP between words)", t);
        return false;
    }

    private List<string>? ReadAlternatives(List<SpecToken> tokens, ref int i)
    {
        var open = tokens[i++];
        var alternatives = new List<string>();
        while (true)
        {
            if (i >= tokens.Count || tokens[i].Kind != TokenKind.String)
            {
                Report("PTG001", "Expected (\"a\" / \"b\" ...): only literals may be alternatives", i < tokens.Count ? tokens[i] : open);
                return null;
            }
            if (!IsLiteral(tokens[i])) return null;
            alternatives.Add(tokens[i++].Text);
            if (i < tokens.Count && tokens[i].Is("/")) { i++; continue; }
            if (i < tokens.Count && tokens[i].Is(")")) { i++; return alternatives; }
            Report("PTG001", "Expected '/' or ')'", i < tokens.Count ? tokens[i] : open);
            return null;
        }
    }

    /// <summary>Names the generated code declares in the target class once per spec.</summary>
    private static readonly HashSet<string> GeneratedMembers = new()
    {
        "MessageKind", "Dialects", "IHandler", "ParseOutcome", "OwnedCollector", "Dispatch", "ParseOwned", "TryCreate",
        "StreamOf", "ExitOf", "DialectsOf", "WireVersionOf", "DialectOf", "TextOf", "Grammar", "BuildGrammar", "Parameters",
        "EventKind", "IEventHandler", "DispatchEvent", "EventKindOf", "EventHandlerBase", "EventFieldsHandler", "WriteEventFields",
        "EventGrammar",
    };

    /// <summary>Reports spec names whose generated C# names would collide with each other or with the fixed members.</summary>
    private void CheckGeneratedNames()
    {
        var taken = new HashSet<string>(GeneratedMembers);
        foreach (var name in _enumNames)
        {
            foreach (var generated in new[] { name.Text, "Parse" + name.Text, name.Text + "FromText" })
            {
                if (!taken.Add(generated)) Report("PTG003", $"Enum '{name.Text}' would declare '{generated}', which another declaration or the generated code already uses", name);
            }
        }
        foreach (var (model, name, fields) in _messages)
        {
            if (model.Name == "Unknown") Report("PTG003", "'Unknown' is reserved: MessageKind.Unknown names lines of no message", name);
            foreach (var generated in new[] { model.Name + "View", model.Name + "Message" })
            {
                if (!taken.Add(generated)) Report("PTG003", $"Message '{model.Name}' would declare '{generated}', which another declaration or the generated code already uses", name);
                foreach (var (field, token) in fields)
                {
                    if (Names.Property(field.FieldName) == generated) Report("PTG003", $"Field '{field.FieldName}' would be named like its type '{generated}'", token);
                }
            }
        }
    }

    private void CheckReferences()
    {
        CheckGeneratedNames();
        CheckParams();
        CheckEvents();
        CheckCommands();
        CheckReplies();
        foreach (var (_, _, fields) in _messages)
        {
            foreach (var (field, typeToken) in fields)
            {
                if (field.FieldType == FieldType.Enum && !_enums.Any(e => e.Name == field.EnumName)) Report("PTG002", field.EnumName, typeToken);
            }
        }
    }
}
