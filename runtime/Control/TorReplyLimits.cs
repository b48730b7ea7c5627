namespace PtToolkit.Control;

/// <summary>
/// Bounds on what the reply framer accepts. control-spec §2.1 sets no limit on line length, so these are the
/// controller's own: large enough for real replies (a whole consensus comes as a data block of short lines),
/// small enough that a misbehaving peer cannot make the controller buffer without end.
/// </summary>
public readonly record struct TorReplyLimits
{
    /// <summary>The default line bound: 64 KiB.</summary>
    public const int DefaultMaxLineLength = 64 * 1024;

    /// <summary>The default reply bound: 16 MiB, the size at which Tor itself drops a controller that does not read (§5.2).</summary>
    public const int DefaultMaxReplySize = 16 * 1024 * 1024;

    /// <summary>Creates limits; both must be at least 8 bytes, and a line no larger than a reply.</summary>
    public TorReplyLimits(int maxLineLength, int maxReplySize)
    {
        System.ArgumentOutOfRangeException.ThrowIfLessThan(maxLineLength, 8);
        System.ArgumentOutOfRangeException.ThrowIfLessThan(maxReplySize, maxLineLength);
        MaxLineLength = maxLineLength;
        MaxReplySize = maxReplySize;
    }

    /// <summary>64 KiB lines, 16 MiB replies.</summary>
    public static TorReplyLimits Default => new(DefaultMaxLineLength, DefaultMaxReplySize);

    /// <summary>The longest line accepted, in bytes, its CRLF included.</summary>
    public int MaxLineLength { get; }

    /// <summary>The largest reply accepted, in bytes, every line and data block included.</summary>
    public int MaxReplySize { get; }
}
