using System.Buffers;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace PtToolkit.Cli.Ipc;

/// <summary>Writes one compact JSON object per line (JSON Lines) into a stream.</summary>
internal sealed class JsonLines
{
    private readonly Stream _output;
    private readonly ArrayBufferWriter<byte> _buffer = new();

    /// <summary>Writes to <paramref name="output"/>; call <see cref="Begin"/>, write one object, then <see cref="End"/>.</summary>
    public JsonLines(Stream output)
    {
        _output = output;
        // Relaxed escaping: the output is data, not HTML, so '+' in a base64 cert stays '+'.
        Json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    /// <summary>The writer for the current line.</summary>
    public Utf8JsonWriter Json { get; }

    /// <summary>Starts a line.</summary>
    public void Begin()
    {
        _buffer.ResetWrittenCount();
        Json.Reset(_buffer);
    }

    /// <summary>Ends the line: its JSON and an LF go to the stream.</summary>
    public void End()
    {
        Json.Flush();
        _output.Write(_buffer.WrittenSpan);
        _output.WriteByte((byte)'\n');
    }
}
