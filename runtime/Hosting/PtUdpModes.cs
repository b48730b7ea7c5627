using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using PtToolkit.Text;
using PtToolkit.Udp;
using static PtToolkit.Config.PtConfig;

namespace PtToolkit.Hosting;

/// <summary>What the client and server hosts share in the UDP modes (pt-2.2 §1.5): the framing of a mode, the target, passing errors.</summary>
internal static class PtUdpModes
{
    /// <summary>
    /// The framing a mode asks for (pt-2.2 §1.5.4): a two-byte length before each packet for <c>transparent-UDP</c>,
    /// STUN messages back to back for <c>STUN</c>; null for the TCP modes.
    /// </summary>
    public static UdpFraming? FramingOf(ProxyMode mode) => mode switch
    {
        ProxyMode.TransparentUdp => UdpFraming.LengthPrefixed,
        ProxyMode.Stun => UdpFraming.Stun,
        _ => null,
    };

    /// <summary>
    /// The <c>-target</c> (or <c>-targethost</c> and <c>-targetport</c>): in the UDP modes, the PT server for a client and
    /// the UDP server app (or TURN server) for a server (pt-2.2 §1.5.2: configured globally, there is no SOCKS request).
    /// </summary>
    public static EndPoint? TargetOf(PtEndpoint? target, string? host, ushort? port)
    {
        if (target is { } given) return EndPointOf(given.Host, given.Port);
        return host is not null && port is { } p ? EndPointOf(host, p) : null;
    }

    /// <summary>The address of <paramref name="target"/>, looked up within <paramref name="timeout"/> when it is a name; null when it has none.</summary>
    public static async Task<IPEndPoint?> ResolveAsync(EndPoint target, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (target is IPEndPoint ip) return ip;
        var named = (DnsEndPoint)target;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            var addresses = await Dns.GetHostAddressesAsync(named.Host, limit.Token).ConfigureAwait(false);
            return addresses.Length == 0 ? null : new IPEndPoint(addresses[0], named.Port);
        }
        catch (SocketException)
        {
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>Socket errors that lose one datagram but leave the association usable.</summary>
    public static bool IsPassing(SocketError error) =>
        error is SocketError.ConnectionRefused or SocketError.ConnectionReset or SocketError.MessageSize or SocketError.NoBufferSpaceAvailable;

    /// <summary>Waits for a pump that ends by cancellation or by its stream failing; how it ended is not needed.</summary>
    public static async Task Quietly(Task pump)
    {
        try
        {
            await pump.ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // The association is over either way.
        }
    }

    private static EndPoint EndPointOf(string host, ushort port) =>
        IPAddress.TryParse(host, out var address) ? new IPEndPoint(address, port) : new DnsEndPoint(host, port);
}
