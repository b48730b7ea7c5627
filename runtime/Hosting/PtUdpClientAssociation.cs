using System;
using System.Buffers;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using PtToolkit.Ipc;
using PtToolkit.Text;
using PtToolkit.Udp;

namespace PtToolkit.Hosting;

/// <summary>
/// One client app address in a UDP mode and its transport connection to the PT server (pt-2.2 §1.5.3, Table 1):
/// Waiting while the connection is made and the transport's handshake runs, then Connected, exchanging packets
/// framed on the transport's stream, until the connection fails or closes, a write fails, or it is idle.
/// </summary>
/// <remarks>
/// Table 1 drops a packet that arrives while its connection is Waiting; here it waits in the association's queue
/// (<see cref="PtHostOptions.UdpQueueLength"/> packets, the rest dropped), so that an app's first packet, often the one
/// that matters most (a DNS query, a handshake), is not lost to every new association.
/// </remarks>
internal sealed class PtUdpClientAssociation
{
    private static readonly PtKeyValueList NoArguments = new();
    private readonly PtUdpClientListener _listener;
    private readonly Context _context;
    private readonly Channel<(byte[] Packet, int Length)> _queue;

    public PtUdpClientAssociation(SocketAddress client, PtUdpClientListener listener, Context context)
    {
        Client = client;
        _listener = listener;
        _context = context;
        _queue = Channel.CreateBounded<(byte[], int)>(new BoundedChannelOptions(context.Options.UdpQueueLength)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>The client app's address; it is never logged.</summary>
    public SocketAddress Client { get; }

    /// <summary>Queues a copy of <paramref name="packet"/> for the transport; drops it when the queue is full or closed.</summary>
    public void TryEnqueue(ReadOnlySpan<byte> packet)
    {
        byte[] copy = ArrayPool<byte>.Shared.Rent(Math.Max(packet.Length, 1));
        packet.CopyTo(copy);
        if (!_queue.Writer.TryWrite((copy, packet.Length))) ArrayPool<byte>.Shared.Return(copy);
    }

    /// <summary>Connects, relays until the association ends, then leaves the pool and gives the connection slot back.</summary>
    public async Task RunAsync(PtConnections connections)
    {
        var aborting = _context.Aborting;
        Socket? remote = null;
        Stream? toServer = null;
        Stream? wrapped = null;
        try
        {
            (remote, toServer, _, var why) = await _context.Dialer.ConnectAsync(_context.Target, aborting).ConfigureAwait(false);
            if (remote is null || toServer is null)
            {
                _context.Ipc.Log(PtIpc.LogSeverity.Info, $"{_context.Name}: cannot connect to the PT server: {why}");
                return;
            }
            wrapped = await WrapAsync(toServer, aborting).ConfigureAwait(false);
            if (wrapped is null) return;
            await RelayAsync(wrapped, aborting).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // Aborted by the shutdown, or the PT server went away.
        }
        catch (Exception e)
        {
            _context.Ipc.Log(PtIpc.LogSeverity.Warning, $"{_context.Name}: UDP association failed: {PtHostRun.Describe(e)}");
        }
        finally
        {
            _listener.Remove(this);
            _queue.Writer.TryComplete();
            while (_queue.Reader.TryRead(out var left)) ArrayPool<byte>.Shared.Return(left.Packet);
            await PtHostRun.DisposeQuietlyAsync(wrapped).ConfigureAwait(false);
            await PtHostRun.DisposeQuietlyAsync(toServer).ConfigureAwait(false);
            remote?.Dispose();
            connections.Exit();
        }
    }

    // The transport's handshake, bounded by the handshake timeout, with no per-connection arguments (pt-2.2 §1.5.2:
    // in the UDP case there is no SOCKS handshake to carry them); null after a LOG line when it failed.
    private async Task<Stream?> WrapAsync(Stream toServer, CancellationToken aborting)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(aborting);
        timeout.CancelAfter(_context.Options.HandshakeTimeout);
        try
        {
            return await _context.Transport.ConnectAsync(new PtClientConnection(_context.Name, NoArguments, toServer, _context.Ipc), timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (!aborting.IsCancellationRequested)
        {
            string why = e is OperationCanceledException ? "timed out" : PtHostRun.Describe(e);
            _context.Ipc.Log(PtIpc.LogSeverity.Info, $"{_context.Name}: the transport refused the connection: {why}");
            return null;
        }
    }

    private async Task RelayAsync(Stream wrapped, CancellationToken aborting)
    {
        var options = _context.Options;
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(aborting);
        idle.CancelAfter(options.UdpIdleTimeout);
        using var reader = new UdpFrameReader(wrapped, _context.Framing, options.UdpMaxPacketLength);
        using var writer = new UdpFrameWriter(wrapped, _context.Framing, options.UdpMaxPacketLength);
        var up = Task.Run(() => QueueToServerAsync(writer, idle), CancellationToken.None);
        var down = Task.Run(() => ServerToClientAsync(reader, idle), CancellationToken.None);
        await Task.WhenAny(up, down).ConfigureAwait(false);
        await idle.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(PtUdpModes.Quietly(up), PtUdpModes.Quietly(down)).ConfigureAwait(false);
        if (reader.Error.IsError) _context.Ipc.Log(PtIpc.LogSeverity.Info, $"{_context.Name}: UDP association closed: {reader.Error}");
    }

    private async Task QueueToServerAsync(UdpFrameWriter writer, CancellationTokenSource idle)
    {
        while (await _queue.Reader.WaitToReadAsync(idle.Token).ConfigureAwait(false))
        {
            while (_queue.Reader.TryRead(out var item))
            {
                try
                {
                    idle.CancelAfter(_context.Options.UdpIdleTimeout);
                    // A packet the framing cannot carry (not one STUN message in STUN mode) is dropped.
                    await writer.WriteAsync(item.Packet.AsMemory(0, item.Length), idle.Token).ConfigureAwait(false);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(item.Packet);
                }
            }
        }
    }

    private async Task ServerToClientAsync(UdpFrameReader reader, CancellationTokenSource idle)
    {
        while (await reader.ReadAsync(idle.Token).ConfigureAwait(false) is { } packet)
        {
            idle.CancelAfter(_context.Options.UdpIdleTimeout);
            try
            {
                await _listener.SendAsync(packet, Client, idle.Token).ConfigureAwait(false);
            }
            catch (SocketException e) when (PtUdpModes.IsPassing(e.SocketErrorCode))
            {
                // The app's port is closed for now (ICMP): this packet is lost, as UDP allows.
            }
        }
    }

    /// <summary>What every association of one transport's UDP socket shares.</summary>
    internal sealed record Context(
        string Name,
        IPtClientTransport Transport,
        EndPoint Target,
        UdpFraming Framing,
        PtUpstreamDialer Dialer,
        PtHostOptions Options,
        PtIpcWriter Ipc,
        CancellationToken Aborting);
}
