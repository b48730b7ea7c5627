using System.Collections.Generic;
using System.Linq;
using PtToolkit.Generator.Model;

namespace PtToolkit.Generator.Emitting;

internal static partial class SpecEmitter
{
    private const string Ctl = "global::PtToolkit.Control.";

    /// <summary>
    /// Writes a view per event: the first line's arguments read once, positionals by position (extra ones
    /// ignored), keywords by name (unknown ones ignored, the first of a repeated one kept), enums keeping
    /// unknown words, as control-spec §4.1 asks of a controller ("MUST tolerate").
    /// </summary>
    private static void EmitEvents(SourceWriter w, SpecModel spec)
    {
        foreach (var e in spec.Events) EmitEvent(w, e);
        EmitEventDispatch(w, spec);
    }

    private static string EventFieldTypeName(EventFieldModel f) => f.Type switch
    {
        EventFieldType.Number => "ulong",
        EventFieldType.Text => "global::System.ReadOnlySpan<byte>",
        EventFieldType.Enum => f.EnumName,
        _ => Ctl + "TorArgumentView",
    };

    private static void EmitEvent(SourceWriter w, EventModel e)
    {
        var fields = e.Positionals.Concat(e.Keywords).ToList();
        w.Line($"/// <summary>The <c>650 {Xml(e.Keyword)}</c> event ({Xml(string.Join("; ", e.Sections))}).");
        foreach (var line in e.Doc) w.Line("/// " + Xml(line));
        w.Line("/// </summary>");
        w.Line(Generated);
        // Not readonly: TryParse writes each argument straight into the caller's view, instead of reading it into
        // locals and copying a whole new view over the caller's.
        w.Open($"public ref struct {e.Name}Event");
        w.Line($"private {Ctl}TorReplyLineView _line;");
        w.Line("private ulong _present;");
        for (int i = 0; i < fields.Count; i++)
        {
            w.Line($"private {EventFieldTypeName(fields[i])} _f{i};");
            if (fields[i].Type == EventFieldType.Enum) w.Line($"private {Span} _t{i};");
        }
        w.Line();
        w.Line($"/// <summary>The event's first line; arguments this spec does not name are read from it.</summary>");
        w.Line($"public readonly {Ctl}TorReplyLineView Line => _line;");
        for (int i = 0; i < fields.Count; i++)
        {
            var f = fields[i];
            string what = f.Key.Length > 0 ? $"<c>{Xml(f.Key)}=</c>" : "positional argument";
            w.Line($"/// <summary>The {what} ({(f.Optional ? "may be absent: see Has" + f.Property : "always present")}).</summary>");
            w.Line($"public readonly {EventFieldTypeName(f)} {f.Property} => _f{i};");
            if (f.Type == EventFieldType.Enum)
            {
                w.Line($"/// <summary>The word of <see cref=\"{f.Property}\"/>, kept when it is Unknown.</summary>");
                w.Line($"public readonly {Span} {f.Property}Text => _t{i};");
            }
            if (f.Optional)
            {
                w.Line($"/// <summary>Whether <see cref=\"{f.Property}\"/> was given.</summary>");
                w.Line($"public readonly bool Has{f.Property} => (_present & {Bit(i)}) != 0;");
            }
        }
        w.Line();
        EmitEventTryParse(w, e, fields);
        w.Line();
        EmitEventWriteFields(w, fields);
        w.Close();
        w.Line();
    }

    private static string Bit(int index) => $"0x{1UL << index:X}UL";

