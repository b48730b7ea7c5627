using System.Collections.Generic;
using System.Linq;
using PtToolkit.Generator.Model;

namespace PtToolkit.Generator.Emitting;

internal static partial class SpecEmitter
{
    /// <summary>
    /// Writes the events as data (<c>EventGrammar</c>, enumerations shared with <c>Grammar</c>) and
    /// <c>EventFieldHandler</c>, which hands each view's arguments to a writer: together they let a reference
    /// interpreter judge the views field by field without code written per event.
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
        EmitEventFieldHandler(w, spec);
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

    private static void EmitEventFieldHandler(SourceWriter w, SpecModel spec)
    {
        w.Line("/// <summary>");
        w.Line("/// An <see cref=\"IEventHandler\"/> that writes each event's arguments, as its view read them, to a");
        w.Line($"/// <see cref=\"{G}IPtEventFieldWriter\"/>, by their names in <see cref=\"EventGrammar\"/>. For tests and tools,");
        w.Line("/// not for steady paths: it names enumeration members with <c>ToString()</c>.");
        w.Line("/// </summary>");
        w.Line(Generated);
        w.Open("public sealed class EventFieldHandler : IEventHandler");
        w.Line($"private readonly {G}IPtEventFieldWriter _writer;");
        w.Line();
        w.Line("/// <summary>Writes to <paramref name=\"writer\"/>.</summary>");
        w.Line($"public EventFieldHandler({G}IPtEventFieldWriter writer) => _writer = writer ?? throw new global::System.ArgumentNullException(nameof(writer));");
        foreach (var e in spec.Events)
        {
            w.Line();
            w.Line("/// <inheritdoc/>");
            w.Open($"public void On{e.Name}({e.Name}Event e)");
            w.Line($"_writer.Event({Quote(e.Name)});");
            foreach (var f in e.Positionals.Concat(e.Keywords))
            {
                string name = Quote(EventFieldName(f));
                string write = f.Type switch
                {
                    EventFieldType.Number => $"_writer.Number({name}, e.{f.Property});",
                    EventFieldType.Text => $"_writer.Text({name}, e.{f.Property});",
                    EventFieldType.Enum => $"_writer.Enum({name}, e.{f.Property}.ToString(), e.{f.Property}Text);",
                    _ => $"_writer.Argument({name}, e.{f.Property});",
                };
                w.Line(f.Optional ? $"if (e.Has{f.Property}) {write}" : write);
            }
            w.Close();
        }
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Line($"public void OnUnknownEvent({Ctl}TorReplyLineView line) => _writer.Unknown();");
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Line($"public void OnInvalidEvent({Ctl}TorReplyLineView line, EventKind kind, {Ctl}TorControlError error) => _writer.Invalid(kind.ToString(), error);");
        w.Close();
        w.Line();
    }
}
