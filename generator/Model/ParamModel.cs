namespace PtToolkit.Generator.Model;

/// <summary><c>config Name = common client</c>: a configuration type made of the parameters of some sides.</summary>
internal sealed record ConfigModel(string Name, EquatableArray<string> Sides, EquatableArray<string> Doc);

/// <summary>
/// <c>param Name : type</c>: one configuration parameter, with its environment variable and flag names
/// (empty when it has none), its side, its presence rules and its default (wire text, empty for none).
/// <see cref="RequiredUnless"/> names the parameters any of which may stand in for a required one.
/// </summary>
internal sealed record ParamModel(
    string Name,
    ParamType Type,
    string EnumName,
    string Env,
    string Flag,
    string Side,
    bool Required,
    EquatableArray<string> RequiredUnless,
    EquatableArray<string> Requires,
    EquatableArray<string> Conflicts,
    string Default,
    EquatableArray<string> Sections,
    EquatableArray<string> Doc);

/// <summary>The value grammars of configuration parameters (spec/README.md, runtime/Config).</summary>
internal enum ParamType
{
    Versions,
    Transports,
    Transport,
    Path,
    Switch,
    Endpoint,
    Ip,
    Port,
    Proxy,
    BindAddresses,
    OrPort,
    Target,
    Host,
    Options,
    Ipv4,
    Ipv6,
    Text,
    Enum,
}
