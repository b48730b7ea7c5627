using System;
using System.Buffers;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text.Json;
using PtToolkit.Cli.Io;
using PtToolkit.Ipc;
using PtToolkit.Text;

namespace PtToolkit.Cli.Ipc;

/// <summary><c>ptkit ipc encode</c>: the JSON objects of <c>ptkit ipc decode</c> on stdin, PT IPC lines on stdout.</summary>
internal static class IpcEncodeCommand
{
    /// <summary>JSON lines may be longer than IPC lines, since escapes lengthen them.</summary>
    public const int MaxJsonLineBytes = 8 * PtMessageExtensions.MaxLineBytes;

    private static readonly JsonDocumentOptions s_jsonOptions = new() { AllowDuplicateProperties = false };

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var command = new Command("encode", """
            Reads JSON objects, one per line, as "ptkit ipc decode" writes them, from stdin and writes each one
            as a PT IPC line to stdout, as the formatter of spec/pt-ipc.spec writes it. Fields go by their spec
            names; key/value fields (args, values) are an object {"k":"v"} or, to repeat a key, an array of
            ["k","v"] pairs; "line" is ignored. Objects of kind Unknown or Invalid are skipped with a note on
            stderr; blank lines are skipped. A malformed object, a property that is no field of its message, or
            a value that cannot be written is reported on stderr with its line number and field, and the rest
            goes on. Exit code 1 when any object failed, else 0.
            """);
        command.SetAction(_ =>
        {
            using var stdin = Console.OpenStandardInput();
            using var stdout = Console.OpenStandardOutput();
            return Run(stdin, stdout, Console.Error);
        });
        return command;
    }

    /// <summary>Encodes every object of <paramref name="input"/>; returns the exit code.</summary>
    public static int Run(Stream input, Stream output, TextWriter error, int maxLineBytes = MaxJsonLineBytes)
    {
        using var buffered = new BufferedStream(output, 64 * 1024);
        var reader = new BoundedLineReader(input, maxLineBytes) { BeforeRead = buffered.Flush };
        var line = new ArrayBufferWriter<byte>();
        bool failed = false;
        try
        {
            long number = 0;
            LineStatus status;
            while ((status = reader.Read(out var json)) != LineStatus.End)
            {
                number++;
                string? note = null;
                string? problem = status == LineStatus.TooLong
                    ? $"longer than {maxLineBytes} bytes"
                    : Encode(json, line, out note);
                if (problem is not null)
                {
                    error.WriteLine($"ptkit ipc encode: line {number}: {problem}");
                    failed = true;
                    continue;
                }
                if (note is not null) error.WriteLine($"ptkit ipc encode: line {number}: {note}");
                buffered.Write(line.WrittenSpan);
                line.ResetWrittenCount();
            }
            buffered.Flush();
        }
        catch (IOException e)
        {
            error.WriteLine($"ptkit ipc encode: {e.Message}");
            return 1;
        }
        return failed ? 1 : 0;
    }

    /// <summary>
    /// Writes the IPC line of one JSON object into <paramref name="line"/>, or leaves it empty with a
    /// <paramref name="note"/> when the object is skipped. Returns what was wrong, or null.
    /// </summary>
    private static string? Encode(ReadOnlyMemory<byte> json, ArrayBufferWriter<byte> line, out string? note)
    {
        note = null;
        if (json.Span.Trim(" \t\r"u8).IsEmpty) return null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, s_jsonOptions);
        }
        catch (JsonException e)
        {
            return $"malformed JSON: {e.Message}";
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return "expected a JSON object";
            if (!root.TryGetProperty("kind", out var kindElement) || kindElement.ValueKind != JsonValueKind.String)
                return "field 'kind' is missing or not a string";
            string kindName = kindElement.GetString()!;
            if (kindName is "Unknown" or "Invalid")
            {
                note = $"skipped: kind {kindName} has no line to write";
                return null;
            }
            if (!MessageFields.TryParseKind(kindName, out var kind))
                return $"field 'kind': '{kindName}' is no message of spec/pt-ipc.spec";
            return Build(kind, root, line);
        }
    }

    private static string? Build(PtIpc.MessageKind kind, JsonElement root, ArrayBufferWriter<byte> line)
    {
        var fields = MessageFields.Of(kind);
        foreach (var property in root.EnumerateObject())
        {
            if (property.Name is not ("line" or "kind") && !fields.Any(f => f.FieldName == property.Name))
                return $"{kind}: field '{property.Name}' is no field of {kind}";
        }
        var source = new JsonFieldSource(root);
        if (!PtIpc.TryCreate(kind, source, out var message, out string? why)) return $"{kind}: {source.Mismatch ?? why}";
        // A value of the wrong JSON type for an optional field leaves it out: that is an error too.
        if (source.Mismatch is { } mismatch) return $"{kind}: {mismatch}";
        return message.Write(line, out string? field) switch
        {
            OperationStatus.Done => null,
            OperationStatus.InvalidData => $"{kind}: field '{field}' holds a value that cannot be written so that the line parses back",
            _ => $"{kind}: the line would be longer than {PtMessageExtensions.MaxLineBytes} bytes",
        };
    }
}
