using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis.Text;
using PtToolkit.Generator.Model;

namespace PtToolkit.Generator.Reading;

/// <summary>
/// Reads a spec file (the language of spec/README.md) into an equatable <see cref="SpecModel"/> plus
/// diagnostics located at the spec's line and column. Never throws on any input.
/// </summary>
internal sealed partial class SpecReader
{
    private static readonly string[] AttributeWords = { "section", "stream", "exit", "dialects", "env", "flag", "side", "rules", "keywords", "sensitive", "line" };

    private const int MaxDialects = 30;

    private readonly string _path;
    private readonly SourceText _text;
    private readonly List<DiagnosticInfo> _diagnostics = new();
    private readonly List<DialectModel> _dialects = new();
    private readonly List<EnumModel> _enums = new();
    private readonly List<SpecToken> _enumNames = new();
    private readonly List<(MessageModel Model, SpecToken Name, List<(ItemModel Item, SpecToken Token)> Fields)> _messages = new();

    private SpecReader(string path, SourceText text)
    {
        _path = path;
        _text = text;
    }

    public static SpecReadResult Read(string path, SourceText text, CancellationToken cancellationToken)
    {
        var reader = new SpecReader(path, text);
        foreach (var declaration in reader.SplitDeclarations(cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            reader.ReadDeclaration(declaration);
        }
        reader.CheckReferences();
        var diagnostics = reader._diagnostics.ToEquatableArray();
        var model = diagnostics.Count > 0 ? null : new SpecModel(
            reader._dialects.ToEquatableArray(),
            reader._enums.ToEquatableArray(),
            reader._messages.Select(m => m.Model).ToEquatableArray(),
            reader._configs.ToEquatableArray(),
            reader._params.Select(p => p.Model).ToEquatableArray(),
            reader._events.ToEquatableArray(),
            reader._commands.Select(c => c.Model).ToEquatableArray(),
            reader._replies.ToEquatableArray());
        return new SpecReadResult(path, model, diagnostics);
    }

    private void Report(string id, string argument, SpecToken at)
    {
        int length = Math.Max(1, at.Kind == TokenKind.String ? at.Text.Length + 2 : at.Text.Length);
        _diagnostics.Add(new DiagnosticInfo(id, argument, _path, new TextSpan(at.Offset, length),
            new LinePositionSpan(new LinePosition(at.Line, at.Column), new LinePosition(at.Line, at.Column + length))));
    }

    private void ReportAt(string id, string argument, int line, int column, int offset) =>
        Report(id, argument, new SpecToken(TokenKind.Punct, "", offset, line, column));

    private List<SpecDeclaration> SplitDeclarations(CancellationToken cancellationToken)
    {
        var declarations = new List<SpecDeclaration>();
        SpecDeclaration? current = null;
        foreach (var line in _text.Lines)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string raw = line.ToString();
            int number = line.LineNumber;
            string trimmed = raw.TrimStart(' ', '\t');
            int indent = raw.Length - trimmed.Length;
            if (trimmed.StartsWith(">", StringComparison.Ordinal))
            {
                if (current is null || indent == 0)
                {
                    ReportAt("PTG001", "A '>' doc line must be indented under a declaration", number, indent, line.Start + indent);
                    continue;
                }
                var doc = new SpecToken(TokenKind.Punct, ">", line.Start + indent, number, indent);
                current.Attributes.Add(new SpecAttributeLine(doc, trimmed.Substring(1).Trim(), new List<SpecToken>()));
                continue;
            }
            int comment = SpecLexer.CommentStart(raw);
            string content = comment >= 0 ? raw.Substring(0, comment) : raw;
            if (content.Trim().Length == 0) continue;
            var tokens = new List<SpecToken>();
            if (!SpecLexer.TryTokenize(content, line.Start, number, tokens, out int column, out string error))
            {
                ReportAt("PTG001", error, number, column, line.Start + column);
                continue;
            }
            if (indent == 0)
            {
                current = new SpecDeclaration();
                declarations.Add(current);
                current.Definition.AddRange(tokens);
            }
            else if (current is null)
            {
                Report("PTG001", "An indented line must follow a declaration", tokens[0]);
            }
            else if (tokens[0].Kind == TokenKind.Word && AttributeWords.Contains(tokens[0].Text))
            {
                int restStart = tokens[0].Column + tokens[0].Text.Length;
                current.Attributes.Add(new SpecAttributeLine(tokens[0], content.Substring(restStart).Trim(), tokens.Skip(1).ToList()));
            }
            else if (current.Attributes.Count > 0)
            {
                Report("PTG008", tokens[0].Text, tokens[0]);
            }
            else
            {
                current.Definition.AddRange(tokens);
            }
        }
        return declarations;
    }

