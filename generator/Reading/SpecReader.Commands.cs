using System.Collections.Generic;
using System.Linq;
using PtToolkit.Generator.Model;

namespace PtToolkit.Generator.Reading;

internal sealed partial class SpecReader
{
    private static readonly Dictionary<string, CommandValueType> CommandValueTypes = new()
    {
        ["token"] = CommandValueType.Token,
        ["number"] = CommandValueType.Number,
        ["qstring"] = CommandValueType.QuotedString,
        ["hex"] = CommandValueType.Hex,
        ["secret"] = CommandValueType.Secret,
        ["list"] = CommandValueType.List,
        ["data"] = CommandValueType.Data,
    };

    private readonly List<(CommandModel Model, SpecToken Name)> _commands = new();

    private void ReadCommand(SpecDeclaration declaration)
    {
        var tokens = declaration.Definition;
        var name = ReadHeader(tokens, pascalCase: true);
        if (name is null) return;
        if (tokens.Count < 4 || tokens[3].Kind != TokenKind.String)
        {
            Report("PTG001", "Expected 'command <Name> = \"KEYWORD\" [argument ...]'", tokens.Count > 3 ? tokens[3] : name.Value);
            return;
        }
        var keywordToken = tokens[3];
        bool multiLine = keywordToken.Text.StartsWith("+", System.StringComparison.Ordinal);
        string keyword = multiLine ? keywordToken.Text.Substring(1) : keywordToken.Text;
        // §2.2: Keyword = 1*ALPHA; Tor's own keywords add digits and '_' (ADD_ONION), which the builder takes.
        if (keyword.Length == 0 || !keyword.All(c => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '_'))
        {
            Report("PTG009", $"The command keyword \"{keywordToken.Text}\" must be letters, digits and '_', with a '+' before it for a multi-line command", keywordToken);
            return;
        }
        var arguments = new List<(CommandArgumentModel Model, SpecToken At)>();
        int i = 4;
        while (i < tokens.Count)
        {
            var argument = ReadCommandArgument(tokens, ref i);
            if (argument is null) return;
            arguments.Add(argument.Value);
        }
        if (!CheckCommandArguments(keywordToken, multiLine, arguments)) return;

        bool sensitive = arguments.Any(a => a.Model.Type == CommandValueType.Secret);
        var sections = new List<string>();
        var doc = new List<string>();
        foreach (var attribute in declaration.Attributes)
        {
            if (TryReadDocAttribute(attribute, sections, doc)) continue;
            if (attribute.Keyword.Text != "sensitive")
            {
                Report("PTG008", attribute.Keyword.Text, attribute.Keyword);
                return;
            }
            if (attribute.Tokens.Count > 0)
            {
                Report("PTG001", "'sensitive' takes nothing after it", attribute.Tokens[0]);
                return;
            }
            sensitive = true;
        }
        // Commands have names of their own (their type is NameCommand): a command may share its name with an enum.
        if (_commands.Any(c => c.Model.Name == name.Value.Text))
        {
            Report("PTG003", $"Command '{name.Value.Text}' is declared twice", name.Value);
            return;
        }
        if (_commands.Any(c => c.Model.Keyword == keyword))
        {
            Report("PTG003", $"Command \"{keyword}\" is declared twice", keywordToken);
            return;
        }
        _commands.Add((new CommandModel(name.Value.Text, keyword, multiLine, sensitive, arguments.Select(a => a.Model).ToEquatableArray(),
            sections.ToEquatableArray(), doc.ToEquatableArray()), name.Value));
    }

