using PtToolkit.Control;

namespace PtToolkit.Cli.Control;

/// <summary>The typed fields of circuit, stream, connection, bandwidth, guard, address-map and onion-service events (spec/control.spec).</summary>
internal sealed partial class EventJsonWriter
{
    /// <inheritdoc/>
    public void OnCirc(TorEvents.CircEvent e)
    {
        _fields.Begin();
        _fields.Token("circuitId", e.CircuitId);
        _fields.Word("status", e.StatusText);
        _fields.Token("path", e.HasPath, e.Path);
        _fields.Token("BUILD_FLAGS", e.HasBuildFlags, e.BuildFlags);
        _fields.Token("PURPOSE", e.HasPurpose, e.Purpose);
        _fields.Token("HS_STATE", e.HasHsState, e.HsState);
        _fields.Token("REND_QUERY", e.HasRendQuery, e.RendQuery);
        _fields.Token("TIME_CREATED", e.HasTimeCreated, e.TimeCreated);
        _fields.Token("REASON", e.HasReason, e.Reason);
        _fields.Token("REMOTE_REASON", e.HasRemoteReason, e.RemoteReason);
        _fields.Token("SOCKS_USERNAME", e.HasSocksUsername, e.SocksUsername);
        _fields.Token("SOCKS_PASSWORD", e.HasSocksPassword, e.SocksPassword);
        _fields.Token("HS_POW", e.HasHsPow, e.HsPow);
    }

    /// <inheritdoc/>
    public void OnStream(TorEvents.StreamEvent e)
    {
        _fields.Begin();
        _fields.Token("streamId", e.StreamId);
        _fields.Word("status", e.StatusText);
        _fields.Token("circuitId", e.CircuitId);
        _fields.Token("target", e.Target);
        _fields.Token("REASON", e.HasReason, e.Reason);
        _fields.Token("REMOTE_REASON", e.HasRemoteReason, e.RemoteReason);
        _fields.Token("SOURCE", e.HasSource, e.Source);
        _fields.Token("SOURCE_ADDR", e.HasSourceAddr, e.SourceAddr);
        _fields.Token("PURPOSE", e.HasPurpose, e.Purpose);
        _fields.Token("SOCKS_USERNAME", e.HasSocksUsername, e.SocksUsername);
        _fields.Token("SOCKS_PASSWORD", e.HasSocksPassword, e.SocksPassword);
        _fields.Token("CLIENT_PROTOCOL", e.HasClientProtocol, e.ClientProtocol);
        _fields.Number("NYM_EPOCH", e.HasNymEpoch, e.NymEpoch);
        _fields.Token("SESSION_GROUP", e.HasSessionGroup, e.SessionGroup);
        _fields.Token("ISO_FIELDS", e.HasIsoFields, e.IsoFields);
    }

    /// <inheritdoc/>
    public void OnOrConn(TorEvents.OrConnEvent e)
    {
        _fields.Begin();
        _fields.Token("target", e.Target);
        _fields.Word("status", e.StatusText);
        _fields.Token("REASON", e.HasReason, e.Reason);
        _fields.Number("NCIRCS", e.HasNcircs, e.Ncircs);
        _fields.Number("ID", e.HasId, e.Id);
    }

    /// <inheritdoc/>
    public void OnBandwidth(TorEvents.BandwidthEvent e)
    {
        _fields.Begin();
        _fields.Number("bytesRead", e.BytesRead);
        _fields.Number("bytesWritten", e.BytesWritten);
    }

    /// <inheritdoc/>
    public void OnAddrMap(TorEvents.AddrMapEvent e)
    {
        _fields.Begin();
        _fields.Token("address", e.Address);
        _fields.Token("newAddress", e.NewAddress);
        _fields.Token("expiry", e.Expiry);
        _fields.Token("error", e.HasError, e.Error);
        _fields.Token("EXPIRES", e.HasExpires, e.Expires);
        _fields.Token("CACHED", e.HasCached, e.Cached);
        _fields.Token("STREAMID", e.HasStreamid, e.Streamid);
    }

    /// <inheritdoc/>
    public void OnGuard(TorEvents.GuardEvent e)
    {
        _fields.Begin();
        _fields.Token("type", e.Type);
        _fields.Token("name", e.Name);
        _fields.Word("status", e.StatusText);
    }

