using System;
using System.IO;
using System.Security.Cryptography;

namespace PtToolkit.Control;

/// <summary>
/// The cookie file and the SAFECOOKIE proofs (torspec control-spec, AUTHCHALLENGE): both sides hash
/// <c>CookieString | ClientNonce | ServerNonce</c> with HMAC-SHA256 keyed by a fixed string per direction.
/// </summary>
internal static class TorSafeCookie
{
    /// <summary>The size of Tor's authentication cookie, and of the nonces and hashes.</summary>
    public const int Length = 32;

    /// <summary>The HMAC key of the hash Tor sends (SERVERHASH).</summary>
    public static ReadOnlySpan<byte> ServerToControllerKey => "Tor safe cookie authentication server-to-controller hash"u8;

    /// <summary>The HMAC key of the hash the controller sends in AUTHENTICATE.</summary>
    public static ReadOnlySpan<byte> ControllerToServerKey => "Tor safe cookie authentication controller-to-server hash"u8;

    /// <summary>
    /// Reads the cookie file, which must hold exactly 32 bytes; anything else is refused with a
    /// <see cref="TorAuthenticationException"/> whose <see cref="TorAuthenticationException.Failure"/> says why.
    /// </summary>
    public static byte[] ReadCookie(string path)
    {
        byte[] cookie = new byte[Length];
        int read;
        bool more;
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1);
            read = file.ReadAtLeast(cookie, Length, throwOnEndOfStream: false);
            Span<byte> next = stackalloc byte[1];
            more = read == Length && file.Read(next) != 0;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new TorAuthenticationException(TorAuthenticationFailure.CookieFileMissing, $"the cookie file {path} does not exist", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new TorAuthenticationException(TorAuthenticationFailure.CookieFileUnreadable, $"cannot read the cookie file {path}", e);
        }
        if (read == Length && !more) return cookie;
        CryptographicOperations.ZeroMemory(cookie);
        string size = more ? $"more than {Length}" : read.ToString(System.Globalization.CultureInfo.InvariantCulture);
        throw new TorAuthenticationException(TorAuthenticationFailure.CookieFileWrongLength, $"the cookie file {path} holds {size} bytes; a Tor cookie is exactly {Length} bytes");
    }

    /// <summary>HMAC-SHA256(<paramref name="key"/>, cookie | client nonce | server nonce) into <paramref name="hash"/>.</summary>
    public static void ComputeHash(ReadOnlySpan<byte> key, ReadOnlySpan<byte> cookie, ReadOnlySpan<byte> clientNonce, ReadOnlySpan<byte> serverNonce, Span<byte> hash)
    {
        Span<byte> message = stackalloc byte[3 * Length];
        cookie.CopyTo(message);
        clientNonce.CopyTo(message[Length..]);
        serverNonce.CopyTo(message[(2 * Length)..]);
        HMACSHA256.HashData(key, message, hash);
        CryptographicOperations.ZeroMemory(message);
    }

    /// <summary>
    /// Reads <c>250 AUTHCHALLENGE SERVERHASH=&lt;64 hex&gt; SERVERNONCE=&lt;64 hex&gt;</c> through the generated
    /// <see cref="TorEvents.AuthChallengeReply"/>; false when the reply does not have that form (extra arguments are tolerated).
    /// </summary>
    public static bool TryReadChallenge(TorReplyView reply, Span<byte> serverHash, Span<byte> serverNonce) =>
        TorEvents.AuthChallengeReply.TryParse(reply, out var challenge, out _)
        && TryReadHex(challenge.ServerHash.Value, serverHash)
        && TryReadHex(challenge.ServerNonce.Value, serverNonce);

    private static bool TryReadHex(ReadOnlySpan<byte> hex, Span<byte> destination) =>
        hex.Length == 2 * destination.Length
        && Convert.FromHexString(hex, destination, out _, out int written) == System.Buffers.OperationStatus.Done
        && written == destination.Length;
}