    /// <summary>Reads one argument: <c>"WORD"</c>, <c>name:type</c>, <c>KEY=name:type</c> or <c>name:token=type</c>, maybe in <c>[ ]</c> or followed by <c>*</c> or <c>+</c>.</summary>
    private (CommandArgumentModel Model, SpecToken At)? ReadCommandArgument(List<SpecToken> tokens, ref int i)
    {
        var start = tokens[i];
        bool optional = start.Is("[");
        if (optional) i++;
        var argument = ReadCommandSingle(tokens, ref i, optional);
        if (argument is null) return null;
        var model = argument.Value.Model;
        if (optional)
        {
            if (i >= tokens.Count || !tokens[i].Is("]"))
            {
                Report("PTG001", "Expected ']' after an optional argument (one argument per '[ ]')", i < tokens.Count ? tokens[i] : tokens[i - 1]);
                return null;
            }
            i++;
            model = model with { Repeat = CommandRepeat.Optional };
        }
        if (i < tokens.Count && (tokens[i].Is("*") || tokens[i].Is("+")))
        {
            if (optional || model.Kind == CommandArgumentKind.Literal || model.Type is CommandValueType.Hex or CommandValueType.Secret or CommandValueType.Data)
            {
                Report("PTG009", $"Only token, number, qstring, list and pair arguments repeat, and not inside '[ ]'", tokens[i]);
                return null;
            }
            model = model with { Repeat = tokens[i].Is("*") ? CommandRepeat.ZeroOrMore : CommandRepeat.OneOrMore };
            i++;
        }
        return (model, argument.Value.At);
    }

    private (CommandArgumentModel Model, SpecToken At)? ReadCommandSingle(List<SpecToken> tokens, ref int i, bool optional)
    {
        var t = i < tokens.Count ? tokens[i] : tokens[tokens.Count - 1];
        if (i < tokens.Count && t.Kind == TokenKind.String)
        {
            i++;
            string parameter = t.Text.Length > 0 && Names.IsKeywordText(t.Text) ? Names.ToPascal(t.Text) : "";
            parameter = parameter.Length > 0 ? char.ToLowerInvariant(parameter[0]) + parameter.Substring(1) : "";
            if (!Names.IsCamelIdentifier(parameter))
            {
                Report("PTG009", $"A fixed argument \"{t.Text}\" is letters, digits, '-' or '_', the first a letter", t);
                return null;
            }
            return (new CommandArgumentModel(CommandArgumentKind.Literal, optional ? parameter : "", t.Text, CommandValueType.None, false, CommandRepeat.One), t);
        }
        if (i + 2 < tokens.Count && t.Kind == TokenKind.Word && tokens[i + 1].Is("=") && Names.IsKeywordText(t.Text))
        {
            i += 2;
            var keyed = ReadCommandValue(tokens, ref i, CommandArgumentKind.Keyed, t.Text);
            if (keyed is null) return null;
            if (keyed.Value.Model.Type is CommandValueType.Hex or CommandValueType.Secret or CommandValueType.Data)
            {
                Report("PTG009", "A KEY= argument takes a token, number, qstring or list", keyed.Value.TypeToken);
                return null;
            }
            return (keyed.Value.Model, t);
        }
        var value = ReadCommandValue(tokens, ref i, CommandArgumentKind.Value, "");
        if (value is null) return null;
        if (i >= tokens.Count || !(tokens[i].Is("=") || (tokens[i].Is("[") && i + 1 < tokens.Count && tokens[i + 1].Is("="))))
        {
            if (value.Value.Model.Type == CommandValueType.List)
            {
                Report("PTG009", "A list is written KEY=a,b,c: give it a key (KEY=name:list)", value.Value.TypeToken);
                return null;
            }
            return (value.Value.Model, t);
        }
        // name:token=type or name:token[=type]: a pair whose key the caller gives.
        bool valueOptional = tokens[i].Is("[");
        i += valueOptional ? 2 : 1;
        if (value.Value.Model.Type != CommandValueType.Token)
        {
            Report("PTG009", "The key of a pair is a token: name:token=type", value.Value.TypeToken);
            return null;
        }
        if (i >= tokens.Count || tokens[i].Kind != TokenKind.Word || !CommandValueTypes.TryGetValue(tokens[i].Text, out var valueType))
        {
            Report("PTG001", "Expected the type of the pair's value after '='", i < tokens.Count ? tokens[i] : tokens[i - 1]);
            return null;
        }
        if (valueType is not (CommandValueType.Token or CommandValueType.QuotedString))
        {
            Report("PTG009", "The value of a pair is a token or a qstring", tokens[i]);
            return null;
        }
        i++;
        if (valueOptional)
        {
            if (i >= tokens.Count || !tokens[i].Is("]"))
            {
                Report("PTG001", "Expected ']' to close the pair's optional value", i < tokens.Count ? tokens[i] : tokens[i - 1]);
                return null;
            }
            i++;
        }
        return (value.Value.Model with { Kind = CommandArgumentKind.Pair, Type = valueType, ValueOptional = valueOptional }, t);
    }

