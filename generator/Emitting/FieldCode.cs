using PtToolkit.Generator.Model;
using PtToolkit.Generator.Reading;

namespace PtToolkit.Generator.Emitting;

/// <summary>What each field type becomes in generated code: view type, owned type, cursor and writer calls.</summary>
internal sealed class FieldCode
{
    private const string Text = "global::PtToolkit.Text.";

    public FieldCode(ItemModel field, bool optional)
    {
        Field = field;
        Optional = optional;
        Name = field.FieldName;
        Property = Names.Property(field.FieldName);
        Local = "f_" + field.FieldName;
    }

    public ItemModel Field { get; }

    public bool Optional { get; }

    public string Name { get; }

    public string Property { get; }

    public string Local { get; }

    public FieldType Type => Field.FieldType;

    public bool IsEnum => Type == FieldType.Enum;

    /// <summary>Value types in the owned form get <c>?</c> when optional; reference types too (nullable annotations).</summary>
    public string ViewType => Type switch
    {
        FieldType.Port => "ushort",
        FieldType.Number => "int",
        FieldType.Host => Text + "PtHostView",
        FieldType.IpPort or FieldType.HostPort => Text + "PtEndpointView",
        FieldType.QuotedString => Text + "PtStringView",
        FieldType.Args => Text + "PtArgsView",
        FieldType.KeyValues => Text + "PtKvLineView",
        FieldType.Enum => Field.EnumName,
        _ => "global::System.ReadOnlySpan<byte>",
    };

    public string OwnedType => Type switch
    {
        FieldType.Port => "ushort",
        FieldType.Number => "int",
        FieldType.IpPort or FieldType.HostPort => Text + "PtEndpoint",
        FieldType.Args or FieldType.KeyValues => Text + "PtKeyValueList",
        FieldType.Enum => Field.EnumName,
        _ => "string",
    };

    public string OwnedTypeMaybeNull => Optional ? OwnedType + "?" : OwnedType;

    /// <summary>The parameter type of the static typed formatter.</summary>
    public string FormatParameterType => Optional
        ? (Type is FieldType.Args or FieldType.KeyValues ? "global::System.Collections.Generic.IReadOnlyList<global::System.Collections.Generic.KeyValuePair<string, string>>?" : OwnedType + "?")
        : Type switch
        {
            FieldType.Args or FieldType.KeyValues => "global::System.Collections.Generic.IReadOnlyList<global::System.Collections.Generic.KeyValuePair<string, string>>",
            FieldType.Port or FieldType.Number or FieldType.IpPort or FieldType.HostPort or FieldType.Enum => OwnedType,
            _ => "global::System.ReadOnlySpan<char>",
        };

    /// <summary>The cursor call that reads the field into <see cref="Local"/> (and its text for enums).</summary>
    public string ReadCall => Type switch
    {
        FieldType.Token => $"c.Token(out {Local}, \"{Name}\")",
        FieldType.Keyword => $"c.EnumToken(out {Local}, \"{Name}\")",
        FieldType.Text => $"c.Text(out {Local}, \"{Name}\")",
        FieldType.Version => $"c.Version(out {Local}, \"{Name}\")",
        FieldType.Port => $"c.Port(out {Local}, \"{Name}\")",
        FieldType.Number => $"c.Number(out {Local}, \"{Name}\")",
        FieldType.Host => $"c.Host(out {Local}, \"{Name}\")",
        FieldType.IpPort => $"c.Endpoint(false, out {Local}, \"{Name}\")",
        FieldType.HostPort => $"c.Endpoint(true, out {Local}, \"{Name}\")",
        FieldType.QuotedString => $"c.QuotedString(out {Local}, \"{Name}\")",
        FieldType.Args => $"c.Args(out {Local}, \"{Name}\")",
        FieldType.KeyValues => $"c.KeyValues(out {Local}, \"{Name}\")",
        _ => $"c.EnumToken(out {Local}Text, \"{Name}\")",
    };

    /// <summary>Converts the view member <paramref name="v"/> (of view type) to the owned type.</summary>
    public string ToOwned(string v) => Type switch
    {
        FieldType.Port or FieldType.Number or FieldType.Enum => v,
        FieldType.Text => $"global::System.Text.Encoding.UTF8.GetString({v})",
        FieldType.Token or FieldType.Keyword or FieldType.Version => $"global::System.Text.Encoding.ASCII.GetString({v})",
        FieldType.Host or FieldType.QuotedString => $"{v}.ToString()",
        _ => $"{v}.ToOwned()",
    };

    /// <summary>The writer call for value expression <paramref name="v"/> (non-null).</summary>
    public string WriteCall(string v) => Type switch
    {
        FieldType.Token => $"w.Token({v}, \"{Name}\");",
        FieldType.Keyword or FieldType.Enum => $"w.EnumToken({v}, \"{Name}\");",
        FieldType.Text => $"w.Text({v}, \"{Name}\");",
        FieldType.Version => $"w.Version({v}, \"{Name}\");",
        FieldType.Port => $"w.Port({v}, \"{Name}\");",
        FieldType.Number => $"w.Number({v}, \"{Name}\");",
        FieldType.Host => $"w.Host({v}, \"{Name}\");",
        FieldType.IpPort => $"w.Endpoint({v}, false, \"{Name}\");",
        FieldType.HostPort => $"w.Endpoint({v}, true, \"{Name}\");",
        FieldType.QuotedString => $"w.QuotedString({v}, \"{Name}\");",
        FieldType.Args => $"w.Args({v}, \"{Name}\");",
        _ => $"w.KeyValues({v}, \"{Name}\");",
    };

    /// <summary>The spec-facing kind of value: string, number or pairs.</summary>
    public string SourceKind => Type switch
    {
        FieldType.Port or FieldType.Number => "Number",
        FieldType.Args or FieldType.KeyValues => "Pairs",
        _ => "String",
    };
}
