using System;
using System.Buffers;
using System.Buffers.Binary;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace PtToolkit.Socks;

/// <summary>
/// The SOCKS 5 server a PT runs on its client side (RFC 1928, RFC 1929, pt-2.2 §1.4): read one handshake with
/// <see cref="HandshakeAsync"/>, connect to <see cref="PtSocksRequest.Target"/> with its arguments, then answer with
/// <see cref="SendReplyAsync"/> (or <see cref="SendFailureAsync"/>) and forward <see cref="PtSocksRequest.Leftover"/> first.
/// </summary>
public static class PtSocksServer
{
    private const int InitialBuffer = 2048;

    /// <summary>
    /// Reads a client's greeting, arguments and request from <paramref name="stream"/>, answering the method
    /// selection and the RFC 1929 sub-negotiation. Bad input, a timeout, a closed or failing connection give an error
    /// value, after the reply the protocol defines at that point has been sent (X'FF' for no acceptable method,
    /// RFC 1929 STATUS 1, X'07' for BIND or UDP ASSOCIATE, X'08', X'10'-X'12', X'01'); the caller closes the stream.
    /// The success reply is the caller's, once it knows the outcome of its connection.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<PtSocksResult<PtSocksRequest>> HandshakeAsync(
        Stream stream, PtSocksServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= PtSocksServerOptions.Default;
        options.Validate();
        var machine = new PtSocksServerMachine(options);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(InitialBuffer);
        byte[] output = ArrayPool<byte>.Shared.Rent(PtSocksServerMachine.MaxOutput);
        int start = 0, end = 0;
        var timeout = PtSocksTimeout.Start(options.HandshakeTimeout, cancellationToken);
        try
        {
            while (true)
            {
                var step = machine.Advance(buffer.AsSpan(start, end - start), output, out int consumed, out int written);
                start += consumed;
                switch (step)
                {
                    case PtSocksStep.Output:
                        await stream.WriteAsync(output.AsMemory(0, written), timeout.Token).ConfigureAwait(false);
                        await stream.FlushAsync(timeout.Token).ConfigureAwait(false);
                        break;
                    case PtSocksStep.Done:
                        byte[] leftover = end > start ? buffer.AsSpan(start, end - start).ToArray() : [];
                        return new(new PtSocksRequest(machine.Command, machine.Target!, machine.Arguments, machine.Method, leftover));
                    case PtSocksStep.Failed:
                        await TrySendAsync(stream, output, written, timeout.Token, options.HandshakeTimeout).ConfigureAwait(false);
                        return new(machine.Error);
                    default:
                        (buffer, start, end) = MakeRoom(buffer, start, end, machine.Needed);
                        int read = await stream.ReadAsync(buffer.AsMemory(end), timeout.Token).ConfigureAwait(false);
                        if (read == 0) return new(new PtSocksError(PtSocksErrorReason.Closed, machine.Offset + end - start));
                        end += read;
                        break;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!timeout.Token.IsCancellationRequested)
                return new(new PtSocksError(PtSocksErrorReason.IOError, machine.Offset + end - start));
            var error = machine.TimedOut(end - start, output, out int written);
            await TrySendAsync(stream, output, written, CancellationToken.None, options.HandshakeTimeout).ConfigureAwait(false);
            return new(error);
        }
        finally
        {
            timeout.Dispose();
            ArrayPool<byte>.Shared.Return(buffer);
            ArrayPool<byte>.Shared.Return(output);
        }
    }

    /// <summary>
    /// Sends the reply to a request (RFC 1928 §6): <paramref name="reply"/> with <paramref name="bound"/> as BND.ADDR and
    /// BND.PORT (an <see cref="IPEndPoint"/> or a <see cref="DnsEndPoint"/>; 0.0.0.0:0 when null).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="bound"/> is another kind of endpoint, or a name SOCKS cannot carry.</exception>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public static async ValueTask SendReplyAsync(Stream stream, PtSocksReply reply, EndPoint? bound = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        byte[] message = ArrayPool<byte>.Shared.Rent(4 + 1 + 255 + 2);
        try
        {
            int length = WriteReply(message, reply, bound);
            await stream.WriteAsync(message.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(message);
        }
    }

