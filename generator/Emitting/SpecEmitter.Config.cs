using System.Collections.Generic;
using System.Linq;
using PtToolkit.Generator.Model;

namespace PtToolkit.Generator.Emitting;

internal static partial class SpecEmitter
{
    private const string Cfg = "global::PtToolkit.Config.";

    /// <summary>The parameters of <paramref name="config"/>, in spec order.</summary>
    private static List<ParamCode> ParamsOf(ConfigModel config, SpecModel spec, string outer) =>
        spec.Params.Where(p => config.Sides.Contains(p.Side)).Select(p => new ParamCode(p, spec, outer)).ToList();

    private static void EmitConfig(SourceWriter w, ConfigModel config, SpecModel spec, string outer)
    {
        var ps = ParamsOf(config, spec, outer);
        w.Line("/// <summary>");
        foreach (var line in config.Doc) w.Line("/// " + Xml(line));
        w.Line($"/// Bound from variables and flags by <see cref=\"Bind\"/>, built in code with an object initializer,");
        w.Line($"/// written for a launch by <see cref=\"ToLaunch\"/>. Sides: {Xml(string.Join(", ", config.Sides))}.");
        w.Line("/// </summary>");
        w.Line(Generated);
        w.Open($"public sealed partial record {config.Name}");
        foreach (var p in ps) EmitProperty(w, p);
        EmitBind(w, config, ps, outer);
        EmitToLaunch(w, ps, outer);
        EmitEquality(w, config, ps);
        w.Close();
        w.Line();
    }

    private static void EmitProperty(SourceWriter w, ParamCode p)
    {
        var m = p.Model;
        var names = new List<string>();
        if (m.Env.Length > 0) names.Add($"<c>{m.Env}</c>");
        if (m.Flag.Length > 0) names.Add($"<c>{m.Flag}</c>");
        string rules = RulesText(m);
        w.Line($"/// <summary>{Xml(string.Join(" ", m.Doc))} {string.Join(" or ", names)} ({Xml(string.Join("; ", m.Sections))}){(rules.Length > 0 ? "; " + Xml(rules) : "")}.</summary>");
        string init = p.HasDefault ? $" = {p.Type}.{p.DefaultMember};" : "";
        w.Line($"public {(p.IsAlwaysPresent ? "required " : "")}{p.PropertyType} {p.Name} {{ get; init; }}{init}");
        w.Line();
    }

    internal static string RulesText(ParamModel m)
    {
        var parts = new List<string>();
        if (m.Required) parts.Add(m.RequiredUnless.Count > 0 ? "required unless " + string.Join(" ", m.RequiredUnless) : "required");
        if (m.Requires.Count > 0) parts.Add("requires " + string.Join(" ", m.Requires));
        if (m.Conflicts.Count > 0) parts.Add("conflicts " + string.Join(" ", m.Conflicts));
        if (m.Default.Length > 0) parts.Add("default " + m.Default);
        return string.Join("; ", parts);
    }

