using System.Collections.Generic;
using System.Linq;
using PtToolkit.Generator.Model;

namespace PtToolkit.Generator.Emitting;

internal static partial class SpecEmitter
{
    private const string IEnumerableOf = "global::System.Collections.Generic.IEnumerable";

    /// <summary>
    /// Writes a static class per command whose <c>Create</c> writes the arguments, in spec order, into a
    /// <c>TorCommandBuilder</c>. Escaping and the refusal of what would break the line (CR, LF, NUL, a quote in a
    /// bare word) are the builder's, so a value that cannot be sent leaves an error there and is never written.
    /// </summary>
    private static void EmitCommands(SourceWriter w, SpecModel spec)
    {
        foreach (var c in spec.Commands) EmitCommand(w, c);
    }

    private static void EmitCommand(SourceWriter w, CommandModel c)
    {
        string wire = (c.MultiLine ? "+" : "") + c.Keyword;
        w.Line("/// <summary>");
        w.Line($"/// The <c>{Xml(wire)}</c> command ({Xml(string.Join("; ", c.Sections))}).");
        foreach (var line in c.Doc) w.Line("/// " + Xml(line));
        w.Line("/// </summary>");
        w.Line(Generated);
        w.Open($"public static class {c.Name}Command");
        w.Line($"/// <summary>The command's keyword.</summary>");
        w.Line($"public const string Keyword = {Quote(c.Keyword)};");
        w.Line();
        w.Line("/// <summary>");
        w.Line($"/// Writes <c>{Xml(wire)}</c> and its arguments into a new builder{(c.Sensitive ? " marked sensitive (never shown, wiped after use)" : "")}. A");
        w.Line("/// value that cannot be sent (a CR, LF or NUL, a byte a bare argument may not hold, a required repetition");
        w.Line("/// left empty) is not written: the builder keeps the first such error and its <c>TryBuild</c> reports it.");
        w.Line("/// </summary>");
        var parameters = c.Arguments.Where(a => a.Kind != CommandArgumentKind.Literal || a.Repeat == CommandRepeat.Optional).ToList();
        foreach (var a in parameters) w.Line($"/// <param name=\"{a.Parameter}\">{Xml(ArgumentDoc(a))}</param>");
        // Optional arguments take a default only when no required one follows them (C# keeps defaults last).
        int firstDefault = parameters.Count;
        while (firstDefault > 0 && parameters[firstDefault - 1].Repeat == CommandRepeat.Optional) firstDefault--;
        var signature = parameters.Select((a, i) => $"{ParameterType(a)} @{a.Parameter}{(i >= firstDefault ? " = " + (a.Kind == CommandArgumentKind.Literal ? "false" : "null") : "")}");
        w.Open($"public static {Ctl}TorCommandBuilder Create({string.Join(", ", signature)})");
        foreach (var a in parameters.Where(a => a.Repeat is CommandRepeat.ZeroOrMore or CommandRepeat.OneOrMore || (a.Repeat == CommandRepeat.One && IsReference(a))))
            w.Line($"if (@{a.Parameter} is null) throw new global::System.ArgumentNullException(nameof(@{a.Parameter}));");
        w.Line($"var __builder = new {Ctl}TorCommandBuilder({Quote(c.Keyword)}, sensitive: {(c.Sensitive ? "true" : "false")});");
        for (int i = 0; i < c.Arguments.Count; i++) EmitCommandArgument(w, c.Arguments[i], i);
        w.Line("return __builder;");
        w.Close();
        w.Close();
        w.Line();
    }

    private static void EmitCommandArgument(SourceWriter w, CommandArgumentModel a, int index)
    {
        string p = "@" + a.Parameter;
        if (a.Kind == CommandArgumentKind.Literal)
        {
            w.Line($"{(a.Repeat == CommandRepeat.Optional ? $"if ({p}) " : "")}__builder.Add({Quote(a.Key)});");
            return;
        }
        switch (a.Repeat)
        {
            case CommandRepeat.One:
                w.Line(WriteValue(a, p));
                break;
            case CommandRepeat.Optional:
                w.Line($"if ({p} is not null) {WriteValue(a, IsReference(a) ? p : p + ".Value")}");
                break;
            default:
                if (a.Repeat == CommandRepeat.OneOrMore) w.Line($"int __count{index} = 0;");
                w.Open($"foreach (var __item in {p})");
                w.Line(WriteValue(a, "__item"));
                if (a.Repeat == CommandRepeat.OneOrMore) w.Line($"__count{index}++;");
                w.Close();
                if (a.Repeat == CommandRepeat.OneOrMore) w.Line($"if (__count{index} == 0) __builder.MarkMissing({Quote(a.Parameter)});");
                break;
        }
    }

