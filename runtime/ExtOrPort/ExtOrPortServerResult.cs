using System.Net;

namespace PtToolkit.ExtOrPort;

/// <summary>
/// What <see cref="ExtOrPortServer.AcceptAsync"/> learnt: how the exchange ended, and the transport name and
/// client address the PT sent (each null when not sent, or not read before a failure).
/// </summary>
public readonly struct ExtOrPortServerResult
{
    internal ExtOrPortServerResult(ExtOrPortResult result, string? transport, IPEndPoint? userAddress)
    {
        Result = result;
        Transport = transport;
        UserAddress = userAddress;
    }

    /// <summary>How the exchange ended: <see cref="ExtOrPortStatus.Okay"/> when OKAY was sent.</summary>
    public ExtOrPortResult Result { get; }

    /// <summary>The TRANSPORT name (the last one sent), or null.</summary>
    public string? Transport { get; }

    /// <summary>The USERADDR (the last one sent), or null. A client address: keep it out of logs.</summary>
    public IPEndPoint? UserAddress { get; }

    /// <summary>The result and the transport; never the client address.</summary>
    public override string ToString() => $"{Result} (transport {Transport ?? "not given"})";
}