    private static void EmitEventTryParse(SourceWriter w, EventModel e, List<EventFieldModel> fields)
    {
        w.Line($"/// <summary>Reads the event from its first line (<c>650 {Xml(e.Keyword)} ...</c>) into <paramref name=\"view\"/> (default when false); never throws.</summary>");
        w.Open($"public static bool TryParse({Ctl}TorReplyLineView line, out {e.Name}Event view, out {Ctl}TorControlError error)");
        // One clear of the caller's view (absent arguments read as default), then each argument is stored in place;
        // a failure clears it again. Unsafe.SkipInit would save the clear, but takes a ref struct only from C# 13.
        w.Line("view = default;");
        w.Line("error = default;");
        w.Line("var reader = line.Arguments;");
        w.Open($"if (!reader.MoveNext() || reader.Current.IsKeyword || !global::System.MemoryExtensions.SequenceEqual(reader.Current.Raw, {Utf8(e.Keyword)}))");
        w.Line($"error = reader.Error.IsError ? reader.Error : new {Ctl}TorControlError({Ctl}TorControlErrorReason.WrongEvent, 0, \"event\");");
        w.Line("return false;");
        w.Close();
        w.Line("view._line = line;");
        w.Line("ulong present = 0;");
        bool numbers = fields.Any(f => f.Type == EventFieldType.Number);
        if (numbers)
        {
            // The first bad number in spec order is reported, after the reader's errors and missing arguments.
            w.Line("int badNumber = int.MaxValue;");
            w.Line("long badOffset = 0;");
        }
        int textIndex = e.Positionals.ToList().FindIndex(p => p.Type == EventFieldType.Text);
        w.Line("int positional = 0;");
        w.Open("while (true)");
        if (textIndex >= 0)
        {
            w.Open($"if (positional == {textIndex})");
            w.Line($"view._f{textIndex} = global::System.MemoryExtensions.TrimStart(reader.Remaining, (byte)' ');");
            w.Line($"if (!view._f{textIndex}.IsEmpty) present |= {Bit(textIndex)};");
            w.Line("break;");
            w.Close();
        }
        w.Line("if (!reader.MoveNext()) break;");
        w.Line("var a = reader.Current;");
        w.Open("if (a.IsKeyword)");
        for (int i = e.Positionals.Count; i < fields.Count; i++)
        {
            w.Open($"{(i > e.Positionals.Count ? "else " : "")}if ((present & {Bit(i)}) == 0 && global::System.MemoryExtensions.SequenceEqual(a.Key, {Utf8(fields[i].Key)}))");
            EmitEventStore(w, fields[i], i);
            w.Close();
        }
        w.Line("continue;");
        w.Close();
        if (Enumerable.Range(0, e.Positionals.Count).All(i => i == textIndex))
        {
            w.Line("positional++;");
        }
        else
        {
            w.Open("switch (positional++)");
            for (int i = 0; i < e.Positionals.Count; i++)
            {
                if (i == textIndex) continue;
                w.Open($"case {i}:");
                EmitEventStore(w, fields[i], i);
                w.Line("break;");
                w.Close();
            }
            w.Close();
        }
        w.Close();
        w.Line("if (reader.Error.IsError) { view = default; error = reader.Error; return false; }");
        for (int i = 0; i < e.Positionals.Count; i++)
        {
            if (!fields[i].Optional)
                w.Line($"if ((present & {Bit(i)}) == 0) {{ view = default; error = new {Ctl}TorControlError({Ctl}TorControlErrorReason.MissingArgument, line.Text.Length, {Quote(Camel(fields[i].Property))}); return false; }}");
        }
        if (numbers)
        {
            var names = fields.Select((f, i) => (f, i)).Where(x => x.f.Type == EventFieldType.Number).ToList();
            string name = names.Count == 1
                ? Quote(Camel(names[0].f.Property))
                : "badNumber switch { " + string.Join(", ", names.Take(names.Count - 1).Select(x => $"{x.i} => {Quote(Camel(x.f.Property))}")) + $", _ => {Quote(Camel(names[names.Count - 1].f.Property))} }}";
            w.Line($"if (badNumber != int.MaxValue) {{ view = default; error = new {Ctl}TorControlError({Ctl}TorControlErrorReason.BadNumber, badOffset, {name}); return false; }}");
        }
        w.Line("view._present = present;");
        w.Line("return true;");
        w.Close();
    }

    /// <summary>
    /// Stores argument <c>a</c> as field <paramref name="index"/> of <c>view</c> and sets its presence bit; a number
    /// that does not parse runs <paramref name="onBadNumber"/> (an event notes the first, a reply fails at once).
    /// </summary>
    private static void EmitFieldStore(SourceWriter w, EventFieldModel f, int index, string onBadNumber)
    {
        w.Line($"present |= {Bit(index)};");
        switch (f.Type)
        {
            case EventFieldType.Number:
                w.Line($"if (a.IsQuoted || !global::System.Buffers.Text.Utf8Parser.TryParse(a.Value, out view._f{index}, out int used) || used != a.Value.Length)");
                w.Line(onBadNumber);
                break;
            case EventFieldType.Enum:
                w.Line($"view._f{index} = Parse{f.EnumName}(a.Value);");
                w.Line($"view._t{index} = a.Value;");
                break;
            default:
                w.Line($"view._f{index} = a;");
                break;
        }
    }

