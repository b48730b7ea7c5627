using System.Collections.Generic;
using System.Linq;
using PtToolkit.Generator.Model;

namespace PtToolkit.Generator.Emitting;

internal static partial class SpecEmitter
{
    /// <summary>
    /// Writes a view per reply: each declared line found by its leading word or key (the first such line kept),
    /// its arguments read as an event's are; lines this spec does not name (the closing <c>250 OK</c>, lines a later
    /// Tor adds) are skipped and stay readable through the reply (control-spec §4.1's forward compatibility).
    /// </summary>
    private static void EmitReplies(SourceWriter w, SpecModel spec)
    {
        foreach (var r in spec.Replies) EmitReply(w, r);
    }

    private static void EmitReply(SourceWriter w, ReplyModel r)
    {
        var fields = new List<(EventFieldModel Field, bool Optional)>();
        foreach (var line in r.Lines)
        {
            foreach (var f in line.Positionals.Concat(line.Keywords)) fields.Add((f, f.Optional || line.Optional));
        }
        w.Line($"/// <summary>The successful reply to <c>{Xml(r.Keyword)}</c> ({Xml(string.Join("; ", r.Sections))}).");
        foreach (var line in r.Doc) w.Line("/// " + Xml(line));
        w.Line("/// </summary>");
        w.Line(Generated);
        w.Open($"public ref struct {r.Name}Reply");
        w.Line($"private {Ctl}TorReplyView _reply;");
        w.Line("private ulong _present;");
        for (int i = 0; i < fields.Count; i++)
        {
            w.Line($"private {EventFieldTypeName(fields[i].Field)} _f{i};");
            if (fields[i].Field.Type == EventFieldType.Enum) w.Line($"private {Span} _t{i};");
        }
        w.Line();
        w.Line("/// <summary>The whole reply; lines and arguments this spec does not name are read from it.</summary>");
        w.Line($"public readonly {Ctl}TorReplyView Reply => _reply;");
        for (int i = 0; i < fields.Count; i++)
        {
            var (f, optional) = fields[i];
            string what = f.Key.Length > 0 ? $"<c>{Xml(f.Key)}=</c> argument" : "positional argument";
            string lead = LeadOf(r, f);
            w.Line($"/// <summary>The {what} of the <c>{Xml(lead)}</c> line ({(optional ? "may be absent: see Has" + f.Property : "always present")}).</summary>");
            w.Line($"public readonly {EventFieldTypeName(f)} {f.Property} => _f{i};");
            if (f.Type == EventFieldType.Enum)
            {
                w.Line($"/// <summary>The word of <see cref=\"{f.Property}\"/>, kept when it is Unknown.</summary>");
                w.Line($"public readonly {Span} {f.Property}Text => _t{i};");
            }
            if (optional)
            {
                w.Line($"/// <summary>Whether <see cref=\"{f.Property}\"/> was given.</summary>");
                w.Line($"public readonly bool Has{f.Property} => (_present & {Bit(i)}) != 0;");
            }
        }
        w.Line();
        EmitReplyTryParse(w, r, fields.Select(x => x.Field).ToList());
        w.Close();
        w.Line();
    }

    private static string LeadOf(ReplyModel r, EventFieldModel f) =>
        r.Lines.First(l => l.Positionals.Contains(f) || l.Keywords.Contains(f)).Lead;

