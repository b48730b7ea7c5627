using System;
using PtToolkit.Ipc;
using PtToolkit.Text;
using Kind = PtToolkit.Ipc.PtIpc.MessageKind;

namespace PtToolkit.Testing.Tests.Ipc;

/// <summary>The typed parser of each message (<c>MMessage.TryParse</c>, which reads through <c>MView.TryParse</c>), by kind.</summary>
internal static class TypedIpc
{
    /// <summary>Runs the typed parser of <paramref name="kind"/>; null when it refuses the line.</summary>
    public static IPtMessage? Parse(Kind kind, ReadOnlySpan<byte> line) => kind switch
    {
        Kind.VersionError => PtIpc.VersionErrorMessage.TryParse(line, out var m, out _) ? m : null,
        Kind.Version => PtIpc.VersionMessage.TryParse(line, out var m, out _) ? m : null,
        Kind.EnvError => PtIpc.EnvErrorMessage.TryParse(line, out var m, out _) ? m : null,
        Kind.ProxyDone => PtIpc.ProxyDoneMessage.TryParse(line, out var m, out _) ? m : null,
        Kind.ProxyError => PtIpc.ProxyErrorMessage.TryParse(line, out var m, out _) ? m : null,
        Kind.Cmethod => PtIpc.CmethodMessage.TryParse(line, out var m, out _) ? m : null,
        Kind.CmethodError => PtIpc.CmethodErrorMessage.TryParse(line, out var m, out _) ? m : null,
        Kind.CmethodsDone => PtIpc.CmethodsDoneMessage.TryParse(line, out var m, out _) ? m : null,
        Kind.Smethod => PtIpc.SmethodMessage.TryParse(line, out var m, out _) ? m : null,
        Kind.SmethodError => PtIpc.SmethodErrorMessage.TryParse(line, out var m, out _) ? m : null,
        Kind.SmethodsDone => PtIpc.SmethodsDoneMessage.TryParse(line, out var m, out _) ? m : null,
        Kind.Log => PtIpc.LogMessage.TryParse(line, out var m, out _) ? m : null,
        Kind.DispatcherLog => PtIpc.DispatcherLogMessage.TryParse(line, out var m, out _) ? m : null,
        Kind.Status => PtIpc.StatusMessage.TryParse(line, out var m, out _) ? m : null,
        Kind.ConnectionEvent => PtIpc.ConnectionEventMessage.TryParse(line, out var m, out _) ? m : null,
        Kind.ConnectionErrorEvent => PtIpc.ConnectionErrorEventMessage.TryParse(line, out var m, out _) ? m : null,
        Kind.ConnectionSuccessEvent => PtIpc.ConnectionSuccessEventMessage.TryParse(line, out var m, out _) ? m : null,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no typed parser"),
    };
}
