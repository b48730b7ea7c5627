using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using PtToolkit.Config;
using PtToolkit.Ipc;
using PtToolkit.Socks;
using static PtToolkit.Config.PtConfig;

namespace PtToolkit.Hosting;

/// <summary>
/// A PT client (pt-spec §3.2.2, §3.3.2, pt-2.2 §1.1.2): the upstream proxy answer, a SOCKS 5 listener per transport,
/// and per connection: SOCKS handshake with arguments, their check, connection to the bridge, the transport's wrap, the success
/// reply, the relay. In the UDP modes (<c>-mode transparent-UDP</c> or <c>STUN</c>, pt-2.2 §1.5.3) a loopback UDP
/// socket per transport instead, whose packets go framed over transport connections (<see cref="PtUdpClientListener"/>).
/// </summary>
internal sealed class PtClientHost
{
    private static readonly PtToolkit.Text.PtKeyValueList NoArguments = new();
    private readonly IPtClientTransport _transport;
    private readonly PtHostOptions _options;
    private readonly PtIpcWriter _ipc;
    private readonly PtLifetime _lifetime;
    private readonly PtUpstreamDialer _dialer;
    private readonly PtSocksServerOptions _socks;

    private PtClientHost(PtClientConfig config, IPtClientTransport transport, PtHostOptions options, PtIpcWriter ipc, PtLifetime lifetime)
    {
        _transport = transport;
        _options = options;
        _ipc = ipc;
        _lifetime = lifetime;
        _dialer = new PtUpstreamDialer(config, options.ConnectTimeout);
        _socks = new PtSocksServerOptions { HandshakeTimeout = options.HandshakeTimeout };
    }

    /// <summary>Runs the client once its configuration is bound and VERSION written; returns the exit code.</summary>
    public static async Task<int> RunAsync(PtClientConfig config, IPtClientTransport transport, PtHostOptions options, PtIpcWriter ipc, CancellationToken cancellationToken)
    {
        ipc.LogLevel = config.IpcLogLevel;
        // pt-spec §3.3.2: the proxy is validated before any transport; a proxy that cannot be used is refused, so that
        // no connection goes around it (fail closed).
        if (config.Proxy is { } proxy)
        {
            if (!PtUpstreamDialer.Supports(proxy, out string problem))
            {
                ipc.Write(new PtIpc.ProxyErrorMessage(problem));
                return PtHost.ProxyErrorExitCode;
            }
            ipc.Write(new PtIpc.ProxyDoneMessage());
        }

        using var lifetime = PtLifetime.Start(config.ExitOnStdinClose, options, cancellationToken);
        var host = new PtClientHost(config, transport, options, ipc, lifetime);
        var connections = new PtConnections(options.MaxConnections);
        var listeners = host.Launch(config, connections);
        ipc.Write(new PtIpc.CmethodsDoneMessage());
        try
        {
            if (listeners.Count == 0)
            {
                ipc.Log(PtIpc.LogSeverity.Error, "no transport was launched");
                return PtHost.NothingLaunchedExitCode;
            }
            return await PtHostRun.ServeAsync(listeners, connections, lifetime, ipc, options).ConfigureAwait(false);
        }
        finally
        {
            foreach (var (listener, _) in listeners) listener.Dispose();
        }
    }

    // One listener per requested transport this PT implements, each reported as CMETHOD or CMETHOD-ERROR; names it
    // does not implement get no line (pt-spec §3.3.2). A SOCKS 5 listener in socks5 mode, a UDP socket in the UDP modes.
    private List<(IDisposable, Func<CancellationToken, Task>)> Launch(PtClientConfig config, PtConnections connections)
    {
        var listeners = new List<(IDisposable, Func<CancellationToken, Task>)>();
        foreach (string name in config.TransportNames.Distinct(StringComparer.Ordinal))
        {
            if (!_transport.Names.Contains(name, StringComparer.Ordinal)) continue;
            var at = config.ListenEndpoint ?? PtHostRun.Loopback;
            if (PtUdpModes.FramingOf(config.Mode) is { } framing)
            {
                if (LaunchUdp(config, name, at, framing) is { } udp) listeners.Add((udp, stopping => udp.ReceiveAsync(connections, stopping)));
                continue;
            }
            if (config.Mode != ProxyMode.Socks5)
            {
                _ipc.Write(new PtIpc.CmethodErrorMessage(name, $"mode {TextOf(config.Mode)} is not supported (only socks5, transparent-UDP and STUN)"));
                continue;
            }
            var listener = PtListener.TryListen(name, at, out var error);
            if (listener is null)
            {
                _ipc.Write(new PtIpc.CmethodErrorMessage(name, $"cannot listen on {at}: {error}"));
                continue;
            }
            listeners.Add((listener, stopping => listener.AcceptAsync(connections, socket => ServeAsync(socket, name), _ipc, stopping)));
            _ipc.Write(new PtIpc.CmethodMessage(name, PtIpc.ClientProxyKind.Socks5, listener.Endpoint));
        }
        return listeners;
    }

