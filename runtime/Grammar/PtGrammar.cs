using System.Collections.Generic;

namespace PtToolkit.Grammar;

/// <summary>
/// A spec's grammar as data, emitted by the generator next to the parsers (DESIGN.md decision 2):
/// what a reference interpreter or a fuzzer needs to build, read or vary every message.
/// </summary>
/// <param name="Name">The class that holds the bindings.</param>
/// <param name="Dialects">The protocol versions, in spec order.</param>
/// <param name="Enums">The enumerations.</param>
/// <param name="Messages">The messages, in spec order (the order the dispatcher tries them in).</param>
public sealed record PtGrammar(
    string Name,
    IReadOnlyList<PtDialectRule> Dialects,
    IReadOnlyList<PtEnumRule> Enums,
    IReadOnlyList<PtMessageRule> Messages);

/// <summary>A dialect: its spec name (<c>2.2</c>) and the version text on the wire (<c>2.2</c>).</summary>
public sealed record PtDialectRule(string Name, string WireVersion);

/// <summary>An enumeration and its members.</summary>
public sealed record PtEnumRule(string Name, IReadOnlyList<PtEnumMemberRule> Members, IReadOnlyList<string> Sections);

/// <summary>An enumeration member: its C# name, its wire text, the dialects it belongs to (empty: all).</summary>
public sealed record PtEnumMemberRule(string Name, string Text, IReadOnlyList<string> Dialects);

/// <summary>A message rule with its attributes.</summary>
/// <param name="Name">The message name.</param>
/// <param name="Items">The grammar items, left to right.</param>
/// <param name="Sections">The document sections it comes from.</param>
/// <param name="Dialects">The dialects it belongs to (empty: all).</param>
/// <param name="Streams">The stream per dialect (empty: stdout).</param>
/// <param name="Exits">The exit per dialect: a code, or null for "must terminate, code not set".</param>
/// <param name="Doc">The spec text quoted for it.</param>
public sealed record PtMessageRule(
    string Name,
    IReadOnlyList<PtRuleItem> Items,
    IReadOnlyList<string> Sections,
    IReadOnlyList<string> Dialects,
    IReadOnlyList<PtDialectValue> Streams,
    IReadOnlyList<PtDialectValue> Exits,
    string Doc);

/// <summary>A value that holds in some dialects (empty: all).</summary>
public sealed record PtDialectValue(string Value, IReadOnlyList<string> Dialects);

/// <summary>The kinds of rule items.</summary>
public enum PtItemKind
{
    /// <summary>Fixed text; the first alternative is the one written.</summary>
    Literal,
    /// <summary>Exactly one space.</summary>
    Space,
    /// <summary>A typed field.</summary>
    Field,
    /// <summary>An optional group, entered when its first space and literal (or its first space) are there.</summary>
    Optional,
}

/// <summary>The built-in field types of the spec language (spec/README.md).</summary>
public enum PtFieldType
{
    /// <summary>Not a field.</summary>
    None,
    /// <summary>One or more visible US-ASCII bytes.</summary>
    Token,
    /// <summary>US-ASCII letters, digits, dash and underscore.</summary>
    Keyword,
    /// <summary>The rest of the line: one or more bytes, no NUL or LF.</summary>
    Text,
    /// <summary>Visible US-ASCII without a comma.</summary>
    Version,
    /// <summary>A decimal port, 0-65535.</summary>
    Port,
    /// <summary>An unsigned decimal number.</summary>
    Number,
    /// <summary>IPv4, IPv6 or a host name, without a port.</summary>
    Host,
    /// <summary>IPv4:port or [IPv6]:port.</summary>
    IpPort,
    /// <summary>IPv4:port, [IPv6]:port or name:port.</summary>
    HostPort,
    /// <summary>A String or a quoted CString (control-spec §2).</summary>
    QuotedString,
    /// <summary>SMETHOD ARGS pairs: k=v separated by commas, backslash escapes.</summary>
    Args,
    /// <summary>Space-separated K=V pairs with String or CString values, to the end of the line.</summary>
    KeyValues,
    /// <summary>A member of an enumeration of the spec; unknown values are kept.</summary>
    Enum,
}

/// <summary>One rule item.</summary>
/// <param name="Kind">What it is.</param>
/// <param name="Literals">For a literal, its alternatives.</param>
/// <param name="FieldName">For a field, its spec name.</param>
/// <param name="FieldType">For a field, its type.</param>
/// <param name="EnumName">For an enumeration field, the enumeration.</param>
/// <param name="Children">For an optional group, its items.</param>
public sealed record PtRuleItem(
    PtItemKind Kind,
    IReadOnlyList<string> Literals,
    string FieldName,
    PtFieldType FieldType,
    string EnumName,
    IReadOnlyList<PtRuleItem> Children);