    private static void EmitReplyTryParse(SourceWriter w, ReplyModel r, List<EventFieldModel> fields)
    {
        w.Line("/// <summary>");
        w.Line($"/// Reads the reply to <c>{Xml(r.Keyword)}</c> into <paramref name=\"view\"/> (default when false); never throws, allocates nothing.");
        w.Line("/// False, with the reason, the offset in <c>reply.Raw</c> and the field, for a line that is not 2yz, a required line");
        w.Line("/// or argument missing, a bad number, or a declared line whose arguments break the grammar.");
        w.Line("/// </summary>");
        w.Open($"public static bool TryParse({Ctl}TorReplyView reply, out {r.Name}Reply view, out {Ctl}TorControlError error)");
        w.Line("view = default;");
        w.Line("error = default;");
        w.Line("ulong present = 0;");
        w.Line("uint seen = 0;");
        w.Open("foreach (var line in reply.Lines)");
        w.Line($"if (!line.IsSuccess) {{ view = default; error = new {Ctl}TorControlError({Ctl}TorControlErrorReason.FailedReply, line.Offset, \"status\"); return false; }}");
        w.Line("var reader = line.Arguments;");
        w.Line("if (!reader.MoveNext()) continue;");
        w.Line("var a = reader.Current;");
        int index = 0;
        for (int l = 0; l < r.Lines.Count; l++)
        {
            var line = r.Lines[l];
            string seenBit = $"0x{1u << l:X}u";
            string match = line.Word.Length > 0
                ? $"!a.IsKeyword && !a.IsQuoted && global::System.MemoryExtensions.SequenceEqual(a.Value, {Utf8(line.Word)})"
                : $"a.IsKeyword && global::System.MemoryExtensions.SequenceEqual(a.Key, {Utf8(line.Lead)})";
            w.Open($"if ((seen & {seenBit}) == 0 && {match})");
            w.Line($"seen |= {seenBit};");
            if (line.Word.Length == 0)
            {
                int lead = index + line.Positionals.Count;
                EmitReplyStore(w, line.Keywords[0], lead, "view = default; return false;");
            }
            w.Line($"if (!ReadLine{l}(ref view, line, reader, ref present, out error)) {{ view = default; return false; }}");
            w.Line("continue;");
            w.Close();
            index += line.Positionals.Count + line.Keywords.Count;
        }
        w.Close();
        for (int l = 0; l < r.Lines.Count; l++)
        {
            if (!r.Lines[l].Optional)
                w.Line($"if ((seen & 0x{1u << l:X}u) == 0) {{ view = default; error = new {Ctl}TorControlError({Ctl}TorControlErrorReason.MissingLine, reply.Raw.Length, {Quote(r.Lines[l].Lead)}); return false; }}");
        }
        w.Line("view._reply = reply;");
        w.Line("view._present = present;");
        w.Line("return true;");
        w.Close();
        index = 0;
        for (int l = 0; l < r.Lines.Count; l++)
        {
            w.Line();
            EmitReplyLine(w, r, r.Lines[l], l, index);
            index += r.Lines[l].Positionals.Count + r.Lines[l].Keywords.Count;
        }
    }

    /// <summary>
    /// Writes <c>ReadLineN</c>: the arguments after the leading one, positionals by position (extra ones ignored),
    /// keywords by key (unknown ones ignored, the first of a repeated one kept); the first bad number or grammar
    /// break fails at once, then a missing required argument.
    /// </summary>
    private static void EmitReplyLine(SourceWriter w, ReplyModel r, ReplyLineModel line, int l, int first)
    {
        int keywordsFirst = first + line.Positionals.Count;
        w.Open($"private static bool ReadLine{l}(ref {r.Name}Reply view, {Ctl}TorReplyLineView line, {Ctl}TorArgumentReader reader, ref ulong present, out {Ctl}TorControlError error)");
        w.Line("error = default;");
        w.Line("int at = line.Offset + 4;");
        if (line.Positionals.Count > 0) w.Line("int positional = 0;");
        w.Open("while (reader.MoveNext())");
        w.Line("var a = reader.Current;");
        w.Open("if (a.IsKeyword)");
        for (int k = 0; k < line.Keywords.Count; k++)
        {
            int i = keywordsFirst + k;
            w.Open($"{(k > 0 ? "else " : "")}if ((present & {Bit(i)}) == 0 && global::System.MemoryExtensions.SequenceEqual(a.Key, {Utf8(line.Keywords[k].Key)}))");
            EmitReplyStore(w, line.Keywords[k], i, "return false;");
            w.Close();
        }
        w.Line("continue;");
        w.Close();
        if (line.Positionals.Count > 0)
        {
            w.Open("switch (positional++)");
            for (int p = 0; p < line.Positionals.Count; p++)
            {
                w.Open($"case {p}:");
                EmitReplyStore(w, line.Positionals[p], first + p, "return false;");
                w.Line("break;");
                w.Close();
            }
            w.Close();
        }
        w.Close();
        w.Line("if (reader.Error.IsError) { error = new " + Ctl + "TorControlError(reader.Error.Reason, at + reader.Error.Offset, " + Quote(line.Lead) + "); return false; }");
        var all = line.Positionals.Concat(line.Keywords).ToList();
        for (int j = 0; j < all.Count; j++)
        {
            if (!all[j].Optional)
                w.Line($"if ((present & {Bit(first + j)}) == 0) {{ error = new {Ctl}TorControlError({Ctl}TorControlErrorReason.MissingArgument, at + line.Text.Length, {Quote(EventFieldName(all[j]))}); return false; }}");
        }
        w.Line("return true;");
        w.Close();
    }

    /// <summary>Stores argument <c>a</c> as field <paramref name="index"/> of <c>view</c>; a bad number sets the error and runs <paramref name="fail"/>.</summary>
    private static void EmitReplyStore(SourceWriter w, EventFieldModel f, int index, string fail)
    {
        w.Line($"present |= {Bit(index)};");
        switch (f.Type)
        {
            case EventFieldType.Number:
                w.Line($"if (a.IsQuoted || !global::System.Buffers.Text.Utf8Parser.TryParse(a.Value, out view._f{index}, out int used) || used != a.Value.Length)");
                w.Line($"{{ error = new {Ctl}TorControlError({Ctl}TorControlErrorReason.BadNumber, line.Offset + 4 + a.Offset, {Quote(EventFieldName(f))}); {fail} }}");
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
}
