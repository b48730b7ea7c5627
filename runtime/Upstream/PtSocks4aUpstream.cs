using System;
using System.Buffers;
using System.Buffers.Binary;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using PtToolkit.Config;
using PtToolkit.Socks;

namespace PtToolkit.Upstream;

/// <summary>
/// A SOCKS 4a upstream proxy: one CONNECT request, VN(4) | CD(1) | DSTPORT | DSTIP | USERID | NUL, with a name sent
/// after the user id behind DSTIP 0.0.0.1 (the 4a extension); the reply is exactly 8 bytes, VN(0) | CD | DSTPORT |
/// DSTIP, CD 90 granting. SOCKS 4 has no field for an IPv6 address, so such a target is refused before anything
/// is sent.
/// </summary>
internal static class PtSocks4aUpstream
{
    private const int ReplyLength = 8;

    public static async ValueTask<PtUpstreamResult> HandshakeAsync(Stream stream, string? user, EndPoint target, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        if (target is IPEndPoint { AddressFamily: not AddressFamily.InterNetwork } || !PtUpstream.IsSendable(target))
            return Fail(PtUpstreamErrorReason.TargetNotSupported, 0);
        int userLength = user is null ? 0 : Encoding.UTF8.GetByteCount(user);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(ReplyLength + userLength + 1 + 255 + 1);
        int length = WriteRequest(buffer, user, userLength, target);
        long received = 0;
        var timer = PtSocksTimeout.Start(timeout, cancellationToken);
        try
        {
            await stream.WriteAsync(buffer.AsMemory(0, length), timer.Token).ConfigureAwait(false);
            await stream.FlushAsync(timer.Token).ConfigureAwait(false);
            received = await stream.ReadAtLeastAsync(buffer.AsMemory(0, ReplyLength), ReplyLength, throwOnEndOfStream: false, timer.Token).ConfigureAwait(false);
            if (received < ReplyLength) return Fail(PtUpstreamErrorReason.Closed, received);
            if (buffer[0] != 0) return Fail(PtUpstreamErrorReason.BadVersion, 0);
            return buffer[1] switch
            {
                90 => new PtUpstreamResult(stream),
                >= 91 and <= 93 => Fail(PtUpstreamErrorReason.Refused, 1, buffer[1]),
                _ => Fail(PtUpstreamErrorReason.BadReply, 1),
            };
        }
        catch (Exception e) when (PtUpstream.IsStreamFailure(e))
        {
            return new PtUpstreamResult(PtUpstream.Failed(PtProxyScheme.Socks4a, received, timer.Token, cancellationToken));
        }
        finally
        {
            timer.Dispose();
            ArrayPool<byte>.Shared.Return(buffer, clearArray: user is not null);
        }
    }

    private static int WriteRequest(byte[] message, string? user, int userLength, EndPoint target)
    {
        message[0] = 4;
        message[1] = 1;
        if (target is IPEndPoint ip)
        {
            BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(2), (ushort)ip.Port);
            ip.Address.TryWriteBytes(message.AsSpan(4, 4), out _);
        }
        else
        {
            BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(2), (ushort)((DnsEndPoint)target).Port);
            message.AsSpan(4, 3).Clear();
            message[7] = 1;
        }
        int at = 8;
        if (user is not null) at += Encoding.UTF8.GetBytes(user, message.AsSpan(at, userLength));
        message[at++] = 0;
        if (target is DnsEndPoint dns)
        {
            at += Encoding.ASCII.GetBytes(dns.Host, message.AsSpan(at));
            message[at++] = 0;
        }
        return at;
    }

    private static PtUpstreamResult Fail(PtUpstreamErrorReason reason, long offset, int code = 0) =>
        new(new PtUpstreamError(PtProxyScheme.Socks4a, reason, offset, code));
}
