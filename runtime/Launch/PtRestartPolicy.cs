using System;

namespace PtToolkit.Launch;

/// <summary>
/// Whether a PT that exits on its own after it was configured is started again: at most
/// <see cref="MaxRestarts"/> times over the launcher's life, waiting <see cref="InitialDelay"/> before the first
/// restart and twice as long before each next one, up to <see cref="MaxDelay"/>. Off by default.
/// </summary>
/// <remarks>
/// A restart whose startup ends in VERSION-ERROR, ENV-ERROR, PROXY-ERROR, a version not offered or a proxy not
/// accepted is not tried again: the same configuration would fail the same way.
/// </remarks>
public sealed record PtRestartPolicy(int MaxRestarts, TimeSpan InitialDelay, TimeSpan MaxDelay)
{
    /// <summary>No restart.</summary>
    public static PtRestartPolicy Off { get; } = new(0, TimeSpan.Zero, TimeSpan.Zero);

    /// <summary>True when at least one restart is allowed.</summary>
    public bool Enabled => MaxRestarts > 0;

    /// <summary>The wait before restart number <paramref name="attempt"/> (1 for the first).</summary>
    public TimeSpan DelayBefore(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        if (InitialDelay <= TimeSpan.Zero) return TimeSpan.Zero;
        double ticks = InitialDelay.Ticks * Math.Pow(2, Math.Min(attempt - 1, 62));
        return ticks >= MaxDelay.Ticks ? MaxDelay : TimeSpan.FromTicks((long)ticks);
    }
}
