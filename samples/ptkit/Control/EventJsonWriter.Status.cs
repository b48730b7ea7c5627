using PtToolkit.Control;

namespace PtToolkit.Cli.Control;

/// <summary>The typed fields of log, status, signal, configuration, descriptor, transport and liveness events (spec/control.spec).</summary>
internal sealed partial class EventJsonWriter
{
    /// <inheritdoc/>
    public void OnDebugLog(TorEvents.DebugLogEvent e)
    {
        _fields.Begin();
        WriteLogMessage(e.HasMessage, e.Message);
    }

    /// <inheritdoc/>
    public void OnInfoLog(TorEvents.InfoLogEvent e)
    {
        _fields.Begin();
        WriteLogMessage(e.HasMessage, e.Message);
    }

    /// <inheritdoc/>
    public void OnNoticeLog(TorEvents.NoticeLogEvent e)
    {
        _fields.Begin();
        WriteLogMessage(e.HasMessage, e.Message);
    }

    /// <inheritdoc/>
    public void OnWarnLog(TorEvents.WarnLogEvent e)
    {
        _fields.Begin();
        WriteLogMessage(e.HasMessage, e.Message);
    }

    /// <inheritdoc/>
    public void OnErrLog(TorEvents.ErrLogEvent e)
    {
        _fields.Begin();
        WriteLogMessage(e.HasMessage, e.Message);
    }

    /// <inheritdoc/>
    public void OnNewDesc(TorEvents.NewDescEvent e)
    {
        _fields.Begin();
        _fields.Text("names", e.HasNames, e.Names);
    }

    /// <inheritdoc/>
    public void OnDescChanged(TorEvents.DescChangedEvent e) => _fields.Begin();

    /// <inheritdoc/>
    public void OnStatusGeneral(TorEvents.StatusGeneralEvent e)
    {
        _fields.Begin();
        _fields.Word("severity", e.SeverityText);
        _fields.Token("action", e.Action);
        _fields.Token("REASON", e.HasReason, e.Reason);
        _fields.Number("COUNT", e.HasCount, e.Count);
        _fields.Token("RECOMMENDED", e.HasRecommended, e.Recommended);
        _fields.Token("CURRENT", e.HasCurrent, e.Current);
        _fields.Number("PERCENT", e.HasPercent, e.Percent);
    }

    /// <inheritdoc/>
    public void OnStatusClient(TorEvents.StatusClientEvent e)
    {
        _fields.Begin();
        _fields.Word("severity", e.SeverityText);
        _fields.Token("action", e.Action);
        _fields.Number("PROGRESS", e.HasProgress, e.Progress);
        _fields.Token("TAG", e.HasTag, e.Tag);
        _fields.Token("SUMMARY", e.HasSummary, e.Summary);
        _fields.Token("WARNING", e.HasWarning, e.Warning);
        _fields.Token("REASON", e.HasReason, e.Reason);
        _fields.Number("COUNT", e.HasCount, e.Count);
        _fields.Token("RECOMMENDATION", e.HasRecommendation, e.Recommendation);
        _fields.Token("HOST", e.HasHost, e.Host);
        _fields.Token("HOSTADDR", e.HasHostaddr, e.Hostaddr);
    }

    /// <inheritdoc/>
    public void OnStatusServer(TorEvents.StatusServerEvent e)
    {
        _fields.Begin();
        _fields.Word("severity", e.SeverityText);
        _fields.Token("action", e.Action);
        _fields.Token("ADDRESS", e.HasAddress, e.Address);
        _fields.Token("METHOD", e.HasMethod, e.Method);
        _fields.Token("ORADDRESS", e.HasOraddress, e.Oraddress);
        _fields.Token("DIRADDRESS", e.HasDiraddress, e.Diraddress);
        _fields.Token("STATUS", e.HasStatus, e.Status);
        _fields.Token("REASON", e.HasReason, e.Reason);
    }

    /// <inheritdoc/>
    public void OnNetworkStatus(TorEvents.NetworkStatusEvent e) => _fields.Begin();

    /// <inheritdoc/>
    public void OnClientsSeen(TorEvents.ClientsSeenEvent e)
    {
        _fields.Begin();
        _fields.Token("TimeStarted", e.HasTimeStarted, e.TimeStarted);
        _fields.Token("CountrySummary", e.HasCountrySummary, e.CountrySummary);
        _fields.Token("IPVersions", e.HasIPVersions, e.IPVersions);
    }

    /// <inheritdoc/>
    public void OnNewConsensus(TorEvents.NewConsensusEvent e) => _fields.Begin();

    /// <inheritdoc/>
    public void OnSignalReceived(TorEvents.SignalReceivedEvent e)
    {
        _fields.Begin();
        _fields.Word("signal", e.SignalText);
    }

    /// <inheritdoc/>
    public void OnConfChanged(TorEvents.ConfChangedEvent e)
    {
        _fields.Begin();
        WriteConfChanges();
    }

    /// <inheritdoc/>
    public void OnTransportLaunched(TorEvents.TransportLaunchedEvent e)
    {
        _fields.Begin();
        _fields.Word("side", e.SideText);
        _fields.Token("name", e.Name);
        _fields.Token("address", e.Address);
        _fields.Number("port", e.Port);
    }

    /// <inheritdoc/>
    public void OnNetworkLiveness(TorEvents.NetworkLivenessEvent e)
    {
        _fields.Begin();
        _fields.Word("status", e.StatusText);
    }

    /// <inheritdoc/>
    public void OnPtLog(TorEvents.PtLogEvent e)
    {
        _fields.Begin();
        _fields.Token("PT", e.HasPt, e.Pt);
        _fields.Token("SEVERITY", e.HasSeverity, e.Severity);
        _fields.Token("MESSAGE", e.HasMessage, e.Message);
    }

    /// <inheritdoc/>
    public void OnPtStatus(TorEvents.PtStatusEvent e)
    {
        _fields.Begin();
        _fields.Token("PT", e.HasPt, e.Pt);
        _fields.Token("TRANSPORT", e.HasTransport, e.Transport);
    }
}
