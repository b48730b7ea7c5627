using System;
using System.Text;
using PtToolkit.Ipc;
using PtToolkit.Text;

namespace PtToolkit.Launch;

/// <summary>Something a launched PT said or did, in the order the launcher saw it.</summary>
public abstract record PtEvent;

/// <summary>The launch moved to <paramref name="State"/>.</summary>
public sealed record PtStateChangedEvent(PtLaunchState State) : PtEvent;

/// <summary>A line parsed as a message of spec/pt-ipc.spec (LOG, STATUS and EVENT lines keep coming after DONE).</summary>
public sealed record PtMessageEvent(IPtMessage Message, PtStream Stream) : PtEvent;

/// <summary>A stdout line whose keyword names no message: reported, and otherwise ignored (pt-2.2 §1.2: the parent MUST ignore it).</summary>
public sealed record PtUnknownLineEvent(ReadOnlyMemory<byte> Line) : PtEvent
{
    /// <summary>The line decoded as UTF-8 (bytes that are not UTF-8 become U+FFFD).</summary>
    public string Text => Encoding.UTF8.GetString(Line.Span);
}

/// <summary>A stdout line with a known keyword that does not parse: <paramref name="Kind"/> is what it was read as.</summary>
public sealed record PtInvalidLineEvent(ReadOnlyMemory<byte> Line, PtIpc.MessageKind Kind, PtParseError Error) : PtEvent
{
    /// <summary>The line decoded as UTF-8 (bytes that are not UTF-8 become U+FFFD).</summary>
    public string Text => Encoding.UTF8.GetString(Line.Span);
}

/// <summary>A stderr line that is not one of the error messages PT 2.x writes there: kept as text.</summary>
public sealed record PtStderrTextEvent(ReadOnlyMemory<byte> Line) : PtEvent
{
    /// <summary>The line decoded as UTF-8 (bytes that are not UTF-8 become U+FFFD).</summary>
    public string Text => Encoding.UTF8.GetString(Line.Span);
}

/// <summary>A line longer than <see cref="PtLaunchOptions.MaxLineBytes"/>: its <paramref name="Length"/> bytes were skipped.</summary>
public sealed record PtLineTooLongEvent(PtStream Stream, long Length) : PtEvent;

/// <summary>An error: a refused method, a method error, a broken rule, or what ended the launch.</summary>
public sealed record PtErrorEvent(PtLaunchError Error) : PtEvent;

/// <summary>
/// The process of process id <paramref name="ProcessId"/> started; 0 for a transport run in this process
/// (<see cref="PtLauncher.InProcessClient"/>, <see cref="PtLauncher.InProcessServer"/>), which has no process of its own.
/// </summary>
public sealed record PtStartedEvent(int ProcessId) : PtEvent;

/// <summary>
/// The run of process <paramref name="ProcessId"/> is over: <paramref name="Exit"/> is its exit status (null when it
/// survived every step of the shutdown), <paramref name="Requested"/> is true when the parent was stopping it.
/// <paramref name="ProcessId"/> is 0 for a transport run in this process.
/// </summary>
public sealed record PtExitedEvent(int ProcessId, PtExitStatus? Exit, bool Requested) : PtEvent;

/// <summary>The PT crashed and restart number <paramref name="Attempt"/> follows after <paramref name="Delay"/>.</summary>
public sealed record PtRestartingEvent(int Attempt, TimeSpan Delay) : PtEvent;

/// <summary>
/// User code that the launcher calls threw <paramref name="Exception"/>: the event callback, the
/// <see cref="Microsoft.Extensions.Logging.ILogger"/>, or a transport run in this process (then the run is over and a
/// <see cref="PtExitedEvent"/> follows). The launcher goes on: the event that was being delivered reached
/// <see cref="PtLauncher.Events"/> all the same, and the PT's output is still read.
/// </summary>
public sealed record PtFaultEvent(PtFaultSource Source, Exception Exception) : PtEvent;
