using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using PtToolkit.Hosting;
using PtToolkit.Text;

namespace PtToolkit.Samples.SampleTransport;

/// <summary>
/// The <c>sample</c> transport: a DEMONSTRATION of a transport on <see cref="PtHost"/>, with NO SECURITY VALUE and no
/// resistance to censorship. Both sides share a key (the server's option <c>key</c>, announced in its SMETHOD ARGS;
/// the client's SOCKS argument <c>key</c>). The client opens with a random nonce and an HMAC tag that proves it knows
/// the key; then every byte is XORed with a keystream: AES-256 in counter mode under HMAC-SHA256(key, nonce | direction).
/// Anyone who sees the bridge line has the key, the keystream is not an authenticated cipher, and the first bytes
/// are a fixed-length pattern: it only shows that per-connection arguments and options change the bytes on the wire.
/// </summary>
public sealed class SampleTransport : IPtClientTransport, IPtServerTransport
{
    /// <summary>The transport's name.</summary>
    public const string Name = "sample";

    /// <summary>The argument and option that carries the key, as hexadecimal digits.</summary>
    public const string KeyName = "key";

    /// <summary>The shortest and longest key, in bytes.</summary>
    public const int MinKeyBytes = 16, MaxKeyBytes = 64;

    private const int NonceBytes = 16;
    private const int TagBytes = 32;
    private static readonly byte[] HelloLabel = "sample-transport hello"u8.ToArray();

    /// <inheritdoc/>
    public IReadOnlyList<string> Names { get; } = [Name];

    /// <inheritdoc/>
    public PtServerSetup Setup(string transport, PtKeyValueList options)
    {
        if (!TryKey(options, out _, out string? problem)) return PtServerSetup.Failed(problem);
        options.TryGetValue(KeyName, out string hex);
        return PtServerSetup.Ready(new PtKeyValueList((KeyName, hex.ToLowerInvariant())));
    }

    /// <inheritdoc/>
    public string? CheckArguments(string transport, PtKeyValueList arguments) => TryKey(arguments, out _, out string? problem) ? null : problem;

    /// <inheritdoc/>
    public async Task<Stream> ConnectAsync(PtClientConnection connection, CancellationToken cancellationToken)
    {
        if (!TryKey(connection.Arguments, out byte[] key, out string? problem)) throw new ArgumentException(problem);
        byte[] hello = new byte[NonceBytes + TagBytes];
        RandomNumberGenerator.Fill(hello.AsSpan(0, NonceBytes));
        Tag(key, hello.AsSpan(0, NonceBytes), hello.AsSpan(NonceBytes));
        await connection.Stream.WriteAsync(hello, cancellationToken).ConfigureAwait(false);
        await connection.Stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        byte[] nonce = hello[..NonceBytes];
        return new SampleStream(connection.Stream, new SampleKeystream(key, nonce, SampleKeystream.ClientToServer), new SampleKeystream(key, nonce, SampleKeystream.ServerToClient));
    }

    /// <inheritdoc/>
    public async Task<Stream> AcceptAsync(PtServerConnection connection, CancellationToken cancellationToken)
    {
        if (!TryKey(connection.Options, out byte[] key, out string? problem)) throw new InvalidOperationException(problem);
        byte[] hello = new byte[NonceBytes + TagBytes];
        await connection.Stream.ReadExactlyAsync(hello, cancellationToken).ConfigureAwait(false);
        Span<byte> expected = stackalloc byte[TagBytes];
        Tag(key, hello.AsSpan(0, NonceBytes), expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, hello.AsSpan(NonceBytes)))
            throw new InvalidDataException("the client's hello does not match the key");
        byte[] nonce = hello[..NonceBytes];
        return new SampleStream(connection.Stream, new SampleKeystream(key, nonce, SampleKeystream.ServerToClient), new SampleKeystream(key, nonce, SampleKeystream.ClientToServer));
    }

    /// <summary>Reads the key from arguments or options: <see cref="MinKeyBytes"/> to <see cref="MaxKeyBytes"/> bytes in hexadecimal.</summary>
    public static bool TryKey(PtKeyValueList pairs, out byte[] key, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        key = [];
        problem = null;
        if (!pairs.TryGetValue(KeyName, out string hex))
            problem = $"no \"{KeyName}\" (give {KeyName}=<{2 * MinKeyBytes} to {2 * MaxKeyBytes} hexadecimal digits>)";
        else if (hex.Length % 2 != 0 || hex.Length < 2 * MinKeyBytes || hex.Length > 2 * MaxKeyBytes || !IsHex(hex))
            problem = $"\"{KeyName}\" must be {2 * MinKeyBytes} to {2 * MaxKeyBytes} hexadecimal digits, an even number of them";
        else
            key = Convert.FromHexString(hex);
        return problem is null;
    }

    private static bool IsHex(string text)
    {
        foreach (char c in text)
        {
            if (!char.IsAsciiHexDigit(c)) return false;
        }
        return true;
    }

    // The client's proof that it knows the key: HMAC-SHA256(key, "sample-transport hello" | nonce).
    private static void Tag(byte[] key, ReadOnlySpan<byte> nonce, Span<byte> tag)
    {
        Span<byte> message = stackalloc byte[HelloLabel.Length + NonceBytes];
        HelloLabel.CopyTo(message);
        nonce.CopyTo(message[HelloLabel.Length..]);
        HMACSHA256.HashData(key, message, tag);
    }
}
