using System;
using System.IO;
using System.Threading.Tasks;

namespace PtToolkit.Launch;

/// <summary>
/// What one run of a PT runs in: a child process (<see cref="PtProcess"/>) or a transport hosted inside this process
/// (<see cref="InProcess.PtInProcessTarget"/>). Either way the PT's IPC lines come out of <see cref="Stdout"/> and
/// <see cref="Stderr"/> as bytes, and <see cref="ShutdownAsync"/> runs the steps of pt-2.2 §1.3.
/// </summary>
internal interface IPtRunTarget : IDisposable
{
    /// <summary>The process id of a child process, or null for a transport run in this process.</summary>
    int? ProcessId { get; }

    /// <summary>Where the PT writes every IPC line (pt-2.2 §1.2).</summary>
    Stream Stdout { get; }

    /// <summary>Where the PT writes the 2.x error lines and any text of its own.</summary>
    Stream Stderr { get; }

    /// <summary>Completes when the PT has exited.</summary>
    Task Exited { get; }

    /// <summary>The exit status once the PT has exited, else null.</summary>
    PtExitStatus? Exit { get; }

    /// <summary>
    /// An exception that ended the PT, when user code threw it (a transport run in this process); null for a child
    /// process, whose failures are its exit status.
    /// </summary>
    Exception? Fault { get; }

    /// <summary>Notes the PT's descendants, to kill those that outlive it.</summary>
    void Snapshot();

    /// <summary>Kills the descendants noted by <see cref="Snapshot"/> that still run.</summary>
    void KillLeftovers();

    /// <summary>Runs the shutdown sequence of pt-2.2 §1.3 with the waits of <paramref name="options"/>.</summary>
    Task<PtShutdownResult> ShutdownAsync(PtLaunchOptions options);
}
