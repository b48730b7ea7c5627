using System;
using System.Threading;

namespace PtToolkit.Socks;

/// <summary>
/// The time limit of one handshake, linked to the caller's token. The source is reused per thread when it did
/// not fire (<see cref="CancellationTokenSource.TryReset"/>), so a handshake that completes does not allocate one.
/// </summary>
internal readonly struct PtSocksTimeout : IDisposable
{
    [ThreadStatic]
    private static CancellationTokenSource? t_spare;

    private readonly CancellationTokenSource? _source;
    private readonly CancellationTokenRegistration _link;

    private PtSocksTimeout(CancellationTokenSource source, CancellationTokenRegistration link)
    {
        _source = source;
        _link = link;
    }

    /// <summary>Starts the clock.</summary>
    public static PtSocksTimeout Start(TimeSpan limit, CancellationToken cancellationToken)
    {
        var source = t_spare ?? new CancellationTokenSource();
        t_spare = null;
        source.CancelAfter(limit);
        var link = cancellationToken.CanBeCanceled
            ? cancellationToken.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), source)
            : default;
        return new PtSocksTimeout(source, link);
    }

    /// <summary>The token to pass to reads and writes.</summary>
    public CancellationToken Token => _source?.Token ?? CancellationToken.None;

    /// <summary>Refuses a limit that is not positive or too large for a timer.</summary>
    public static void Check(TimeSpan limit, string name)
    {
        if (limit <= TimeSpan.Zero || limit.TotalMilliseconds >= int.MaxValue)
            throw new ArgumentOutOfRangeException(name, "a timeout must be positive and under 24 days");
    }

    /// <summary>Stops the clock (call once) and keeps the source for the next handshake on this thread when it can be reset.</summary>
    public void Dispose()
    {
        _link.Dispose();
        var source = _source;
        if (source is null) return;
        if (source.TryReset()) t_spare = source;
        else source.Dispose();
    }
}