    private void ReadDeclaration(SpecDeclaration declaration)
    {
        var first = declaration.Definition[0];
        switch (first.Kind == TokenKind.Word ? first.Text : "")
        {
            case "dialect":
                ReadDialect(declaration);
                break;
            case "enum":
                ReadEnum(declaration);
                break;
            case "message":
                ReadMessage(declaration);
                break;
            case "config":
                ReadConfig(declaration);
                break;
            case "param":
                ReadParam(declaration);
                break;
            case "event":
                ReadEvent(declaration);
                break;
            case "command":
                ReadCommand(declaration);
                break;
            case "reply":
                ReadReply(declaration);
                break;
            default:
                Report("PTG001", $"Expected 'dialect', 'enum', 'message', 'config', 'param', 'event', 'command' or 'reply', found '{first}'", first);
                break;
        }
    }

    /// <summary>Reads <c>keyword Name =</c> and returns the name token, or null after reporting.</summary>
    private SpecToken? ReadHeader(List<SpecToken> tokens, bool pascalCase)
    {
        var keyword = tokens[0];
        if (tokens.Count < 3 || tokens[1].Kind != TokenKind.Word || !tokens[2].Is("="))
        {
            Report("PTG001", $"Expected '{keyword.Text} <Name> = ...'", tokens.Count > 1 ? tokens[1] : keyword);
            return null;
        }
        var name = tokens[1];
        if (pascalCase && !Names.IsPascalIdentifier(name.Text))
        {
            Report("PTG001", $"'{name.Text}' is not a PascalCase identifier (letters and digits, first an upper-case letter)", name);
            return null;
        }
        return name;
    }

    private void ReadDialect(SpecDeclaration declaration)
    {
        var tokens = declaration.Definition;
        var name = ReadHeader(tokens, pascalCase: false);
        if (name is null) return;
        if (tokens.Count != 4 || tokens[3].Kind != TokenKind.String || tokens[3].Text.Length == 0)
        {
            Report("PTG001", "Expected 'dialect <version> = \"<wire version>\"'", tokens[tokens.Count > 3 ? 3 : 0]);
            return;
        }
        string identifier = "V" + name.Value.Text.Replace('.', '_').Replace('-', '_');
        if (!Names.IsPascalIdentifier(identifier))
        {
            Report("PTG001", $"Dialect name '{name.Value.Text}' must be letters, digits and dots", name.Value);
            return;
        }
        if (_dialects.Any(d => d.Name == name.Value.Text || d.Identifier == identifier))
        {
            Report("PTG003", $"Dialect '{name.Value.Text}' is declared twice (as {identifier})", name.Value);
            return;
        }
        if (_dialects.Count == MaxDialects)
        {
            Report("PTG001", $"A spec declares at most {MaxDialects} dialects (they are bits of one flags value)", name.Value);
            return;
        }
        foreach (var attribute in declaration.Attributes) Report("PTG008", attribute.Keyword.Text, attribute.Keyword);
        _dialects.Add(new DialectModel(name.Value.Text, identifier, tokens[3].Text));
    }

    private void ReadEnum(SpecDeclaration declaration)
    {
        var tokens = declaration.Definition;
        var name = ReadHeader(tokens, pascalCase: true);
        if (name is null) return;
        var members = new List<EnumMemberModel>();
        int i = 3;
        while (true)
        {
            var member = ReadEnumMember(tokens, ref i);
            if (member is null) return;
            if (members.Any(m => m.Name == member.Name || m.Text == member.Text))
            {
                Report("PTG003", $"Enum member '{member.Name}' (\"{member.Text}\") is declared twice", tokens[i - 1]);
                return;
            }
            members.Add(member);
            if (i >= tokens.Count) break;
            if (!tokens[i].Is("|"))
            {
                Report("PTG001", $"Expected '|' between enum members, found '{tokens[i]}'", tokens[i]);
                return;
            }
            i++;
        }
        if (IsDeclared(name.Value)) return;
        var sections = ReadSections(declaration, allowMessageAttributes: false);
        _enums.Add(new EnumModel(name.Value.Text, members.ToEquatableArray(), sections));
        _enumNames.Add(name.Value);
    }