    /// <inheritdoc/>
    public void OnStreamBandwidth(TorEvents.StreamBandwidthEvent e)
    {
        _fields.Begin();
        _fields.Token("streamId", e.StreamId);
        _fields.Number("bytesWritten", e.BytesWritten);
        _fields.Number("bytesRead", e.BytesRead);
        _fields.Token("TIME", e.HasTime, e.Time);
    }

    /// <inheritdoc/>
    public void OnBuildTimeoutSet(TorEvents.BuildTimeoutSetEvent e)
    {
        _fields.Begin();
        _fields.Word("type", e.TypeText);
        _fields.Number("TOTAL_TIMES", e.HasTotalTimes, e.TotalTimes);
        _fields.Number("TIMEOUT_MS", e.HasTimeoutMs, e.TimeoutMs);
        _fields.Number("XM", e.HasXm, e.Xm);
        _fields.Token("ALPHA", e.HasAlpha, e.Alpha);
        _fields.Token("CUTOFF_QUANTILE", e.HasCutoffQuantile, e.CutoffQuantile);
        _fields.Token("TIMEOUT_RATE", e.HasTimeoutRate, e.TimeoutRate);
        _fields.Number("CLOSE_MS", e.HasCloseMs, e.CloseMs);
        _fields.Token("CLOSE_RATE", e.HasCloseRate, e.CloseRate);
    }

    /// <inheritdoc/>
    public void OnCircMinor(TorEvents.CircMinorEvent e)
    {
        _fields.Begin();
        _fields.Token("circuitId", e.CircuitId);
        _fields.Word("event", e.EventText);
        _fields.Token("path", e.HasPath, e.Path);
        _fields.Token("BUILD_FLAGS", e.HasBuildFlags, e.BuildFlags);
        _fields.Token("PURPOSE", e.HasPurpose, e.Purpose);
        _fields.Token("HS_STATE", e.HasHsState, e.HsState);
        _fields.Token("REND_QUERY", e.HasRendQuery, e.RendQuery);
        _fields.Token("TIME_CREATED", e.HasTimeCreated, e.TimeCreated);
        _fields.Token("OLD_PURPOSE", e.HasOldPurpose, e.OldPurpose);
        _fields.Token("OLD_HS_STATE", e.HasOldHsState, e.OldHsState);
    }

    /// <inheritdoc/>
    public void OnHsDesc(TorEvents.HsDescEvent e)
    {
        _fields.Begin();
        _fields.Word("action", e.ActionText);
        _fields.Token("hsAddress", e.HsAddress);
        _fields.Token("authType", e.AuthType);
        _fields.Token("hsDir", e.HsDir);
        _fields.Token("descriptorId", e.HasDescriptorId, e.DescriptorId);
        _fields.Token("REASON", e.HasReason, e.Reason);
        _fields.Number("REPLICA", e.HasReplica, e.Replica);
        _fields.Token("HSDIR_INDEX", e.HasHsdirIndex, e.HsdirIndex);
    }

    /// <inheritdoc/>
    public void OnCircuitBandwidth(TorEvents.CircuitBandwidthEvent e)
    {
        _fields.Begin();
        _fields.Token("ID", e.HasId, e.Id);
        _fields.Number("READ", e.HasRead, e.Read);
        _fields.Number("WRITTEN", e.HasWritten, e.Written);
        _fields.Token("TIME", e.HasTime, e.Time);
        _fields.Number("DELIVERED_READ", e.HasDeliveredRead, e.DeliveredRead);
        _fields.Number("OVERHEAD_READ", e.HasOverheadRead, e.OverheadRead);
        _fields.Number("DELIVERED_WRITTEN", e.HasDeliveredWritten, e.DeliveredWritten);
        _fields.Number("OVERHEAD_WRITTEN", e.HasOverheadWritten, e.OverheadWritten);
        _fields.Number("SS", e.HasSs, e.Ss);
        _fields.Number("CWND", e.HasCwnd, e.Cwnd);
        _fields.Number("RTT", e.HasRtt, e.Rtt);
        _fields.Number("MIN_RTT", e.HasMinRtt, e.MinRtt);
    }

    /// <inheritdoc/>
    public void OnConnectionBandwidth(TorEvents.ConnectionBandwidthEvent e)
    {
        _fields.Begin();
        _fields.Number("ID", e.HasId, e.Id);
        _fields.Token("TYPE", e.HasType, e.Type);
        _fields.Number("READ", e.HasRead, e.Read);
        _fields.Number("WRITTEN", e.HasWritten, e.Written);
    }
}
