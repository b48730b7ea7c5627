using System.Collections.Generic;
using System.Linq;
using PtToolkit.Generator.Model;

namespace PtToolkit.Generator.Emitting;

internal static partial class SpecEmitter
{
    private static void EmitMessageKind(SourceWriter w, SpecModel spec)
    {
        w.Line("/// <summary>The messages of this spec; Unknown for a line whose keyword names none of them.</summary>");
        w.Line(Generated);
        w.Open("public enum MessageKind");
        w.Line("/// <summary>No message of this spec (the parent MUST ignore such lines).</summary>");
        w.Line("Unknown = 0,");
        foreach (var m in spec.Messages)
        {
            w.Line($"/// <summary>{Xml(m.Name)} ({Xml(string.Join("; ", m.Sections))}).</summary>");
            w.Line(m.Name + ",");
        }
        w.Close();
        w.Line();
        w.Line("/// <summary>What became of a line: its kind, and the error when it was invalid.</summary>");
        w.Line(Generated);
        w.Open("public readonly record struct ParseOutcome(MessageKind Kind, global::PtToolkit.Text.PtParseError Error)");
        w.Line("/// <summary>True when the line was parsed as a message of this spec.</summary>");
        w.Line("public bool IsMessage => Kind != MessageKind.Unknown && !Error.IsError;");
        w.Line("/// <summary>True when the line's keyword names no message of this spec.</summary>");
        w.Line("public bool IsUnknown => Kind == MessageKind.Unknown && !Error.IsError;");
        w.Line("/// <summary>True when the line is malformed; <see cref=\"Kind\"/> is the message it was read as, or Unknown.</summary>");
        w.Line("public bool IsInvalid => Error.IsError;");
        w.Close();
        w.Line();
    }

    /// <summary>The whole words after the keyword that name a message (<c>PROXY DONE</c>, <c>EVENT CONNECTION</c>).</summary>
    private static List<ItemModel> HeadWords(MessageModel m)
    {
        var words = new List<ItemModel>();
        var items = m.Items;
        for (int k = 1; k + 1 < items.Count && items[k].Kind == ItemKind.Space && items[k + 1].Kind == ItemKind.Literal; k += 2)
        {
            bool whole = k + 2 == items.Count || items[k + 2].Kind is ItemKind.Space or ItemKind.Optional;
            if (!whole) break;
            words.Add(items[k + 1]);
        }
        return words;
    }

    private static void EmitDispatch(SourceWriter w, SpecModel spec)
    {
        w.Line("/// <summary>Receives each line as its typed view. Implement it on a struct for dispatch without allocation.</summary>");
        w.Line(Generated);
        w.Open("public interface IHandler");
        foreach (var m in spec.Messages)
        {
            w.Line($"/// <summary>A {m.Name} line.</summary>");
            w.Line($"void On{m.Name}({m.Name}View message);");
        }
        w.Line("/// <summary>A line whose keyword names no message of this spec: the parent MUST ignore it.</summary>");
        w.Line($"void OnUnknown({Span} line);");
        w.Line("/// <summary>A malformed line: <paramref name=\"kind\"/> is the message it was read as (or Unknown), <paramref name=\"error\"/> what and where.</summary>");
        w.Line($"void OnInvalid({Span} line, MessageKind kind, {Rt}PtParseError error);");
        w.Close();
        w.Line();

        w.Line("/// <summary>");
        w.Line("/// Parses one line (with or without LF or CRLF) and hands it to <paramref name=\"handler\"/>: the message whose");
        w.Line("/// keyword and leading words match, Unknown when none does, Invalid with the error that got furthest otherwise.");
        w.Line("/// Only messages of <paramref name=\"dialects\"/> are considered. Never throws; allocates nothing.");
        w.Line("/// </summary>");
        w.Open($"public static ParseOutcome Dispatch<THandler>({Span} line, ref THandler handler, Dialects dialects = Dialects.All) where THandler : IHandler");
        w.Line($"line = {Rt}PtLineCursor.TrimLineEnd(line);");
        w.Line($"var keyword = {Rt}PtLineCursor.Keyword(line);");
        w.Open("if (keyword.IsEmpty)");
        w.Line($"var bad = new {Rt}PtParseError(0, line.IsEmpty ? {Rt}PtErrorReason.EmptyLine : {Rt}PtErrorReason.BadKeyword, null);");
        w.Line("handler.OnInvalid(line, MessageKind.Unknown, bad);");
        w.Line("return new ParseOutcome(MessageKind.Unknown, bad);");
        w.Close();
        w.Line($"{Rt}PtParseError best = default;");
        w.Line("var bestKind = MessageKind.Unknown;");
        if (spec.Messages.Count > 0) w.Open("switch (keyword.Length)");
        var groups = spec.Messages.GroupBy(m => m.Items[0].Literals[0]).GroupBy(g => g.Key.Length).OrderBy(g => g.Key);
        foreach (var byLength in groups)
        {
            w.Open($"case {byLength.Key}:");
            foreach (var byKeyword in byLength)
            {
                w.Open($"if (global::System.MemoryExtensions.SequenceEqual(keyword, {Utf8(byKeyword.Key)}))");
                int n = 0;
                foreach (var m in byKeyword) EmitCandidate(w, spec, m, n++);
                w.Line("break;");
                w.Close();
            }
            w.Line("break;");
            w.Close();
        }
        if (spec.Messages.Count > 0) w.Close();
        w.Open("if (bestKind == MessageKind.Unknown)");
        w.Line("handler.OnUnknown(line);");
        w.Line("return new ParseOutcome(MessageKind.Unknown, default);");
        w.Close();
        w.Line("handler.OnInvalid(line, bestKind, best);");
        w.Line("return new ParseOutcome(bestKind, best);");
        w.Close();
        w.Line();
        EmitDispatchHelpers(w, spec);
    }

