using System;
using System.Buffers;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using PtToolkit.Text;

namespace PtToolkit.ExtOrPort;

/// <summary>
/// The transport side of the Extended ORPort (ext-orport-spec §2, §3): what a server PT does with each
/// client connection before relaying it to tor. SAFE_COOKIE authentication (the server's hash is checked,
/// in constant time, before the client's is sent), then USERADDR, TRANSPORT and DONE, then OKAY or DENY.
/// Nothing here logs; results never carry the cookie or the client's address.
/// </summary>
public static class ExtOrPortClient
{
    // Scratch layout: [0] auth type, [1..33) client nonce, [33..65) server hash, [65..97) server nonce,
    // [97..129) expected server hash, [129..161) client hash.
    private const int ScratchLength = 161;

    /// <summary>
    /// Runs the exchange on a connected <paramref name="stream"/>. On <see cref="ExtOrPortStatus.Okay"/> the
    /// stream is positioned at the start of OR traffic; on any other status the caller should close it.
    /// </summary>
    /// <param name="stream">The connection to the Extended ORPort; it must honour cancellation tokens (sockets do).</param>
    /// <param name="cookie">The 32-byte cookie (see <see cref="ExtOrPortCookie.TryRead"/>).</param>
    /// <param name="transport">The transport name sent in TRANSPORT, a C identifier; null sends none.</param>
    /// <param name="userAddress">The client's address sent in USERADDR; null sends none.</param>
    /// <param name="options">Limits; null takes the defaults.</param>
    /// <param name="cancellationToken">Cancels the exchange by throwing <see cref="OperationCanceledException"/>.</param>
    /// <exception cref="ArgumentException">The cookie is not 32 bytes, or the transport name is not a C identifier.</exception>
    public static async Task<ExtOrPortResult> HandshakeAsync(Stream stream, ReadOnlyMemory<byte> cookie, string? transport, IPEndPoint? userAddress,
        ExtOrPortOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= new ExtOrPortOptions();
        options.Validate();
        byte[] commands = BuildCommands(cookie.Length, transport, userAddress);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        return await GuardAsync(RunAsync(stream, cookie, commands, options.MaxCommands, timeout.Token), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Connects to the Extended ORPort at <paramref name="extendedOrPort"/>, reads the cookie file again (tor
    /// writes a new cookie when it restarts) and runs <see cref="HandshakeAsync"/>, all within
    /// <see cref="ExtOrPortOptions.Timeout"/>. On success the connection carries OR traffic.
    /// </summary>
    /// <exception cref="ArgumentException">The transport name is not a C identifier.</exception>
    public static async Task<OrConnection> ConnectAsync(PtEndpoint extendedOrPort, string cookieFile, string? transport, IPEndPoint? userAddress,
        ExtOrPortOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(cookieFile);
        options ??= new ExtOrPortOptions();
        options.Validate();
        byte[] commands = BuildCommands(ExtOrPortCookie.CookieLength, transport, userAddress);
        byte[] cookie = new byte[ExtOrPortCookie.CookieLength];
        try
        {
            if (!ExtOrPortCookie.TryRead(cookieFile, cookie, out var cookieError)) return new OrConnection(null, cookieError, extended: true);
            return await ConnectWithinAsync(extendedOrPort, extended: true, options.Timeout, cancellationToken, (stream, token) =>
                RunAsync(stream, cookie, commands, options.MaxCommands, token)).ConfigureAwait(false);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(cookie);
        }
    }

    /// <summary>
    /// Connects a server PT's relay to tor, as goptlib's DialOr does: through the Extended ORPort when both
    /// <paramref name="extendedOrPort"/> and <paramref name="cookieFile"/> are given (TOR_PT_EXTENDED_SERVER_PORT,
    /// TOR_PT_AUTH_COOKIE_FILE), else straight to the plain <paramref name="orPort"/> (TOR_PT_ORPORT), where
    /// no metadata can be passed.
    /// </summary>
    /// <exception cref="ArgumentException">Neither port is given, or the transport name is not a C identifier.</exception>
    public static Task<OrConnection> DialOrAsync(PtEndpoint? extendedOrPort, string? cookieFile, PtEndpoint? orPort, string? transport, IPEndPoint? userAddress,
        ExtOrPortOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (extendedOrPort is { } extended && !string.IsNullOrEmpty(cookieFile))
            return ConnectAsync(extended, cookieFile, transport, userAddress, options, cancellationToken);
        if (orPort is not { } plain) throw new ArgumentException("neither an Extended ORPort with its cookie file nor an ORPort is given", nameof(orPort));
        options ??= new ExtOrPortOptions();
        options.Validate();
        return ConnectWithinAsync(plain, extended: false, options.Timeout, cancellationToken,
            static (_, _) => Task.FromResult(ExtOrPortResult.Okay));
    }

    private static async Task<OrConnection> ConnectWithinAsync(PtEndpoint endpoint, bool extended, TimeSpan limit, CancellationToken caller,
        Func<Stream, CancellationToken, Task<ExtOrPortResult>> exchange)
    {
        string port = extended ? "Extended ORPort" : "ORPort";
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(caller);
        timeout.CancelAfter(limit);
        Socket? socket = null;
        try
        {
            socket = await ConnectTcpAsync(endpoint, timeout.Token).ConfigureAwait(false);
            var stream = new NetworkStream(socket, ownsSocket: false);
            await using (stream.ConfigureAwait(false))
            {
                var result = await GuardAsync(exchange(stream, timeout.Token), caller).ConfigureAwait(false);
                if (!result.IsOkay) return new OrConnection(null, result, extended);
            }
            var connected = new OrConnection(socket, ExtOrPortResult.Okay, extended);
            socket = null;
            return connected;
        }
        catch (OperationCanceledException) when (!caller.IsCancellationRequested)
        {
            return new OrConnection(null, new ExtOrPortResult(ExtOrPortStatus.Timeout, $"no connection to the {port} within {limit.TotalSeconds} s"), extended);
        }
        catch (SocketException e)
        {
            return new OrConnection(null, new ExtOrPortResult(ExtOrPortStatus.NetworkError, $"cannot connect to the {port}: {e.SocketErrorCode}"), extended);
        }
        finally
        {
            socket?.Dispose();
        }
    }

    private static async Task<Socket> ConnectTcpAsync(PtEndpoint endpoint, CancellationToken token)
    {
        EndPoint remote = endpoint.Kind == PtHostKind.Name
            ? new DnsEndPoint(endpoint.Host, endpoint.Port)
            : new IPEndPoint(IPAddress.Parse(endpoint.Host), endpoint.Port);
        var socket = remote is IPEndPoint ip
            ? new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp)
            : new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(remote, token).ConfigureAwait(false);
            socket.NoDelay = true;
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static async Task<ExtOrPortResult> GuardAsync(Task<ExtOrPortResult> exchange, CancellationToken caller)
    {
        try
        {
            return await exchange.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!caller.IsCancellationRequested)
        {
            return new ExtOrPortResult(ExtOrPortStatus.Timeout, "the Extended ORPort exchange timed out");
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            return new ExtOrPortResult(ExtOrPortStatus.NetworkError, "the Extended ORPort connection failed: " + Describe(e));
        }
    }

    internal static string Describe(Exception e) => e switch
    {
        SocketException s => s.SocketErrorCode.ToString(),
        IOException { InnerException: SocketException s } => s.SocketErrorCode.ToString(),
        _ => e.GetType().Name,
    };

    private static async Task<ExtOrPortResult> RunAsync(Stream stream, ReadOnlyMemory<byte> cookie, byte[] commands, int maxCommands, CancellationToken token)
    {
        byte[] scratch = ArrayPool<byte>.Shared.Rent(ScratchLength);
        try
        {
            // §2: the server lists its authentication types, ending with 0; each is 1 to 255, so 255 at most.
            bool safeCookie = false;
            for (int count = 0; ; count++)
            {
                if (!await ExtOrPortWire.ReadExactAsync(stream, scratch.AsMemory(0, 1), token).ConfigureAwait(false)) return Closed("the list of authentication types");
                if (scratch[0] == ExtOrPortAuth.EndAuthTypes) break;
                if (count == byte.MaxValue) return new ExtOrPortResult(ExtOrPortStatus.ProtocolError, "the server listed more than 255 authentication types");
                safeCookie |= scratch[0] == ExtOrPortAuth.SafeCookie;
            }
            if (!safeCookie)
            {
                // 0 tells the server that none of its types will do (§2).
                scratch[0] = ExtOrPortAuth.EndAuthTypes;
                await ExtOrPortWire.WriteAsync(stream, scratch.AsMemory(0, 1), token).ConfigureAwait(false);
                return new ExtOrPortResult(ExtOrPortStatus.NoSafeCookie, "the server does not offer SAFE_COOKIE authentication");
            }

            // §2.1.3: AuthType and ClientNonce, then ServerHash and ServerNonce.
            scratch[0] = ExtOrPortAuth.SafeCookie;
            RandomNumberGenerator.Fill(scratch.AsSpan(1, ExtOrPortAuth.NonceLength));
            await ExtOrPortWire.WriteAsync(stream, scratch.AsMemory(0, 1 + ExtOrPortAuth.NonceLength), token).ConfigureAwait(false);
            if (!await ExtOrPortWire.ReadExactAsync(stream, scratch.AsMemory(33, 64), token).ConfigureAwait(false)) return Closed("ServerHash and ServerNonce");
            ExtOrPortAuth.ComputeHashes(cookie.Span, scratch.AsSpan(1, 32), scratch.AsSpan(65, 32), scratch.AsSpan(97, 32), scratch.AsSpan(129, 32));

            // The client MUST terminate on a wrong ServerHash (§2.1.3): a peer without the cookie learns nothing more.
            if (!CryptographicOperations.FixedTimeEquals(scratch.AsSpan(33, 32), scratch.AsSpan(97, 32)))
                return new ExtOrPortResult(ExtOrPortStatus.ServerHashMismatch, "the server's hash is wrong: it does not know the cookie");

            await ExtOrPortWire.WriteAsync(stream, scratch.AsMemory(129, 32), token).ConfigureAwait(false);
            if (!await ExtOrPortWire.ReadExactAsync(stream, scratch.AsMemory(0, 1), token).ConfigureAwait(false)) return Closed("the authentication status");
            switch (scratch[0])
            {
                case ExtOrPortAuth.StatusSuccess:
                    break;
                case ExtOrPortAuth.StatusFailure:
                    return new ExtOrPortResult(ExtOrPortStatus.AuthRejected, "the server refused our hash: the cookie file is stale or wrong");
                default:
                    return new ExtOrPortResult(ExtOrPortStatus.ProtocolError, $"authentication status {scratch[0]}, expected 0 or 1");
            }

            // §3.1: metadata, DONE, then wait for OKAY or DENY, ignoring commands we do not know.
            await ExtOrPortWire.WriteAsync(stream, commands, token).ConfigureAwait(false);
            for (int i = 0; i < maxCommands; i++)
            {
                if (!await ExtOrPortWire.ReadExactAsync(stream, scratch.AsMemory(0, ExtOrPortWire.HeaderLength), token).ConfigureAwait(false)) return Closed("the reply to DONE");
                var (command, bodyLength) = ExtOrPortWire.ReadHeader(scratch);
                if (!await ExtOrPortWire.SkipAsync(stream, bodyLength, scratch, token).ConfigureAwait(false)) return Closed("the body of a reply");
                if (command == ExtOrPortCommand.Okay) return ExtOrPortResult.Okay;
                if (command == ExtOrPortCommand.Deny) return new ExtOrPortResult(ExtOrPortStatus.Denied, "the server denied the connection");
            }
            return new ExtOrPortResult(ExtOrPortStatus.ProtocolError, $"no OKAY or DENY within {maxCommands} commands");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(scratch.AsSpan(0, ScratchLength));
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    private static ExtOrPortResult Closed(string waitingFor) =>
        new(ExtOrPortStatus.Closed, $"the server closed the connection while we waited for {waitingFor}");

    /// <summary>USERADDR (if any), TRANSPORT (if any) and DONE, in one buffer sent in one write.</summary>
    private static byte[] BuildCommands(int cookieLength, string? transport, IPEndPoint? userAddress)
    {
        if (cookieLength != ExtOrPortCookie.CookieLength) throw new ArgumentException($"the cookie must be {ExtOrPortCookie.CookieLength} bytes", "cookie");
        byte[] name = transport is null ? [] : Encoding.ASCII.GetBytes(transport);
        if (transport is not null && (name.Length > ushort.MaxValue || transport.Length != name.Length || !ExtOrPortText.IsTransportName(name)))
            throw new ArgumentException("a transport name must be a C identifier (ext-orport-spec §3.2.2)", nameof(transport));
        byte[] address = userAddress is null ? [] : Encoding.ASCII.GetBytes(ExtOrPortText.FormatUserAddr(userAddress));
        int length = (userAddress is null ? 0 : ExtOrPortWire.HeaderLength + address.Length)
            + (transport is null ? 0 : ExtOrPortWire.HeaderLength + name.Length)
            + ExtOrPortWire.HeaderLength;
        var commands = new byte[length];
        var span = commands.AsSpan();
        if (userAddress is not null) span = Append(span, ExtOrPortCommand.UserAddr, address);
        if (transport is not null) span = Append(span, ExtOrPortCommand.Transport, name);
        Append(span, ExtOrPortCommand.Done, []);
        return commands;
    }

    private static Span<byte> Append(Span<byte> destination, ExtOrPortCommand command, ReadOnlySpan<byte> body)
    {
        ExtOrPortWire.WriteHeader(destination, command, body.Length);
        body.CopyTo(destination[ExtOrPortWire.HeaderLength..]);
        return destination[(ExtOrPortWire.HeaderLength + body.Length)..];
    }
}
