using System;
using System.Collections.Generic;
using System.Net;
using PtToolkit.Ipc;
using PtToolkit.Text;

namespace PtToolkit.Launch;

/// <summary>
/// The parent's side of the configuration protocol, after tor's handle_proxy_line (transports.c): launched →
/// version accepted → configured, or failed. It only decides; the launcher feeds it lines and acts. Not thread-safe.
/// </summary>
/// <remarks>
/// Decisions (pt-1.0 §3.3, pt-2.2 §1.2): VERSION must be the first protocol message and name an offered version;
/// VERSION-ERROR, ENV-ERROR and PROXY-ERROR end the launch with their message; with a proxy given, PROXY DONE must
/// come before the methods' DONE (fail closed, as tor's handle_finished_proxy); CMETHOD-ERROR and SMETHOD-ERROR are
/// recorded and the rest goes on (pt-2.2 §1.2.2: other transports may initialise); a CMETHOD that does not listen on
/// loopback is refused. Error lines are accepted in any state before DONE, since PT 2.x writes them on stderr and
/// their order against stdout is lost. LOG, STATUS and EVENT change nothing.
/// </remarks>
internal sealed class PtStartupMachine
{
    private readonly IReadOnlyList<string> _offered;
    private readonly bool _proxyGiven;
    private readonly List<PtIpc.CmethodMessage> _clientMethods = new();
    private readonly List<PtIpc.SmethodMessage> _serverMethods = new();
    private readonly List<PtLaunchError> _errors = new();
    private string? _version;
    private bool _proxyAccepted;
    private PtLaunchError? _failure;

    public PtStartupMachine(IReadOnlyList<string> offeredVersions, bool proxyGiven)
    {
        _offered = offeredVersions;
        _proxyGiven = proxyGiven;
    }

    /// <summary>Launched, VersionAccepted, Configured or Failed.</summary>
    public PtLaunchState State { get; private set; } = PtLaunchState.Launched;

    /// <summary>True once the startup is over (configured or failed).</summary>
    public bool IsFinished => State is PtLaunchState.Configured or PtLaunchState.Failed;

    /// <summary>Takes one parsed message; returns the error it caused, or null.</summary>
    public PtLaunchError? OnMessage(IPtMessage message)
    {
        if (State == PtLaunchState.Failed) return null;
        return message switch
        {
            PtIpc.VersionMessage m => OnVersion(m),
            PtIpc.VersionErrorMessage m => EndWith(PtLaunchErrorKind.VersionError, "VERSION-ERROR " + m.Message, m),
            PtIpc.EnvErrorMessage m => EndWith(PtLaunchErrorKind.EnvError, "ENV-ERROR " + m.Message, m),
            PtIpc.ProxyErrorMessage m => EndWith(PtLaunchErrorKind.ProxyError, "PROXY-ERROR " + m.Message, m),
            PtIpc.ProxyDoneMessage m => OnProxyDone(m),
            PtIpc.CmethodMessage m => OnCmethod(m),
            PtIpc.SmethodMessage m => OnSmethod(m),
            PtIpc.CmethodErrorMessage m => Record(PtLaunchErrorKind.MethodError, $"CMETHOD-ERROR {m.Transport}: {m.Message}", m),
            PtIpc.SmethodErrorMessage m => Record(PtLaunchErrorKind.MethodError, $"SMETHOD-ERROR {m.Transport}: {m.Message}", m),
            PtIpc.CmethodsDoneMessage or PtIpc.SmethodsDoneMessage => OnDone(message),
            _ => null,
        };
    }

    /// <summary>Takes a line with a known keyword that did not parse. A malformed VERSION before any VERSION ends the launch.</summary>
    public PtLaunchError? OnInvalid(PtIpc.MessageKind kind, PtParseError error)
    {
        if (State == PtLaunchState.Failed) return null;
        string text = $"malformed {kind} line: {error}";
        if (kind == PtIpc.MessageKind.Version && State == PtLaunchState.Launched) return Fail(PtLaunchErrorKind.InvalidLine, text);
        return Record(PtLaunchErrorKind.InvalidLine, text, null);
    }

    /// <summary>Takes a line that was too long and skipped.</summary>
    public PtLaunchError? OnLineTooLong(PtStream stream, long length) =>
        State == PtLaunchState.Failed ? null : Record(PtLaunchErrorKind.LineTooLong, $"a {length}-byte line on {stream} was skipped", null);

