using System;
using System.Buffers;
using System.Buffers.Text;
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
/// An HTTP upstream proxy (RFC 9110 §9.3.6): <c>CONNECT host:port HTTP/1.1</c>, the same authority in <c>Host</c>,
/// and <c>Proxy-Authorization: Basic</c> (RFC 7617) when the URI has a user name. The response is read in chunks up
/// to <see cref="PtUpstream.MaxHttpHeaderBytes"/>; bytes after its empty line belong to the tunnel and come first
/// out of the returned stream.
/// </summary>
internal static class PtHttpConnectUpstream
{
    public static async ValueTask<PtUpstreamResult> HandshakeAsync(Stream stream, PtProxy proxy, EndPoint target, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        if (!PtUpstream.IsSendable(target)) return Fail(PtUpstreamErrorReason.TargetNotSupported, 0);
        int credentials = proxy.User is null ? 0 : Encoding.UTF8.GetByteCount(proxy.User) + 1 + (proxy.Password is null ? 0 : Encoding.UTF8.GetByteCount(proxy.Password));
        // The request fits: two authorities of at most 261 bytes, credentials of at most 256 and their base64.
        byte[] buffer = ArrayPool<byte>.Shared.Rent(PtUpstream.MaxHttpHeaderBytes);
        int end = 0;
        var timer = PtSocksTimeout.Start(timeout, cancellationToken);
        try
        {
            int length = WriteRequest(buffer, Authority(target), proxy.User, proxy.Password, credentials);
            await stream.WriteAsync(buffer.AsMemory(0, length), timer.Token).ConfigureAwait(false);
            await stream.FlushAsync(timer.Token).ConfigureAwait(false);
            buffer.AsSpan(0, length).Clear();
            var reply = new PtHttpConnectReply();
            while (true)
            {
                int read = await stream.ReadAsync(buffer.AsMemory(end, PtUpstream.MaxHttpHeaderBytes - end), timer.Token).ConfigureAwait(false);
                if (read == 0) return Fail(PtUpstreamErrorReason.Closed, end);
                end += read;
                switch (reply.Advance(buffer.AsSpan(0, end), PtUpstream.MaxHttpHeaderBytes, out var reason, out int offset))
                {
                    case PtHttpScan.Done:
                        return new PtUpstreamResult(end == reply.HeaderEnd ? stream : new PtPrefixedStream(buffer.AsSpan(reply.HeaderEnd, end - reply.HeaderEnd).ToArray(), stream));
                    case PtHttpScan.Failed:
                        return Fail(reason, offset, reason == PtUpstreamErrorReason.Refused ? reply.Status : 0);
                }
            }
        }
        catch (Exception e) when (PtUpstream.IsStreamFailure(e))
        {
            return new PtUpstreamResult(PtUpstream.Failed(PtProxyScheme.Http, end, timer.Token, cancellationToken));
        }
        finally
        {
            timer.Dispose();
            ArrayPool<byte>.Shared.Return(buffer, clearArray: proxy.User is not null);
        }
    }

    /// <summary>The request-target of CONNECT (RFC 9112 §3.2.3): host and port, an IPv6 address in brackets.</summary>
    internal static string Authority(EndPoint target) => target switch
    {
        IPEndPoint { AddressFamily: AddressFamily.InterNetworkV6 } ip => $"[{ip.Address}]:{ip.Port}",
        IPEndPoint ip => $"{ip.Address}:{ip.Port}",
        _ => $"{((DnsEndPoint)target).Host}:{((DnsEndPoint)target).Port}",
    };

    private static int WriteRequest(byte[] buffer, string authority, string? user, string? password, int credentials)
    {
        int at = Ascii(buffer, 0, "CONNECT ");
        at = Ascii(buffer, at, authority);
        at = Ascii(buffer, at, " HTTP/1.1\r\nHost: ");
        at = Ascii(buffer, at, authority);
        at = Ascii(buffer, at, "\r\n");
        if (user is not null)
        {
            at = Ascii(buffer, at, "Proxy-Authorization: Basic ");
            // RFC 7617 §2: base64 of user-id ":" password, in UTF-8; encoded in place from the end of the buffer.
            int raw = buffer.Length - credentials;
            int u = Encoding.UTF8.GetBytes(user, buffer.AsSpan(raw));
            buffer[raw + u] = (byte)':';
            if (password is not null) Encoding.UTF8.GetBytes(password, buffer.AsSpan(raw + u + 1));
            Base64.EncodeToUtf8(buffer.AsSpan(raw, credentials), buffer.AsSpan(at, raw - at), out _, out int written);
            buffer.AsSpan(raw, credentials).Clear();
            at = Ascii(buffer, at + written, "\r\n");
        }
        return Ascii(buffer, at, "\r\n");
    }

    private static int Ascii(byte[] buffer, int at, string text) => at + Encoding.ASCII.GetBytes(text, buffer.AsSpan(at));

    private static PtUpstreamResult Fail(PtUpstreamErrorReason reason, long offset, int code = 0) =>
        new(new PtUpstreamError(PtProxyScheme.Http, reason, offset, code));
}
