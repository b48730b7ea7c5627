using System;
using PtToolkit.Ipc;
using PtToolkit.Text;

namespace PtToolkit.Tests.Ipc;

/// <summary>A dispatch handler that records which callback ran, the owned copy of the message, and what Invalid reported.</summary>
internal struct OwnedRecorder : PtIpc.IHandler
{
    /// <summary>How many callbacks ran (Dispatch must make exactly one).</summary>
    public int Calls;

    /// <summary>The kind whose On-callback ran, or Unknown.</summary>
    public PtIpc.MessageKind MessageKind;

    /// <summary>The owned copy made in the callback.</summary>
    public IPtMessage? Message;

    /// <summary>True when OnUnknown ran.</summary>
    public bool Unknown;

    /// <summary>True when OnInvalid ran.</summary>
    public bool Invalid;

    /// <summary>The kind OnInvalid was given.</summary>
    public PtIpc.MessageKind InvalidKind;

    /// <summary>The error OnInvalid was given.</summary>
    public PtParseError InvalidError;

    /// <summary>The line handed to OnUnknown or OnInvalid.</summary>
    public byte[]? ReportedLine;

    private void Got(PtIpc.MessageKind kind, IPtMessage message)
    {
        Calls++;
        MessageKind = kind;
        Message = message;
    }

    public void OnVersionError(PtIpc.VersionErrorView message) => Got(message.Kind, message.ToOwned());
    public void OnVersion(PtIpc.VersionView message) => Got(message.Kind, message.ToOwned());
    public void OnEnvError(PtIpc.EnvErrorView message) => Got(message.Kind, message.ToOwned());
    public void OnProxyDone(PtIpc.ProxyDoneView message) => Got(message.Kind, message.ToOwned());
    public void OnProxyError(PtIpc.ProxyErrorView message) => Got(message.Kind, message.ToOwned());
    public void OnCmethod(PtIpc.CmethodView message) => Got(message.Kind, message.ToOwned());
    public void OnCmethodError(PtIpc.CmethodErrorView message) => Got(message.Kind, message.ToOwned());
    public void OnCmethodsDone(PtIpc.CmethodsDoneView message) => Got(message.Kind, message.ToOwned());
    public void OnSmethod(PtIpc.SmethodView message) => Got(message.Kind, message.ToOwned());
    public void OnSmethodError(PtIpc.SmethodErrorView message) => Got(message.Kind, message.ToOwned());
    public void OnSmethodsDone(PtIpc.SmethodsDoneView message) => Got(message.Kind, message.ToOwned());
    public void OnLog(PtIpc.LogView message) => Got(message.Kind, message.ToOwned());
    public void OnDispatcherLog(PtIpc.DispatcherLogView message) => Got(message.Kind, message.ToOwned());
    public void OnStatus(PtIpc.StatusView message) => Got(message.Kind, message.ToOwned());
    public void OnConnectionEvent(PtIpc.ConnectionEventView message) => Got(message.Kind, message.ToOwned());
    public void OnConnectionErrorEvent(PtIpc.ConnectionErrorEventView message) => Got(message.Kind, message.ToOwned());
    public void OnConnectionSuccessEvent(PtIpc.ConnectionSuccessEventView message) => Got(message.Kind, message.ToOwned());

    public void OnUnknown(ReadOnlySpan<byte> line)
    {
        Calls++;
        Unknown = true;
        ReportedLine = line.ToArray();
    }

    public void OnInvalid(ReadOnlySpan<byte> line, PtIpc.MessageKind kind, PtParseError error)
    {
        Calls++;
        Invalid = true;
        InvalidKind = kind;
        InvalidError = error;
        ReportedLine = line.ToArray();
    }

    /// <summary>Dispatches <paramref name="line"/> to a fresh recorder.</summary>
    public static (PtIpc.ParseOutcome Outcome, OwnedRecorder Recorder) Run(ReadOnlySpan<byte> line, PtIpc.Dialects dialects = PtIpc.Dialects.All)
    {
        var recorder = new OwnedRecorder();
        var outcome = PtIpc.Dispatch(line, ref recorder, dialects);
        return (outcome, recorder);
    }
}
