using System;
using System.Buffers;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using PtToolkit.Ipc;
using PtToolkit.Text;
using PtToolkit.Udp;

namespace PtToolkit.Hosting;

/// <summary>
/// The client side of a UDP mode (pt-2.2 §1.5.3): one UDP socket on a loopback address, and a pool of associations,
/// one per source address of the client app, each with its own transport connection to the PT server. A packet from
/// a source not in the pool opens an association (when <see cref="PtHostOptions.MaxConnections"/> leaves a slot,
/// else it is dropped); an association leaves the pool when its connection fails or closes, a write fails, or it is
/// idle for <see cref="PtHostOptions.UdpIdleTimeout"/>.
/// </summary>
internal sealed class PtUdpClientListener : IDisposable
{
    private readonly Socket _socket;
    private readonly Dictionary<SocketAddress, PtUdpClientAssociation> _pool = new();
    private readonly PtUdpClientAssociation.Context _context;

    private PtUdpClientListener(Socket socket, PtEndpoint endpoint, PtUdpClientAssociation.Context context)
    {
        _socket = socket;
        Endpoint = endpoint;
        _context = context;
    }

    /// <summary>Where the socket is bound (the port the system chose when 0 was asked for).</summary>
    public PtEndpoint Endpoint { get; }

    /// <summary>
    /// Binds a UDP socket on <paramref name="at"/>, which must be a loopback address: the socket has no authentication,
    /// so only local apps may reach it. Null and the reason when that fails.
    /// </summary>
    public static PtUdpClientListener? TryBind(PtEndpoint at, PtUdpClientAssociation.Context context, out string? error)
    {
        error = null;
        if (!IPAddress.TryParse(at.Host, out var address) || !IPAddress.IsLoopback(address))
        {
            error = "a UDP mode listens on a loopback address only";
            return null;
        }
        var socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(new IPEndPoint(address, at.Port));
            var bound = (IPEndPoint)socket.LocalEndPoint!;
            var kind = bound.AddressFamily == AddressFamily.InterNetworkV6 ? PtHostKind.IPv6 : PtHostKind.IPv4;
            return new PtUdpClientListener(socket, new PtEndpoint(bound.Address.ToString(), kind, (ushort)bound.Port), context);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            error = e.SocketErrorCode.ToString();
            return null;
        }
    }

    /// <summary>Receives until <paramref name="stopping"/> or <see cref="Dispose"/>, handing each packet to its source's association.</summary>
    public async Task ReceiveAsync(PtConnections connections, CancellationToken stopping)
    {
        int max = _context.Options.UdpMaxPacketLength;
        // One byte more than the limit, so that a datagram longer than the limit is seen and dropped, not cut.
        byte[] buffer = ArrayPool<byte>.Shared.Rent(max + 1);
        var from = new SocketAddress(_socket.AddressFamily);
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                int length;
                try
                {
                    length = await _socket.ReceiveFromAsync(buffer.AsMemory(0, max + 1), SocketFlags.None, from, stopping).ConfigureAwait(false);
                }
                catch (SocketException e) when (PtUdpModes.IsPassing(e.SocketErrorCode))
                {
                    continue;
                }
                if (length > max) continue;
                AssociationOf(from, connections)?.TryEnqueue(buffer.AsSpan(0, length));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException || stopping.IsCancellationRequested)
        {
            // Stopped.
        }
        catch (SocketException e)
        {
            _context.Ipc.Log(PtIpc.LogSeverity.Error, $"{_context.Name}: the UDP socket failed: {e.SocketErrorCode}");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Closes the socket; the associations end as their next reply to the client fails.</summary>
    public void Dispose() => _socket.Dispose();

    /// <summary>Sends a packet back to the client app at <paramref name="client"/>.</summary>
    internal ValueTask<int> SendAsync(ReadOnlyMemory<byte> packet, SocketAddress client, CancellationToken cancellationToken) =>
        _socket.SendToAsync(packet, SocketFlags.None, client, cancellationToken);

    /// <summary>Takes <paramref name="association"/> out of the pool (pt-2.2 Table 1, "remove connection from pool").</summary>
    internal void Remove(PtUdpClientAssociation association)
    {
        lock (_pool)
        {
            if (_pool.TryGetValue(association.Client, out var current) && ReferenceEquals(current, association)) _pool.Remove(association.Client);
        }
    }

    // The association of a source address; a new one (Table 1: "new connection added to pool") when there is none and
    // a connection slot is free, else null and the packet is dropped.
    private PtUdpClientAssociation? AssociationOf(SocketAddress from, PtConnections connections)
    {
        lock (_pool)
        {
            if (_pool.TryGetValue(from, out var known)) return known;
            if (!connections.TryEnter()) return null;
            var client = new SocketAddress(from.Family, from.Size);
            from.Buffer.Span[..from.Size].CopyTo(client.Buffer.Span);
            var association = new PtUdpClientAssociation(client, this, _context);
            _pool.Add(client, association);
            _ = Task.Run(() => association.RunAsync(connections), CancellationToken.None);
            return association;
        }
    }
}
