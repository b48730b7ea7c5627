using System.Collections.Generic;
using System.Linq;
using PtToolkit.Generator.Model;

namespace PtToolkit.Generator.Emitting;

internal static partial class SpecEmitter
{
    private static void EmitOwned(SourceWriter w, MessageModel m, List<FieldCode> fields)
    {
        // Optional parameters get a null default only when no required one follows them.
        int firstTrailingOptional = fields.Count;
        while (firstTrailingOptional > 0 && fields[firstTrailingOptional - 1].Optional) firstTrailingOptional--;
        var parameters = fields.Select((f, i) => $"{f.OwnedTypeMaybeNull} {f.Property}{(i >= firstTrailingOptional ? " = null" : "")}");

        Doc(w, m, $"An owned {m.Name} message: keep it, compare it, format it.");
        foreach (var f in fields) w.Line($"/// <param name=\"{f.Property}\">Field <c>{f.Name}</c>{(f.Optional ? " (optional)" : "")}.</param>");
        w.Line(Generated);
        w.Open($"public sealed partial record {m.Name}Message({string.Join(", ", parameters)}) : {Rt}IPtMessage");
        foreach (var f in fields.Where(f => f.IsEnum))
        {
            w.Line($"/// <summary>The text written for <c>{f.Name}</c>; set it to keep a value this spec does not name.</summary>");
            w.Line(f.Optional
                ? $"public string? {f.Property}Text {{ get; init; }} = {f.Property} is {{ }} v_{f.Name} ? TextOf(v_{f.Name}) : null;"
                : $"public string {f.Property}Text {{ get; init; }} = TextOf({f.Property});");
        }
        w.Line("/// <summary>The message kind.</summary>");
        w.Line($"public MessageKind Kind => MessageKind.{m.Name};");
        w.Line();
        w.Line($"string {Rt}IPtMessage.KindName => {Quote(m.Name)};");
        w.Line();
        w.Line("/// <summary>Parses one line (with or without LF or CRLF) into an owned message. Never throws.</summary>");
        w.Open($"public static bool TryParse({Span} line, [global::System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out {m.Name}Message? message, out {Rt}PtParseError error)");
        w.Line($"message = {m.Name}View.TryParse(line, out var view, out error) ? view.ToOwned() : null;");
        w.Line("return message is not null;");
        w.Close();
        w.Line();
        string coreArgs = string.Join("", fields.Select(f => ", " + (f.IsEnum ? f.Property + "Text" : f.Property)));
        w.Line("/// <inheritdoc/>");
        w.Line("public global::System.Buffers.OperationStatus TryFormat(global::System.Span<byte> destination, out int written) => TryFormat(destination, out written, out _);");
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Line($"public global::System.Buffers.OperationStatus TryFormat(global::System.Span<byte> destination, out int written, out string? invalidField) => FormatCore(destination{coreArgs}, out written, out invalidField);");
        w.Line();
        if (fields.Count > 0) EmitTypedFormatter(w, m, fields);
        EmitFormatCore(w, m, fields);
        EmitWriteFields(w, fields);
        EmitTryCreate(w, m, fields);
        w.Close();
        w.Line();
    }

    private static void EmitTypedFormatter(SourceWriter w, MessageModel m, List<FieldCode> fields)
    {
        string Type(FieldCode f) => f.IsEnum ? f.Field.EnumName + (f.Optional ? "?" : "") : f.FormatParameterType;
        string Arg(FieldCode f) => !f.IsEnum ? "@" + f.Name : f.Optional ? $"@{f.Name} is {{ }} v_{f.Name} ? TextOf(v_{f.Name}) : null" : $"TextOf(@{f.Name})";
        w.Line($"/// <summary>Writes a {m.Name} line from its field values without building the message (no allocation).</summary>");
        w.Line($"public static global::System.Buffers.OperationStatus TryFormat(global::System.Span<byte> destination{string.Concat(fields.Select(f => $", {Type(f)} @{f.Name}"))}, out int written) =>");
        w.Line($"    FormatCore(destination{string.Concat(fields.Select(f => ", " + Arg(f)))}, out written, out _);");
        w.Line();
    }

    private static void EmitFormatCore(SourceWriter w, MessageModel m, List<FieldCode> fields)
    {
        string Type(FieldCode f) => f.IsEnum ? (f.Optional ? "string?" : "global::System.ReadOnlySpan<char>") : f.FormatParameterType;
        w.Open($"private static global::System.Buffers.OperationStatus FormatCore(global::System.Span<byte> destination{string.Concat(fields.Select(f => $", {Type(f)} @{f.Name}"))}, out int written, out string? invalidField)");
        w.Line($"var w = new {Rt}PtLineWriter(destination);");
        EmitFormatItems(w, m.Items, inGroup: false);
        w.Line("w.NewLine();");
        w.Line("written = w.Status == global::System.Buffers.OperationStatus.Done ? w.Written : 0;");
        w.Line("invalidField = w.InvalidField;");
        w.Line("return w.Status;");
        w.Close();
        w.Line();
    }

