using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace PtToolkit.Socks;

/// <summary>
/// The SOCKS client a parent uses to connect through a PT's CMETHOD with per-connection arguments: SOCKS 5 with the
/// arguments in RFC 1929 fields packed as tor packs them, or in a JSON parameter block (pt-2.2 §1.4), or SOCKS 4a
/// with the arguments in USERID; or, as the client of an upstream proxy, SOCKS 5 with the proxy's own RFC 1929 user
/// name and password (<see cref="PtSocksClientOptions.UserName"/>). Only as many bytes as the replies hold are read,
/// so the returned stream starts with the target's first byte.
/// </summary>
public static class PtSocksClient
{
    /// <summary>
    /// Connects to the PT at <paramref name="proxy"/> and asks it for <paramref name="target"/> (an
    /// <see cref="IPEndPoint"/> or a <see cref="DnsEndPoint"/>). On success the result holds the connected stream (the
    /// caller disposes it); arguments that do not fit are refused before connecting.
    /// </summary>
    /// <exception cref="ArgumentException">An argument key is empty or (for JSON) repeated, or a key or value holds a NUL or a lone surrogate,
    /// or the options' credentials do not fit RFC 1929 or come with arguments.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<PtSocksResult<Stream>> ConnectAsync(EndPoint proxy, EndPoint target,
        IReadOnlyList<KeyValuePair<string, string>>? arguments = null, PtSocksClientOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(proxy);
        ArgumentNullException.ThrowIfNull(target);
        options ??= PtSocksClientOptions.Default;
        options.Validate();
        if (!PtSocksClientMessages.TryBuild(target, arguments, options, out var messages, out var error)) return new(error);
        using (messages)
        {
            var socket = proxy is IPEndPoint ip
                ? new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp)
                : new Socket(SocketType.Stream, ProtocolType.Tcp);
            NetworkStream? stream = null;
            var timeout = PtSocksTimeout.Start(options.Timeout, cancellationToken);
            try
            {
                try
                {
                    await socket.ConnectAsync(proxy, timeout.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is OperationCanceledException or SocketException or IOException)
                {
                    return new(Classify(0, timeout.Token, cancellationToken));
                }
                socket.NoDelay = true;
                stream = new NetworkStream(socket, ownsSocket: true);
                error = await RunAsync(stream, messages, options.Version, timeout.Token, cancellationToken).ConfigureAwait(false);
                if (error.IsError) return new(error);
                var connected = stream;
                stream = null;
                return new(connected);
            }
            finally
            {
                timeout.Dispose();
                if (stream is not null) await stream.DisposeAsync().ConfigureAwait(false);
                else if (!socket.Connected) socket.Dispose();
            }
        }
    }

    /// <summary>
    /// Runs the client handshake on a stream already connected to the PT. Returns the error, or a default value when
    /// the PT granted the request (the stream then carries the target's bytes).
    /// </summary>
    /// <exception cref="ArgumentException">An argument key is empty or (for JSON) repeated, or a key or value holds a NUL or a lone surrogate,
    /// or the options' credentials do not fit RFC 1929 or come with arguments.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async ValueTask<PtSocksError> HandshakeAsync(Stream stream, EndPoint target,
        IReadOnlyList<KeyValuePair<string, string>>? arguments = null, PtSocksClientOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(target);
        options ??= PtSocksClientOptions.Default;
        options.Validate();
        if (!PtSocksClientMessages.TryBuild(target, arguments, options, out var messages, out var error)) return error;
        using (messages)
        {
            var timeout = PtSocksTimeout.Start(options.Timeout, cancellationToken);
            try
            {
                return await RunAsync(stream, messages, options.Version, timeout.Token, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                timeout.Dispose();
            }
        }
    }

    private static async ValueTask<PtSocksError> RunAsync(Stream stream, PtSocksClientMessages messages, PtSocksVersion version,
        CancellationToken token, CancellationToken callerToken)
    {
        byte[] reply = ArrayPool<byte>.Shared.Rent(4 + 1 + 255 + 2);
        long received = 0;
        try
        {
            if (version == PtSocksVersion.Socks4)
            {
                await SendAsync(stream, messages.Request, token).ConfigureAwait(false);
                int got = await ReadAsync(stream, reply, 8, token).ConfigureAwait(false);
                if (got < 8) return Closed(got);
                return Socks4Reply(reply);
            }

            await SendAsync(stream, messages.Greeting, token).ConfigureAwait(false);
            int greeted = await ReadAsync(stream, reply, 2, token).ConfigureAwait(false);
            if (greeted < 2) return Closed(greeted);
            if (reply[0] != 5) return new PtSocksError(PtSocksErrorReason.BadVersion, 0);
            if (reply[1] == 0xFF) return new PtSocksError(PtSocksErrorReason.NoAcceptableMethod, 1);
            if (reply[1] != (byte)messages.Method) return new PtSocksError(PtSocksErrorReason.BadReply, 1);
            received = 2;

            switch (messages.Method)
            {
                case PtSocksMethod.UsernamePassword:
                    await SendAsync(stream, messages.Arguments, token).ConfigureAwait(false);
                    int status = await ReadAsync(stream, reply, 2, token).ConfigureAwait(false);
                    if (status < 2) return Closed(received + status);
                    if (reply[0] != 1) return new PtSocksError(PtSocksErrorReason.BadVersion, received);
                    if (reply[1] != 0) return new PtSocksError(PtSocksErrorReason.AuthenticationRejected, received + 1);
                    received += 2;
                    await SendAsync(stream, messages.Request, token).ConfigureAwait(false);
                    break;
                case PtSocksMethod.JsonParameterBlock:
                    await SendAsync(stream, messages.ArgumentsAndRequest, token).ConfigureAwait(false);
                    break;
                default:
                    await SendAsync(stream, messages.Request, token).ConfigureAwait(false);
                    break;
            }
            return await Socks5ReplyAsync(stream, reply, received, token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            return Classify(received, token, callerToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(reply);
        }
    }

    // RFC 1928 §6: VER | REP | RSV | ATYP | BND.ADDR | BND.PORT. A failure is known from the first two bytes, so a
    // server that closes right after them is still understood.
    private static async ValueTask<PtSocksError> Socks5ReplyAsync(Stream stream, byte[] reply, long received, CancellationToken token)
    {
        int head = await ReadAsync(stream, reply, 2, token).ConfigureAwait(false);
        if (head < 2) return Closed(received + head);
        if (reply[0] != 5) return new PtSocksError(PtSocksErrorReason.BadVersion, received);
        if (reply[1] != 0) return new PtSocksError(PtSocksErrorReason.Refused, received + 1, (PtSocksReply)reply[1]);
        int middle = await ReadAsync(stream, reply, 3, token).ConfigureAwait(false);
        if (middle < 3) return Closed(received + 2 + middle);
        if (reply[0] != 0) return new PtSocksError(PtSocksErrorReason.BadReply, received + 2);
        int rest = reply[1] switch
        {
            0x01 => 4 - 1 + 2,
            0x04 => 16 - 1 + 2,
            0x03 when reply[2] > 0 => reply[2] + 2,
            0x03 => -2,
            _ => -1,
        };
        if (rest == -1) return new PtSocksError(PtSocksErrorReason.BadAddressType, received + 3);
        if (rest == -2) return new PtSocksError(PtSocksErrorReason.BadReply, received + 4);
        int tail = await ReadAsync(stream, reply, rest, token).ConfigureAwait(false);
        if (tail < rest) return Closed(received + 5 + tail);
        return default;
    }

    // SOCKS 4: VN(0) | CD | DSTPORT | DSTIP; CD 90 grants, 91 to 93 refuse.
    private static PtSocksError Socks4Reply(byte[] reply)
    {
        if (reply[0] != 0) return new PtSocksError(PtSocksErrorReason.BadVersion, 0);
        return reply[1] switch
        {
            90 => default,
            >= 91 and <= 93 => new PtSocksError(PtSocksErrorReason.Refused, 1, (PtSocksReply)reply[1]),
            _ => new PtSocksError(PtSocksErrorReason.BadReply, 1),
        };
    }

    private static async ValueTask SendAsync(Stream stream, ReadOnlyMemory<byte> message, CancellationToken token)
    {
        await stream.WriteAsync(message, token).ConfigureAwait(false);
        await stream.FlushAsync(token).ConfigureAwait(false);
    }

    /// <summary>Reads exactly <paramref name="count"/> bytes (never more); fewer means the stream ended.</summary>
    private static ValueTask<int> ReadAsync(Stream stream, byte[] buffer, int count, CancellationToken token) =>
        stream.ReadAtLeastAsync(buffer.AsMemory(0, count), count, throwOnEndOfStream: false, token);

    private static PtSocksError Closed(long offset) => new(PtSocksErrorReason.Closed, offset);

    private static PtSocksError Classify(long received, CancellationToken token, CancellationToken callerToken)
    {
        callerToken.ThrowIfCancellationRequested();
        return new PtSocksError(token.IsCancellationRequested ? PtSocksErrorReason.Timeout : PtSocksErrorReason.IOError, received);
    }
}
