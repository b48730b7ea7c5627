using System.Collections.Generic;
using System.Linq;
using System.Text;
using PtToolkit.Generator.Model;

namespace PtToolkit.Cli.Spec;

/// <summary>
/// Markdown reference pages of a spec, written from the generator's model (what the bindings are generated from); the
/// control protocol's events and commands are in SpecMarkdown.Control.cs.
/// </summary>
internal static partial class SpecMarkdown
{
    /// <summary>The Markdown for <paramref name="model"/>, read from the file <paramref name="name"/>.</summary>
    public static string Write(string name, SpecModel model)
    {
        var md = new StringBuilder();
        md.Append("# ").Append(name).Append("\n\n");
        if (model.Dialects.Count > 0)
        {
            md.Append("## Dialects\n\n| dialect | on the wire |\n| --- | --- |\n");
            foreach (var d in model.Dialects) md.Append("| ").Append(d.Name).Append(" | `").Append(d.WireVersion).Append("` |\n");
            md.Append('\n');
        }
        if (model.Enums.Count > 0)
        {
            md.Append("## Enumerations\n\n");
            foreach (var e in model.Enums)
            {
                md.Append("### ").Append(e.Name).Append("\n\n").Append(Sections(e.Sections));
                md.Append("| member | text | dialects |\n| --- | --- | --- |\n");
                foreach (var m in e.Members) md.Append("| ").Append(m.Name).Append(" | `").Append(m.Text).Append("` | ").Append(Dialects(m.Dialects)).Append(" |\n");
                md.Append('\n');
            }
        }
        if (model.Messages.Count > 0)
        {
            md.Append("## Messages\n\n");
            foreach (var m in model.Messages)
            {
                md.Append("### ").Append(m.Name).Append("\n\n```\n").Append(Rule(m.Items)).Append("\n```\n\n").Append(Sections(m.Sections));
                md.Append("- dialects: ").Append(Dialects(m.Dialects)).Append('\n');
                if (m.Streams.Count > 0) md.Append("- stream: ").Append(PerDialect(m.Streams)).Append('\n');
                if (m.Exits.Count > 0) md.Append("- exit: ").Append(PerDialect(m.Exits)).Append('\n');
                md.Append('\n').Append(Quote(m.Doc));
            }
        }
        if (model.Configs.Count > 0)
        {
            md.Append("## Configs\n\n");
            foreach (var c in model.Configs)
            {
                md.Append("### ").Append(c.Name).Append("\n\nSides: ").Append(string.Join(", ", c.Sides)).Append(".\n\n").Append(Quote(c.Doc));
                var parameters = model.Params.Where(p => c.Sides.Contains(p.Side)).Select(p => p.Name);
                md.Append("Parameters: ").Append(string.Join(", ", parameters)).Append(".\n\n");
            }
        }
        if (model.Params.Count > 0)
        {
            md.Append("## Parameters\n\n| parameter | type | variable | flag | side | rules |\n| --- | --- | --- | --- | --- | --- |\n");
            foreach (var p in model.Params)
            {
                md.Append("| ").Append(p.Name).Append(" | ").Append(p.Type == ParamType.Enum ? p.EnumName : TypeName(p.Type)).Append(" | ")
                    .Append(Code(p.Env)).Append(" | ").Append(Code(p.Flag)).Append(" | ").Append(p.Side).Append(" | ").Append(Rules(p)).Append(" |\n");
            }
            md.Append('\n');
            foreach (var p in model.Params.Where(p => p.Doc.Count > 0 || p.Sections.Count > 0))
            {
                md.Append("### ").Append(p.Name).Append("\n\n").Append(Sections(p.Sections)).Append(Quote(p.Doc));
            }
        }
        WriteEvents(md, model);
        WriteCommands(md, model);
        WriteReplies(md, model);
        return md.ToString();
    }

    /// <summary>A rule written back in the spec's notation.</summary>
    public static string Rule(IEnumerable<ItemModel> items) => string.Join(" ", items.Select(Item));

    private static string Item(ItemModel item) => item.Kind switch
    {
        ItemKind.Literal when item.Literals.Count == 1 => "\"" + item.Literals[0] + "\"",
        ItemKind.Literal => "(" + string.Join(" / ", item.Literals.Select(l => "\"" + l + "\"")) + ")",
        ItemKind.Space => "SP",
        ItemKind.Field => item.FieldName + ":" + (item.FieldType == FieldType.Enum ? item.EnumName : FieldName(item.FieldType)),
        _ => "[" + Rule(item.Children) + "]",
    };

    private static string FieldName(FieldType type) => type switch
    {
        FieldType.IpPort => "ipport",
        FieldType.HostPort => "hostport",
        FieldType.QuotedString => "qstring",
        FieldType.Args => "kvargs",
        FieldType.KeyValues => "kvline",
        _ => type.ToString().ToLowerInvariant(),
    };

    private static string TypeName(ParamType type) => type switch
    {
        ParamType.BindAddresses => "bindaddrs",
        _ => type.ToString().ToLowerInvariant(),
    };

    private static string Rules(ParamModel p)
    {
        var rules = new List<string>();
        if (p.Required) rules.Add(p.RequiredUnless.Count > 0 ? "required unless " + string.Join(" ", p.RequiredUnless) : "required");
        if (p.Requires.Count > 0) rules.Add("requires " + string.Join(" ", p.Requires));
        if (p.Conflicts.Count > 0) rules.Add("conflicts " + string.Join(" ", p.Conflicts));
        if (p.Default.Length > 0) rules.Add("default `" + p.Default + "`");
        return string.Join("; ", rules);
    }

    private static string Code(string text) => text.Length == 0 ? "" : "`" + text + "`";

    private static string Dialects(IEnumerable<string> dialects) => dialects.Any() ? string.Join(", ", dialects) : "all";

    private static string PerDialect(IEnumerable<DialectValue> values) =>
        string.Join("; ", values.Select(v => v.Dialects.Count > 0 ? $"{v.Value} in {string.Join(" ", v.Dialects)}" : v.Value));

    private static string Sections(IEnumerable<string> sections) => sections.Any() ? "Sections: " + string.Join("; ", sections) + ".\n\n" : "";

    private static string Quote(IEnumerable<string> doc) => doc.Any() ? string.Concat(doc.Select(l => "> " + l + "\n")) + "\n" : "";
}
