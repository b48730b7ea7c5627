using System.Linq;
using PtToolkit.Generator.Model;

namespace PtToolkit.Generator.Emitting;

/// <summary>
/// How one parameter appears in generated C#: its property type, whether it is a value type, the
/// PtConfigValues grammar it uses, and the names of its locals in a binder.
/// </summary>
internal sealed class ParamCode
{
    private const string Cfg = "global::PtToolkit.Config.";
    private const string Txt = "global::PtToolkit.Text.";
    private const string Gen = "global::System.Collections.Generic.";

    public ParamCode(ParamModel model, SpecModel spec, string outer)
    {
        Model = model;
        var e = spec.Enums.FirstOrDefault(x => x.Name == model.EnumName);
        EnumTexts = e is null ? new string[0] : e.Members.Select(x => x.Text).ToArray();
        DefaultMember = e?.Members.FirstOrDefault(x => x.Text == model.Default)?.Name ?? "";
        (Type, IsValueType, Grammar, Equality) = model.Type switch
        {
            ParamType.Versions => (Gen + "IReadOnlyList<string>", false, "Versions", "List"),
            ParamType.Transports => (Gen + "IReadOnlyList<string>", false, "Transports", "List"),
            ParamType.Transport => ("string", false, "Transport", ""),
            ParamType.Path => ("string", false, "Path", ""),
            ParamType.Switch => ("bool", true, "Switch", ""),
            ParamType.Endpoint => (Txt + "PtEndpoint", true, "Endpoint", ""),
            ParamType.Ip => ("global::System.Net.IPAddress", false, "Ip", ""),
            ParamType.Port => ("ushort", true, "Port", ""),
            ParamType.Proxy => (Cfg + "PtProxy", false, "Proxy", ""),
            ParamType.BindAddresses => (Gen + "IReadOnlyList<" + Cfg + "PtBindAddress>", false, "BindAddresses", "List"),
            ParamType.OrPort => (Txt + "PtEndpoint", true, "OrPort", ""),
            ParamType.Target => (Txt + "PtEndpoint", true, "Target", ""),
            ParamType.Host => ("string", false, "Host", ""),
            ParamType.Options => (Gen + "IReadOnlyDictionary<string, " + Txt + "PtKeyValueList>", false, "Options", "Options"),
            ParamType.Ipv4 => ("global::System.Net.IPAddress", false, "Ipv4", ""),
            ParamType.Ipv6 => ("global::System.Net.IPAddress", false, "Ipv6", ""),
            ParamType.Text => ("string", false, "Text", ""),
            _ => (outer + "." + model.EnumName, true, "", ""),
        };
    }

    public ParamModel Model { get; }

    /// <summary>The wire texts of the parameter's enum, or none.</summary>
    public string[] EnumTexts { get; }

    /// <summary>The enum member named by the default, or empty.</summary>
    public string DefaultMember { get; }

    public string Name => Model.Name;

    /// <summary>The C# type of a present value.</summary>
    public string Type { get; }

    public bool IsValueType { get; }

    /// <summary>The suffix of PtConfigValues.TryParseX / FormatX; empty for enums.</summary>
    public string Grammar { get; }

    /// <summary>"List", "Options" or "" (EqualityComparer).</summary>
    public string Equality { get; }

    public bool IsSwitch => Model.Type == ParamType.Switch;

    public bool IsEnum => Model.Type == ParamType.Enum;

    public bool HasDefault => Model.Default.Length > 0;

    /// <summary>Required with no stand-in: the property is C# <c>required</c> and never null.</summary>
    public bool IsAlwaysPresent => Model.Required && Model.RequiredUnless.Count == 0;

    /// <summary>The property holds a value even when the parameter is absent (false, or the default).</summary>
    public bool IsNeverNull => IsAlwaysPresent || IsSwitch || HasDefault;

    /// <summary>An empty value is no value (spec/pt-config.spec).</summary>
    public bool EmptyIsNone => Model.Type is ParamType.OrPort or ParamType.Target or ParamType.Ipv4 or ParamType.Ipv6 or ParamType.Path;

    public string PropertyType => IsNeverNull ? Type : Type + "?";

    /// <summary><c>"VARIABLE|-flag"</c>, the form PtConfigRules takes.</summary>
    public string Names => Model.Env + "|" + Model.Flag;

    public string Raw => "r" + Name;

    public string Has => "h" + Name;

    public string ShownName => "n" + Name;

    public string Value => "v" + Name;

    public string FlagSlot => "f" + Name;
}
