using System.Collections.Generic;
using System.Linq;
using PtToolkit.Generator.Model;

namespace PtToolkit.Generator.Emitting;

internal static partial class SpecEmitter
{
    /// <summary>
    /// Writes the events as data (<c>EventGrammar</c>, enumerations shared with <c>Grammar</c>), under the same field
    /// names as the views' <c>WriteFields</c>: together they let a reference interpreter judge the views field by
    /// field without code written per event.
    /// </summary>
    private static void EmitEventGrammar(SourceWriter w, TargetInfo target, SpecModel spec)
    {
        var enums = spec.Enums.Select(e => e.Name).ToList();
        w.Line($"private static {G}PtEventGrammar? s_eventGrammar;");
        w.Line();
        w.Line("/// <summary>This spec's events as data: each event's positional and keyword arguments with their types (for reference interpreters and fuzzers).</summary>");
        w.Line($"public static {G}PtEventGrammar EventGrammar => s_eventGrammar ??= new {G}PtEventGrammar({Quote(target.ClassName)}, new {G}PtEventRule[]");
        w.Line("{");
        foreach (var e in spec.Events)
        {
            w.Line($"    new {G}PtEventRule({Quote(e.Name)}, {Quote(e.Keyword)},");
            w.Line($"        {EventFields(e.Positionals, enums)},");
            w.Line($"        {EventFields(e.Keywords, enums)},");
            w.Line($"        {Strings(e.Sections)}, {Quote(string.Join("\n", e.Doc))}),");
        }
        w.Line("});");
        w.Line();
    }

    private static string EventFields(IEnumerable<EventFieldModel> fields, List<string> enums) =>
        $"new {G}PtEventField[] {{ " + string.Join(", ", fields.Select(f => EventField(f, enums))) + " }";

    private static string EventField(EventFieldModel f, List<string> enums)
    {
        string rule = f.Type == EventFieldType.Enum ? $"Grammar.Enums[{enums.IndexOf(f.EnumName)}]" : "null";
        return $"new {G}PtEventField({Quote(EventFieldName(f))}, {Quote(f.Property)}, {Quote(f.Key)}, {G}PtEventValueKind.{f.Type}, {rule}, {(f.Optional ? "true" : "false")})";
    }

    /// <summary>A field's spec name: the key of a keyword, the camelCase name of a positional.</summary>
    private static string EventFieldName(EventFieldModel f) =>
        f.Key.Length > 0 ? f.Key : char.ToLowerInvariant(f.Property[0]) + f.Property.Substring(1);
}
