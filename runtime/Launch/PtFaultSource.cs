namespace PtToolkit.Launch;

/// <summary>Whose code threw, in a <see cref="PtFaultEvent"/>.</summary>
public enum PtFaultSource : byte
{
    /// <summary>The event callback given to the launcher.</summary>
    EventCallback,
    /// <summary>The <see cref="Microsoft.Extensions.Logging.ILogger"/> given to the launcher (or its providers).</summary>
    Logger,
    /// <summary>
    /// A transport run in this process: its host's run ended with this exception instead of an exit code (the run is
    /// reported as exit code <see cref="PtLauncher.InProcessFaultExitCode"/>).
    /// </summary>
    Transport,
}
