namespace PtToolkit.Launch;

/// <summary>
/// Where a launched PT stands, modelled on tor's managed-proxy states (transports.c): launched, version
/// accepted (tor's "accepting methods"), configured, and the ends.
/// </summary>
public enum PtLaunchState : byte
{
    /// <summary><see cref="PtLauncher.StartAsync"/> has not been called yet.</summary>
    NotStarted,
    /// <summary>The process runs; its VERSION line has not come yet.</summary>
    Launched,
    /// <summary>VERSION named a version the parent offered; CMETHOD/SMETHOD lines are being collected.</summary>
    VersionAccepted,
    /// <summary>CMETHODS DONE or SMETHODS DONE came and every rule held: the methods can be used.</summary>
    Configured,
    /// <summary>Startup failed (an error line, a broken rule, the timeout, an early exit); the PT was stopped.</summary>
    Failed,
    /// <summary>The PT exited on its own after it was configured (a restart may follow).</summary>
    Exited,
    /// <summary>The parent stopped the PT.</summary>
    Stopped,
}
