using System;
using System.Collections;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using PtToolkit.Config;
using PtToolkit.Text;
using static PtToolkit.Config.PtConfig;

namespace PtToolkit.Cli.Env;

/// <summary>
/// <c>ptkit env</c>: binds the TOR_PT_* variables (of the process or of a file) and dispatcher flags as a PT
/// would, and prints the typed configuration as JSON, or the exact lines a PT prints for the error with the
/// exit code the spec gives.
/// </summary>
internal static class EnvCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var envFile = new Option<string?>("--env-file") { Description = "Read NAME=VALUE lines from this file instead of the process environment.", HelpName = "file" };
        var role = new Option<string>("--role") { Description = "Bind as a client or a server PT; auto: server when -server or TOR_PT_SERVER_TRANSPORTS is given.", DefaultValueFactory = _ => "auto" };
        role.AcceptOnlyFromAmong("auto", "client", "server");
        var supported = new Option<string>("--supported") { Description = "The PT versions the transport speaks, most preferred first.", DefaultValueFactory = _ => "1", HelpName = "versions" };
        var flags = new Argument<string[]>("flags") { Description = "Dispatcher flags (PT 2.x), after --.", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("env", """
            Binds the configuration a PT receives (spec/pt-config.spec): TOR_PT_* variables from the process or
            --env-file, and dispatcher flags given after --. On success prints {"role":...,"version":...,
            "config":{...}} on stdout and exits 0; otherwise prints the lines the PT would print (VERSION when
            negotiated, then ENV-ERROR, VERSION-ERROR or PROXY-ERROR) and exits with 64, 78 or 69. Proxy
            passwords are never printed.
            """)
        {
            envFile, role, supported, flags,
        };
        command.SetAction(parse =>
        {
            Dictionary<string, string> variables;
            string? file = parse.GetValue(envFile);
            if (file is null) variables = new Dictionary<string, string>(PtConfigSource.FromProcess().Environment!, StringComparer.Ordinal);
            else if (!EnvFile.TryRead(file, out variables, out string error))
            {
                Console.Error.WriteLine("ptkit env: " + error);
                return 2;
            }
            var versions = parse.GetValue(supported)!.Split(',', StringSplitOptions.RemoveEmptyEntries);
            string[] arguments = parse.GetValue(flags) ?? [];
            var source = new PtConfigSource(variables, arguments.Length == 0 ? null : arguments, versions);
            using var stdout = Console.OpenStandardOutput();
            return Run(source, parse.GetValue(role)!, stdout);
        });
        return command;
    }

    /// <summary>Binds <paramref name="source"/> and writes the outcome; returns the exit code.</summary>
    public static int Run(PtConfigSource source, string role, Stream output)
    {
        bool server = role == "server" || (role == "auto" && IsServer(source));
        if (server) return Write(PtServerConfig.Bind(source), "server", output);
        return Write(PtClientConfig.Bind(source), "client", output);
    }

    private static bool IsServer(PtConfigSource source) =>
        source.Arguments?.TakeWhile(a => a != "--").Any(a => a is "-server" or "--server" or "-server=true") == true
        || source.Environment?.ContainsKey("TOR_PT_SERVER_TRANSPORTS") == true && source.Environment?.ContainsKey("TOR_PT_CLIENT_TRANSPORTS") != true;

    private static int Write<T>(PtBinding<T> binding, string role, Stream output) where T : class
    {
        if (!binding.Succeeded)
        {
            var text = new StreamWriter(output, new UTF8Encoding(false)) { NewLine = "\n" };
            foreach (string line in binding.Lines()) text.WriteLine(line);
            text.Flush();
            return binding.ExitCode;
        }
        using (var json = new Utf8JsonWriter(output))
        {
            json.WriteStartObject();
            json.WriteString("role", role);
            json.WriteString("version", binding.Version);
            json.WriteStartObject("config");
            foreach (var parameter in PtConfig.Parameters)
            {
                var property = typeof(T).GetProperty(parameter.Name);
                if (property is null) continue;
                json.WritePropertyName(ToCamel(parameter.Name));
                WriteValue(json, property.GetValue(binding.Config));
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        output.WriteByte((byte)'\n');
        return 0;
    }

    private static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case bool b:
                json.WriteBooleanValue(b);
                break;
            case ushort port:
                json.WriteNumberValue(port);
                break;
            case IpcLogLevel level:
                json.WriteStringValue(PtConfig.TextOf(level));
                break;
            case ProxyMode mode:
                json.WriteStringValue(PtConfig.TextOf(mode));
                break;
            case PtBindAddress bind:
                json.WriteStringValue(bind.Transport + "-" + bind.Endpoint);
                break;
            case PtKeyValueList pairs:
                json.WriteStartArray();
                foreach (var (k, v) in pairs)
                {
                    json.WriteStartArray();
                    json.WriteStringValue(k);
                    json.WriteStringValue(v);
                    json.WriteEndArray();
                }
                json.WriteEndArray();
                break;
            case IReadOnlyDictionary<string, PtKeyValueList> options:
                json.WriteStartObject();
                foreach (var (transport, pairs) in options)
                {
                    json.WritePropertyName(transport);
                    WriteValue(json, pairs);
                }
                json.WriteEndObject();
                break;
            case string s:
                json.WriteStringValue(s);
                break;
            case IEnumerable items:
                json.WriteStartArray();
                foreach (var item in items) WriteValue(json, item);
                json.WriteEndArray();
                break;
            default:
                json.WriteStringValue(value.ToString());
                break;
        }
    }

    private static string ToCamel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
