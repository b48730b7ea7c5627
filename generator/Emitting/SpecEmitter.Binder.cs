using System.Collections.Generic;
using System.Linq;
using PtToolkit.Generator.Model;

namespace PtToolkit.Generator.Emitting;

internal static partial class SpecEmitter
{
    /// <summary>
    /// Writes <c>Bind</c>: read the flags (one pass, a switch on the name), look up the variables, then check
    /// each parameter in spec order, its presence rules first and then its value, stopping at the first error.
    /// Every error jumps to one exit that builds the outcome, so the method's frame holds one outcome and one
    /// error, not one per check (a frame of kilobytes to clear on every call otherwise).
    /// </summary>
    private static void EmitBind(SourceWriter w, ConfigModel config, List<ParamCode> ps, string outer)
    {
        string binding = $"{Cfg}PtBinding<{config.Name}>";
        var byName = ps.ToDictionary(p => p.Name);
        w.Line("/// <summary>");
        w.Line("/// Binds the configuration from <paramref name=\"source\"/>'s variables and flags, or returns the error a PT");
        w.Line("/// reports (ENV-ERROR, VERSION-ERROR, PROXY-ERROR) with its exit code. Never throws on any input.");
        w.Line("/// </summary>");
        w.Open($"public static {binding} Bind({Cfg}PtConfigSource source)");
        w.Line("global::System.ArgumentNullException.ThrowIfNull(source);");
        w.Line("var environment = source.Environment;");
        w.Line("var arguments = source.Arguments;");
        w.Line("bool useEnvironment = environment is not null, useFlags = arguments is not null;");
        w.Line("string? version = null;");
        w.Line($"{Cfg}PtConfigError error;");
        var flagged = ps.Where(p => p.Model.Flag.Length > 0).ToList();
        foreach (var p in flagged) w.Line($"string? {p.FlagSlot} = null;");
        bool hasVariables = ps.Any(p => p.Model.Env.Length > 0);
        if (hasVariables)
        {
            w.Line("var variables = default(Variables);");
            w.Line("if (environment is not null) ReadVariables(environment, ref variables);");
        }
        EmitFlagLoop(w, flagged);
        var named = NamesInMessages(ps, byName);
        foreach (var p in ps) EmitRaw(w, p, named.Contains(p.Name));
        foreach (var p in ps) EmitCheck(w, p, byName, outer);
        w.Open($"var config = new {config.Name}");
        foreach (var p in ps)
        {
            string value = p.IsNeverNull ? p.Value : $"{p.Has} ? {p.Value} : null";
            w.Line($"{p.Name} = {value},");
        }
        w.Close(";");
        w.Line("error = default;");
        w.Line("OnBound(source, ref config, ref error);");
        w.Line($"if (!error.IsError) return new {binding}(config, version, default);");
        w.Line("failed:");
        w.Line($"return new {binding}(null, version, error);");
        w.Close();
        w.Line();
        w.Line("/// <summary>Called after the generated rules passed: the hand-written part of the type may adjust the");
        w.Line("/// configuration or report an error that needs several parameters at once.</summary>");
        w.Line($"static partial void OnBound({Cfg}PtConfigSource source, ref {config.Name} config, ref {Cfg}PtConfigError error);");
        w.Line();
        if (hasVariables) EmitVariables(w, ps);
    }

    /// <summary>
    /// One pass over the environment with a switch on the name (exact, ordinal match, as Unix names are)
    /// instead of a hashed lookup per parameter: an environment holds few variables, a config many parameters.
    /// </summary>
    private static void EmitVariables(SourceWriter w, List<ParamCode> ps)
    {
        var withEnv = ps.Where(p => p.Model.Env.Length > 0).ToList();
        w.Line("/// <summary>The variables of this configuration, as found in an environment.</summary>");
        w.Open("private struct Variables");
        foreach (var p in withEnv) w.Line($"public string? {p.Name};");
        w.Close();
        w.Line();
        w.Open("private static void ReadVariables(global::System.Collections.Generic.IReadOnlyDictionary<string, string> environment, ref Variables variables)");
        w.Open("if (environment is global::System.Collections.Generic.Dictionary<string, string> dictionary)");
        w.Line("foreach (var pair in dictionary) TakeVariable(pair.Key, pair.Value, ref variables);");
        w.Close();
        w.Open("else");
        w.Line("foreach (var pair in environment) TakeVariable(pair.Key, pair.Value, ref variables);");
        w.Close();
        w.Close();
        w.Line();
        w.Open("private static void TakeVariable(string name, string value, ref Variables variables)");
        w.Open("switch (name)");
        foreach (var p in withEnv) w.Line($"case {Quote(p.Model.Env)}: variables.{p.Name} = value; break;");
        w.Close();
        w.Close();
        w.Line();
    }

    private static void EmitFlagLoop(SourceWriter w, List<ParamCode> flagged)
    {
        w.Open("if (arguments is not null)");
        w.Open("for (int i = 0; i < arguments.Count; i++)");
        w.Line("string argument = arguments[i] ?? \"\";");
        w.Line($"var token = {Cfg}PtFlagSyntax.Read(argument, out var flag, out var inline);");
        w.Line($"if (token is {Cfg}PtFlagToken.End or {Cfg}PtFlagToken.Positional) break;");
        w.Line($"if (token == {Cfg}PtFlagToken.Malformed) {{ error = {Cfg}PtFlagSyntax.Malformed(argument); goto failed; }}");
        w.Line("bool taken;");
        w.Open("switch (flag)");
        foreach (var p in flagged)
        {
            string flag = p.Model.Flag;
            string take = p.IsSwitch
                ? $"{Cfg}PtFlagSyntax.TakeSwitch(inline, {Quote(flag)}, ref {p.FlagSlot}, out error)"
                : $"{Cfg}PtFlagSyntax.TakeValue(arguments, ref i, inline, {Quote(flag)}, ref {p.FlagSlot}, out error)";
            w.Line($"case {Quote(flag.Substring(1))}: taken = {take}; break;");
        }
        w.Line($"default: if ({Cfg}PtFlagSyntax.SkipOther(source.OtherFlags, flag, inline, arguments, ref i)) continue; error = {Cfg}PtFlagSyntax.Unknown(argument); goto failed;");
        w.Close();
        w.Line("if (!taken) goto failed;");
        w.Close();
        w.Close();
    }

