using System.Collections.Generic;
using PtToolkit.Ipc;

namespace PtToolkit.Launch;

/// <summary>
/// The outcome of a PT's startup: the version it chose, the client and server methods it announced (only those
/// that may be used: a refused CMETHOD is among <see cref="Errors"/>, not here), whether it accepted the upstream
/// proxy, every error seen, and the error that ended the launch when it failed.
/// </summary>
public sealed record PtStartupResult(
    PtLaunchState State,
    string? Version,
    IReadOnlyList<PtIpc.CmethodMessage> ClientMethods,
    IReadOnlyList<PtIpc.SmethodMessage> ServerMethods,
    bool ProxyAccepted,
    IReadOnlyList<PtLaunchError> Errors,
    PtLaunchError? Failure)
{
    /// <summary>True when the PT reached <see cref="PtLaunchState.Configured"/>.</summary>
    public bool Succeeded => State == PtLaunchState.Configured;

    /// <inheritdoc/>
    public override string ToString() =>
        $"{State}, version {Version ?? "none"}, {ClientMethods.Count} client and {ServerMethods.Count} server methods, "
        + $"{Errors.Count} errors{(Failure is null ? "" : ", failed: " + Failure.Message)}";
}
