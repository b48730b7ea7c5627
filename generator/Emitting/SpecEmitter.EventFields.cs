using System.Collections.Generic;
using PtToolkit.Generator.Model;

namespace PtToolkit.Generator.Emitting;

internal static partial class SpecEmitter
{
    private static void EmitEventWriteFields(SourceWriter w, List<EventFieldModel> fields)
    {
        w.Line("/// <summary>Hands each argument the view read to <paramref name=\"writer\"/>, in spec order under its spec name; an absent optional one is left out.</summary>");
        w.Open($"public readonly void WriteFields({Ctl}ITorFieldWriter writer)");
        for (int i = 0; i < fields.Count; i++)
        {
            var f = fields[i];
            string name = Quote(EventFieldName(f));
            string call = f.Type switch
            {
                EventFieldType.Number => $"writer.Number({name}, _f{i});",
                EventFieldType.Text => $"writer.Text({name}, _f{i});",
                EventFieldType.Enum => $"writer.Enum({name}, global::System.Enum.GetName(_f{i}) ?? \"Unknown\", _t{i});",
                _ => $"writer.Argument({name}, _f{i});",
            };
            w.Line(f.Optional ? $"if ((_present & {Bit(i)}) != 0) {call}" : call);
        }
        w.Close();
    }

    /// <summary>
    /// Writes <c>EventHandlerBase</c> (every handler method virtual, a valid event going to one <c>OnEvent</c>) and
    /// <c>WriteEventFields</c>, which hands any event's fields to an <c>ITorFieldWriter</c> through its view.
    /// </summary>
    private static void EmitEventFieldsDispatch(SourceWriter w, SpecModel spec)
    {
        w.Line("/// <summary>");
        w.Line("/// An <see cref=\"IEventHandler\"/> to derive from: every method is virtual and does nothing but hand a valid event");
        w.Line("/// to <see cref=\"OnEvent\"/>, so a handler overrides only the events it reads.");
        w.Line("/// </summary>");
        w.Line(Generated);
        w.Open("public abstract class EventHandlerBase : IEventHandler");
        foreach (var e in spec.Events)
            w.Line($"/// <summary>A <c>{Xml(e.Keyword)}</c> event; by default handed to <see cref=\"OnEvent\"/>.</summary>\npublic virtual void On{e.Name}({e.Name}Event e) => OnEvent(EventKind.{e.Name}, e.Line);");
        w.Line("/// <summary>An event this spec does not name; does nothing by default.</summary>");
        w.Line($"public virtual void OnUnknownEvent({Ctl}TorReplyLineView line) {{ }}");
        w.Line("/// <summary>An event of a known kind whose arguments break its grammar; does nothing by default.</summary>");
        w.Line($"public virtual void OnInvalidEvent({Ctl}TorReplyLineView line, EventKind kind, {Ctl}TorControlError error) {{ }}");
        w.Line("/// <summary>A valid event whose own method is not overridden; does nothing by default.</summary>");
        w.Line($"protected virtual void OnEvent(EventKind kind, {Ctl}TorReplyLineView line) {{ }}");
        w.Close();
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// Reads the first line of an event through its view and hands the view's fields to <paramref name=\"writer\"/>");
        w.Line("/// (<c>WriteFields</c>). Returns the event's kind; nothing is written for an Unknown event, nor for one whose");
        w.Line("/// arguments break its grammar, which sets <paramref name=\"error\"/>.");
        w.Line("/// </summary>");
        w.Open($"public static EventKind WriteEventFields({Ctl}TorReplyLineView line, {Ctl}ITorFieldWriter writer, out {Ctl}TorControlError error)");
        w.Line("var handler = new EventFieldsHandler(writer);");
        w.Line("var kind = DispatchEvent(line, ref handler);");
        w.Line("error = handler.Error;");
        w.Line("return kind;");
        w.Close();
        w.Line();
        w.Open("private struct EventFieldsHandler : IEventHandler");
        w.Line($"private readonly {Ctl}ITorFieldWriter _writer;");
        w.Line($"public {Ctl}TorControlError Error;");
        w.Line($"public EventFieldsHandler({Ctl}ITorFieldWriter writer) {{ _writer = writer; Error = default; }}");
        foreach (var e in spec.Events) w.Line($"public void On{e.Name}({e.Name}Event e) => e.WriteFields(_writer);");
        w.Line($"public void OnUnknownEvent({Ctl}TorReplyLineView line) {{ }}");
        w.Line($"public void OnInvalidEvent({Ctl}TorReplyLineView line, EventKind kind, {Ctl}TorControlError error) => Error = error;");
        w.Close();
        w.Line();
    }
}