    /// <summary>
    /// The parameters whose given name (variable or flag) an error message can show: a value that is parsed,
    /// or a rule that names the parameter. The others get no name local, which would be an unused constant.
    /// </summary>
    private static HashSet<string> NamesInMessages(List<ParamCode> ps, Dictionary<string, ParamCode> byName)
    {
        var named = new HashSet<string>();
        foreach (var p in ps)
        {
            if (!p.IsSwitch || p.Model.Requires.Any(byName.ContainsKey)) named.Add(p.Name);
            foreach (var other in p.Model.Conflicts.Where(byName.ContainsKey))
            {
                named.Add(p.Name);
                named.Add(other);
            }
        }
        return named;
    }

    /// <summary>The raw text of a parameter, whether it is present, and the name it was given by (when a message can show it).</summary>
    private static void EmitRaw(SourceWriter w, ParamCode p, bool named)
    {
        var m = p.Model;
        if (m.Env.Length > 0 && m.Flag.Length > 0)
        {
            w.Line($"string? e{p.Name} = variables.{p.Name};");
            w.Line($"string? {p.Raw} = e{p.Name} ?? {p.FlagSlot};");
            if (named) w.Line($"string {p.ShownName} = e{p.Name} is not null ? {Quote(m.Env)} : {Quote(m.Flag)};");
        }
        else if (m.Env.Length > 0)
        {
            w.Line($"string? {p.Raw} = variables.{p.Name};");
            if (named) w.Line($"string {p.ShownName} = {Quote(m.Env)};");
        }
        else
        {
            w.Line($"string? {p.Raw} = {p.FlagSlot};");
            if (named) w.Line($"string {p.ShownName} = {Quote(m.Flag)};");
        }
        w.Line($"bool {p.Has} = {p.Raw} is not null{(p.EmptyIsNone ? $" && {p.Raw}.Length != 0" : "")};");
    }

    private static void EmitCheck(SourceWriter w, ParamCode p, Dictionary<string, ParamCode> byName, string outer)
    {
        var m = p.Model;
        const string fail = "{ error = ", fin = "; goto failed; }";
        string Names(IEnumerable<string> names) => "new[] { " + string.Join(", ", names.Select(n => Quote(byName[n].Names))) + " }";
        w.Line($"// {p.Name}: {m.Type}{(RulesText(m).Length > 0 ? "; " + RulesText(m) : "")}");
        if (m.Env.Length > 0 && m.Flag.Length > 0)
            w.Line($"if (e{p.Name} is not null && {p.FlagSlot} is not null) {fail}{Cfg}PtConfigRules.Both({Quote(m.Env)}, {Quote(m.Flag)}){fin}");
        if (m.Required)
        {
            var standIns = m.RequiredUnless.Where(byName.ContainsKey).ToList();
            if (standIns.Count == 0)
                w.Line($"if (!{p.Has}) {fail}{Cfg}PtConfigRules.Missing({Quote(p.Names)}, useEnvironment, useFlags){fin}");
            else
                w.Line($"if (!{p.Has}{string.Concat(standIns.Select(s => $" && !{byName[s].Has}"))}) {fail}{Cfg}PtConfigRules.NeedOne({Names(new[] { p.Name }.Concat(standIns))}, useEnvironment, useFlags){fin}");
        }
        var needed = m.Requires.Where(byName.ContainsKey).ToList();
        if (needed.Count > 0)
            w.Line($"if ({p.Has} && ({string.Join(" || ", needed.Select(n => "!" + byName[n].Has))})) {fail}{Cfg}PtConfigRules.Needs({p.ShownName}, {Names(needed)}, useEnvironment, useFlags){fin}");
        foreach (var other in m.Conflicts.Where(byName.ContainsKey))
            w.Line($"if ({p.Has} && {byName[other].Has}) {fail}{Cfg}PtConfigRules.Conflict({p.ShownName}, {byName[other].ShownName}){fin}");

        if (p.IsSwitch)
        {
            w.Line($"bool {p.Value} = {p.Raw} == \"1\";");
            return;
        }
        if (p.IsEnum)
        {
            string fallback = p.HasDefault ? $"{p.Type}.{p.DefaultMember}" : "default";
            w.Line($"var {p.Value} = {p.Has} ? {outer}.{m.EnumName}FromText({p.Raw}!) : {fallback};");
            var allowed = string.Join(", ", p.EnumTexts);
            w.Line($"if ({p.Has} && {p.Value} == {p.Type}.Unknown) {fail}{Cfg}PtConfigValues.NotOneOf({p.ShownName}, {p.Raw}, {Quote(allowed)}){fin}");
            return;
        }
        w.Line($"{p.Type} {p.Value} = default!;");
        w.Line($"if ({p.Has} && !{Cfg}PtConfigValues.TryParse{p.Grammar}({p.Raw}, {p.ShownName}, out {p.Value}, out error)) goto failed;");
        if (m.Type == ParamType.Versions)
            w.Line($"if ({p.Has} && !{Cfg}PtConfigValues.TrySelectVersion({p.Value}, source.SupportedVersions, {p.ShownName}, out version, out error)) goto failed;");
    }
}
