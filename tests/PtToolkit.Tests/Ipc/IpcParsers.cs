using System;
using System.Buffers;
using System.Linq;
using PtToolkit.Ipc;
using PtToolkit.Text;
using Kind = PtToolkit.Ipc.PtIpc.MessageKind;

namespace PtToolkit.Tests.Ipc;

/// <summary>Calls the generated parser of any message kind by its <see cref="Kind"/>, and formats owned messages to bytes.</summary>
internal static class IpcParsers
{
    /// <summary>Every message kind of the spec (Unknown left out).</summary>
    public static readonly Kind[] Kinds = Enum.GetValues<Kind>().Where(k => k != Kind.Unknown).ToArray();

    /// <summary>The kind of an owned message, from its spec name.</summary>
    public static Kind KindOf(IPtMessage message) => Enum.Parse<Kind>(message.KindName);

    /// <summary>Runs <c>MView.TryParse</c> of <paramref name="kind"/>.</summary>
    public static bool TryParseView(Kind kind, ReadOnlySpan<byte> line, out PtParseError error) => kind switch
    {
        Kind.VersionError => PtIpc.VersionErrorView.TryParse(line, out _, out error),
        Kind.Version => PtIpc.VersionView.TryParse(line, out _, out error),
        Kind.EnvError => PtIpc.EnvErrorView.TryParse(line, out _, out error),
        Kind.ProxyDone => PtIpc.ProxyDoneView.TryParse(line, out _, out error),
        Kind.ProxyError => PtIpc.ProxyErrorView.TryParse(line, out _, out error),
        Kind.Cmethod => PtIpc.CmethodView.TryParse(line, out _, out error),
        Kind.CmethodError => PtIpc.CmethodErrorView.TryParse(line, out _, out error),
        Kind.CmethodsDone => PtIpc.CmethodsDoneView.TryParse(line, out _, out error),
        Kind.Smethod => PtIpc.SmethodView.TryParse(line, out _, out error),
        Kind.SmethodError => PtIpc.SmethodErrorView.TryParse(line, out _, out error),
        Kind.SmethodsDone => PtIpc.SmethodsDoneView.TryParse(line, out _, out error),
        Kind.Log => PtIpc.LogView.TryParse(line, out _, out error),
        Kind.DispatcherLog => PtIpc.DispatcherLogView.TryParse(line, out _, out error),
        Kind.Status => PtIpc.StatusView.TryParse(line, out _, out error),
        Kind.ConnectionEvent => PtIpc.ConnectionEventView.TryParse(line, out _, out error),
        Kind.ConnectionErrorEvent => PtIpc.ConnectionErrorEventView.TryParse(line, out _, out error),
        Kind.ConnectionSuccessEvent => PtIpc.ConnectionSuccessEventView.TryParse(line, out _, out error),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Runs the owned <c>MMessage.TryParse</c> of <paramref name="kind"/>.</summary>
    public static IPtMessage? ParseOwnedAs(Kind kind, ReadOnlySpan<byte> line, out PtParseError error) => kind switch
    {
        Kind.VersionError => PtIpc.VersionErrorMessage.TryParse(line, out var m, out error) ? m : null,
        Kind.Version => PtIpc.VersionMessage.TryParse(line, out var m, out error) ? m : null,
        Kind.EnvError => PtIpc.EnvErrorMessage.TryParse(line, out var m, out error) ? m : null,
        Kind.ProxyDone => PtIpc.ProxyDoneMessage.TryParse(line, out var m, out error) ? m : null,
        Kind.ProxyError => PtIpc.ProxyErrorMessage.TryParse(line, out var m, out error) ? m : null,
        Kind.Cmethod => PtIpc.CmethodMessage.TryParse(line, out var m, out error) ? m : null,
        Kind.CmethodError => PtIpc.CmethodErrorMessage.TryParse(line, out var m, out error) ? m : null,
        Kind.CmethodsDone => PtIpc.CmethodsDoneMessage.TryParse(line, out var m, out error) ? m : null,
        Kind.Smethod => PtIpc.SmethodMessage.TryParse(line, out var m, out error) ? m : null,
        Kind.SmethodError => PtIpc.SmethodErrorMessage.TryParse(line, out var m, out error) ? m : null,
        Kind.SmethodsDone => PtIpc.SmethodsDoneMessage.TryParse(line, out var m, out error) ? m : null,
        Kind.Log => PtIpc.LogMessage.TryParse(line, out var m, out error) ? m : null,
        Kind.DispatcherLog => PtIpc.DispatcherLogMessage.TryParse(line, out var m, out error) ? m : null,
        Kind.Status => PtIpc.StatusMessage.TryParse(line, out var m, out error) ? m : null,
        Kind.ConnectionEvent => PtIpc.ConnectionEventMessage.TryParse(line, out var m, out error) ? m : null,
        Kind.ConnectionErrorEvent => PtIpc.ConnectionErrorEventMessage.TryParse(line, out var m, out error) ? m : null,
        Kind.ConnectionSuccessEvent => PtIpc.ConnectionSuccessEventMessage.TryParse(line, out var m, out error) ? m : null,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Formats <paramref name="message"/> through <see cref="PtMessageExtensions.Write"/>: the status and the bytes (with the LF).</summary>
    public static (OperationStatus Status, byte[] Line) Format(IPtMessage message)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var status = message.Write(buffer);
        return (status, buffer.WrittenSpan.ToArray());
    }
}
