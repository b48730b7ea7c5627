using System;
using System.Buffers;
using System.IO;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace PtToolkit.ExtOrPort;

/// <summary>
/// The bridge side of the Extended ORPort (ext-orport-spec §2, §3), for a parent application that sits
/// behind a server PT the way tor does: it offers SAFE_COOKIE, checks the client's hash in constant time,
/// reads USERADDR and TRANSPORT up to DONE (unknown commands are ignored, §3.1) and answers OKAY or DENY.
/// </summary>
public static class ExtOrPortServer
{
    // Scratch layout: [0..32) client nonce, [32..64) server hash, [64..96) server nonce,
    // [96..128) expected client hash, [128..160) client's hash; then command bodies from 0.
    private const int AuthLength = 160;

    /// <summary>
    /// Runs the exchange on an accepted <paramref name="stream"/>. On <see cref="ExtOrPortStatus.Okay"/> the
    /// stream is positioned at the start of OR traffic; on any other status the caller should close it.
    /// </summary>
    /// <param name="stream">The accepted connection; it must honour cancellation tokens (sockets do).</param>
    /// <param name="cookie">The 32-byte cookie, as written by <see cref="ExtOrPortCookie.Create"/>.</param>
    /// <param name="admit">
    /// Called at DONE with the transport name and client address (each null when not sent); false answers DENY.
    /// Null admits every connection.
    /// </param>
    /// <param name="options">Limits; null takes the defaults.</param>
    /// <param name="cancellationToken">Cancels the exchange by throwing <see cref="OperationCanceledException"/>.</param>
    /// <exception cref="ArgumentException">The cookie is not 32 bytes.</exception>
    public static async Task<ExtOrPortServerResult> AcceptAsync(Stream stream, ReadOnlyMemory<byte> cookie, Func<string?, IPEndPoint?, bool>? admit = null,
        ExtOrPortOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (cookie.Length != ExtOrPortCookie.CookieLength) throw new ArgumentException($"the cookie must be {ExtOrPortCookie.CookieLength} bytes", nameof(cookie));
        options ??= new ExtOrPortOptions();
        options.Validate();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        byte[] scratch = ArrayPool<byte>.Shared.Rent(Math.Max(AuthLength, options.MaxBodyLength));
        try
        {
            var auth = await AuthenticateAsync(stream, cookie, scratch, timeout.Token).ConfigureAwait(false);
            if (!auth.IsOkay) return new ExtOrPortServerResult(auth, null, null);
            return await ReadCommandsAsync(stream, scratch, admit, options, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Fail(ExtOrPortStatus.Timeout, "the Extended ORPort exchange timed out");
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or ObjectDisposedException)
        {
            return Fail(ExtOrPortStatus.NetworkError, "the Extended ORPort connection failed: " + ExtOrPortClient.Describe(e));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(scratch);
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    private static async Task<ExtOrPortResult> AuthenticateAsync(Stream stream, ReadOnlyMemory<byte> cookie, byte[] scratch, CancellationToken token)
    {
        // §2: the one type we support, then the end of the list.
        scratch[0] = ExtOrPortAuth.SafeCookie;
        scratch[1] = ExtOrPortAuth.EndAuthTypes;
        await ExtOrPortWire.WriteAsync(stream, scratch.AsMemory(0, 2), token).ConfigureAwait(false);
        if (!await ExtOrPortWire.ReadExactAsync(stream, scratch.AsMemory(0, 1), token).ConfigureAwait(false)) return Closed("the authentication type");
        // An AuthType of 0 or one we do not support: the server MUST close (§2).
        if (scratch[0] != ExtOrPortAuth.SafeCookie) return new ExtOrPortResult(ExtOrPortStatus.NoSafeCookie, $"the client chose authentication type {scratch[0]}, not SAFE_COOKIE");

        if (!await ExtOrPortWire.ReadExactAsync(stream, scratch.AsMemory(0, 32), token).ConfigureAwait(false)) return Closed("ClientNonce");
        RandomNumberGenerator.Fill(scratch.AsSpan(64, 32));
        ExtOrPortAuth.ComputeHashes(cookie.Span, scratch.AsSpan(0, 32), scratch.AsSpan(64, 32), scratch.AsSpan(32, 32), scratch.AsSpan(96, 32));
        await ExtOrPortWire.WriteAsync(stream, scratch.AsMemory(32, 64), token).ConfigureAwait(false);

        if (!await ExtOrPortWire.ReadExactAsync(stream, scratch.AsMemory(128, 32), token).ConfigureAwait(false)) return Closed("ClientHash");
        bool valid = CryptographicOperations.FixedTimeEquals(scratch.AsSpan(96, 32), scratch.AsSpan(128, 32));
        scratch[0] = valid ? ExtOrPortAuth.StatusSuccess : ExtOrPortAuth.StatusFailure;
        await ExtOrPortWire.WriteAsync(stream, scratch.AsMemory(0, 1), token).ConfigureAwait(false);
        return valid
            ? ExtOrPortResult.Okay
            : new ExtOrPortResult(ExtOrPortStatus.ClientHashMismatch, "the client's hash is wrong: it does not know the cookie");
    }

    private static async Task<ExtOrPortServerResult> ReadCommandsAsync(Stream stream, byte[] scratch, Func<string?, IPEndPoint?, bool>? admit,
        ExtOrPortOptions options, CancellationToken token)
    {
        string? transport = null;
        IPEndPoint? address = null;
        for (int i = 0; i < options.MaxCommands; i++)
        {
            if (!await ExtOrPortWire.ReadExactAsync(stream, scratch.AsMemory(0, ExtOrPortWire.HeaderLength), token).ConfigureAwait(false))
                return new ExtOrPortServerResult(Closed("a command"), transport, address);
            var (command, bodyLength) = ExtOrPortWire.ReadHeader(scratch);
            bool known = command is ExtOrPortCommand.UserAddr or ExtOrPortCommand.Transport;
            if (!known)
            {
                // DONE's body and unknown commands are read and dropped (§3.1).
                if (!await ExtOrPortWire.SkipAsync(stream, bodyLength, scratch, token).ConfigureAwait(false))
                    return new ExtOrPortServerResult(Closed("the body of a command"), transport, address);
                if (command != ExtOrPortCommand.Done) continue;
                bool admitted = admit?.Invoke(transport, address) ?? true;
                ExtOrPortWire.WriteHeader(scratch, admitted ? ExtOrPortCommand.Okay : ExtOrPortCommand.Deny, 0);
                await ExtOrPortWire.WriteAsync(stream, scratch.AsMemory(0, ExtOrPortWire.HeaderLength), token).ConfigureAwait(false);
                var result = admitted ? ExtOrPortResult.Okay : new ExtOrPortResult(ExtOrPortStatus.Denied, "the connection was denied");
                return new ExtOrPortServerResult(result, transport, address);
            }

            // A recognised command that does not parse: the server MUST close (§3.1).
            if (bodyLength > options.MaxBodyLength)
                return new ExtOrPortServerResult(new ExtOrPortResult(ExtOrPortStatus.BadCommand, $"{command} body of {bodyLength} bytes, more than {options.MaxBodyLength}"), transport, address);
            if (!await ExtOrPortWire.ReadExactAsync(stream, scratch.AsMemory(0, bodyLength), token).ConfigureAwait(false))
                return new ExtOrPortServerResult(Closed("the body of a command"), transport, address);
            var body = scratch.AsSpan(0, bodyLength);
            if (command == ExtOrPortCommand.UserAddr)
            {
                if (!ExtOrPortText.TryParseUserAddr(body, out address))
                    return new ExtOrPortServerResult(new ExtOrPortResult(ExtOrPortStatus.BadCommand, "USERADDR is not 1.2.3.4:5678 or [1:2::3:4]:5678"), transport, null);
            }
            else
            {
                if (!ExtOrPortText.IsTransportName(body))
                    return new ExtOrPortServerResult(new ExtOrPortResult(ExtOrPortStatus.BadCommand, "TRANSPORT is not a C identifier"), null, address);
                transport = Encoding.ASCII.GetString(body);
            }
        }
        return new ExtOrPortServerResult(new ExtOrPortResult(ExtOrPortStatus.ProtocolError, $"no DONE within {options.MaxCommands} commands"), transport, address);
    }

    private static ExtOrPortResult Closed(string waitingFor) =>
        new(ExtOrPortStatus.Closed, $"the client closed the connection while we waited for {waitingFor}");

    private static ExtOrPortServerResult Fail(ExtOrPortStatus status, string message) => new(new ExtOrPortResult(status, message), null, null);
}
