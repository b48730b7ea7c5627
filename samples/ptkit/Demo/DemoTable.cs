using System;
using System.Diagnostics;
using System.IO;
using PtToolkit.Launch;
using PtToolkit.Text;

namespace PtToolkit.Cli.Demo;

/// <summary>
/// The demo's output: one row per typed launcher event or demo step, with the time since the start and who it is
/// about. Safe to call from the launchers' reader threads.
/// </summary>
internal sealed class DemoTable
{
    private readonly TextWriter _output;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly TextFieldWriter _fields = new();
    private readonly object _gate = new();

    public DemoTable(TextWriter output)
    {
        _output = output;
        lock (_gate) _output.WriteLine($"{"time",7}  {"who",-6}  event");
    }

    /// <summary>A row for an event of the PT named <paramref name="who"/>.</summary>
    public void Event(string who, PtEvent e)
    {
        lock (_gate) Row(who, Describe(e));
    }

    /// <summary>A row for a step of the demo itself.</summary>
    public void Note(string text)
    {
        lock (_gate) Row("demo", text);
    }

    private void Row(string who, string text) =>
        _output.WriteLine($"{_clock.Elapsed.TotalSeconds,6:0.00}s  {who,-6}  {text}");

    // Called under the lock: the field writer is shared.
    private string Describe(PtEvent e) => e switch
    {
        PtStartedEvent started => $"started, pid {started.ProcessId}",
        PtStateChangedEvent changed => $"state {changed.State}",
        PtMessageEvent message => Message(message),
        PtErrorEvent error => $"error {error.Error}",
        PtExitedEvent exited => $"exited {exited.Exit?.Description ?? "(still running after the last shutdown step)"}{(exited.Requested ? "" : " on its own")}",
        PtStderrTextEvent text => $"stderr {text.Text}",
        PtUnknownLineEvent line => $"unknown line (ignored) {line.Text}",
        PtInvalidLineEvent line => $"invalid line {line.Text}: {line.Error}",
        PtLineTooLongEvent line => $"a line of {line.Length} bytes on {line.Stream} was skipped",
        PtRestartingEvent restart => $"restart {restart.Attempt} in {restart.Delay.TotalSeconds:0.0}s",
        _ => e.ToString(),
    };

    private string Message(PtMessageEvent e)
    {
        e.Message.WriteFields(_fields);
        string where = e.Stream == PtStream.Stderr ? " (stderr)" : "";
        return $"{e.Message.KindName,-13} {_fields.Take()}{where}".TrimEnd();
    }
}
