using System;
using System.IO;
using System.Text;
using PtToolkit.Cli.Ipc;
using PtToolkit.Control;

namespace PtToolkit.Cli.Control;

/// <summary>
/// Writes each event as one JSON line: <c>{"event":NAME,"kind":KIND,"fields":{...},"raw":TEXT}</c>. KIND is the
/// <see cref="TorEvents.EventKind"/> the generated dispatcher read it as, with the typed fields of its view;
/// <c>"Unknown"</c> for an event spec/control.spec does not name; <c>"Invalid"</c> with <c>"expected"</c>,
/// <c>"error"</c>, <c>"offset"</c> (bytes into the line's text) and <c>"field"</c> when its arguments break the
/// grammar. RAW is the whole reply, lines joined by LF (the CRLFs dropped), data blocks included.
/// </summary>
internal sealed class EventJsonWriter
{
    private readonly JsonLines _lines;
    private readonly EventFieldWriter _fields;

    /// <summary>Writes to <paramref name="output"/>.</summary>
    public EventJsonWriter(Stream output)
    {
        _lines = new JsonLines(output);
        _fields = new EventFieldWriter(_lines.Json);
    }

    /// <summary>Writes one event (an asynchronous reply) as a line.</summary>
    public void Write(TorReply reply)
    {
        var json = _lines.Json;
        var first = reply.View.FirstLine;
        _lines.Begin();
        json.WriteStartObject();
        json.WriteString("event", reply.EventName);
        var expected = TorEvents.EventKindOf(reply.View.EventName);
        bool dataMessage = IsLog(expected) && first.HasData;
        _fields.Start(expected, skipText: dataMessage);
        var kind = TorEvents.WriteEventFields(first, _fields, out var error);
        if (kind == TorEvents.EventKind.Unknown) json.WriteString("kind", "Unknown");
        else if (error.IsError) WriteInvalid(kind, error);
        else
        {
            _fields.Open();
            if (dataMessage) json.WriteString("message", first.Data.ToString());
            if (kind == TorEvents.EventKind.ConfChanged) WriteConfChanges(reply);
            _fields.End();
        }
        json.WriteString("raw", Text(reply.Raw.Span));
        json.WriteEndObject();
        _lines.End();
    }

    /// <summary>The reply's text with CRLF line ends turned into LF and the last one dropped.</summary>
    public static string Text(ReadOnlySpan<byte> raw) =>
        Encoding.UTF8.GetString(raw).Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n');

    /// <summary>
    /// Log events (§4.1.5) whose message may come as a data block (a message of several lines, <c>650+NOTICE</c>):
    /// it is then the block's lines joined by LF.
    /// </summary>
    private static bool IsLog(TorEvents.EventKind kind) => kind is TorEvents.EventKind.DebugLog or TorEvents.EventKind.InfoLog
        or TorEvents.EventKind.NoticeLog or TorEvents.EventKind.WarnLog or TorEvents.EventKind.ErrLog;

    private void WriteInvalid(TorEvents.EventKind kind, TorControlError error)
    {
        var json = _lines.Json;
        json.WriteString("kind", "Invalid");
        json.WriteString("expected", kind.ToString());
        json.WriteString("error", error.Description);
        json.WriteNumber("offset", error.Offset);
        if (error.Field is { } field) json.WriteString("field", field);
    }

    /// <summary>
    /// CONF_CHANGED (§4.1.18) carries its changes on the lines after the first, <c>Keyword[=Value]</c> each;
    /// they become <c>"changes"</c>: <c>[key, value]</c> pairs in order, the value null for an option reset.
    /// </summary>
    private void WriteConfChanges(TorReply reply)
    {
        var json = _lines.Json;
        json.WriteStartArray("changes");
        bool first = true;
        foreach (var line in reply.View.Lines)
        {
            bool skip = first || (line.Kind == TorLineKind.End && line.Text.SequenceEqual("OK"u8));
            first = false;
            if (skip || !line.TrySplitKeyValue(out var pair)) continue;
            json.WriteStartArray();
            json.WriteStringValue(pair.KeyString);
            if (pair.HasValue) json.WriteStringValue(pair.ToString());
            else json.WriteNullValue();
            json.WriteEndArray();
        }
        json.WriteEndArray();
    }
}
