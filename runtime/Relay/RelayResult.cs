using System;

namespace PtToolkit.Relay;

/// <summary>Why a relay ended.</summary>
public enum RelayOutcome : byte
{
    /// <summary>Both streams reached their end, and each end was passed on to the other side.</summary>
    Completed,
    /// <summary>No byte moved in either direction for the configured idle timeout.</summary>
    IdleTimeout,
    /// <summary>The caller's cancellation token was cancelled.</summary>
    Canceled,
    /// <summary>A read, write or half-close failed; <see cref="RelayResult.Error"/> holds the first failure.</summary>
    Failed,
}

/// <summary>What a relay moved, and how it ended. Counts are bytes written to the destination stream.</summary>
/// <param name="BytesAToB">Bytes copied from the first stream to the second.</param>
/// <param name="BytesBToA">Bytes copied from the second stream to the first.</param>
/// <param name="Outcome">Why the relay ended.</param>
/// <param name="Error">The first failure when <paramref name="Outcome"/> is <see cref="RelayOutcome.Failed"/>, else null.</param>
public readonly record struct RelayResult(long BytesAToB, long BytesBToA, RelayOutcome Outcome, Exception? Error);
