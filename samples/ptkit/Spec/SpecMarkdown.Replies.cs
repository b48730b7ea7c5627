using System.Linq;
using System.Text;
using PtToolkit.Generator.Model;

namespace PtToolkit.Cli.Spec;

/// <summary>The control protocol's <c>reply</c> declarations (spec/README.md), from the generator's model as the rest.</summary>
internal static partial class SpecMarkdown
{
    /// <summary>
    /// Each reply: its lines in the spec's notation (a pairs line, whose keys are data, first), sections, a table of
    /// every line's arguments, its quoted text.
    /// </summary>
    private static void WriteReplies(StringBuilder md, SpecModel model)
    {
        if (model.Replies.Count == 0) return;
        md.Append("## Replies\n\n");
        foreach (var r in model.Replies)
        {
            md.Append("### ").Append(r.Name).Append("\n\n```\n\"").Append(r.Keyword).Append('"');
            if (r.Pairs is { } pairs) md.Append("\n    line      ").Append(PairsLine(pairs));
            foreach (var line in r.Lines) md.Append("\n    line      ").Append(ReplyLine(line));
            md.Append("\n```\n\n").Append(Sections(r.Sections));
            md.Append("| line | argument | kind | type | optional |\n| --- | --- | --- | --- | --- |\n");
            if (r.Pairs is { } p)
            {
                md.Append("| each other line | ").Append(p.KeyName).Append(" | key, data | token | no |\n");
                md.Append("| each other line | ").Append(p.ValueName).Append(" | value after `=`, or a data block after `+key=` | text | ")
                    .Append(p.ValueOptional ? "yes" : "no").Append(" |\n");
            }
            foreach (var line in r.Lines)
            {
                string lead = (line.Repeated ? "each " : "") + "`" + line.Lead + "`";
                foreach (var f in line.Positionals.Concat(line.Keywords))
                {
                    md.Append("| ").Append(lead).Append(" | ").Append(EventFieldName(f)).Append(" | ").Append(f.Key.Length == 0 ? "positional" : "keyword")
                        .Append(" | ").Append(EventTypeCell(f, model)).Append(" | ").Append(f.Optional || line.Optional ? "yes" : "no").Append(" |\n");
                }
            }
            md.Append('\n').Append(Quote(r.Doc));
        }
    }

    /// <summary>The pairs line as the spec writes it (written first: the lines no declared lead names).</summary>
    private static string PairsLine(ReplyPairsModel pairs) =>
        "* " + pairs.KeyName + ":token" + (pairs.ValueOptional ? "[=" + pairs.ValueName + ":text]" : "=" + pairs.ValueName + ":text");

    /// <summary>A line as the spec writes it: <c>*</c> when it repeats, <c>[ ]</c> around an optional line or argument.</summary>
    private static string ReplyLine(ReplyLineModel line)
    {
        var parts = line.Positionals.Concat(line.Keywords).Select(f =>
        {
            string name = char.ToLowerInvariant(f.Property[0]) + f.Property.Substring(1);
            string type = f.Type == EventFieldType.Enum ? f.EnumName : EventTypeName(f.Type);
            string field = (f.Key.Length > 0 ? f.Key + "=" : "") + name + ":" + type;
            return f.Optional ? "[" + field + "]" : field;
        });
        if (line.Word.Length > 0) parts = parts.Prepend("\"" + line.Word + "\"");
        string text = string.Join(" ", parts);
        return (line.Repeated ? "* " : "") + (line.Optional ? "[ " + text + " ]" : text);
    }
}
