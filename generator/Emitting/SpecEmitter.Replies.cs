using System.Collections.Generic;
using System.Linq;
using PtToolkit.Generator.Model;

namespace PtToolkit.Generator.Emitting;

internal static partial class SpecEmitter
{
    /// <summary>
    /// Writes a view per reply: each declared line found by its leading word or key (the first such line kept, every
    /// one of a repeated line), its arguments read as an event's are; lines this spec does not name (the closing
    /// <c>250 OK</c>, lines a later Tor adds) are skipped and stay readable through the reply (control-spec §4.1).
    /// </summary>
    private static void EmitReplies(SourceWriter w, SpecModel spec)
    {
        foreach (var r in spec.Replies) EmitReply(w, r);
    }

    private static void EmitReply(SourceWriter w, ReplyModel r)
    {
        var fields = new List<(EventFieldModel Field, bool Optional, string Lead)>();
        foreach (var line in r.Lines.Where(l => !l.Repeated))
        {
            foreach (var f in line.Positionals.Concat(line.Keywords)) fields.Add((f, f.Optional || line.Optional, line.Lead));
        }
        w.Line($"/// <summary>The successful reply to <c>{Xml(r.Keyword)}</c> ({Xml(string.Join("; ", r.Sections))}).");
        foreach (var line in r.Doc) w.Line("/// " + Xml(line));
        w.Line("/// </summary>");
        w.Line(Generated);
        w.Open($"public ref struct {r.Name}Reply");
        w.Line($"private {Ctl}TorReplyView _reply;");
        EmitReplyFields(w, fields);
        w.Line("/// <summary>The whole reply; lines and arguments this spec does not name are read from it.</summary>");
        w.Line($"public readonly {Ctl}TorReplyView Reply => _reply;");
        foreach (var line in r.Lines.Where(l => l.Repeated))
        {
            w.Line($"/// <summary>Every <c>{Xml(line.Lead)}</c> line, in order, each read as <see cref=\"{line.RepeatedName}Line\"/>.</summary>");
            w.Line($"public readonly {line.RepeatedName}LineEnumerator {line.RepeatedName}Lines => new {line.RepeatedName}LineEnumerator(_reply.Lines);");
        }
        if (r.Pairs is not null)
        {
            w.Line("/// <summary>Every line no other line of this reply names, in order, each read as a <see cref=\"Pair\"/>.</summary>");
            w.Line("public readonly PairEnumerator Pairs => new PairEnumerator(_reply.Lines);");
        }
        w.Line();
        EmitReplyTryParse(w, r);
        int first = 0;
        for (int l = 0; l < r.Lines.Count; l++)
        {
            var line = r.Lines[l];
            w.Line();
            if (line.Repeated)
            {
                EmitRepeatedLine(w, line, l);
                continue;
            }
            EmitReplyLine(w, r.Name + "Reply", line, l, first);
            first += line.Positionals.Count + line.Keywords.Count;
        }
        if (r.Pairs is not null)
        {
            w.Line();
            EmitPairs(w, r);
        }
        w.Close();
        w.Line();
    }

