using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text;
using PtToolkit.Ipc;
using PtToolkit.Text;
using PtToolkit.Cli.Io;

namespace PtToolkit.Cli.Ipc;

/// <summary><c>ptkit ipc decode</c>: PT IPC lines on stdin, one JSON object per line on stdout.</summary>
internal static class IpcDecodeCommand
{
    /// <summary>The dialect names of the spec, as <c>--dialect</c> takes them.</summary>
    public static string[] DialectNames => PtIpc.Grammar.Dialects.Select(d => d.Name).ToArray();

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var dialect = new Option<string?>("--dialect")
        {
            Description = $"Consider only the messages of this PT version: {string.Join(", ", DialectNames)} (default: all).",
            HelpName = "version",
        };
        dialect.AcceptOnlyFromAmong(DialectNames);
        var command = new Command("decode", """
            Reads PT IPC lines (what a transport writes to its parent) from stdin and writes one JSON object
            per line to stdout: {"line":N,"kind":"<Message>", ...fields by their spec names}. kind is a message
            of spec/pt-ipc.spec, "Unknown" (a keyword of no message: a parent ignores it), or "Invalid" with
            "error", "offset" (bytes into the line) and, when known, "field" and "expected" (the message it was
            read as). Key/value fields (args, values) are a JSON object {"k":"v"} in line order; when a key
            repeats they are an array of ["k","v"] pairs instead, so nothing is lost. Lines longer than 1 MiB
            are Invalid. Exit code 0 unless stdin cannot be read.
            """)
        {
            dialect,
        };
        command.SetAction(parse =>
        {
            string? name = parse.GetValue(dialect);
            using var stdin = Console.OpenStandardInput();
            using var stdout = Console.OpenStandardOutput();
            return Run(stdin, stdout, Console.Error, name is null ? PtIpc.Dialects.All : DialectOf(name));
        });
        return command;
    }

    /// <summary>The dialect flag of a spec dialect name such as <c>2.2</c>.</summary>
    public static PtIpc.Dialects DialectOf(string name)
    {
        var rule = PtIpc.Grammar.Dialects.Single(d => d.Name == name);
        return PtIpc.DialectOf(Encoding.ASCII.GetBytes(rule.WireVersion));
    }

    /// <summary>Decodes every line of <paramref name="input"/>; returns the exit code.</summary>
    public static int Run(Stream input, Stream output, TextWriter error, PtIpc.Dialects dialects, int maxLineBytes = PtMessageExtensions.MaxLineBytes)
    {
        using var buffered = new BufferedStream(output, 64 * 1024);
        var reader = new BoundedLineReader(input, maxLineBytes) { BeforeRead = buffered.Flush };
        var lines = new JsonLines(buffered);
        var fields = new JsonFieldWriter(lines.Json);
        try
        {
            long number = 0;
            LineStatus status;
            while ((status = reader.Read(out var line)) != LineStatus.End)
            {
                lines.Begin();
                lines.Json.WriteStartObject();
                lines.Json.WriteNumber("line", ++number);
                if (status == LineStatus.TooLong) WriteTooLong(lines, maxLineBytes);
                else WriteLine(lines, fields, line.Span, dialects);
                lines.Json.WriteEndObject();
                lines.End();
            }
            buffered.Flush();
            return 0;
        }
        catch (IOException e)
        {
            error.WriteLine($"ptkit ipc decode: {e.Message}");
            return 1;
        }
    }

    private static void WriteLine(JsonLines lines, JsonFieldWriter fields, ReadOnlySpan<byte> line, PtIpc.Dialects dialects)
    {
        var json = lines.Json;
        var outcome = PtIpc.ParseOwned(line, out var message, dialects);
        if (outcome.IsMessage)
        {
            json.WriteString("kind", message!.KindName);
            message.WriteFields(fields);
        }
        else if (outcome.IsUnknown)
        {
            json.WriteString("kind", "Unknown");
        }
        else
        {
            json.WriteString("kind", "Invalid");
            json.WriteString("error", outcome.Error.Description);
            json.WriteNumber("offset", outcome.Error.Offset);
            if (outcome.Error.Field is { } field) json.WriteString("field", field);
            if (outcome.Kind != PtIpc.MessageKind.Unknown) json.WriteString("expected", outcome.Kind.ToString());
        }
    }

    private static void WriteTooLong(JsonLines lines, int maxLineBytes)
    {
        lines.Json.WriteString("kind", "Invalid");
        lines.Json.WriteString("error", $"line longer than {maxLineBytes} bytes");
        lines.Json.WriteNumber("offset", maxLineBytes);
    }
}
