using System;
using System.Buffers;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using PtToolkit.Ipc;
using PtToolkit.Udp;

namespace PtToolkit.Hosting;

/// <summary>
/// The server side of one UDP association (pt-2.2 §1.5.5): packets cut from the transport's plain stream go to the
/// target as UDP datagrams, datagrams from the target go back framed on the stream. The UDP socket is connected to
/// the target, so the system drops datagrams from any other address (Table 2: a packet with no matching connection is
/// dropped). The association ends with the stream, a framing error, a write failure, or
/// <see cref="PtHostOptions.UdpIdleTimeout"/> without a packet either way.
/// </summary>
internal static class PtUdpServerRelay
{
    /// <summary>Relays until the association ends; the caller disposes <paramref name="plain"/>. Throws only for cancellation.</summary>
    public static async Task RunAsync(Stream plain, IPEndPoint target, UdpFraming framing, string transport, PtHostOptions options, PtIpcWriter ipc, CancellationToken aborting)
    {
        using var udp = new Socket(target.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        await udp.ConnectAsync(target, aborting).ConfigureAwait(false);
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(aborting);
        idle.CancelAfter(options.UdpIdleTimeout);
        using var reader = new UdpFrameReader(plain, framing, options.UdpMaxPacketLength);
        using var writer = new UdpFrameWriter(plain, framing, options.UdpMaxPacketLength);
        var up = Task.Run(() => StreamToTargetAsync(reader, udp, options.UdpIdleTimeout, idle), CancellationToken.None);
        var down = Task.Run(() => TargetToStreamAsync(udp, writer, options, idle), CancellationToken.None);
        await Task.WhenAny(up, down).ConfigureAwait(false);
        await idle.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(PtUdpModes.Quietly(up), PtUdpModes.Quietly(down)).ConfigureAwait(false);
        aborting.ThrowIfCancellationRequested();
        if (reader.Error.IsError) ipc.Log(PtIpc.LogSeverity.Info, $"{transport}: UDP association closed: {reader.Error}");
    }

    private static async Task StreamToTargetAsync(UdpFrameReader reader, Socket udp, TimeSpan idleTimeout, CancellationTokenSource idle)
    {
        while (await reader.ReadAsync(idle.Token).ConfigureAwait(false) is { } packet)
        {
            idle.CancelAfter(idleTimeout);
            try
            {
                await udp.SendAsync(packet, SocketFlags.None, idle.Token).ConfigureAwait(false);
            }
            catch (SocketException e) when (PtUdpModes.IsPassing(e.SocketErrorCode))
            {
                // The target refused an earlier datagram (ICMP) or has no room: this packet is lost, as UDP allows.
            }
        }
    }

    private static async Task TargetToStreamAsync(Socket udp, UdpFrameWriter writer, PtHostOptions options, CancellationTokenSource idle)
    {
        // One byte more than the limit, so that a datagram longer than the limit is seen and dropped, not cut.
        byte[] buffer = ArrayPool<byte>.Shared.Rent(options.UdpMaxPacketLength + 1);
        try
        {
            while (true)
            {
                int length;
                try
                {
                    length = await udp.ReceiveAsync(buffer.AsMemory(0, options.UdpMaxPacketLength + 1), SocketFlags.None, idle.Token).ConfigureAwait(false);
                }
                catch (SocketException e) when (PtUdpModes.IsPassing(e.SocketErrorCode))
                {
                    continue;
                }
                if (length > options.UdpMaxPacketLength) continue;
                idle.CancelAfter(options.UdpIdleTimeout);
                // A packet the framing cannot carry (not one STUN message in STUN mode) is dropped.
                await writer.WriteAsync(buffer.AsMemory(0, length), idle.Token).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
