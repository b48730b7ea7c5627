using System;
using PtToolkit.Ipc;
using PtToolkit.Text;

namespace PtToolkit.Benchmarks;

/// <summary>
/// A struct handler for <see cref="PtIpc.Dispatch{THandler}"/> that reads a few fields of each view into a
/// sum, cheaply, so that no parse can be optimised away; it counts unknown and invalid lines.
/// </summary>
public struct SumHandler : PtIpc.IHandler
{
    /// <summary>The sum of the fields read.</summary>
    public long Sum;

    /// <summary>Lines whose keyword matched no message.</summary>
    public int Unknown;

    /// <summary>Lines that failed to parse.</summary>
    public int Invalid;

    /// <inheritdoc/>
    public void OnVersionError(PtIpc.VersionErrorView message) => Sum += message.Message.Length;

    /// <inheritdoc/>
    public void OnVersion(PtIpc.VersionView message) => Sum += message.Version.Length;

    /// <inheritdoc/>
    public void OnEnvError(PtIpc.EnvErrorView message) => Sum += message.Message.Length;

    /// <inheritdoc/>
    public void OnProxyDone(PtIpc.ProxyDoneView message) => Sum++;

    /// <inheritdoc/>
    public void OnProxyError(PtIpc.ProxyErrorView message) => Sum += message.Message.Length;

    /// <inheritdoc/>
    public void OnCmethod(PtIpc.CmethodView message) =>
        Sum += message.Transport.Length + (int)message.Method + message.Address.Host.Length + message.Address.Port;

    /// <inheritdoc/>
    public void OnCmethodError(PtIpc.CmethodErrorView message) => Sum += message.Transport.Length + message.Message.Length;

    /// <inheritdoc/>
    public void OnCmethodsDone(PtIpc.CmethodsDoneView message) => Sum++;

    /// <inheritdoc/>
    public void OnSmethod(PtIpc.SmethodView message) =>
        Sum += message.Transport.Length + message.Address.Port + message.Args.Raw.Length + (message.HasOptions ? 1 : 0);

    /// <inheritdoc/>
    public void OnSmethodError(PtIpc.SmethodErrorView message) => Sum += message.Transport.Length + message.Message.Length;

    /// <inheritdoc/>
    public void OnSmethodsDone(PtIpc.SmethodsDoneView message) => Sum++;

    /// <inheritdoc/>
    public void OnLog(PtIpc.LogView message) => Sum += (int)message.Severity + message.Message.Raw.Length;

    /// <inheritdoc/>
    public void OnDispatcherLog(PtIpc.DispatcherLogView message) => Sum += (int)message.Level + message.Message.Length;

    /// <inheritdoc/>
    public void OnStatus(PtIpc.StatusView message) => Sum += message.Transport.Raw.Length + message.Values.Raw.Length;

    /// <inheritdoc/>
    public void OnConnectionEvent(PtIpc.ConnectionEventView message) => Sum += message.Transport.Length + message.Port;

    /// <inheritdoc/>
    public void OnConnectionErrorEvent(PtIpc.ConnectionErrorEventView message) => Sum += message.Transport.Length + (int)message.ErrorType;

    /// <inheritdoc/>
    public void OnConnectionSuccessEvent(PtIpc.ConnectionSuccessEventView message) => Sum += message.Transport.Length;

    /// <inheritdoc/>
    public void OnUnknown(ReadOnlySpan<byte> line) => Unknown++;

    /// <inheritdoc/>
    public void OnInvalid(ReadOnlySpan<byte> line, PtIpc.MessageKind kind, PtParseError error) => Invalid++;
}
