using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using PtToolkit.Config;
using PtToolkit.ExtOrPort;
using PtToolkit.Ipc;
using PtToolkit.Text;
using static PtToolkit.Config.PtConfig;

namespace PtToolkit.Hosting;

/// <summary>
/// A PT server (pt-spec §3.2.3, §3.3.3, pt-2.2 §1.1.3): a listener per transport at its bind address, reported with
/// the ARGS the transport gives, and per connection: the transport's unwrap, then the Extended ORPort (USERADDR,
/// TRANSPORT) or the ORPort, then the relay. In the UDP modes (<c>-mode transparent-UDP</c> or <c>STUN</c>, pt-2.2
/// §1.5.5) the plain stream carries framed packets instead, which <see cref="PtUdpServerRelay"/> exchanges with the
/// <c>-target</c> as UDP datagrams.
/// </summary>
internal sealed class PtServerHost
{
    private static readonly PtKeyValueList NoOptions = new();
    private readonly PtServerConfig _config;
    private readonly IPtServerTransport _transport;
    private readonly PtHostOptions _options;
    private readonly PtIpcWriter _ipc;
    private readonly PtLifetime _lifetime;
    private readonly ExtOrPortOptions _orOptions;
    private readonly Udp.UdpFraming? _udpFraming;
    private readonly EndPoint? _udpTarget;

    private PtServerHost(PtServerConfig config, IPtServerTransport transport, PtHostOptions options, PtIpcWriter ipc, PtLifetime lifetime)
    {
        _config = config;
        _transport = transport;
        _options = options;
        _ipc = ipc;
        _lifetime = lifetime;
        _orOptions = new ExtOrPortOptions { Timeout = options.ConnectTimeout };
        _udpFraming = PtUdpModes.FramingOf(config.Mode);
        _udpTarget = PtUdpModes.TargetOf(config.Target, config.TargetHost, config.TargetPort);
    }

    /// <summary>Runs the server once its configuration is bound and VERSION written; returns the exit code.</summary>
    public static async Task<int> RunAsync(PtServerConfig config, IPtServerTransport transport, PtHostOptions options, PtIpcWriter ipc, CancellationToken cancellationToken)
    {
        ipc.LogLevel = config.IpcLogLevel;
        using var lifetime = PtLifetime.Start(config.ExitOnStdinClose, options, cancellationToken);
        var host = new PtServerHost(config, transport, options, ipc, lifetime);
        var listeners = host.Launch();
        ipc.Write(new PtIpc.SmethodsDoneMessage());
        try
        {
            if (listeners.Count == 0)
            {
                ipc.Log(PtIpc.LogSeverity.Error, "no transport was launched");
                return PtHost.NothingLaunchedExitCode;
            }
            var connections = new PtConnections(options.MaxConnections);
            var serving = listeners.Select(l => (l.Listener, (Func<Socket, Task>)(socket => host.ServeAsync(socket, l.Listener.Transport, l.Options)))).ToList();
            return await PtHostRun.ServeAsync(serving, connections, lifetime, ipc, options).ConfigureAwait(false);
        }
        finally
        {
            foreach (var (listener, _) in listeners) listener.Dispose();
        }
    }