    private static void EmitCandidate(SourceWriter w, SpecModel spec, MessageModel m, int n)
    {
        var heads = HeadWords(m);
        var condition = $"(dialects & ({DialectMask(spec, m.Dialects)})) != 0";
        if (heads.Count > 0)
        {
            w.Open($"if ({condition})");
            w.Line($"int o{n} = keyword.Length;");
            condition = string.Join(" && ", heads.Select(h => "(" + string.Join(" || ", h.Literals.Select(l => $"{Rt}PtLineCursor.MatchWord(line, ref o{n}, {Utf8(l)})")) + ")"));
        }
        w.Line($"if ({condition} && TryDispatch{m.Name}(line, ref handler, ref best, ref bestKind)) return new ParseOutcome(MessageKind.{m.Name}, default);");
        if (heads.Count > 0) w.Close();
    }

    /// <summary>
    /// One method per message keeps each view in its own small frame: a single Dispatch holding every
    /// view would zero them all in its prologue on every line.
    /// </summary>
    private static void EmitDispatchHelpers(SourceWriter w, SpecModel spec)
    {
        foreach (var m in spec.Messages)
        {
            w.Open($"private static bool TryDispatch{m.Name}<THandler>({Span} line, ref THandler handler, ref {Rt}PtParseError best, ref MessageKind bestKind) where THandler : IHandler");
            w.Open($"if ({m.Name}View.TryParseTrimmed(line, out var view, out var error))");
            w.Line($"handler.On{m.Name}(view);");
            w.Line("return true;");
            w.Close();
            w.Line($"if (bestKind == MessageKind.Unknown || error.Offset > best.Offset) {{ best = error; bestKind = MessageKind.{m.Name}; }}");
            w.Line("return false;");
            w.Close();
            w.Line();
        }
    }