    /// <summary>The presence mask, the backing fields (of <paramref name="access"/>) and a read-only property (and <c>HasX</c>) per field.</summary>
    private static void EmitReplyFields(SourceWriter w, List<(EventFieldModel Field, bool Optional, string Lead)> fields, string access = "private")
    {
        w.Line($"{access} ulong _present;");
        for (int i = 0; i < fields.Count; i++)
        {
            w.Line($"{access} {EventFieldTypeName(fields[i].Field)} _f{i};");
            if (fields[i].Field.Type == EventFieldType.Enum) w.Line($"{access} {Span} _t{i};");
        }
        w.Line();
        for (int i = 0; i < fields.Count; i++)
        {
            var (f, optional, lead) = fields[i];
            string what = f.Key.Length > 0 ? $"<c>{Xml(f.Key)}=</c> argument" : "positional argument";
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
    }

    private static string LeadMatch(ReplyLineModel line) => line.Word.Length > 0
        ? $"!a.IsKeyword && !a.IsQuoted && global::System.MemoryExtensions.SequenceEqual(a.Value, {Utf8(line.Word)})"
        : $"a.IsKeyword && global::System.MemoryExtensions.SequenceEqual(a.Key, {Utf8(line.Lead)})";

    /// <summary>True (of argument <c>a</c>) when the line is one of the declared lines, a repeat of one included.</summary>
    private static string AnyLead(ReplyModel r) => string.Join(" || ", r.Lines.Select(l => "(" + LeadMatch(l) + ")"));

    private static void EmitReplyTryParse(SourceWriter w, ReplyModel r)
    {
        w.Line("/// <summary>");
        w.Line($"/// Reads the reply to <c>{Xml(r.Keyword)}</c> into <paramref name=\"view\"/> (default when false); never throws, allocates nothing.");
        w.Line("/// False, with the reason, the offset in <c>reply.Raw</c> and the field, for a line that is not 2yz, a required line");
        w.Line("/// or argument missing, a bad number, or a declared line whose arguments break the grammar.");
        if (r.Pairs is not null) w.Line("/// Every other line is read as a <see cref=\"Pair\"/>: false for one that is not a key=value pair as declared.");
        w.Line("/// </summary>");
        w.Open($"public static bool TryParse({Ctl}TorReplyView reply, out {r.Name}Reply view, out {Ctl}TorControlError error)");
        w.Line("view = default;");
        w.Line("error = default;");
        w.Line("ulong present = 0;");
        if (r.Lines.Any(l => !l.Repeated)) w.Line("uint seen = 0;");
        w.Open("foreach (var line in reply.Lines)");
        w.Line($"if (!line.IsSuccess) {{ view = default; error = new {Ctl}TorControlError({Ctl}TorControlErrorReason.FailedReply, line.Offset, \"status\"); return false; }}");
        if (r.Pairs is null)
        {
            w.Line("var reader = line.Arguments;");
            w.Line("if (!reader.MoveNext()) continue;");
            w.Line("var a = reader.Current;");
        }
        else if (r.Lines.Count > 0)
        {
            // A line whose first argument breaks the grammar may still be a pair: only a declared lead takes a line from the pairs.
            w.Line("var reader = line.Arguments;");
            w.Open("if (reader.MoveNext())");
            w.Line("var a = reader.Current;");
        }
        for (int l = 0; l < r.Lines.Count; l++)
        {
            var line = r.Lines[l];
            string seenBit = $"0x{1u << l:X}u";
            if (line.Repeated)
            {
                // Each repeated line is checked here, so that its enumerator can read it without an error to report.
                w.Open($"if ({LeadMatch(line)})");
                w.Line($"var item = default({line.RepeatedName}Line);");
                w.Line("ulong itemPresent = 0;");
                w.Line($"if (!ReadLine{l}(ref item, line, reader, a, ref itemPresent, out error)) {{ view = default; return false; }}");
                w.Line("continue;");
                w.Close();
                continue;
            }
            w.Open($"if ((seen & {seenBit}) == 0 && {LeadMatch(line)})");
            w.Line($"seen |= {seenBit};");
            w.Line($"if (!ReadLine{l}(ref view, line, reader, a, ref present, out error)) {{ view = default; return false; }}");
            w.Line("continue;");
            w.Close();
        }
        if (r.Pairs is not null)
        {
            if (r.Lines.Count > 0)
            {
                w.Line($"if ({AnyLead(r)}) continue;");
                w.Close();
            }
            w.Line("if (!ReadPair(line, out _, out error)) { view = default; return false; }");
        }
        w.Close();
        for (int l = 0; l < r.Lines.Count; l++)
        {
            if (!r.Lines[l].Optional && !r.Lines[l].Repeated)
                w.Line($"if ((seen & 0x{1u << l:X}u) == 0) {{ view = default; error = new {Ctl}TorControlError({Ctl}TorControlErrorReason.MissingLine, reply.Raw.Length, {Quote(r.Lines[l].Lead)}); return false; }}");
        }
        w.Line("view._reply = reply;");
        w.Line("view._present = present;");
        w.Line("return true;");
        w.Close();
    }

    /// <summary>Writes the view of one repeated line and the enumerator over every such line of a reply.</summary>
    private static void EmitRepeatedLine(SourceWriter w, ReplyLineModel line, int l)
    {
        string name = line.RepeatedName;
        var fields = line.Positionals.Concat(line.Keywords).Select(f => (f, f.Optional, line.Lead)).ToList();
        w.Line($"/// <summary>One <c>{Xml(line.Lead)}</c> line.</summary>");
        w.Open($"public ref struct {name}Line");
        w.Line($"internal {Ctl}TorReplyLineView _line;");
        // Internal, not private: the reply's ReadLineN, outside this type, fills them.
        EmitReplyFields(w, fields, "internal");
        w.Line("/// <summary>The line; arguments this spec does not name are read from it.</summary>");
        w.Line($"public readonly {Ctl}TorReplyLineView Line => _line;");
        w.Close();
        w.Line();
        w.Line($"/// <summary>Enumerates the <c>{Xml(line.Lead)}</c> lines of a reply that <c>TryParse</c> accepted.</summary>");
        w.Open($"public ref struct {name}LineEnumerator");
        w.Line($"private {Ctl}TorReplyLineEnumerator _lines;");
        w.Line($"internal {name}LineEnumerator({Ctl}TorReplyLineEnumerator lines) {{ _lines = lines; Current = default; }}");
        w.Line("/// <summary>The current line.</summary>");
        w.Line($"public {name}Line Current {{ get; private set; }}");
        w.Line("/// <summary>Returns this enumerator (for <c>foreach</c>).</summary>");
        w.Line($"public readonly {name}LineEnumerator GetEnumerator() => this;");
        w.Line("/// <summary>Moves to the next such line.</summary>");
        w.Open("public bool MoveNext()");
        w.Open("while (_lines.MoveNext())");
        w.Line("var line = _lines.Current;");
        w.Line("var reader = line.Arguments;");
        w.Line("if (!reader.MoveNext()) continue;");
        w.Line("var a = reader.Current;");
        w.Line($"if (!({LeadMatch(line)})) continue;");
        w.Line($"var item = default({name}Line);");
        w.Line("ulong present = 0;");
        w.Line($"if (!ReadLine{l}(ref item, line, reader, a, ref present, out _)) continue;");
        w.Line("item._line = line;");
        w.Line("item._present = present;");
        w.Line("Current = item;");
        w.Line("return true;");
        w.Close();
        w.Line("return false;");
        w.Close();
        w.Close();
        w.Line();
        EmitReplyLine(w, name + "Line", line, l, 0);
    }

    /// <summary>
    /// Writes <c>ReadLineN</c>: the leading argument <c>a</c> when it is a key, then the others, positionals by position
    /// (extra ones ignored), keywords by key (unknown ones ignored, the first of a repeated one kept); the first bad
    /// number or grammar break fails at once, then a missing required argument.
    /// </summary>
    private static void EmitReplyLine(SourceWriter w, string target, ReplyLineModel line, int l, int first)
    {
        int keywordsFirst = first + line.Positionals.Count;
        w.Open($"private static bool ReadLine{l}(ref {target} view, {Ctl}TorReplyLineView line, {Ctl}TorArgumentReader reader, {Ctl}TorArgumentView a, ref ulong present, out {Ctl}TorControlError error)");
        w.Line("error = default;");
        w.Line("int at = line.Offset + 4;");
        if (line.Word.Length == 0) EmitReplyStore(w, line.Keywords[0], keywordsFirst);
        if (line.Positionals.Count > 0) w.Line("int positional = 0;");
        w.Open("while (reader.MoveNext())");
        w.Line("a = reader.Current;");
        w.Open("if (a.IsKeyword)");
        for (int k = 0; k < line.Keywords.Count; k++)
        {
            int i = keywordsFirst + k;
            w.Open($"{(k > 0 ? "else " : "")}if ((present & {Bit(i)}) == 0 && global::System.MemoryExtensions.SequenceEqual(a.Key, {Utf8(line.Keywords[k].Key)}))");
            EmitReplyStore(w, line.Keywords[k], i);
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
                EmitReplyStore(w, line.Positionals[p], first + p);
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

    /// <summary>Stores argument <c>a</c> as field <paramref name="index"/> of <c>view</c>; a bad number sets the error and returns false.</summary>
    private static void EmitReplyStore(SourceWriter w, EventFieldModel f, int index) =>
        EmitFieldStore(w, f, index, $"{{ error = new {Ctl}TorControlError({Ctl}TorControlErrorReason.BadNumber, at + a.Offset, {Quote(EventFieldName(f))}); return false; }}");
}
