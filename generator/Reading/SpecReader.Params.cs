using System.Collections.Generic;
using System.Linq;
using PtToolkit.Generator.Model;

namespace PtToolkit.Generator.Reading;

internal sealed partial class SpecReader
{
    private static readonly Dictionary<string, ParamType> ParamTypes = new()
    {
        ["versions"] = ParamType.Versions,
        ["transports"] = ParamType.Transports,
        ["transport"] = ParamType.Transport,
        ["path"] = ParamType.Path,
        ["switch"] = ParamType.Switch,
        ["endpoint"] = ParamType.Endpoint,
        ["ip"] = ParamType.Ip,
        ["port"] = ParamType.Port,
        ["proxy"] = ParamType.Proxy,
        ["bindaddrs"] = ParamType.BindAddresses,
        ["orport"] = ParamType.OrPort,
        ["target"] = ParamType.Target,
        ["host"] = ParamType.Host,
        ["options"] = ParamType.Options,
        ["ipv4"] = ParamType.Ipv4,
        ["ipv6"] = ParamType.Ipv6,
        ["text"] = ParamType.Text,
    };

    private static readonly string[] Sides = { "common", "client", "server" };

    /// <summary>The members every generated configuration type has; a parameter may not take their names.</summary>
    private static readonly HashSet<string> ReservedParams = new()
    {
        "Bind", "TryBind", "ToEnvironment", "ToArguments", "Parameters", "Equals", "GetHashCode", "ToString",
        "EqualityContract", "Deconstruct", "Clone", "PrintMembers", "Validate", "OnBound", "Variables", "ReadVariables", "TakeVariable",
    };

    private readonly List<ConfigModel> _configs = new();
    private readonly List<SpecToken> _configNames = new();
    private readonly List<(ParamModel Model, SpecToken Name, List<SpecToken> References)> _params = new();

    private void ReadConfig(SpecDeclaration declaration)
    {
        var tokens = declaration.Definition;
        var name = ReadHeader(tokens, pascalCase: true);
        if (name is null) return;
        var sides = new List<string>();
        foreach (var t in tokens.Skip(3))
        {
            if (t.Kind != TokenKind.Word || !Sides.Contains(t.Text) || sides.Contains(t.Text))
            {
                Report("PTG001", $"Expected the sides of the config, each once: common, client or server; found '{t}'", t);
                return;
            }
            sides.Add(t.Text);
        }
        if (sides.Count == 0)
        {
            Report("PTG001", "Expected 'config <Name> = <side> ...' with common, client or server", name.Value);
            return;
        }
        if (IsDeclared(name.Value)) return;
        var doc = new List<string>();
        foreach (var attribute in declaration.Attributes)
        {
            if (attribute.Keyword.Text == ">") doc.Add(attribute.Rest);
            else Report("PTG008", attribute.Keyword.Text, attribute.Keyword);
        }
        _configs.Add(new ConfigModel(name.Value.Text, sides.ToEquatableArray(), doc.ToEquatableArray()));
        _configNames.Add(name.Value);
    }

    private void ReadParam(SpecDeclaration declaration)
    {
        var tokens = declaration.Definition;
        if (tokens.Count != 4 || tokens[1].Kind != TokenKind.Word || !tokens[2].Is(":") || tokens[3].Kind != TokenKind.Word)
        {
            Report("PTG001", "Expected 'param <Name> : <type>'", tokens.Count > 1 ? tokens[1] : tokens[0]);
            return;
        }
        var name = tokens[1];
        if (!Names.IsPascalIdentifier(name.Text))
        {
            Report("PTG001", $"'{name.Text}' is not a PascalCase identifier (letters and digits, first an upper-case letter)", name);
            return;
        }
        if (ReservedParams.Contains(name.Text))
        {
            Report("PTG003", $"Parameter name '{name.Text}' is reserved", name);
            return;
        }
        var typeToken = tokens[3];
        ParamType type = ParamTypes.TryGetValue(typeToken.Text, out var builtIn) ? builtIn : ParamType.Enum;
        string enumName = type == ParamType.Enum ? typeToken.Text : "";

        string env = "", flag = "", side = "", defaultText = "";
        bool required = false;
        var unless = new List<string>();
        var requires = new List<string>();
        var conflicts = new List<string>();
        var references = new List<SpecToken>();
        var doc = new List<string>();
        var sections = new List<string>();
        foreach (var attribute in declaration.Attributes)
        {
            if (TryReadDocAttribute(attribute, sections, doc)) continue;
            switch (attribute.Keyword.Text)
            {
                case "env":
                    if (!ReadSingle(attribute, IsEnvName, "an environment variable name (A-Z, 0-9, '_')", ref env)) return;
                    break;
                case "flag":
                    if (!ReadSingle(attribute, IsFlagName, "a flag: '-' then letters, digits or '-'", ref flag)) return;
                    break;
                case "side":
                    if (!ReadSingle(attribute, s => Sides.Contains(s), "common, client or server", ref side)) return;
                    break;
                case "rules":
                    if (!ReadRules(attribute, ref required, unless, requires, conflicts, references, ref defaultText)) return;
                    break;
                default:
                    Report("PTG008", attribute.Keyword.Text, attribute.Keyword);
                    return;
            }
        }
        if (env.Length == 0 && flag.Length == 0)
        {
            Report("PTG001", $"Parameter '{name.Text}' needs an 'env' name, a 'flag' name or both", name);
            return;
        }
        if (side.Length == 0)
        {
            Report("PTG001", $"Parameter '{name.Text}' needs a 'side' (common, client or server)", name);
            return;
        }
        if (required && defaultText.Length > 0)
        {
            Report("PTG001", $"Parameter '{name.Text}' is required and cannot have a default", name);
            return;
        }
        if (_params.Any(p => p.Model.Name == name.Text))
        {
            Report("PTG003", $"Parameter '{name.Text}' is declared twice", name);
            return;
        }
        var clash = _params.FirstOrDefault(p => SharesSide(p.Model.Side, side)
            && ((env.Length > 0 && p.Model.Env == env) || (flag.Length > 0 && p.Model.Flag == flag)));
        if (clash.Model is not null)
        {
            Report("PTG003", $"Parameter '{name.Text}' takes a name of '{clash.Model.Name}', and a config may hold both", name);
            return;
        }
        var model = new ParamModel(name.Text, type, enumName, env, flag, side, required, unless.ToEquatableArray(),
            requires.ToEquatableArray(), conflicts.ToEquatableArray(), defaultText, sections.ToEquatableArray(), doc.ToEquatableArray());
        _params.Add((model, typeToken, references));
    }

