using System;

namespace PtToolkit.ExtOrPort;

/// <summary>Limits of an Extended ORPort exchange, on either side.</summary>
public sealed record ExtOrPortOptions
{
    /// <summary>The whole exchange (connect, authentication, commands, reply) must end within this. Default 20 s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// The most commands read before DONE or a reply (unknown ones are ignored, §3.1, but not forever). Default 64.
    /// </summary>
    public int MaxCommands { get; init; } = 64;

    /// <summary>The longest USERADDR or TRANSPORT body a server accepts. Default 1024 bytes.</summary>
    public int MaxBodyLength { get; init; } = 1024;

    internal void Validate()
    {
        if (Timeout <= TimeSpan.Zero && Timeout != System.Threading.Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(Timeout), Timeout, "the timeout must be positive or infinite");
        if (MaxCommands < 1) throw new ArgumentOutOfRangeException(nameof(MaxCommands), MaxCommands, "at least one command is needed");
        if (MaxBodyLength < 1) throw new ArgumentOutOfRangeException(nameof(MaxBodyLength), MaxBodyLength, "the body limit must be positive");
    }
}
