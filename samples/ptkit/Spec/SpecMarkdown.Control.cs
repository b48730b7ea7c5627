using System.Collections.Generic;
using System.Linq;
using System.Text;
using PtToolkit.Generator.Model;

namespace PtToolkit.Cli.Spec;

/// <summary>The control protocol's declarations (spec/README.md "event", "command"), from the generator's model as the rest.</summary>
internal static partial class SpecMarkdown
{
    /// <summary>Each event: its first line in the spec's notation, sections, a table of its arguments, its quoted text.</summary>
    private static void WriteEvents(StringBuilder md, SpecModel model)
    {
        if (model.Events.Count == 0) return;
        md.Append("## Events\n\n");
        foreach (var e in model.Events)
        {
            md.Append("### ").Append(e.Name).Append("\n\n```\n").Append(EventRule(e)).Append("\n```\n\n").Append(Sections(e.Sections));
            if (e.Positionals.Count + e.Keywords.Count == 0) md.Append("Arguments: none.\n\n");
            else
            {
                md.Append("| argument | kind | type | optional |\n| --- | --- | --- | --- |\n");
                foreach (var f in e.Positionals.Concat(e.Keywords))
                {
                    md.Append("| ").Append(EventFieldName(f)).Append(" | ").Append(f.Key.Length == 0 ? "positional" : "keyword").Append(" | ")
                        .Append(EventTypeCell(f, model)).Append(" | ").Append(f.Optional ? "yes" : "no").Append(" |\n");
                }
                md.Append('\n');
            }
            md.Append(Quote(e.Doc));
        }
    }

    /// <summary>Each command: its line in the spec's notation, sections, multi-line and sensitive, a table of its arguments in order, its quoted text.</summary>
    private static void WriteCommands(StringBuilder md, SpecModel model)
    {
        if (model.Commands.Count == 0) return;
        md.Append("## Commands\n\n");
        foreach (var c in model.Commands)
        {
            md.Append("### ").Append(c.Name).Append("\n\n```\n").Append(CommandRule(c)).Append("\n```\n\n").Append(Sections(c.Sections));
            if (c.MultiLine) md.Append("- multi-line: `+").Append(c.Keyword).Append("`, the last argument is the data block (control-spec §2.4)\n");
            if (c.Sensitive)
            {
                bool secret = c.Arguments.Any(a => a.Type == CommandValueType.Secret);
                md.Append("- sensitive (").Append(secret ? "a `secret` argument" : "declared").Append("): never displayed, its bytes wiped once sent\n");
            }
            if (c.MultiLine || c.Sensitive) md.Append('\n');
            if (c.Arguments.Count == 0) md.Append("Arguments: none.\n\n");
            else
            {
                md.Append("| argument | kind | type | count |\n| --- | --- | --- | --- |\n");
                foreach (var a in c.Arguments)
                {
                    md.Append("| ").Append(a.Kind == CommandArgumentKind.Literal ? "`\"" + a.Key + "\"`" : a.Parameter).Append(" | ").Append(CommandKind(a))
                        .Append(" | ").Append(CommandTypeName(a.Type)).Append(" | ").Append(Count(a.Repeat)).Append(" |\n");
                }
                md.Append('\n');
            }
            md.Append(Quote(c.Doc));
        }
    }

    /// <summary>The event's declaration in the spec's notation: keyword, positionals (the optional ones in one <c>[ ]</c>), its keywords on one line.</summary>
    private static string EventRule(EventModel e)
    {
        var rule = new StringBuilder("\"").Append(e.Keyword).Append('"');
        foreach (var f in e.Positionals.Where(f => !f.Optional)) rule.Append(' ').Append(EventField(f));
        var optional = e.Positionals.Where(f => f.Optional).Select(EventField).ToList();
        if (optional.Count > 0) rule.Append(" [").Append(string.Join(" ", optional)).Append(']');
        if (e.Keywords.Count > 0) rule.Append("\n    keywords  ").Append(string.Join(" ", e.Keywords.Select(EventField)));
        return rule.ToString();
    }

    private static string EventField(EventFieldModel f) => EventFieldName(f) + ":" + (f.Type == EventFieldType.Enum ? f.EnumName : EventTypeName(f.Type));

    /// <summary>The name as the spec writes it: a positional camelCase (the property's first letter lowered back), a keyword as its key.</summary>
    private static string EventFieldName(EventFieldModel f) => f.Key.Length > 0 ? f.Key : char.ToLowerInvariant(f.Property[0]) + f.Property.Substring(1);

    /// <summary>The type; an enumeration with its members' wire text (other words read as Unknown).</summary>
    private static string EventTypeCell(EventFieldModel f, SpecModel model)
    {
        if (f.Type != EventFieldType.Enum) return EventTypeName(f.Type);
        var members = model.Enums.First(e => e.Name == f.EnumName).Members;
        return f.EnumName + ": " + string.Join(", ", members.Select(m => "`" + m.Text + "`"));
    }

    private static string EventTypeName(EventFieldType type) => type switch
    {
        EventFieldType.QuotedString => "qstring",
        _ => type.ToString().ToLowerInvariant(),
    };

    /// <summary>The command's declaration in the spec's notation.</summary>
    private static string CommandRule(CommandModel c) =>
        string.Join(" ", c.Arguments.Select(CommandArgument).Prepend("\"" + (c.MultiLine ? "+" : "") + c.Keyword + "\""));

    private static string CommandArgument(CommandArgumentModel a)
    {
        string single = a.Kind switch
        {
            CommandArgumentKind.Literal => "\"" + a.Key + "\"",
            CommandArgumentKind.Keyed => a.Key + "=" + a.Parameter + ":" + CommandTypeName(a.Type),
            CommandArgumentKind.Pair => a.Parameter + ":token" + (a.ValueOptional ? "[=" + CommandTypeName(a.Type) + "]" : "=" + CommandTypeName(a.Type)),
            _ => a.Parameter + ":" + CommandTypeName(a.Type),
        };
        return a.Repeat switch
        {
            CommandRepeat.Optional => "[" + single + "]",
            CommandRepeat.ZeroOrMore => single + "*",
            CommandRepeat.OneOrMore => single + "+",
            _ => single,
        };
    }

    private static string CommandKind(CommandArgumentModel a) => a.Kind switch
    {
        CommandArgumentKind.Literal when a.Parameter.Length > 0 => "word, written when `" + a.Parameter + "` is true",
        CommandArgumentKind.Literal => "word",
        CommandArgumentKind.Keyed => "value after `" + a.Key + "=`",
        CommandArgumentKind.Pair when a.ValueOptional => "pair `key[=value]`, key given by the caller",
        CommandArgumentKind.Pair => "pair `key=value`, key given by the caller",
        _ => "value",
    };

    private static string CommandTypeName(CommandValueType type) => type switch
    {
        CommandValueType.None => "",
        CommandValueType.QuotedString => "qstring",
        _ => type.ToString().ToLowerInvariant(),
    };

    private static string Count(CommandRepeat repeat) => repeat switch
    {
        CommandRepeat.Optional => "optional",
        CommandRepeat.ZeroOrMore => "zero or more",
        CommandRepeat.OneOrMore => "one or more",
        _ => "one",
    };
}
