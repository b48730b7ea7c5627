using PtToolkit.Text;

namespace PtToolkit.Launch;

/// <summary>What went wrong while a PT was launched or ran.</summary>
public enum PtLaunchErrorKind : byte
{
    /// <summary>The executable could not be started.</summary>
    StartFailed,
    /// <summary>VERSION named a version that the parent did not offer.</summary>
    VersionNotOffered,
    /// <summary>The PT answered VERSION-ERROR (pt-1.0 §3.3.1, pt-2.2 §1.2.1).</summary>
    VersionError,
    /// <summary>The PT answered ENV-ERROR (pt-1.0 §3.3.1, pt-2.2 §1.2.1).</summary>
    EnvError,
    /// <summary>The PT answered PROXY-ERROR (pt-1.0 §3.3.2, pt-2.2 §1.2.2).</summary>
    ProxyError,
    /// <summary>A proxy was given but PROXY DONE did not come before the methods' DONE: fail closed.</summary>
    ProxyNotAccepted,
    /// <summary>A message out of order: before VERSION, a second VERSION, a method line after DONE.</summary>
    UnexpectedMessage,
    /// <summary>A line with a known keyword that does not parse.</summary>
    InvalidLine,
    /// <summary>A line longer than <see cref="PtLaunchOptions.MaxLineBytes"/>; it was skipped.</summary>
    LineTooLong,
    /// <summary>CMETHOD-ERROR or SMETHOD-ERROR: one transport failed, the others go on.</summary>
    MethodError,
    /// <summary>A CMETHOD whose address is not a loopback address: refused, not used.</summary>
    NonLoopbackMethod,
    /// <summary>The PT was not configured within <see cref="PtLaunchOptions.StartupTimeout"/>.</summary>
    StartupTimeout,
    /// <summary>The PT exited before it was configured.</summary>
    ExitedDuringStartup,
    /// <summary>The parent stopped the PT before it was configured.</summary>
    Stopped,
}

/// <summary>
/// One error of a launch: its kind, a one-line message, whether it ended the launch, and the message that
/// caused it when there is one.
/// </summary>
public sealed record PtLaunchError(PtLaunchErrorKind Kind, string Message, bool EndsLaunch, IPtMessage? Source = null)
{
    /// <inheritdoc/>
    public override string ToString() => EndsLaunch ? $"{Kind} (fatal): {Message}" : $"{Kind}: {Message}";
}
