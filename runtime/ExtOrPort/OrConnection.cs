using System.Net.Sockets;

namespace PtToolkit.ExtOrPort;

/// <summary>
/// A connection from a server PT to tor, made by <see cref="ExtOrPortClient.DialOrAsync"/> or
/// <see cref="ExtOrPortClient.ConnectAsync"/>: the socket, ready for OR traffic, or the reason there is none.
/// </summary>
public readonly struct OrConnection
{
    internal OrConnection(Socket? socket, ExtOrPortResult result, bool extended)
    {
        Socket = socket;
        Result = result;
        Extended = extended;
    }

    /// <summary>The connected socket, owned by the caller from now on; null when <see cref="Result"/> is not okay.</summary>
    public Socket? Socket { get; }

    /// <summary>How the connection attempt ended.</summary>
    public ExtOrPortResult Result { get; }

    /// <summary>True when the connection went through the Extended ORPort (metadata passed), false for the plain ORPort.</summary>
    public bool Extended { get; }

    /// <inheritdoc/>
    public override string ToString() => (Extended ? "Extended ORPort " : "ORPort ") + Result;
}
