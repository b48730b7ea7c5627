namespace PtToolkit.Generator.Model;

/// <summary>
/// <c>reply Name = "KEYWORD"</c> with its <c>line</c> attributes: the lines of a command's successful reply
/// (control-spec §3), each found by its leading word or key, its arguments read like an event's; and, when
/// <see cref="Pairs"/> is set, every other line read as a <c>key=value</c> pair whose key is data (GETINFO, GETCONF).
/// </summary>
internal sealed record ReplyModel(
    string Name,
    string Keyword,
    EquatableArray<ReplyLineModel> Lines,
    ReplyPairsModel? Pairs,
    EquatableArray<string> Sections,
    EquatableArray<string> Doc);

/// <summary>
/// One line of a reply. <see cref="Word"/> is its leading word (<c>AUTH</c>), or empty when the line starts
/// with a <c>KEY=value</c> argument, which is then the first of <see cref="Keywords"/> (<c>ServiceID=...</c>).
/// A field's <see cref="EventFieldModel.Optional"/> is its own; an optional line makes all its fields optional too.
/// A repeated line (<see cref="RepeatedName"/> not empty) may come any number of times: its fields are read per line.
/// </summary>
internal sealed record ReplyLineModel(
    string Word,
    bool Optional,
    string RepeatedName,
    EquatableArray<EventFieldModel> Positionals,
    EquatableArray<EventFieldModel> Keywords)
{
    /// <summary>What the line is found by: its word, or its leading key.</summary>
    public string Lead => Word.Length > 0 ? Word : Keywords[0].Key;

    /// <summary>True for a <c>line *</c>.</summary>
    public bool Repeated => RepeatedName.Length > 0;
}

/// <summary>
/// <c>line * key:token=value:text</c> (or <c>[=value:text]</c> when a line may give its key alone): the lines not
/// found by a declared lead, each a <c>key=value</c> pair, <c>key</c> alone, or <c>key=</c> and a data block.
/// </summary>
internal sealed record ReplyPairsModel(string KeyName, string ValueName, string KeyProperty, string ValueProperty, bool ValueOptional);