    /// <summary>Ends the startup with <paramref name="kind"/> (timeout, exit, stop) unless it is already over.</summary>
    public PtLaunchError? Fail(PtLaunchErrorKind kind, string message)
    {
        if (IsFinished) return null;
        var error = new PtLaunchError(kind, message, true);
        _failure = error;
        _errors.Add(error);
        State = PtLaunchState.Failed;
        return error;
    }

    /// <summary>The summary so far.</summary>
    public PtStartupResult Result() =>
        new(State, _version, _clientMethods.ToArray(), _serverMethods.ToArray(), _proxyAccepted, _errors.ToArray(), _failure);

    private PtLaunchError? OnVersion(PtIpc.VersionMessage m)
    {
        if (State != PtLaunchState.Launched) return Unexpected(m, "VERSION after the version was accepted");
        foreach (string offered in _offered)
        {
            if (string.Equals(offered, m.Version, StringComparison.Ordinal))
            {
                _version = m.Version;
                State = PtLaunchState.VersionAccepted;
                return null;
            }
        }
        return Fail(PtLaunchErrorKind.VersionNotOffered, $"VERSION {m.Version} was not offered (offered: {string.Join(",", _offered)})", m);
    }

    private PtLaunchError? OnProxyDone(PtIpc.ProxyDoneMessage m)
    {
        if (State != PtLaunchState.VersionAccepted) return Unexpected(m, "PROXY DONE outside the method phase");
        if (!_proxyGiven) return Record(PtLaunchErrorKind.UnexpectedMessage, "PROXY DONE, but no proxy was given", m);
        _proxyAccepted = true;
        return null;
    }

    private PtLaunchError? OnCmethod(PtIpc.CmethodMessage m)
    {
        if (State != PtLaunchState.VersionAccepted) return Unexpected(m, $"CMETHOD {m.Transport} outside the method phase");
        if (!IsLoopback(m.Address))
            return Record(PtLaunchErrorKind.NonLoopbackMethod, $"CMETHOD {m.Transport} at {m.Address} refused: not a loopback address", m);
        _clientMethods.Add(m);
        return null;
    }

    private PtLaunchError? OnSmethod(PtIpc.SmethodMessage m)
    {
        if (State != PtLaunchState.VersionAccepted) return Unexpected(m, $"SMETHOD {m.Transport} outside the method phase");
        _serverMethods.Add(m);
        return null;
    }

    private PtLaunchError? OnDone(IPtMessage m)
    {
        string line = m is PtIpc.CmethodsDoneMessage ? "CMETHODS DONE" : "SMETHODS DONE";
        if (State != PtLaunchState.VersionAccepted) return Unexpected(m, line + " outside the method phase");
        if (_proxyGiven && !_proxyAccepted)
            return Fail(PtLaunchErrorKind.ProxyNotAccepted, $"a proxy was given but no PROXY DONE came before {line}", m);
        State = PtLaunchState.Configured;
        return null;
    }

    // Before VERSION a protocol message breaks the launch (tor: goto err); after DONE it is reported and not used.
    private PtLaunchError? Unexpected(IPtMessage m, string text) =>
        State == PtLaunchState.Configured
            ? Record(PtLaunchErrorKind.UnexpectedMessage, text + " (ignored)", m)
            : Fail(PtLaunchErrorKind.UnexpectedMessage, State == PtLaunchState.Launched ? $"{m.KindName} before VERSION" : text, m);

    private PtLaunchError? EndWith(PtLaunchErrorKind kind, string text, IPtMessage m) =>
        IsFinished ? Record(kind, text, m) : Fail(kind, text, m);

    private PtLaunchError Fail(PtLaunchErrorKind kind, string text, IPtMessage m)
    {
        var error = new PtLaunchError(kind, text, true, m);
        _failure = error;
        _errors.Add(error);
        State = PtLaunchState.Failed;
        return error;
    }

    private PtLaunchError Record(PtLaunchErrorKind kind, string text, IPtMessage? m)
    {
        var error = new PtLaunchError(kind, text, false, m);
        _errors.Add(error);
        return error;
    }

    /// <summary>True for 127.0.0.0/8, ::1 and ::ffff:127.0.0.0/104; a host name is not an address.</summary>
    internal static bool IsLoopback(PtEndpoint address)
    {
        if (address.Kind == PtHostKind.Name || !IPAddress.TryParse(address.Host, out var ip)) return false;
        if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
        return IPAddress.IsLoopback(ip);
    }
}
