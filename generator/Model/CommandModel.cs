namespace PtToolkit.Generator.Model;

/// <summary>
/// <c>command Name = "KEYWORD" argument...</c>: one command a controller sends (control-spec §2.2, §3), its
/// arguments in order. <see cref="MultiLine"/> when the keyword is written <c>"+KEYWORD"</c> and the last
/// argument is the data block; <see cref="Sensitive"/> when an argument may carry a secret.
/// </summary>
internal sealed record CommandModel(
    string Name,
    string Keyword,
    bool MultiLine,
    bool Sensitive,
    EquatableArray<CommandArgumentModel> Arguments,
    EquatableArray<string> Sections,
    EquatableArray<string> Doc);

/// <summary>
/// One argument of a command: a fixed word (<see cref="Key"/> holds it; optional ones are a <c>bool</c>
/// parameter), a value (<c>name:type</c>), a value under a fixed key (<c>KEY=name:type</c>), or a pair whose
/// key the caller gives (<c>name:token=type</c>, the value maybe optional). <see cref="Parameter"/> is the
/// camelCase C# parameter.
/// </summary>
internal sealed record CommandArgumentModel(
    CommandArgumentKind Kind,
    string Parameter,
    string Key,
    CommandValueType Type,
    bool ValueOptional,
    CommandRepeat Repeat);

/// <summary>The shapes of command arguments (spec/README.md).</summary>
internal enum CommandArgumentKind
{
    Literal,
    Value,
    Keyed,
    Pair,
}

/// <summary>The value types of command arguments (spec/README.md).</summary>
internal enum CommandValueType
{
    None,
    Token,
    Number,
    QuotedString,
    Hex,
    Secret,
    List,
    Data,
}

/// <summary>How often an argument is written: once, at most once (<c>[ ]</c>), any number of times (<c>*</c>), at least once (<c>+</c>).</summary>
internal enum CommandRepeat
{
    One,
    Optional,
    ZeroOrMore,
    OneOrMore,
}
