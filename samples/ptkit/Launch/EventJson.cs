using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using PtToolkit.Cli.Ipc;
using PtToolkit.Ipc;
using PtToolkit.Launch;
using PtToolkit.Text;

namespace PtToolkit.Cli.Launch;

/// <summary>
/// Writes <c>ptkit launch</c>'s output: one JSON object per line, <c>"event"</c> first. The launcher's events
/// (<c>started</c>, <c>state</c>, <c>message</c>, <c>unknown</c>, <c>invalid</c>, <c>stderr</c>, <c>line-too-long</c>,
/// <c>error</c>, <c>fault</c>, <c>restarting</c>, <c>exited</c>) and ptkit's own (<c>startup</c>, <c>stopping</c>,
/// <c>stopped</c>). Message fields are named as in <c>ptkit ipc decode</c>. Safe to call from several threads; each
/// line is written and flushed whole.
/// </summary>
internal sealed class EventJson
{
    private readonly object _gate = new();
    private readonly Stream _output;
    private readonly JsonLines _lines;
    private readonly JsonFieldWriter _fields;

    /// <summary>Writes to <paramref name="output"/>.</summary>
    public EventJson(Stream output)
    {
        _output = output;
        _lines = new JsonLines(output);
        _fields = new JsonFieldWriter(_lines.Json);
    }

    /// <summary>One launcher event.</summary>
    public void Event(PtEvent e) => Line(json =>
    {
        switch (e)
        {
            case PtStartedEvent x:
                json.WriteString("event", "started");
                WritePid(json, x.ProcessId);
                break;
            case PtStateChangedEvent x:
                json.WriteString("event", "state");
                json.WriteString("state", x.State.ToString());
                break;
            case PtMessageEvent x:
                json.WriteString("event", "message");
                json.WriteString("stream", x.Stream == PtStream.Stderr ? "stderr" : "stdout");
                json.WriteString("kind", x.Message.KindName);
                x.Message.WriteFields(_fields);
                break;
            case PtUnknownLineEvent x:
                json.WriteString("event", "unknown");
                json.WriteString("line", x.Text);
                break;
            case PtInvalidLineEvent x:
                json.WriteString("event", "invalid");
                json.WriteString("expected", x.Kind.ToString());
                json.WriteString("error", x.Error.Description);
                json.WriteNumber("offset", x.Error.Offset);
                if (x.Error.Field is { } field) json.WriteString("field", field);
                json.WriteString("line", x.Text);
                break;
            case PtStderrTextEvent x:
                json.WriteString("event", "stderr");
                json.WriteString("line", x.Text);
                break;
            case PtLineTooLongEvent x:
                json.WriteString("event", "line-too-long");
                json.WriteString("stream", x.Stream == PtStream.Stderr ? "stderr" : "stdout");
                json.WriteNumber("length", x.Length);
                break;
            case PtErrorEvent x:
                json.WriteString("event", "error");
                WriteError(json, x.Error);
                break;
            case PtFaultEvent x:
                json.WriteString("event", "fault");
                json.WriteString("source", x.Source.ToString());
                json.WriteString("exception", x.Exception.GetType().Name);
                json.WriteString("message", x.Exception.Message);
                break;
            case PtRestartingEvent x:
                json.WriteString("event", "restarting");
                json.WriteNumber("attempt", x.Attempt);
                json.WriteNumber("delayMs", (long)x.Delay.TotalMilliseconds);
                break;
            case PtExitedEvent x:
                json.WriteString("event", "exited");
                WritePid(json, x.ProcessId);
                WriteExit(json, x.Exit);
                json.WriteBoolean("requested", x.Requested);
                break;
            default:
                json.WriteString("event", e.GetType().Name);
                break;
        }
    });

    /// <summary>The startup summary: state, version, the usable methods, whether the proxy was accepted, the failure.</summary>
    public void Startup(PtStartupResult startup) => Line(json =>
    {
        json.WriteString("event", "startup");
        json.WriteString("state", startup.State.ToString());
        if (startup.Version is { } version) json.WriteString("version", version);
        else json.WriteNull("version");
        WriteMethods(json, "cmethods", startup.ClientMethods);
        WriteMethods(json, "smethods", startup.ServerMethods);
        json.WriteBoolean("proxyAccepted", startup.ProxyAccepted);
        json.WriteNumber("errors", startup.Errors.Count);
        if (startup.Failure is { } failure)
        {
            json.WriteStartObject("failure");
            WriteError(json, failure);
            json.WriteEndObject();
        }
    });

    /// <summary>ptkit starts to stop the PT, and why.</summary>
    public void Stopping(string reason) => Line(json =>
    {
        json.WriteString("event", "stopping");
        json.WriteString("reason", reason);
    });

    /// <summary>The PT is stopped: the step of pt-2.2 §1.3 at which it exited, its exit status, ptkit's exit code.</summary>
    public void Stopped(PtShutdownResult shutdown, int exitCode) => Line(json =>
    {
        json.WriteString("event", "stopped");
        json.WriteString("step", shutdown.Step.ToString());
        WriteExit(json, shutdown.Exit);
        json.WriteNumber("ptkitExit", exitCode);
    });

    private void Line(Action<Utf8JsonWriter> write)
    {
        lock (_gate)
        {
            _lines.Begin();
            _lines.Json.WriteStartObject();
            write(_lines.Json);
            _lines.Json.WriteEndObject();
            _lines.End();
            _output.Flush();
        }
    }

    private void WriteMethods(Utf8JsonWriter json, string name, IEnumerable<IPtMessage> methods)
    {
        json.WriteStartArray(name);
        foreach (var method in methods)
        {
            json.WriteStartObject();
            method.WriteFields(_fields);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteError(Utf8JsonWriter json, PtLaunchError error)
    {
        json.WriteString("kind", error.Kind.ToString());
        json.WriteBoolean("fatal", error.EndsLaunch);
        json.WriteString("message", error.Message);
    }

    // A transport run in ptkit's own process has no pid: the launcher reports 0.
    private static void WritePid(Utf8JsonWriter json, int pid)
    {
        if (pid == 0) json.WriteNull("pid");
        else json.WriteNumber("pid", pid);
    }

    private static void WriteExit(Utf8JsonWriter json, PtExitStatus? exit)
    {
        if (exit is not { } status)
        {
            json.WriteNull("code");
            return;
        }
        json.WriteNumber("code", status.Code);
        json.WriteString("meaning", status.Meaning.ToString());
    }
}