    /// <summary>Reads <c>name:type</c> with a built-in command type.</summary>
    private (CommandArgumentModel Model, SpecToken TypeToken)? ReadCommandValue(List<SpecToken> tokens, ref int i, CommandArgumentKind kind, string key)
    {
        var t = i < tokens.Count ? tokens[i] : tokens[tokens.Count - 1];
        if (i + 2 >= tokens.Count || t.Kind != TokenKind.Word || !tokens[i + 1].Is(":") || tokens[i + 2].Kind != TokenKind.Word)
        {
            Report("PTG001", $"Expected a command argument: \"WORD\", name:type, KEY=name:type or name:token=type, found '{t}'", t);
            return null;
        }
        if (!Names.IsCamelIdentifier(t.Text))
        {
            Report("PTG001", $"Argument name '{t.Text}' must be camelCase (letters and digits, first a lower-case letter)", t);
            return null;
        }
        var typeToken = tokens[i + 2];
        if (!CommandValueTypes.TryGetValue(typeToken.Text, out var type))
        {
            Report("PTG009", $"Unknown command argument type '{typeToken.Text}': token, number, qstring, hex, secret, list or data", typeToken);
            return null;
        }
        i += 3;
        return (new CommandArgumentModel(kind, t.Text, key, type, false, CommandRepeat.One), typeToken);
    }

    /// <summary>Names are unique; a data block is the last argument, exactly of a "+KEYWORD" command.</summary>
    private bool CheckCommandArguments(SpecToken keyword, bool multiLine, List<(CommandArgumentModel Model, SpecToken At)> arguments)
    {
        for (int i = 0; i < arguments.Count; i++)
        {
            var (model, at) = arguments[i];
            if (model.Parameter.Length > 0 && arguments.Take(i).Any(a => a.Model.Parameter == model.Parameter))
            {
                Report("PTG003", $"Argument '{model.Parameter}' is declared twice", at);
                return false;
            }
            if (model.Type == CommandValueType.Data && (i != arguments.Count - 1 || model.Repeat != CommandRepeat.One || !multiLine))
            {
                Report("PTG009", "A data argument is the last one, required, of a command written \"+KEYWORD\"", at);
                return false;
            }
        }
        if (multiLine && (arguments.Count == 0 || arguments[arguments.Count - 1].Model.Type != CommandValueType.Data))
        {
            Report("PTG009", $"A \"+KEYWORD\" command ends with its data argument (name:data)", keyword);
            return false;
        }
        return true;
    }

    private void CheckCommands()
    {
        foreach (var (model, name) in _commands)
        {
            string type = model.Name + "Command";
            if (_enums.Any(x => x.Name == type) || _messages.Any(m => m.Model.Name + "View" == type || m.Model.Name + "Message" == type)
                || _configs.Any(c => c.Name == type) || _events.Any(e => e.Name + "Event" == type) || GeneratedMembers.Contains(type))
                Report("PTG003", $"Command '{model.Name}' would declare '{type}', which another declaration or the generated code already uses", name);
        }
    }
}
