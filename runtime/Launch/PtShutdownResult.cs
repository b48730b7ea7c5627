namespace PtToolkit.Launch;

/// <summary>The step of the shutdown sequence (pt-2.2 §1.3) at which the PT exited.</summary>
public enum PtShutdownStep : byte
{
    /// <summary>No process was running: it never started.</summary>
    NotStarted,
    /// <summary>The PT had already exited before the shutdown began.</summary>
    AlreadyExited,
    /// <summary>The PT exited after its stdin was closed (the graceful way, TOR_PT_EXIT_ON_STDIN_CLOSE=1).</summary>
    StdinClosed,
    /// <summary>The PT exited after SIGTERM (in process: after its host's cancellation token was cancelled).</summary>
    Terminated,
    /// <summary>The PT and its process tree were killed (SIGKILL); never in process, where nothing can be killed.</summary>
    Killed,
}

/// <summary>How a PT was stopped, and its exit status (null when it had not exited when the last wait ended).</summary>
public readonly record struct PtShutdownResult(PtShutdownStep Step, PtExitStatus? Exit);
