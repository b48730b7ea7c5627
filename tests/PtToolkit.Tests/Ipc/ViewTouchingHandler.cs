using System;
using PtToolkit.Ipc;
using PtToolkit.Text;

namespace PtToolkit.Tests.Ipc;

/// <summary>
/// A dispatch handler that reads every field of each view (spans, enums, endpoints, pairs) without copying it,
/// as a zero-allocation consumer would, and folds what it read into a checksum so the reads are not dropped.
/// </summary>
internal struct ViewTouchingHandler : PtIpc.IHandler
{
    /// <summary>Messages seen.</summary>
    public int Messages;

    /// <summary>Unknown lines seen.</summary>
    public int Unknowns;

    /// <summary>Invalid lines seen.</summary>
    public int Invalids;

    /// <summary>A fold of everything read.</summary>
    public long Checksum;

    private void Add(ReadOnlySpan<byte> span) => Checksum = Checksum * 31 + span.Length + (span.IsEmpty ? 0 : span[0]);

    private void Add(long value) => Checksum = Checksum * 31 + value;

    private void Add(PtEndpointView endpoint)
    {
        Add(endpoint.Host);
        Add((long)endpoint.Kind);
        Add(endpoint.Port);
    }

    private void Add(PtStringView value)
    {
        Span<byte> decoded = stackalloc byte[64];
        Add(value.Raw);
        if (value.Raw.Length <= decoded.Length) Add(value.Unescape(decoded));
    }

    public void OnVersionError(PtIpc.VersionErrorView message) { Messages++; Add(message.Message); }
    public void OnVersion(PtIpc.VersionView message) { Messages++; Add(message.Version); }
    public void OnEnvError(PtIpc.EnvErrorView message) { Messages++; Add(message.Message); }
    public void OnProxyDone(PtIpc.ProxyDoneView message) { Messages++; Add(message.Line); }
    public void OnProxyError(PtIpc.ProxyErrorView message) { Messages++; Add(message.Message); }

    public void OnCmethod(PtIpc.CmethodView message)
    {
        Messages++;
        Add(message.Transport);
        Add((long)message.Method);
        Add(message.MethodText);
        Add(message.Address);
    }

    public void OnCmethodError(PtIpc.CmethodErrorView message) { Messages++; Add(message.Transport); Add(message.Message); }
    public void OnCmethodsDone(PtIpc.CmethodsDoneView message) { Messages++; Add(message.Line); }

    public void OnSmethod(PtIpc.SmethodView message)
    {
        Messages++;
        Add(message.Transport);
        Add(message.Address);
        if (message.HasArgs)
        {
            foreach (var pair in message.Args)
            {
                Add(pair.Key);
                Add(pair.Value);
            }
        }
        if (message.HasOptions) Add(message.Options);
    }

    public void OnSmethodError(PtIpc.SmethodErrorView message) { Messages++; Add(message.Transport); Add(message.Message); }
    public void OnSmethodsDone(PtIpc.SmethodsDoneView message) { Messages++; Add(message.Line); }
    public void OnLog(PtIpc.LogView message) { Messages++; Add((long)message.Severity); Add(message.SeverityText); Add(message.Message); }
    public void OnDispatcherLog(PtIpc.DispatcherLogView message) { Messages++; Add((long)message.Level); Add(message.LevelText); Add(message.Message); }

    public void OnStatus(PtIpc.StatusView message)
    {
        Messages++;
        Add(message.Transport);
        foreach (var pair in message.Values)
        {
            Add(pair.Key);
            Add(pair.Value);
        }
    }

    public void OnConnectionEvent(PtIpc.ConnectionEventView message)
    {
        Messages++;
        Add(message.Transport);
        Add(message.Address.Host);
        Add((long)message.Address.Kind);
        Add(message.Port);
    }

    public void OnConnectionErrorEvent(PtIpc.ConnectionErrorEventView message)
    {
        Messages++;
        Add(message.Transport);
        Add((long)message.ErrorType);
        Add(message.ErrorTypeText);
        if (message.HasMessage) Add(message.Message);
    }

    public void OnConnectionSuccessEvent(PtIpc.ConnectionSuccessEventView message) { Messages++; Add(message.Transport); }
    public void OnUnknown(ReadOnlySpan<byte> line) { Unknowns++; Add(line); }
    public void OnInvalid(ReadOnlySpan<byte> line, PtIpc.MessageKind kind, PtParseError error) { Invalids++; Add((long)kind); Add(error.Offset); }
}