    // One listener per requested transport this PT implements, at its bind address or 127.0.0.1:0, each reported as
    // SMETHOD (with the transport's ARGS) or SMETHOD-ERROR; names it does not implement get no line.
    private List<(PtListener Listener, PtKeyValueList Options)> Launch()
    {
        var listeners = new List<(PtListener, PtKeyValueList)>();
        foreach (string name in _config.TransportNames.Distinct(StringComparer.Ordinal))
        {
            if (!_transport.Names.Contains(name, StringComparer.Ordinal)) continue;
            if (_udpFraming is not null && _udpTarget is null)
            {
                // pt-2.2 §1.5.5: packets go to a destination given as a configuration parameter; the ORPort is no UDP server.
                _ipc.Write(new PtIpc.SmethodErrorMessage(name, $"mode {PtConfig.TextOf(_config.Mode)} needs -target, the UDP server"));
                continue;
            }
            var options = _config.TransportOptions.TryGetValue(name, out var given) ? given : NoOptions;
            PtServerSetup setup;
            try
            {
                setup = _transport.Setup(name, options);
            }
            catch (Exception e)
            {
                setup = PtServerSetup.Failed("setup failed: " + PtHostRun.Describe(e));
            }
            if (setup.Error is { } problem)
            {
                _ipc.Write(new PtIpc.SmethodErrorMessage(name, problem));
                continue;
            }
            var at = _config.Listeners.FirstOrDefault(b => b.Transport == name)?.Endpoint ?? PtHostRun.Loopback;
            var listener = PtListener.TryListen(name, at, out var error);
            if (listener is null)
            {
                _ipc.Write(new PtIpc.SmethodErrorMessage(name, $"cannot listen on {at}: {error}"));
                continue;
            }
            if (!_ipc.Write(new PtIpc.SmethodMessage(name, listener.Endpoint, setup.Args)))
            {
                listener.Dispose();
                _ipc.Write(new PtIpc.SmethodErrorMessage(name, "the transport's ARGS cannot be written in an SMETHOD line"));
                continue;
            }
            listeners.Add((listener, options));
        }
        return listeners;
    }

    private async Task ServeAsync(Socket socket, string transport, PtKeyValueList options)
    {
        var fromClient = new NetworkStream(socket, ownsSocket: true);
        Stream? plain = null;
        Socket? or = null;
        Stream? toOr = null;
        var aborting = _lifetime.Aborting;
        try
        {
            plain = await UnwrapAsync(fromClient, transport, options, aborting).ConfigureAwait(false);
            if (plain is null) return;
            if (_udpFraming is { } framing)
            {
                await ServeUdpAsync(plain, transport, framing, aborting).ConfigureAwait(false);
                return;
            }
            // ext-orport-spec §3.2: TRANSPORT carries a C identifier; a name that is not one is not sent.
            var connection = await ExtOrPortClient.DialOrAsync(_config.ExtendedServerPort, _config.AuthCookieFile, _config.Destination,
                PtTransportList.IsValidName(transport) ? transport : null, socket.RemoteEndPoint as IPEndPoint, _orOptions, aborting).ConfigureAwait(false);
            if (!connection.Result.IsOkay)
            {
                _ipc.Log(PtIpc.LogSeverity.Warning, $"{transport}: {connection}");
                return;
            }
            or = connection.Socket!;
            or.NoDelay = true;
            toOr = new NetworkStream(or, ownsSocket: false);
            await PtHostRun.RelayAsync(plain, socket, toOr, or, _options, aborting).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // Aborted by the shutdown, or a side went away.
        }
        catch (Exception e)
        {
            _ipc.Log(PtIpc.LogSeverity.Warning, $"{transport}: connection failed: {PtHostRun.Describe(e)}");
        }
        finally
        {
            await PtHostRun.DisposeQuietlyAsync(plain).ConfigureAwait(false);
            await PtHostRun.DisposeQuietlyAsync(toOr).ConfigureAwait(false);
            or?.Dispose();
            await fromClient.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task ServeUdpAsync(Stream plain, string transport, Udp.UdpFraming framing, CancellationToken aborting)
    {
        var target = await PtUdpModes.ResolveAsync(_udpTarget!, _options.ConnectTimeout, aborting).ConfigureAwait(false);
        if (target is null)
        {
            _ipc.Log(PtIpc.LogSeverity.Warning, $"{transport}: the UDP target has no address");
            return;
        }
        await PtUdpServerRelay.RunAsync(plain, target, framing, transport, _options, _ipc, aborting).ConfigureAwait(false);
    }

    // The transport's handshake, bounded by the handshake timeout; null (after a LOG) when it failed.
    private async Task<Stream?> UnwrapAsync(Stream fromClient, string transport, PtKeyValueList options, CancellationToken aborting)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(aborting);
        timeout.CancelAfter(_options.HandshakeTimeout);
        try
        {
            return await _transport.AcceptAsync(new PtServerConnection(transport, options, fromClient, _ipc), timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (!aborting.IsCancellationRequested)
        {
            string why = e is OperationCanceledException ? "timed out" : PtHostRun.Describe(e);
            _ipc.Log(PtIpc.LogSeverity.Info, $"{transport}: the transport refused a connection: {why}");
            return null;
        }
    }
}