    private static void EmitToLaunch(SourceWriter w, List<ParamCode> ps, string outer)
    {
        w.Line("/// <summary>");
        w.Line("/// What a parent passes to launch a PT with this configuration: in <paramref name=\"style\"/>'s form wherever a");
        w.Line("/// parameter has both a variable and a flag, in the only form it has otherwise. Absent parameters and");
        w.Line("/// defaults are left out. Add the variables to the PT's environment and the arguments to its command line.");
        w.Line("/// </summary>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">A value built in code is not valid for its parameter.</exception>");
        w.Open($"public {Cfg}PtLaunchArguments ToLaunch({Cfg}PtLaunchStyle style)");
        w.Line("var environment = new global::System.Collections.Generic.Dictionary<string, string>(global::System.StringComparer.Ordinal);");
        w.Line("var arguments = new global::System.Collections.Generic.List<string>();");
        w.Line($"bool flags = style == {Cfg}PtLaunchStyle.Flags;");
        foreach (var p in ps)
        {
            var m = p.Model;
            string condition, text;
            if (p.IsSwitch) { condition = p.Name; text = "\"1\""; }
            else if (p.IsEnum)
            {
                condition = p.HasDefault ? $"{p.Name} != {p.Type}.{p.DefaultMember}" : $"{p.Name} is {{ }} x{p.Name}";
                string value = p.HasDefault ? p.Name : "x" + p.Name;
                text = $"{outer}.TextOf({value})";
            }
            else if (p.IsAlwaysPresent) { condition = "true"; text = $"{Cfg}PtConfigValues.Format{p.Grammar}({p.Name})"; }
            else { condition = $"{p.Name} is {{ }} x{p.Name}"; text = $"{Cfg}PtConfigValues.Format{p.Grammar}(x{p.Name})"; }
            string toFlag = p.IsSwitch ? $"arguments.Add(\"{m.Flag}\");" : $"arguments.Add(\"{m.Flag}\"); arguments.Add({text});";
            string toEnv = $"environment[\"{m.Env}\"] = {text};";
            string write = m.Env.Length == 0 ? toFlag : m.Flag.Length == 0 ? toEnv : $"if (flags) {{ {toFlag} }} else {{ {toEnv} }}";
            w.Line(condition == "true" ? write : $"if ({condition}) {{ {write} }}");
        }
        w.Line($"return new {Cfg}PtLaunchArguments(environment, arguments);");
        w.Close();
        w.Line();
        w.Line("/// <summary>Checks a configuration built in code by every rule and grammar of its spec: the error a PT would report.</summary>");
        w.Open($"public {Cfg}PtConfigError Validate(global::System.Collections.Generic.IReadOnlyList<string>? supportedVersions = null)");
        w.Line($"{Cfg}PtLaunchArguments launch;");
        w.Line($"try {{ launch = ToLaunch({Cfg}PtLaunchStyle.Flags); }}");
        w.Line($"catch (global::System.ArgumentException e) {{ return new {Cfg}PtConfigError({Cfg}PtConfigErrorKind.Env, e.ParamName ?? \"\", 0, e.Message); }}");
        w.Line($"return Bind({Cfg}PtConfigSource.FromLaunch(launch, supportedVersions)).Error;");
        w.Close();
        w.Line();
    }

    private static void EmitEquality(SourceWriter w, ConfigModel config, List<ParamCode> ps)
    {
        w.Line("/// <summary>Equal when every parameter is equal; lists and option maps compare by their elements.</summary>");
        w.Open($"public bool Equals({config.Name}? other)");
        w.Line("if (other is null) return false;");
        w.Line("if (ReferenceEquals(this, other)) return true;");
        foreach (var p in ps)
        {
            string same = p.Equality switch
            {
                "List" => $"{Cfg}PtConfigValues.SameList({p.Name}, other.{p.Name})",
                "Options" => $"{Cfg}PtConfigValues.SameOptions({p.Name}, other.{p.Name})",
                _ => $"global::System.Collections.Generic.EqualityComparer<{p.PropertyType}>.Default.Equals({p.Name}, other.{p.Name})",
            };
            w.Line($"if (!{same}) return false;");
        }
        w.Line("return true;");
        w.Close();
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Open("public override int GetHashCode()");
        w.Line("var hash = new global::System.HashCode();");
        foreach (var p in ps)
        {
            if (p.Equality.Length > 0) w.Line($"hash.Add({p.Name}?.Count ?? -1);");
            else w.Line($"hash.Add({p.Name});");
        }
        w.Line("return hash.ToHashCode();");
        w.Close();
    }

    private static void EmitParameters(SourceWriter w, SpecModel spec)
    {
        w.Line("/// <summary>Every parameter of this spec, as written there (grammar as data).</summary>");
        w.Line(Generated);
        w.Open($"public static global::System.Collections.Generic.IReadOnlyList<{Cfg}PtParameterInfo> Parameters {{ get; }} = new {Cfg}PtParameterInfo[]");
        foreach (var m in spec.Params)
        {
            string type = m.Type == ParamType.Enum ? m.EnumName : TypeWord(m.Type);
            w.Line($"new({Quote(m.Name)}, {Quote(type)}, {Quote(m.Env)}, {Quote(m.Flag)}, {Quote(m.Side)}, {Quote(RulesText(m))}, {Quote(string.Join("; ", m.Sections))}, {Quote(string.Join(" ", m.Doc))}),");
        }
        w.Close(";");
        w.Line();
    }

    private static string TypeWord(ParamType type) => type switch
    {
        ParamType.BindAddresses => "bindaddrs",
        _ => type.ToString().ToLowerInvariant(),
    };
}