    private static void EmitMetadata(SourceWriter w, SpecModel spec)
    {
        w.Line("/// <summary>The stream a message is written on in <paramref name=\"dialect\"/> (stdout unless the spec says otherwise).</summary>");
        w.Open($"public static {Rt}PtStream StreamOf(MessageKind kind, Dialects dialect)");
        if (spec.Messages.Any(m => m.Streams.Count > 0)) w.Open("switch (kind)");
        foreach (var m in spec.Messages.Where(m => m.Streams.Count > 0))
        {
            w.Line($"case MessageKind.{m.Name}:");
            foreach (var s in m.Streams)
            {
                string value = $"{Rt}PtStream.{(s.Value == "stderr" ? "Stderr" : "Stdout")}";
                w.Line(s.Dialects.Count == 0 ? $"    return {value};" : $"    if ((dialect & ({DialectMask(spec, s.Dialects)})) != 0) return {value};");
            }
            if (m.Streams.All(s => s.Dialects.Count > 0)) w.Line("    break;");
        }
        if (spec.Messages.Any(m => m.Streams.Count > 0)) w.Close();
        w.Line($"return {Rt}PtStream.Stdout;");
        w.Close();
        w.Line();
        w.Line("/// <summary>Whether the PT must terminate after a message in <paramref name=\"dialect\"/>, and with which exit code when the spec sets one.</summary>");
        w.Open($"public static {Rt}PtExit ExitOf(MessageKind kind, Dialects dialect)");
        if (spec.Messages.Any(m => m.Exits.Count > 0)) w.Open("switch (kind)");
        foreach (var m in spec.Messages.Where(m => m.Exits.Count > 0))
        {
            w.Line($"case MessageKind.{m.Name}:");
            foreach (var x in m.Exits)
            {
                string value = $"new {Rt}PtExit(true, {(x.Value == "any" ? "null" : x.Value)})";
                w.Line(x.Dialects.Count == 0 ? $"    return {value};" : $"    if ((dialect & ({DialectMask(spec, x.Dialects)})) != 0) return {value};");
            }
            if (m.Exits.All(x => x.Dialects.Count > 0)) w.Line("    break;");
        }
        if (spec.Messages.Any(m => m.Exits.Count > 0)) w.Close();
        w.Line($"return {Rt}PtExit.Continue;");
        w.Close();
        w.Line();
        w.Line("/// <summary>The dialects a message belongs to.</summary>");
        w.Open("public static Dialects DialectsOf(MessageKind kind) => kind switch");
        foreach (var m in spec.Messages.Where(m => m.Dialects.Count > 0)) w.Line($"MessageKind.{m.Name} => {DialectMask(spec, m.Dialects)},");
        w.Line("MessageKind.Unknown => Dialects.None,");
        w.Line("_ => Dialects.All,");
        w.Close(";");
        w.Line();
        EmitParseOwned(w, spec);
    }

    private static void EmitParseOwned(SourceWriter w, SpecModel spec)
    {
        w.Line("/// <summary>Parses one line into an owned message (allocates; for lines that are kept). Never throws.</summary>");
        w.Open($"public static ParseOutcome ParseOwned({Span} line, out {Rt}IPtMessage? message, Dialects dialects = Dialects.All)");
        w.Line("var collector = new OwnedCollector();");
        w.Line("var outcome = Dispatch(line, ref collector, dialects);");
        w.Line("message = collector.Message;");
        w.Line("return outcome;");
        w.Close();
        w.Line();
        w.Line("/// <summary>Builds an owned message of <paramref name=\"kind\"/> from fields named as in the spec.</summary>");
        w.Open($"public static bool TryCreate(MessageKind kind, {Rt}IPtFieldSource source, [global::System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out {Rt}IPtMessage? message, out string? error)");
        if (spec.Messages.Count > 0) w.Open("switch (kind)");
        foreach (var m in spec.Messages)
        {
            w.Line($"case MessageKind.{m.Name}:");
            w.Line($"    {{ bool ok = {m.Name}Message.TryCreate(source, out var typed, out error); message = typed; return ok; }}");
        }
        if (spec.Messages.Count > 0) w.Close();
        w.Line("message = null;");
        w.Line("error = \"unknown message kind\";");
        w.Line("return false;");
        w.Close();
        w.Line();
        w.Line(Generated);
        w.Open("private struct OwnedCollector : IHandler");
        w.Line($"public {Rt}IPtMessage? Message {{ get; private set; }}");
        foreach (var m in spec.Messages) w.Line($"public void On{m.Name}({m.Name}View message) => Message = message.ToOwned();");
        w.Line($"public void OnUnknown({Span} line) {{ }}");
        w.Line($"public void OnInvalid({Span} line, MessageKind kind, {Rt}PtParseError error) {{ }}");
        w.Close();
        w.Line();
    }
}
