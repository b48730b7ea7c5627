using System;

namespace PtToolkit.Control;

/// <summary>Bounds of a <see cref="TorControlClient"/>: how long to wait, how much to buffer.</summary>
public sealed record TorControlClientOptions
{
    /// <summary>How long connecting may take (default 10 s).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a command may wait for its reply, sending included (default 30 s; <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> for none).</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How many asynchronous events wait for the reader (default 1024). When they are all unread, the client
    /// stops reading from Tor until one is taken: nothing is dropped, and commands then wait (and time out).
    /// </summary>
    public int EventCapacity { get; init; } = 1024;

    /// <summary>Bounds on line and reply sizes (default <see cref="TorReplyLimits.Default"/>).</summary>
    public TorReplyLimits ReplyLimits { get; init; } = TorReplyLimits.Default;
}