    private static bool SharesSide(string a, string b) => a == b || a == "common" || b == "common";

    private static bool IsEnvName(string s) => s.Length > 0 && s.All(c => c is >= 'A' and <= 'Z' or >= '0' and <= '9' or '_') && s[0] is >= 'A' and <= 'Z';

    private static bool IsFlagName(string s) =>
        s.Length > 1 && s[0] == '-' && s[1] != '-' && s.Skip(1).All(c => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '-');

    private bool ReadSingle(SpecAttributeLine attribute, System.Func<string, bool> isValid, string expected, ref string value)
    {
        if (value.Length > 0 || attribute.Tokens.Count != 1 || attribute.Tokens[0].Kind != TokenKind.Word || !isValid(attribute.Tokens[0].Text))
        {
            Report("PTG001", $"'{attribute.Keyword.Text}' takes {expected}, once", attribute.Tokens.Count > 0 ? attribute.Tokens[0] : attribute.Keyword);
            return false;
        }
        value = attribute.Tokens[0].Text;
        return true;
    }

    /// <summary>Reads <c>required [unless P ...]; requires P ...; conflicts P ...; default TEXT</c>.</summary>
    private bool ReadRules(SpecAttributeLine attribute, ref bool required, List<string> unless, List<string> requires,
        List<string> conflicts, List<SpecToken> references, ref string defaultText)
    {
        var tokens = attribute.Tokens;
        int i = 0;
        while (i < tokens.Count)
        {
            var rule = tokens[i++];
            var names = new List<SpecToken>();
            while (i < tokens.Count && !tokens[i].Is(";")) names.Add(tokens[i++]);
            if (i < tokens.Count) i++;
            switch (rule.Kind == TokenKind.Word ? rule.Text : "")
            {
                case "required":
                    required = true;
                    if (names.Count > 0)
                    {
                        if (!names[0].IsWord("unless") || names.Count == 1)
                        {
                            Report("PTG001", "Expected 'required' or 'required unless <Param> ...'", names[0]);
                            return false;
                        }
                        names.RemoveAt(0);
                        if (!AddReferences(names, unless, references)) return false;
                    }
                    break;
                case "requires":
                    if (!AddReferences(names, requires, references)) return false;
                    break;
                case "conflicts":
                    if (!AddReferences(names, conflicts, references)) return false;
                    break;
                case "default":
                    if (names.Count != 1 || names[0].Kind == TokenKind.Punct)
                    {
                        Report("PTG001", "Expected 'default <value>': one word or \"string\"", names.Count > 0 ? names[0] : rule);
                        return false;
                    }
                    defaultText = names[0].Text;
                    break;
                default:
                    Report("PTG001", $"Expected a rule (required, requires, conflicts, default), found '{rule}'", rule);
                    return false;
            }
        }
        return true;
    }

    private bool AddReferences(List<SpecToken> names, List<string> into, List<SpecToken> references)
    {
        if (names.Count == 0 || names.Any(n => n.Kind != TokenKind.Word || !Names.IsPascalIdentifier(n.Text)))
        {
            Report("PTG001", "Expected one or more parameter names", names.Count > 0 ? names.First(n => n.Kind != TokenKind.Word || !Names.IsPascalIdentifier(n.Text)) : default);
            return false;
        }
        into.AddRange(names.Select(n => n.Text));
        references.AddRange(names);
        return true;
    }

    /// <summary>Rules name declared parameters, enum types exist, and defaults are values of their type.</summary>
    private void CheckParams()
    {
        foreach (var (model, typeToken, references) in _params)
        {
            foreach (var reference in references)
            {
                if (!_params.Any(p => p.Model.Name == reference.Text) || reference.Text == model.Name)
                    Report("PTG001", $"'{reference.Text}' is not another parameter of this spec", reference);
            }
            if (model.Type == ParamType.Enum)
            {
                var e = _enums.FirstOrDefault(x => x.Name == model.EnumName);
                if (e is null) Report("PTG002", model.EnumName, typeToken);
                else if (model.Default.Length > 0 && !e.Members.Any(m => m.Text == model.Default))
                    Report("PTG001", $"Default '{model.Default}' is not a value of {model.EnumName}", typeToken);
            }
            else if (model.Default.Length > 0)
            {
                Report("PTG001", $"Only enum parameters take a default; '{model.Name}' is optional instead", typeToken);
            }
        }
        if (_params.Count > 0 && _configs.Count == 0)
            Report("PTG001", "Parameters need a 'config <Name> = <sides>' declaration to go into", _params[0].Name);
        foreach (var config in _configs)
        {
            if (GeneratedMembers.Contains(config.Name) || _params.Any(p => p.Model.Name == config.Name))
                Report("PTG003", $"Config '{config.Name}' has the name of a generated member or of a parameter", _configNames[_configs.IndexOf(config)]);
        }
    }
}
