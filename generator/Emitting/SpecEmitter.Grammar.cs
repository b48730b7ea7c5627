using System.Collections.Generic;
using System.Linq;
using PtToolkit.Generator.Model;

namespace PtToolkit.Generator.Emitting;

internal static partial class SpecEmitter
{
    private const string G = "global::PtToolkit.Grammar.";

    private static void EmitGrammar(SourceWriter w, TargetInfo target, SpecModel spec)
    {
        w.Line($"private static {G}PtGrammar? s_grammar;");
        w.Line();
        w.Line("/// <summary>This spec's grammar as data: messages, items, fields, enumerations, dialects (for reference interpreters and fuzzers).</summary>");
        w.Line($"public static {G}PtGrammar Grammar => s_grammar ??= BuildGrammar();");
        w.Line();
        w.Line($"private static {G}PtGrammar BuildGrammar() => new {G}PtGrammar(");
        w.Line($"{Quote(target.ClassName)},");
        w.Line($"new {G}PtDialectRule[] {{ {string.Join(", ", spec.Dialects.Select(d => $"new {G}PtDialectRule({Quote(d.Name)}, {Quote(d.WireVersion)})"))} }},");
        w.Line($"new {G}PtEnumRule[]");
        w.Line("{");
        foreach (var e in spec.Enums)
        {
            var members = e.Members.Select(m => $"new {G}PtEnumMemberRule({Quote(m.Name)}, {Quote(m.Text)}, {Strings(m.Dialects)})");
            w.Line($"    new {G}PtEnumRule({Quote(e.Name)}, new {G}PtEnumMemberRule[] {{ {string.Join(", ", members)} }}, {Strings(e.Sections)}),");
        }
        w.Line("},");
        w.Line($"new {G}PtMessageRule[]");
        w.Line("{");
        foreach (var m in spec.Messages)
        {
            w.Line($"    new {G}PtMessageRule({Quote(m.Name)},");
            w.Line($"        {Items(m.Items)},");
            w.Line($"        {Strings(m.Sections)}, {Strings(m.Dialects)}, {Values(m.Streams)}, {Values(m.Exits)},");
            w.Line($"        {Quote(string.Join("\n", m.Doc))}),");
        }
        w.Line("});");
        w.Line();
    }

    private static string Strings(IEnumerable<string> values) =>
        "new string[] { " + string.Join(", ", values.Select(Quote)) + " }";

    private static string Values(IEnumerable<DialectValue> values) =>
        $"new {G}PtDialectValue[] {{ " + string.Join(", ", values.Select(v => $"new {G}PtDialectValue({Quote(v.Value)}, {Strings(v.Dialects)})")) + " }";

    private static string Items(IEnumerable<ItemModel> items) =>
        $"new {G}PtRuleItem[] {{ " + string.Join(", ", items.Select(Item)) + " }";

    private static string Item(ItemModel i) =>
        $"new {G}PtRuleItem({G}PtItemKind.{i.Kind}, {Strings(i.Literals)}, {Quote(i.FieldName)}, {G}PtFieldType.{i.FieldType}, {Quote(i.EnumName)}, {Items(i.Children)})";
}
