using PtToolkit.Generator.Model;

namespace PtToolkit.Generator.Emitting;

internal static partial class SpecEmitter
{
    /// <summary>
    /// Writes a reply's <c>Pair</c> view, its enumerator and <c>ReadPair</c>, which reads a line as control-spec
    /// §3.3/§3.9 write it: <c>key=value</c> (the value one QuotedString or bare to the end of the line), <c>key</c>
    /// alone when the value is optional, or <c>NNN+key=</c> with nothing after the <c>=</c> and a data block.
    /// </summary>
    private static void EmitPairs(SourceWriter w, ReplyModel r)
    {
        var p = r.Pairs!;
        w.Line($"/// <summary>One <c>key=value</c> line of a reply to <c>{Xml(r.Keyword)}</c>.</summary>");
        w.Open("public readonly ref struct Pair");
        w.Line($"private readonly {Ctl}TorReplyLineView _line;");
        w.Line($"private readonly {Ctl}TorArgumentView _pair;");
        w.Line($"internal Pair({Ctl}TorReplyLineView line, {Ctl}TorArgumentView pair) {{ _line = line; _pair = pair; }}");
        w.Line("/// <summary>The key, as written (the data the command asked about).</summary>");
        w.Line($"public {Span} {p.KeyProperty} => _pair.Key;");
        w.Line("/// <summary>The value: <c>Value</c> without the quotes, <c>IsQuoted</c>, decoded by <c>Unescape</c> or <c>ToString</c>; empty on a data line.</summary>");
        w.Line($"public {Ctl}TorArgumentView {p.ValueProperty} => _pair;");
        if (p.ValueOptional)
        {
            w.Line($"/// <summary>False for a key given alone (<c>250 key</c>: the option at its default, control-spec §3.3).</summary>");
            w.Line($"public bool Has{p.ValueProperty} => _pair.HasValue;");
        }
        w.Line("/// <summary>True for <c>NNN+key=</c>: the value is <see cref=\"Data\"/>.</summary>");
        w.Line("public bool HasData => _line.HasData;");
        w.Line("/// <summary>The data block of a <c>NNN+key=</c> line, dot-stuffing undone by its readers (empty otherwise).</summary>");
        w.Line($"public {Ctl}TorDataBlockView Data => _line.Data;");
        w.Line("/// <summary>The line.</summary>");
        w.Line($"public {Ctl}TorReplyLineView Line => _line;");
        w.Close();
        w.Line();
        w.Line($"/// <summary>Enumerates the pairs of a reply that <c>TryParse</c> accepted.</summary>");
        w.Open("public ref struct PairEnumerator");
        w.Line($"private {Ctl}TorReplyLineEnumerator _lines;");
        w.Line($"private {Ctl}TorReplyLineView _line;");
        w.Line($"private {Ctl}TorArgumentView _pair;");
        w.Line($"internal PairEnumerator({Ctl}TorReplyLineEnumerator lines) {{ _lines = lines; _line = default; _pair = default; }}");
        w.Line("/// <summary>The current pair.</summary>");
        w.Line("public readonly Pair Current => new Pair(_line, _pair);");
        w.Line("/// <summary>Returns this enumerator (for <c>foreach</c>).</summary>");
        w.Line("public readonly PairEnumerator GetEnumerator() => this;");
        w.Line("/// <summary>Moves to the next pair.</summary>");
        w.Open("public bool MoveNext()");
        w.Open("while (_lines.MoveNext())");
        w.Line("var line = _lines.Current;");
        if (r.Lines.Count > 0)
        {
            w.Line("var reader = line.Arguments;");
            w.Open("if (reader.MoveNext())");
            w.Line("var a = reader.Current;");
            w.Line($"if ({AnyLead(r)}) continue;");
            w.Close();
        }
        w.Line("if (!ReadPair(line, out var pair, out _)) continue;");
        w.Line("_line = line;");
        w.Line("_pair = pair;");
        w.Line("return true;");
        w.Close();
        w.Line("return false;");
        w.Close();
        w.Close();
        w.Line();
        EmitReadPair(w, p);
    }

    private static void EmitReadPair(SourceWriter w, ReplyPairsModel p)
    {
        string error = Ctl + "TorControlError";
        string reason = Ctl + "TorControlErrorReason";
        w.Open($"private static bool ReadPair({Ctl}TorReplyLineView line, out {Ctl}TorArgumentView pair, out {error} error)");
        w.Line("error = default;");
        w.Line("int at = line.Offset + 4;");
        w.Open("if (!line.TrySplitKeyValue(out pair))");
        w.Line($"error = new {error}({reason}.BadKeyword, at, {Quote(p.KeyName)});");
        w.Line("return false;");
        w.Close();
        w.Line("// The key is a token (§2.1: no space, quote or control byte): anything else is not a key=value line.");
        w.Line("var key = pair.Key;");
        w.Open("for (int i = 0; i < key.Length; i++)");
        w.Line($"if (key[i] <= 0x20 || key[i] >= 0x7F || key[i] == (byte)'\"') {{ error = new {error}({reason}.BadKeyword, at + i, {Quote(p.KeyName)}); pair = default; return false; }}");
        w.Close();
        w.Line("int valueAt = at + key.Length + 1;");
        w.Open("if (!pair.HasValue)");
        if (p.ValueOptional) w.Line("if (!line.HasData) return true;");
        w.Line($"error = new {error}({reason}.MissingArgument, at + line.Text.Length, {Quote(p.ValueName)});");
        w.Line("pair = default;");
        w.Line("return false;");
        w.Close();
        w.Line("// §3.9: a value on several lines is \"key=\" with nothing after the '=', then the data block.");
        w.Line($"if (line.HasData && !pair.Value.IsEmpty) {{ error = new {error}({reason}.TextBeforeData, valueAt, {Quote(p.ValueName)}); pair = default; return false; }}");
        w.Line("// A value that opens a quote is one QuotedString, nothing after it: else the error points past its closing quote.");
        w.Open("if (!pair.IsQuoted && !pair.Value.IsEmpty && pair.Value[0] == (byte)'\"')");
        w.Line($"bool closed = {Ctl}TorQuotedString.TryScan(pair.Value, 0, out int end);");
        w.Line($"error = new {error}(closed ? {reason}.QuoteInsideToken : {reason}.UnterminatedQuote, valueAt + (closed ? end : 0), {Quote(p.ValueName)});");
        w.Line("pair = default;");
        w.Line("return false;");
        w.Close();
        w.Line("return true;");
        w.Close();
    }
}
