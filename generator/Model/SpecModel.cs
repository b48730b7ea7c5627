namespace PtToolkit.Generator.Model;

/// <summary>A spec file as read: what the emitter needs, without positions (a comment-only edit leaves it equal).</summary>
internal sealed record SpecModel(
    EquatableArray<DialectModel> Dialects,
    EquatableArray<EnumModel> Enums,
    EquatableArray<MessageModel> Messages,
    EquatableArray<ConfigModel> Configs,
    EquatableArray<ParamModel> Params,
    EquatableArray<EventModel> Events,
    EquatableArray<CommandModel> Commands,
    EquatableArray<ReplyModel> Replies);

/// <summary><c>dialect 1.0 = "1"</c>: a protocol version and the text that names it on the wire.</summary>
internal sealed record DialectModel(string Name, string Identifier, string WireVersion);

/// <summary>An enumeration: its members keep their wire text; unknown values are kept by the parsers.</summary>
internal sealed record EnumModel(string Name, EquatableArray<EnumMemberModel> Members, EquatableArray<string> Sections);

/// <summary>One enumeration member; <see cref="Dialects"/> empty means every dialect.</summary>
internal sealed record EnumMemberModel(string Name, string Text, EquatableArray<string> Dialects);

/// <summary>A message: its grammar items and its attributes.</summary>
internal sealed record MessageModel(
    string Name,
    EquatableArray<ItemModel> Items,
    EquatableArray<string> Sections,
    EquatableArray<string> Dialects,
    EquatableArray<DialectValue> Streams,
    EquatableArray<DialectValue> Exits,
    EquatableArray<string> Doc);

/// <summary>A value that holds in some dialects (<c>stderr in 2.0 2.1</c>); no dialects means all.</summary>
internal sealed record DialectValue(string Value, EquatableArray<string> Dialects);

/// <summary>The kinds of grammar items.</summary>
internal enum ItemKind
{
    Literal,
    Space,
    Field,
    Optional,
}

/// <summary>
/// One grammar item: a literal (with alternatives written as <c>("A" / "B")</c>), one space, a typed
/// field, or an optional group of items.
/// </summary>
internal sealed record ItemModel(
    ItemKind Kind,
    EquatableArray<string> Literals,
    string FieldName,
    FieldType FieldType,
    string EnumName,
    EquatableArray<ItemModel> Children)
{
    public static ItemModel Space { get; } = new(ItemKind.Space, EquatableArray<string>.Empty, "", FieldType.None, "", EquatableArray<ItemModel>.Empty);

    public static ItemModel Literal(EquatableArray<string> alternatives) =>
        new(ItemKind.Literal, alternatives, "", FieldType.None, "", EquatableArray<ItemModel>.Empty);

    public static ItemModel Field(string name, FieldType type, string enumName) =>
        new(ItemKind.Field, EquatableArray<string>.Empty, name, type, enumName, EquatableArray<ItemModel>.Empty);

    public static ItemModel Optional(EquatableArray<ItemModel> children) =>
        new(ItemKind.Optional, EquatableArray<string>.Empty, "", FieldType.None, "", children);
}

/// <summary>The built-in field types of the spec language (spec/README.md).</summary>
internal enum FieldType
{
    None,
    Token,
    Keyword,
    Text,
    Version,
    Port,
    Number,
    Host,
    IpPort,
    HostPort,
    QuotedString,
    Args,
    KeyValues,
    Enum,
}
