using System;
using System.Security.Cryptography;

namespace PtToolkit.ExtOrPort;

/// <summary>The SAFE_COOKIE computations (ext-orport-spec §2.1.3), shared by the client and the server.</summary>
internal static class ExtOrPortAuth
{
    /// <summary>The only authentication type defined (§2.1).</summary>
    public const byte SafeCookie = 1;

    /// <summary>The end of the server's list of authentication types, and the client's "none of these" (§2).</summary>
    public const byte EndAuthTypes = 0;

    public const int NonceLength = 32;

    public const int HashLength = 32;

    /// <summary>Authentication status sent by the server (§2.1.3).</summary>
    public const byte StatusSuccess = 1;

    public const byte StatusFailure = 0;

    private static ReadOnlySpan<byte> ServerToClient => "ExtORPort authentication server-to-client hash"u8;

    private static ReadOnlySpan<byte> ClientToServer => "ExtORPort authentication client-to-server hash"u8;

    /// <summary>
    /// ServerHash = HMAC-SHA256(cookie, "…server-to-client hash" | ClientNonce | ServerNonce) and
    /// ClientHash = HMAC-SHA256(cookie, "…client-to-server hash" | ClientNonce | ServerNonce).
    /// </summary>
    public static void ComputeHashes(ReadOnlySpan<byte> cookie, ReadOnlySpan<byte> clientNonce, ReadOnlySpan<byte> serverNonce, Span<byte> serverHash, Span<byte> clientHash)
    {
        Span<byte> message = stackalloc byte[ServerToClient.Length + (2 * NonceLength)];
        clientNonce.CopyTo(message[ServerToClient.Length..]);
        serverNonce.CopyTo(message[(ServerToClient.Length + NonceLength)..]);
        ServerToClient.CopyTo(message);
        HMACSHA256.HashData(cookie, message, serverHash);
        // Both labels are 46 bytes, so the nonces stay where they are.
        ClientToServer.CopyTo(message);
        HMACSHA256.HashData(cookie, message, clientHash);
        CryptographicOperations.ZeroMemory(message);
    }
}
