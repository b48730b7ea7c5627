namespace PtToolkit.Generator.Model;

/// <summary>
/// <c>event Name = "KEYWORD" positional... </c> with a <c>keywords</c> attribute: one asynchronous event of the
/// control protocol (650 replies, control-spec §4.1), read from the arguments of its first line.
/// </summary>
internal sealed record EventModel(
    string Name,
    string Keyword,
    EquatableArray<EventFieldModel> Positionals,
    EquatableArray<EventFieldModel> Keywords,
    EquatableArray<string> Sections,
    EquatableArray<string> Doc);

/// <summary>
/// One field of an event: a positional argument (<see cref="Key"/> empty) or a <c>KEY=value</c> argument.
/// Optional positionals come last; a <see cref="EventFieldType.Text"/> positional takes the rest of the line.
/// </summary>
internal sealed record EventFieldModel(string Property, string Key, EventFieldType Type, string EnumName, bool Optional);

/// <summary>The value types of event fields (spec/README.md).</summary>
internal enum EventFieldType
{
    Token,
    Number,
    QuotedString,
    Text,
    Enum,
}