    private static void EmitFormatItems(SourceWriter w, IReadOnlyList<ItemModel> items, bool inGroup)
    {
        // Optional groups just before this item that are entered on a space and a literal: when such a
        // group is absent, a space-entered group after it must not start with that literal, or the
        // line would read back with the first group present (SMETHOD options "ARGS:..." without ARGS).
        var absentEntries = new List<(string Presence, EquatableArray<string> Literals)>();
        foreach (var item in items)
        {
            if (item.Kind != ItemKind.Optional) absentEntries.Clear();
            switch (item.Kind)
            {
                case ItemKind.Literal:
                    w.Line($"w.Literal({Utf8(item.Literals[0])});");
                    break;
                case ItemKind.Space:
                    w.Line("w.Space();");
                    break;
                case ItemKind.Field:
                    var f = new FieldCode(item, inGroup);
                    if (!inGroup)
                    {
                        w.Line(f.WriteCall("@" + f.Name));
                        break;
                    }
                    bool valueType = f.Type is FieldType.Port or FieldType.Number or FieldType.IpPort or FieldType.HostPort;
                    w.Line($"if (@{f.Name} is null) w.Reject({Quote(f.Name)}); else {f.WriteCall("@" + f.Name + (valueType ? ".Value" : ""))}");
                    break;
                case ItemKind.Optional:
                    var first = item.Children.First(c => c.Kind == ItemKind.Field || c.Kind == ItemKind.Optional);
                    var presence = first.Kind == ItemKind.Field ? first.FieldName : Fields(first.Children, true).First().Name;
                    bool textFirst = item.Children.Count > 1 && item.Children[1].Kind == ItemKind.Field && item.Children[1].FieldType is FieldType.Text or FieldType.Token or FieldType.Keyword or FieldType.Version;
                    foreach (var (absent, literals) in absentEntries.Where(_ => textFirst))
                    {
                        var looksLikeIt = string.Join(" || ", literals.Select(l => $"@{presence}.StartsWith({Quote(l)}, global::System.StringComparison.Ordinal)"));
                        w.Line($"if (@{absent} is null && @{presence} is not null && ({looksLikeIt})) w.Reject({Quote(presence)});");
                    }
                    w.Open($"if (@{presence} is not null)");
                    EmitFormatItems(w, item.Children, inGroup: true);
                    w.Close();
                    if (item.Children[0].Kind == ItemKind.Space && item.Children[1].Kind == ItemKind.Literal) absentEntries.Add((presence, item.Children[1].Literals));
                    break;
            }
        }
    }

    private static void EmitWriteFields(SourceWriter w, List<FieldCode> fields)
    {
        w.Line("/// <inheritdoc/>");
        w.Open($"public void WriteFields({Rt}IPtFieldWriter writer)");
        foreach (var f in fields)
        {
            string value = f.IsEnum ? f.Property + "Text" : f.Property;
            string guard = f.Optional ? $"if ({value} is {{ }} o_{f.Name}) " : "";
            string v = f.Optional ? "o_" + f.Name : value;
            string call = f.Type switch
            {
                FieldType.IpPort or FieldType.HostPort => $"writer.String({Quote(f.Name)}, {v}.ToString());",
                _ => $"writer.{f.SourceKind}({Quote(f.Name)}, {v});",
            };
            w.Line(guard + call);
        }
        w.Close();
        w.Line();
    }

    private static void EmitTryCreate(SourceWriter w, MessageModel m, List<FieldCode> fields)
    {
        w.Line("/// <summary>Builds the message from fields named as in the spec; <paramref name=\"error\"/> names a missing or malformed field.</summary>");
        w.Open($"public static bool TryCreate({Rt}IPtFieldSource source, [global::System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out {m.Name}Message? message, out string? error)");
        w.Line("message = null;");
        foreach (var f in fields)
        {
            string raw = "r_" + f.Name;
            string rawType = f.SourceKind switch { "Number" => "long", "Pairs" => $"{Rt}PtKeyValueList", _ => "string" };
            w.Line($"{f.OwnedTypeMaybeNull} v_{f.Name} = default!;");
            w.Open($"if (source.TryGet{f.SourceKind}({Quote(f.Name)}, out {rawType} {raw}))");
            switch (f.Type)
            {
                case FieldType.IpPort or FieldType.HostPort:
                    w.Line($"if (!{Rt}PtEndpoint.TryParse({raw}, {(f.Type == FieldType.HostPort ? "true" : "false")}, out var e_{f.Name})) {{ error = \"field '{f.Name}' is not a valid address:port\"; return false; }}");
                    w.Line($"v_{f.Name} = e_{f.Name};");
                    break;
                case FieldType.Port:
                    w.Line($"if ({raw} < 0 || {raw} > 65535) {{ error = \"field '{f.Name}' is not a port (0-65535)\"; return false; }}");
                    w.Line($"v_{f.Name} = (ushort){raw};");
                    break;
                case FieldType.Number:
                    w.Line($"if ({raw} < 0 || {raw} > int.MaxValue) {{ error = \"field '{f.Name}' is out of range\"; return false; }}");
                    w.Line($"v_{f.Name} = (int){raw};");
                    break;
                case FieldType.Enum:
                    w.Line($"v_{f.Name} = {f.Field.EnumName}FromText({raw});");
                    break;
                default:
                    w.Line($"v_{f.Name} = {raw};");
                    break;
            }
            w.Close();
            if (!f.Optional) w.Line($"else {{ error = \"missing field '{f.Name}'\"; return false; }}");
        }
        string args = string.Join(", ", fields.Select(f => "v_" + f.Name));
        var texts = fields.Where(f => f.IsEnum).Select(f => f.Optional
            ? $"{f.Property}Text = source.TryGetString({Quote(f.Name)}, out var t_{f.Name}) ? t_{f.Name} : null"
            : $"{f.Property}Text = source.TryGetString({Quote(f.Name)}, out var t_{f.Name}) ? t_{f.Name} : \"\"").ToList();
        w.Line($"message = new {m.Name}Message({args})" + (texts.Count > 0 ? " { " + string.Join(", ", texts) + " }" : "") + ";");
        w.Line("error = null;");
        w.Line("return true;");
        w.Close();
    }
}