    private static void EmitEventStore(SourceWriter w, EventFieldModel f, int index) =>
        EmitFieldStore(w, f, index, $"{{ if ({index} < badNumber) {{ badNumber = {index}; badOffset = a.Offset; }} }}");

    private static string Camel(string property) => char.ToLowerInvariant(property[0]) + property.Substring(1);

    private static void EmitEventDispatch(SourceWriter w, SpecModel spec)
    {
        w.Line("/// <summary>The events of this spec; Unknown for an event it does not name (a controller ignores it, §4.1).</summary>");
        w.Line(Generated);
        w.Open("public enum EventKind");
        w.Line("/// <summary>An event this spec does not name.</summary>");
        w.Line("Unknown = 0,");
        foreach (var e in spec.Events) w.Line($"/// <summary><c>{Xml(e.Keyword)}</c>.</summary>\n{e.Name},");
        w.Close();
        w.Line();
        w.Line("/// <summary>The kind of an event from its name (the first word after <c>650</c>).</summary>");
        w.Open($"public static EventKind EventKindOf({Span} name)");
        w.Open("switch (name.Length)");
        foreach (var group in spec.Events.GroupBy(e => e.Keyword.Length))
        {
            w.Line($"case {group.Key}:");
            foreach (var e in group) w.Line($"    if (global::System.MemoryExtensions.SequenceEqual(name, {Utf8(e.Keyword)})) return EventKind.{e.Name};");
            w.Line("    break;");
        }
        w.Close();
        w.Line("return EventKind.Unknown;");
        w.Close();
        w.Line();
        w.Line("/// <summary>Receives each event as its typed view.</summary>");
        w.Open("public interface IEventHandler");
        foreach (var e in spec.Events) w.Line($"/// <summary>A <c>{Xml(e.Keyword)}</c> event.</summary>\nvoid On{e.Name}({e.Name}Event e);");
        w.Line("/// <summary>An event this spec does not name.</summary>");
        w.Line($"void OnUnknownEvent({Ctl}TorReplyLineView line);");
        w.Line("/// <summary>An event of a known kind whose arguments break its grammar.</summary>");
        w.Line($"void OnInvalidEvent({Ctl}TorReplyLineView line, EventKind kind, {Ctl}TorControlError error);");
        w.Close();
        w.Line();
        w.Line("/// <summary>Reads the first line of an event and hands it to <paramref name=\"handler\"/> as its view; allocates nothing.</summary>");
        w.Open($"public static EventKind DispatchEvent<THandler>({Ctl}TorReplyLineView line, ref THandler handler) where THandler : IEventHandler");
        w.Line("var text = line.Text;");
        w.Line("int space = global::System.MemoryExtensions.IndexOf(text, (byte)' ');");
        w.Line("var kind = EventKindOf(space < 0 ? text : text.Slice(0, space));");
        w.Open("switch (kind)");
        foreach (var e in spec.Events) w.Line($"case EventKind.{e.Name}: Dispatch{e.Name}(line, ref handler); break;");
        w.Line("default: handler.OnUnknownEvent(line); break;");
        w.Close();
        w.Line("return kind;");
        w.Close();
        w.Line();
        EmitEventFieldsDispatch(w, spec);
        // One small method per event: a single method holding every view would have a frame of kilobytes,
        // zeroed on each call whatever the event.
        foreach (var e in spec.Events)
        {
            w.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]");
            w.Open($"private static void Dispatch{e.Name}<THandler>({Ctl}TorReplyLineView line, ref THandler handler) where THandler : IEventHandler");
            w.Line($"if ({e.Name}Event.TryParse(line, out var view, out var error)) handler.On{e.Name}(view);");
            w.Line($"else handler.OnInvalidEvent(line, EventKind.{e.Name}, error);");
            w.Close();
            w.Line();
        }
    }
}
