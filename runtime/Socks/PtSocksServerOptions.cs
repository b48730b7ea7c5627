using System;

namespace PtToolkit.Socks;

/// <summary>Settings of <see cref="PtSocksServer.HandshakeAsync"/>.</summary>
public sealed class PtSocksServerOptions
{
    /// <summary>The defaults: arguments wanted, no UDP, 15 s, 16 KiB parameter blocks.</summary>
    public static PtSocksServerOptions Default { get; } = new();

    /// <summary>
    /// True (the default) when the transport takes per-connection arguments: the server then prefers the JSON
    /// parameter block (X'09'), then username/password (X'02'), then no authentication (X'00'). False prefers X'00'
    /// (pt-2.2 §1.4: X'00' is used when there are no per-connection settings) but still accepts the others.
    /// </summary>
    public bool WantsArguments { get; init; } = true;

    /// <summary>
    /// When true, UDP ASSOCIATE requests are handed to the caller (which serves them and sends the reply);
    /// otherwise they are refused with X'07', as BIND always is.
    /// </summary>
    public bool AllowUdpAssociate { get; init; }

    /// <summary>Time for the whole handshake, from the first byte read to the request. Default 15 s.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The largest JSON parameter block accepted (pt-2.2 §1.4 allows a limit; larger gets X'10'). Default 16 KiB.</summary>
    public int MaxParameterBlockBytes { get; init; } = 16 * 1024;

    internal void Validate()
    {
        PtSocksTimeout.Check(HandshakeTimeout, nameof(HandshakeTimeout));
        if (MaxParameterBlockBytes is < 2 or > 1024 * 1024)
            throw new ArgumentOutOfRangeException(nameof(MaxParameterBlockBytes), "the parameter block limit must be from 2 bytes to 1 MiB");
    }
}