    /// <summary>One statement writing the value <paramref name="v"/> of argument <paramref name="a"/>.</summary>
    private static string WriteValue(CommandArgumentModel a, string v)
    {
        string number = $"{v}.ToString(global::System.Globalization.CultureInfo.InvariantCulture)";
        if (a.Kind == CommandArgumentKind.Pair)
        {
            string quoted = a.Type == CommandValueType.QuotedString ? "true" : "false";
            return a.ValueOptional
                ? $"__builder.AddKeyValue({v}.Key, {v}.Value, quoted: {quoted});"
                : $"{{ if ({v}.Value is null) __builder.MarkMissing({Quote(a.Parameter)}); else __builder.AddKeyValue({v}.Key, {v}.Value, quoted: {quoted}); }}";
        }
        if (a.Kind == CommandArgumentKind.Keyed)
        {
            return a.Type switch
            {
                CommandValueType.Number => $"__builder.AddKeyValue({Quote(a.Key)}, {number}, quoted: false);",
                CommandValueType.QuotedString => $"__builder.AddKeyValue({Quote(a.Key)}, {v}, quoted: true);",
                CommandValueType.List => $"__builder.AddList({Quote(a.Key)}, {v});",
                _ => $"__builder.AddKeyValue({Quote(a.Key)}, {v}, quoted: false);",
            };
        }
        return a.Type switch
        {
            CommandValueType.Number => $"__builder.Add({number});",
            CommandValueType.QuotedString => $"__builder.AddQuoted({v});",
            CommandValueType.Hex => $"__builder.AddHex({v}.Span);",
            // control-spec §3.5: 1*HEXDIG / QuotedString, so an empty secret goes as "".
            CommandValueType.Secret => $"{{ if ({v}.IsEmpty) __builder.AddQuoted(\"\"); else __builder.AddHex({v}.Span); }}",
            CommandValueType.Data => $"__builder.SetData({v});",
            _ => $"__builder.Add({v});",
        };
    }

    private static bool IsReference(CommandArgumentModel a) =>
        a.Kind == CommandArgumentKind.Value
            ? a.Type is CommandValueType.Token or CommandValueType.QuotedString or CommandValueType.Data
            : a.Kind == CommandArgumentKind.Keyed && a.Type is CommandValueType.Token or CommandValueType.QuotedString or CommandValueType.List;

    private static string ElementType(CommandArgumentModel a) => a.Kind switch
    {
        CommandArgumentKind.Literal => "bool",
        CommandArgumentKind.Pair => $"global::System.Collections.Generic.KeyValuePair<string, string{(a.ValueOptional ? "?" : "")}>",
        _ => a.Type switch
        {
            CommandValueType.Number => "ulong",
            CommandValueType.Hex or CommandValueType.Secret => "global::System.ReadOnlyMemory<byte>",
            CommandValueType.List => IEnumerableOf + "<string>",
            _ => "string",
        },
    };

    private static string ParameterType(CommandArgumentModel a) => a.Repeat switch
    {
        CommandRepeat.One => ElementType(a),
        CommandRepeat.Optional => a.Kind == CommandArgumentKind.Literal ? "bool" : ElementType(a) + "?",
        _ => $"{IEnumerableOf}<{ElementType(a)}>",
    };

    private static string ArgumentDoc(CommandArgumentModel a)
    {
        if (a.Kind == CommandArgumentKind.Literal) return $"Whether to write \"{a.Key}\".";
        string what = a.Type switch
        {
            CommandValueType.Number => "a decimal number",
            CommandValueType.QuotedString => "a QuotedString (any text but NUL, escaped)",
            CommandValueType.Hex => "bytes written in hex (at least one)",
            CommandValueType.Secret => "a secret written in hex (\"\" when empty); the command is sensitive",
            CommandValueType.List => "items written a,b,c (each bare, without ',' or '=')",
            CommandValueType.Data => "the data block: lines split at LF, dot-stuffed, closed by a '.' line",
            _ => "a bare word (visible US-ASCII, no double quote)",
        };
        if (a.Kind == CommandArgumentKind.Keyed) what = $"{a.Key}= then {what}";
        if (a.Kind == CommandArgumentKind.Pair) what = $"a pair key=value, the key a bare word without '=', the value {what}{(a.ValueOptional ? " or null for the key alone" : "")}";
        string how = a.Repeat switch
        {
            CommandRepeat.Optional => "; null to leave it out",
            CommandRepeat.ZeroOrMore => ", each one argument, any number of them",
            CommandRepeat.OneOrMore => ", each one argument, at least one",
            _ => "",
        };
        return char.ToUpperInvariant(what[0]) + what.Substring(1) + how + ".";
    }
}
