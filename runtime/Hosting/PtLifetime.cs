using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace PtToolkit.Hosting;

/// <summary>
/// When a hosted PT stops (pt-2.2 §1.3): its stdin closed (only when the parent set TOR_PT_EXIT_ON_STDIN_CLOSE=1,
/// pt-2.2 §1.1.1), SIGTERM or SIGINT, its parent died (the parent process id changed), or the caller cancelled.
/// The first gives <see cref="Stopping"/> (stop accepting, let connections finish); a second signal, or the host
/// once the grace period is over, gives <see cref="Aborting"/> (cancel every connection).
/// </summary>
internal sealed class PtLifetime : IDisposable
{
    private readonly object _gate = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _aborting = new();
    private readonly List<PosixSignalRegistration> _signals = new();
    private CancellationTokenRegistration _caller;
    private string? _reason;
    private bool _disposed;

    private PtLifetime()
    {
    }

    /// <summary>Cancelled when the PT should stop accepting and finish.</summary>
    public CancellationToken Stopping => _stopping.Token;

    /// <summary>Cancelled when every connection should end now.</summary>
    public CancellationToken Aborting => _aborting.Token;

    /// <summary>Why the PT stops, for its LOG line; null while it runs.</summary>
    public string? Reason
    {
        get { lock (_gate) return _reason; }
    }

    /// <summary>Starts watching what <paramref name="options"/> and the configuration ask for.</summary>
    public static PtLifetime Start(bool exitOnStdinClose, PtHostOptions options, CancellationToken cancellationToken)
    {
        var lifetime = new PtLifetime();
        lifetime._caller = cancellationToken.UnsafeRegister(static s => ((PtLifetime)s!).Stop("the host was cancelled", abort: false), lifetime);
        if (options.HandleSignals)
        {
            lifetime.Handle(PosixSignal.SIGTERM, "SIGTERM");
            lifetime.Handle(PosixSignal.SIGINT, "SIGINT");
        }
        if (exitOnStdinClose) _ = lifetime.WatchStdinAsync(options.Stdin ?? Console.OpenStandardInput());
        if (options.ParentPollInterval is { } poll && PtParentProcess.Supported) _ = lifetime.WatchParentAsync(poll);
        return lifetime;
    }

    /// <summary>Stops: the first call gives <see cref="Stopping"/> with its reason; with <paramref name="abort"/>, or on a second call, <see cref="Aborting"/> too.</summary>
    public void Stop(string reason, bool abort)
    {
        lock (_gate)
        {
            if (_disposed) return;
            bool again = _reason is not null;
            _reason ??= reason;
            _stopping.Cancel();
            if (abort || again) _aborting.Cancel();
        }
    }

    /// <summary>Cancels every connection (the grace period is over).</summary>
    public void Abort()
    {
        lock (_gate)
        {
            if (!_disposed) _aborting.Cancel();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
        }
        _caller.Dispose();
        foreach (var signal in _signals) signal.Dispose();
        _stopping.Cancel();
        _aborting.Cancel();
        _stopping.Dispose();
        _aborting.Dispose();
    }

    // The default action of SIGTERM and SIGINT ends the process at once; cancelling it leaves the stop to the host.
    // A second signal while stopping aborts the connections (the parent is in a hurry).
    private void Handle(PosixSignal signal, string name)
    {
        try
        {
            _signals.Add(PosixSignalRegistration.Create(signal, context =>
            {
                context.Cancel = true;
                Stop(name, abort: false);
            }));
        }
        catch (PlatformNotSupportedException)
        {
            // No such signal here (SIGTERM on some platforms): the other ways to stop remain.
        }
    }

    // pt-2.2 §1.3: stdin closing is the parent's request to exit. What the parent writes is read and dropped.
    private async Task WatchStdinAsync(Stream stdin)
    {
        byte[] buffer = new byte[256];
        var stopping = Stopping;
        try
        {
            while (await stdin.ReadAsync(buffer, stopping).ConfigureAwait(false) > 0)
            {
            }
            Stop("stdin was closed", abort: false);
        }
        catch (OperationCanceledException)
        {
            // Stopping for another reason.
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or NotSupportedException)
        {
            Stop("stdin failed", abort: false);
        }
    }

    // pt-2.2 §1.3: a PT SHOULD detect that its parent terminated, as a change of its parent process id on Unix.
    private async Task WatchParentAsync(TimeSpan interval)
    {
        int parent = PtParentProcess.Id;
        if (parent <= 1) return;
        var stopping = Stopping;
        try
        {
            using var timer = new PeriodicTimer(interval);
            while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false))
            {
                if (PtParentProcess.Id != parent)
                {
                    Stop("the parent process exited", abort: false);
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping for another reason.
        }
    }
}
