using System.Linq;
using PtToolkit.Generator.Model;

namespace PtToolkit.Generator.Emitting;

internal static partial class SpecEmitter
{
    private static void EmitDialects(SourceWriter w, SpecModel spec)
    {
        w.Line("/// <summary>The protocol versions of this spec, as flags so that a set of them can be given.</summary>");
        w.Line("[global::System.Flags]");
        w.Line(Generated);
        w.Open("public enum Dialects");
        w.Line("/// <summary>No dialect.</summary>");
        w.Line("None = 0,");
        int bit = 1, all = 0;
        foreach (var d in spec.Dialects)
        {
            w.Line($"/// <summary>Dialect {Xml(d.Name)}, named \"{Xml(d.WireVersion)}\" on the wire.</summary>");
            w.Line($"{d.Identifier} = {bit},");
            all |= bit;
            bit <<= 1;
        }
        w.Line("/// <summary>Every dialect.</summary>");
        w.Line($"All = {(spec.Dialects.Count == 0 ? 1 : all)},");
        w.Close();
        w.Line();
        w.Line("/// <summary>The version text that names <paramref name=\"dialect\"/> on the wire (for VERSION), or empty.</summary>");
        w.Open("public static string WireVersionOf(Dialects dialect) => dialect switch");
        foreach (var d in spec.Dialects) w.Line($"Dialects.{d.Identifier} => {Quote(d.WireVersion)},");
        w.Line("_ => \"\",");
        w.Close(";");
        w.Line();
        w.Line("/// <summary>The dialect a wire version text names, or <see cref=\"Dialects.None\"/>.</summary>");
        w.Open($"public static Dialects DialectOf({Span} wireVersion)");
        foreach (var d in spec.Dialects) w.Line($"if (global::System.MemoryExtensions.SequenceEqual(wireVersion, {Utf8(d.WireVersion)})) return Dialects.{d.Identifier};");
        w.Line("return Dialects.None;");
        w.Close();
        w.Line();
    }

    private static void EmitEnum(SourceWriter w, EnumModel e, SpecModel spec)
    {
        w.Line($"/// <summary>Enumeration {e.Name} ({Xml(string.Join("; ", e.Sections))}). Values outside it parse as Unknown, and their text is kept.</summary>");
        w.Line(Generated);
        w.Open($"public enum {e.Name}");
        w.Line("/// <summary>A value this spec does not name; the text is kept beside the field.</summary>");
        w.Line("Unknown = 0,");
        foreach (var m in e.Members)
        {
            w.Line($"/// <summary><c>{Xml(m.Text)}</c>{(m.Dialects.Count > 0 ? " (dialects " + Xml(string.Join(" ", m.Dialects)) + ")" : "")}.</summary>");
            w.Line(m.Name + ",");
        }
        w.Close();
        w.Line();
        w.Line($"/// <summary>The wire text of a {e.Name} value, or empty for Unknown.</summary>");
        w.Open($"public static string TextOf({e.Name} value) => value switch");
        foreach (var m in e.Members) w.Line($"{e.Name}.{m.Name} => {Quote(m.Text)},");
        w.Line("_ => \"\",");
        w.Close(";");
        w.Line();
        w.Line($"/// <summary>Reads a {e.Name} from its wire text (case-sensitive); Unknown when it is none of them.</summary>");
        w.Open($"public static {e.Name} Parse{e.Name}({Span} text)");
        w.Open("switch (text.Length)");
        foreach (var group in e.Members.GroupBy(m => m.Text.Length))
        {
            w.Line($"case {group.Key}:");
            foreach (var m in group) w.Line($"    if (global::System.MemoryExtensions.SequenceEqual(text, {Utf8(m.Text)})) return {e.Name}.{m.Name};");
            w.Line("    break;");
        }
        w.Close();
        w.Line($"return {e.Name}.Unknown;");
        w.Close();
        w.Line();
        w.Line($"/// <summary>Reads a {e.Name} from its wire text as a string; Unknown when it is none of them.</summary>");
        w.Open($"public static {e.Name} {e.Name}FromText(string text) => text switch");
        foreach (var m in e.Members) w.Line($"{Quote(m.Text)} => {e.Name}.{m.Name},");
        w.Line($"_ => {e.Name}.Unknown,");
        w.Close(";");
        w.Line();
        w.Line($"/// <summary>The dialects a {e.Name} value belongs to.</summary>");
        w.Open($"public static Dialects DialectsOf({e.Name} value) => value switch");
        foreach (var m in e.Members.Where(m => m.Dialects.Count > 0)) w.Line($"{e.Name}.{m.Name} => {DialectMask(spec, m.Dialects)},");
        w.Line($"{e.Name}.Unknown => Dialects.None,");
        w.Line("_ => Dialects.All,");
        w.Close(";");
        w.Line();
    }
}