    /// <summary>Sends the failure reply for a connection attempt that failed with <paramref name="error"/> (see <see cref="ReplyFor"/>).</summary>
    public static ValueTask SendFailureAsync(Stream stream, SocketError error, CancellationToken cancellationToken = default) =>
        SendReplyAsync(stream, ReplyFor(error), null, cancellationToken);

    /// <summary>
    /// The reply code for a failed connection: X'03' network unreachable, X'04' host unreachable (also a name that
    /// does not resolve), X'05' refused (or reset), X'06' TTL expired (timed out), X'08' address family not supported,
    /// X'01' general failure for anything else.
    /// </summary>
    public static PtSocksReply ReplyFor(SocketError error) => error switch
    {
        SocketError.Success => PtSocksReply.Succeeded,
        SocketError.NetworkUnreachable or SocketError.NetworkDown => PtSocksReply.NetworkUnreachable,
        SocketError.HostUnreachable or SocketError.HostDown or SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain
            => PtSocksReply.HostUnreachable,
        SocketError.ConnectionRefused or SocketError.ConnectionReset => PtSocksReply.ConnectionRefused,
        SocketError.TimedOut => PtSocksReply.TtlExpired,
        SocketError.AddressFamilyNotSupported => PtSocksReply.AddressTypeNotSupported,
        _ => PtSocksReply.GeneralFailure,
    };

    private static int WriteReply(Span<byte> message, PtSocksReply reply, EndPoint? bound)
    {
        message[0] = 5;
        message[1] = (byte)reply;
        message[2] = 0;
        int at;
        ushort port;
        switch (bound)
        {
            case null:
                message[3] = 0x01;
                message.Slice(4, 4).Clear();
                at = 8;
                port = 0;
                break;
            case IPEndPoint ip:
                bool v4 = ip.AddressFamily == AddressFamily.InterNetwork;
                message[3] = v4 ? (byte)0x01 : (byte)0x04;
                ip.Address.TryWriteBytes(message[4..], out int addressLength);
                at = 4 + addressLength;
                port = (ushort)ip.Port;
                break;
            case DnsEndPoint dns when PtSocksClientMessages.IsSocksName(dns.Host):
                message[3] = 0x03;
                message[4] = (byte)dns.Host.Length;
                System.Text.Encoding.ASCII.GetBytes(dns.Host, message[5..]);
                at = 5 + dns.Host.Length;
                port = (ushort)dns.Port;
                break;
            default:
                throw new ArgumentException("BND.ADDR must be an IP endpoint or a domain name of 1 to 255 visible ASCII bytes", nameof(bound));
        }
        BinaryPrimitives.WriteUInt16BigEndian(message[at..], port);
        return at + 2;
    }

    /// <summary>Makes room for at least <paramref name="needed"/> unconsumed bytes and one more free byte.</summary>
    private static (byte[] Buffer, int Start, int End) MakeRoom(byte[] buffer, int start, int end, int needed)
    {
        int size = Math.Max(needed, end - start + 1);
        if (buffer.Length - start >= size && end < buffer.Length) return (buffer, start, end);
        byte[] target = size > buffer.Length ? ArrayPool<byte>.Shared.Rent(size) : buffer;
        buffer.AsSpan(start, end - start).CopyTo(target);
        if (!ReferenceEquals(target, buffer)) ArrayPool<byte>.Shared.Return(buffer);
        return (target, 0, end - start);
    }

    /// <summary>Sends a failure reply; a failure to send it changes nothing (the handshake failed already).</summary>
    private static async ValueTask TrySendAsync(Stream stream, byte[] output, int written, CancellationToken token, TimeSpan limit)
    {
        if (written == 0) return;
        try
        {
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(token);
            bounded.CancelAfter(limit);
            await stream.WriteAsync(output.AsMemory(0, written), bounded.Token).ConfigureAwait(false);
            await stream.FlushAsync(bounded.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The peer is gone or does not read; the error value already says why the handshake ended.
        }
    }
}