    private EnumMemberModel? ReadEnumMember(List<SpecToken> tokens, ref int i)
    {
        string? explicitName = null;
        if (i < tokens.Count && tokens[i].Kind == TokenKind.Word)
        {
            if (!Names.IsPascalIdentifier(tokens[i].Text) || tokens[i].Text == "Unknown")
            {
                Report("PTG001", $"Enum member name '{tokens[i].Text}' must be a PascalCase identifier other than Unknown", tokens[i]);
                return null;
            }
            explicitName = tokens[i++].Text;
        }
        if (i >= tokens.Count || tokens[i].Kind != TokenKind.String)
        {
            Report("PTG001", "Expected an enum member: [Name] \"text\" [in <dialects>]", i < tokens.Count ? tokens[i] : tokens[tokens.Count - 1]);
            return null;
        }
        var text = tokens[i++];
        if (!Names.IsKeywordText(text.Text))
        {
            Report("PTG001", $"Enum text \"{text.Text}\" must be US-ASCII letters, digits, '-' or '_'", text);
            return null;
        }
        string memberName = explicitName ?? Names.ToPascal(text.Text);
        if (memberName == "Unknown" || !Names.IsPascalIdentifier(memberName))
        {
            Report("PTG001", $"Give enum member \"{text.Text}\" an explicit name: Name \"{text.Text}\"", text);
            return null;
        }
        var dialects = ReadInDialects(tokens, ref i, "|");
        return new EnumMemberModel(memberName, text.Text, dialects);
    }

    /// <summary>Reads an optional <c>in d1 d2 ...</c> clause, up to <paramref name="stop"/> or the end.</summary>
    private EquatableArray<string> ReadInDialects(List<SpecToken> tokens, ref int i, string stop)
    {
        if (i >= tokens.Count || !tokens[i].IsWord("in")) return EquatableArray<string>.Empty;
        i++;
        var dialects = new List<string>();
        while (i < tokens.Count && !tokens[i].Is(stop))
        {
            dialects.Add(tokens[i].Text);
            CheckDialect(tokens[i]);
            i++;
        }
        if (dialects.Count == 0) Report("PTG001", "Expected dialects after 'in'", tokens[i - 1]);
        return dialects.ToEquatableArray();
    }

    private void CheckDialect(SpecToken token)
    {
        if (!_dialects.Any(d => d.Name == token.Text)) Report("PTG004", token.Text, token);
    }

    private bool IsDeclared(SpecToken name)
    {
        if (_enums.Any(e => e.Name == name.Text) || _messages.Any(m => m.Model.Name == name.Text) || _configs.Any(c => c.Name == name.Text) || _events.Any(e => e.Name == name.Text))
        {
            Report("PTG003", $"'{name.Text}' is declared twice", name);
            return true;
        }
        return false;
    }

    private EquatableArray<string> ReadSections(SpecDeclaration declaration, bool allowMessageAttributes)
    {
        var sections = new List<string>();
        foreach (var attribute in declaration.Attributes)
        {
            if (attribute.Keyword.IsWord("section"))
            {
                sections.AddRange(attribute.Rest.Split(';').Select(s => s.Trim()).Where(s => s.Length > 0));
            }
            else if (!allowMessageAttributes)
            {
                Report("PTG008", attribute.Keyword.Text, attribute.Keyword);
            }
        }
        return sections.ToEquatableArray();
    }

    /// <summary>
    /// Takes a <c>section</c> line (its <c>;</c>-separated sections) or a <c>&gt;</c> doc line; false for any other
    /// attribute, which the declaration reads itself.
    /// </summary>
    private static bool TryReadDocAttribute(SpecAttributeLine attribute, List<string> sections, List<string> doc)
    {
        switch (attribute.Keyword.Text)
        {
            case ">":
                doc.Add(attribute.Rest);
                return true;
            case "section":
                sections.AddRange(attribute.Rest.Split(';').Select(s => s.Trim()).Where(s => s.Length > 0));
                return true;
            default:
                return false;
        }
    }
}
