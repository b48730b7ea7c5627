using System.Collections.Generic;
using System.Linq;
using PtToolkit.Generator.Model;

namespace PtToolkit.Generator.Emitting;

internal static partial class SpecEmitter
{
    private static void EmitView(SourceWriter w, MessageModel m, List<FieldCode> fields)
    {
        Doc(w, m, $"A parsed {m.Name} line, viewed in place: nothing is copied or allocated. Call ToOwned() to keep it.");
        w.Line(Generated);
        w.Open($"public readonly ref struct {m.Name}View");
        w.Line("/// <summary>The whole line, without its line ending.</summary>");
        w.Line($"public {Span} Line {{ get; init; }}");
        foreach (var f in fields)
        {
            w.Line($"/// <summary>Field <c>{f.Name}</c> ({Xml(f.IsEnum ? f.Field.EnumName : f.Type.ToString())}){(f.Optional ? "; see Has" + f.Property : "")}.</summary>");
            w.Line($"public {f.ViewType} {f.Property} {{ get; init; }}");
            if (f.IsEnum)
            {
                w.Line($"/// <summary>The text of field <c>{f.Name}</c> as written (kept for Unknown values).</summary>");
                w.Line($"public {Span} {f.Property}Text {{ get; init; }}");
            }
            if (f.Optional)
            {
                w.Line($"/// <summary>True when the optional field <c>{f.Name}</c> is present.</summary>");
                w.Line($"public bool Has{f.Property} {{ get; init; }}");
            }
        }
        w.Line("/// <summary>The message kind.</summary>");
        w.Line($"public MessageKind Kind => MessageKind.{m.Name};");
        w.Line();
        w.Line("/// <summary>Copies the message into its owned form.</summary>");
        w.Line($"public {m.Name}Message ToOwned() => {OwnedConstruction(m, fields)};");
        w.Line();
        w.Line("/// <summary>Parses one line (with or without LF or CRLF). Never throws; on failure <paramref name=\"error\"/> says what and where.</summary>");
        w.Line($"public static bool TryParse({Span} line, out {m.Name}View view, out {Rt}PtParseError error) =>");
        w.Line($"    TryParseTrimmed({Rt}PtLineCursor.TrimLineEnd(line), out view, out error);");
        w.Line();
        w.Line("/// <summary>Parses one line that has no line ending.</summary>");
        w.Open($"internal static bool TryParseTrimmed({Span} line, out {m.Name}View view, out {Rt}PtParseError error)");
        w.Line($"var c = new {Rt}PtLineCursor(line);");
        w.Line("view = default;");
        foreach (var f in fields)
        {
            w.Line($"{f.ViewType} {f.Local} = default;");
            if (f.IsEnum) w.Line($"{Span} {f.Local}Text = default;");
            if (f.Optional) w.Line($"bool h_{f.Name} = false;");
        }
        EmitParseItems(w, m.Items);
        w.Line("if (!c.End()) goto fail;");
        w.Line($"view = new {m.Name}View");
        w.Line("{");
        w.Line("    Line = line,");
        foreach (var f in fields)
        {
            w.Line($"    {f.Property} = {f.Local},");
            if (f.IsEnum) w.Line($"    {f.Property}Text = {f.Local}Text,");
            if (f.Optional) w.Line($"    Has{f.Property} = h_{f.Name},");
        }
        w.Line("};");
        w.Line("error = default;");
        w.Line("return true;");
        w.Line("fail:");
        w.Line("error = c.Error;");
        w.Line("return false;");
        w.Close();
        w.Close();
        w.Line();
    }

    private static string OwnedConstruction(MessageModel m, List<FieldCode> fields)
    {
        string Value(FieldCode f) => f.Optional
            ? $"Has{f.Property} ? ({f.OwnedType}?){f.ToOwned(f.Property)} : null"
            : f.ToOwned(f.Property);
        var args = string.Join(", ", fields.Select(Value));
        var texts = fields.Where(f => f.IsEnum).Select(f => f.Optional
            ? $"{f.Property}Text = Has{f.Property} ? global::System.Text.Encoding.ASCII.GetString({f.Property}Text) : null"
            : $"{f.Property}Text = global::System.Text.Encoding.ASCII.GetString({f.Property}Text)").ToList();
        return $"new {m.Name}Message({args})" + (texts.Count > 0 ? " { " + string.Join(", ", texts) + " }" : "");
    }

    private static void EmitParseItems(SourceWriter w, IReadOnlyList<ItemModel> items)
    {
        for (int k = 0; k < items.Count; k++)
        {
            var item = items[k];
            switch (item.Kind)
            {
                case ItemKind.Literal when item.Literals.Count == 1:
                    w.Line($"if (!c.Literal({Utf8(item.Literals[0])}, null)) goto fail;");
                    break;
                case ItemKind.Literal:
                    var ordered = item.Literals.OrderByDescending(l => l.Length).ToList();
                    for (int a = 0; a < ordered.Count; a++)
                    {
                        w.Line($"{(a == 0 ? "if" : "else if")} (c.Peek({Utf8(ordered[a])})) c.Skip({ordered[a].Length});");
                    }
                    w.Line($"else {{ c.Fail({Rt}PtErrorReason.ExpectedLiteral, null); goto fail; }}");
                    break;
                case ItemKind.Space:
                    var next = k + 1 < items.Count && items[k + 1].Kind == ItemKind.Field ? Quote(items[k + 1].FieldName) : "null";
                    w.Line($"if (!c.Space({next})) goto fail;");
                    break;
                case ItemKind.Field:
                    var f = new FieldCode(item, optional: false);
                    w.Line($"if (!{f.ReadCall}) goto fail;");
                    if (f.IsEnum) w.Line($"{f.Local} = Parse{item.EnumName}({f.Local}Text);");
                    break;
                case ItemKind.Optional:
                    w.Open($"if ({EntryCondition(item.Children)})");
                    foreach (var child in item.Children.Where(c => c.Kind == ItemKind.Field)) w.Line($"h_{child.FieldName} = true;");
                    EmitParseItems(w, item.Children);
                    w.Close();
                    break;
            }
        }
    }

    /// <summary>The look-ahead that enters an optional group: its first space and literal, or its first space.</summary>
    private static string EntryCondition(IReadOnlyList<ItemModel> children)
    {
        if (children[0].Kind == ItemKind.Literal) return string.Join(" || ", children[0].Literals.Select(l => $"c.Peek({Utf8(l)})"));
        if (children[1].Kind == ItemKind.Literal) return string.Join(" || ", children[1].Literals.Select(l => $"c.PeekSpaceThen({Utf8(l)})"));
        return "c.PeekSpace()";
    }
}