    // pt-2.2 §1.5.3: a UDP socket for the client app, whose packets go to the -target (the PT server, configured
    // globally in the UDP case, §1.5.2). The transport's argument check runs once, on the empty arguments every
    // association will get, so that a transport that needs arguments fails here rather than per packet.
    private PtUdpClientListener? LaunchUdp(PtClientConfig config, string name, PtToolkit.Text.PtEndpoint at, Udp.UdpFraming framing)
    {
        string mode = TextOf(config.Mode);
        if (PtUdpModes.TargetOf(config.Target, config.TargetHost, config.TargetPort) is not { } target)
        {
            _ipc.Write(new PtIpc.CmethodErrorMessage(name, $"mode {mode} needs -target, the PT server"));
            return null;
        }
        if (_transport.CheckArguments(name, NoArguments) is { } problem)
        {
            _ipc.Write(new PtIpc.CmethodErrorMessage(name, $"mode {mode} has no per-connection arguments, and the transport needs some: {problem}"));
            return null;
        }
        var context = new PtUdpClientAssociation.Context(name, _transport, target, framing, _dialer, _options, _ipc, _lifetime.Aborting);
        var udp = PtUdpClientListener.TryBind(at, context, out string? error);
        if (udp is null)
        {
            _ipc.Write(new PtIpc.CmethodErrorMessage(name, $"cannot listen on {at}: {error}"));
            return null;
        }
        var kind = framing == Udp.UdpFraming.Stun ? PtIpc.ClientProxyKind.Stun : PtIpc.ClientProxyKind.TransparentUdp;
        _ipc.Write(new PtIpc.CmethodMessage(name, kind, udp.Endpoint));
        return udp;
    }

    private async Task ServeAsync(Socket socket, string transport)
    {
        var client = new NetworkStream(socket, ownsSocket: true);
        Socket? remote = null;
        Stream? toBridge = null;
        Stream? wrapped = null;
        var aborting = _lifetime.Aborting;
        try
        {
            var handshake = await PtSocksServer.HandshakeAsync(client, _socks, aborting).ConfigureAwait(false);
            if (!handshake.IsSuccess)
            {
                _ipc.Log(PtIpc.LogSeverity.Info, $"{transport}: SOCKS handshake failed: {handshake.Error.Reason}");
                return;
            }
            var request = handshake.Value;
            if (_transport.CheckArguments(transport, request.Arguments) is { } problem)
            {
                _ipc.Log(PtIpc.LogSeverity.Info, $"{transport}: arguments refused: {problem}");
                await PtSocksServer.SendReplyAsync(client, PtSocksReply.SettingsInvalid, null, aborting).ConfigureAwait(false);
                return;
            }
            (remote, toBridge, var failure, var why) = await _dialer.ConnectAsync(request.Target, aborting).ConfigureAwait(false);
            if (remote is null || toBridge is null)
            {
                _ipc.Log(PtIpc.LogSeverity.Info, $"{transport}: cannot connect to the bridge: {why}");
                await PtSocksServer.SendReplyAsync(client, failure, null, aborting).ConfigureAwait(false);
                return;
            }
            wrapped = await WrapAsync(client, transport, request, toBridge, aborting).ConfigureAwait(false);
            if (wrapped is null) return;
            await PtHostRun.RelayAsync(client, socket, wrapped, remote, _options, aborting).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // Aborted by the shutdown, or the client went away while it was being answered.
        }
        catch (Exception e)
        {
            _ipc.Log(PtIpc.LogSeverity.Warning, $"{transport}: connection failed: {PtHostRun.Describe(e)}");
        }
        finally
        {
            await PtHostRun.DisposeQuietlyAsync(wrapped).ConfigureAwait(false);
            await PtHostRun.DisposeQuietlyAsync(toBridge).ConfigureAwait(false);
            remote?.Dispose();
            await client.DisposeAsync().ConfigureAwait(false);
        }
    }

    // The transport's handshake, bounded by the handshake timeout; then the success reply and the bytes the client
    // sent after its request, which go first. On failure the client gets its reply and null is returned.
    private async Task<Stream?> WrapAsync(Stream client, string transport, PtSocksRequest request, Stream toBridge, CancellationToken aborting)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(aborting);
        timeout.CancelAfter(_options.HandshakeTimeout);
        Stream wrapped;
        try
        {
            wrapped = await _transport.ConnectAsync(new PtClientConnection(transport, request.Arguments, toBridge, _ipc), timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (!aborting.IsCancellationRequested)
        {
            var reply = e switch
            {
                ArgumentException => PtSocksReply.SettingsInvalid,
                OperationCanceledException => PtSocksReply.TtlExpired,
                _ => PtSocksReply.GeneralFailure,
            };
            string why = e is OperationCanceledException ? "timed out" : PtHostRun.Describe(e);
            _ipc.Log(PtIpc.LogSeverity.Info, $"{transport}: the transport refused the connection: {why}");
            await PtSocksServer.SendReplyAsync(client, reply, null, aborting).ConfigureAwait(false);
            return null;
        }
        bool ready = false;
        try
        {
            await PtSocksServer.SendReplyAsync(client, PtSocksReply.Succeeded, null, timeout.Token).ConfigureAwait(false);
            if (!request.Leftover.IsEmpty)
            {
                await wrapped.WriteAsync(request.Leftover, timeout.Token).ConfigureAwait(false);
                await wrapped.FlushAsync(timeout.Token).ConfigureAwait(false);
            }
            ready = true;
            return wrapped;
        }
        finally
        {
            if (!ready) await PtHostRun.DisposeQuietlyAsync(wrapped).ConfigureAwait(false);
        }
    }
}
