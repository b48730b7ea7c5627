using System;
using System.Collections.Generic;

namespace PtToolkit.Launch;

/// <summary>
/// How to start a managed PT: the executable, its argv and environment exactly as given (built by the
/// configuration binder, or by hand), the PT versions offered in TOR_PT_MANAGED_TRANSPORT_VER / <c>-ptversion</c>,
/// whether TOR_PT_PROXY / <c>-proxy</c> was given, and the bounds of every wait.
/// </summary>
/// <param name="Executable">The PT's executable.</param>
/// <param name="Arguments">Its argv after the executable (PT 2.x flags, or none).</param>
/// <param name="Environment">Its environment: nothing else is passed, except PATH when <see cref="InheritPath"/> is set.</param>
/// <param name="OfferedVersions">The versions offered; VERSION must name one of them (at least one is needed).</param>
public sealed partial record PtLaunchOptions(
    string Executable,
    IReadOnlyList<string> Arguments,
    IReadOnlyDictionary<string, string> Environment,
    IReadOnlyList<string> OfferedVersions)
{
    /// <summary>True when an upstream proxy was given: the PT must then answer PROXY DONE before its methods' DONE.</summary>
    public bool ProxyGiven { get; init; }

    /// <summary>Pass the parent's PATH along with <see cref="Environment"/> (true by default).</summary>
    public bool InheritPath { get; init; } = true;

    /// <summary>
    /// Start the PT as the leader of a new session (through util-linux's <c>/usr/bin/setsid</c>, which keeps the pid),
    /// so that every process it starts, even one forked just before it crashes, is found by its session id and
    /// stopped once the PT is gone (true by default). The PT then no longer receives the terminal's Ctrl-C: the
    /// launcher stops it (pt-2.2 §1.3). Used on Linux when <c>/usr/bin/setsid</c> exists; ignored elsewhere.
    /// </summary>
    public bool OwnSession { get; init; } = true;

    /// <summary>The working directory, or null for the parent's.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>How long the PT has to reach <see cref="PtLaunchState.Configured"/> (30 s by default).</summary>
    public TimeSpan StartupTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Shutdown (pt-2.2 §1.3): how long to wait for the PT to exit after its stdin is closed (5 s by default).</summary>
    public TimeSpan StdinCloseWait { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Shutdown (pt-2.2 §1.3): how long to wait after SIGTERM before SIGKILL (5 s by default).</summary>
    public TimeSpan SigtermWait { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Shutdown: how long to wait for the process tree to go after SIGKILL (5 s by default).</summary>
    public TimeSpan KillWait { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest line read from stdout or stderr, in bytes before the LF (64 KiB by default); longer lines are skipped and reported.</summary>
    public int MaxLineBytes { get; init; } = 64 * 1024;

    /// <summary>How many events <see cref="PtLauncher.Events"/> holds for a slow reader; past that the oldest are dropped and counted (1024 by default).</summary>
    public int EventCapacity { get; init; } = 1024;

    /// <summary>What to do when the PT exits on its own after it was configured (<see cref="PtRestartPolicy.Off"/> by default).</summary>
    public PtRestartPolicy Restart { get; init; } = PtRestartPolicy.Off;

    /// <summary>Checks the options; throws <see cref="ArgumentException"/> naming the first that cannot be used.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrEmpty(Executable);
        ArgumentNullException.ThrowIfNull(Arguments);
        ArgumentNullException.ThrowIfNull(Environment);
        ArgumentNullException.ThrowIfNull(OfferedVersions);
        ArgumentNullException.ThrowIfNull(Restart);
        if (OfferedVersions.Count == 0) throw new ArgumentException("at least one version must be offered", nameof(OfferedVersions));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(StartupTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(StdinCloseWait, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(SigtermWait, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(KillWait, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxLineBytes, 64);
        ArgumentOutOfRangeException.ThrowIfLessThan(EventCapacity, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(Restart.MaxRestarts);
    }
}
