using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace PtToolkit.Launch;

/// <summary>
/// The parent side of a managed PT: starts it, reads what it says as typed events, runs the configuration protocol
/// (launched → version accepted → configured), restarts it on a crash when asked, and stops it as pt-2.2 §1.3 says.
/// Disposing stops the PT. A transport written on <see cref="Hosting.PtHost"/> can run inside this process instead,
/// behind the same events and stop (<see cref="InProcessClient"/>, <see cref="InProcessServer"/>).
/// </summary>
/// <remarks>
/// Events come out of <see cref="Events"/> (one reader; a bounded buffer that drops the oldest event when full and
/// counts it in <see cref="DroppedEvents"/>) and, in the same order, through the optional callback, which runs on the
/// reader's thread and must not block. LOG, STATUS and EVENT lines, errors, state changes and exits go to the
/// optional <see cref="ILogger"/>. What the callback or the logger throws is caught: it is logged (when the logger is
/// not what failed) and reported as a <see cref="PtFaultEvent"/>, and the launcher goes on.
/// </remarks>
public sealed partial class PtLauncher : IAsyncDisposable
{
    private readonly PtLaunchOptions _options;
    private readonly ILogger? _logger;
    private readonly Action<PtEvent>? _onEvent;
    private readonly Func<PtLaunchOptions, IPtRunTarget> _target;
    private readonly string _name;
    private readonly Channel<PtEvent> _events;
    private readonly object _gate = new();
    private readonly object _publishGate = new();
    private readonly CancellationTokenSource _stopping = new();
    private PtLaunchState _state = PtLaunchState.NotStarted;
    private bool _completed;
    private long _dropped;
    private int _restarts;
    private PtRun? _current;
    private PtStartupResult? _startup;
    private Task<PtStartupResult>? _start;
    private Task<PtShutdownResult>? _stop;
    private Task _supervisor = Task.CompletedTask;

    /// <summary>Prepares a launcher; nothing starts before <see cref="StartAsync"/>.</summary>
    /// <param name="options">What to start and how (checked with <see cref="PtLaunchOptions.Validate"/>).</param>
    /// <param name="logger">Where LOG, STATUS, EVENT, errors and exits are logged, or null.</param>
    /// <param name="onEvent">Called with every event, in order, on the reader's thread; or null.</param>
    public PtLauncher(PtLaunchOptions options, ILogger? logger = null, Action<PtEvent>? onEvent = null)
        : this(options, PtProcess.Start, logger, onEvent)
    {
    }

    // Each run starts its target with `target`: a child process, or a transport hosted in this process.
    private PtLauncher(PtLaunchOptions options, Func<PtLaunchOptions, IPtRunTarget> target, ILogger? logger, Action<PtEvent>? onEvent)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _target = target;
        _logger = logger;
        _onEvent = onEvent;
        _name = Path.GetFileName(options.Executable);
        _events = Channel.CreateBounded<PtEvent>(
            new BoundedChannelOptions(options.EventCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => Interlocked.Increment(ref _dropped));
    }

    /// <summary>Every event, in order, until the launcher is done (stopped, failed, or out of restarts). One reader.</summary>
    public IAsyncEnumerable<PtEvent> Events => _events.Reader.ReadAllAsync();

    /// <summary>Where the PT stands now.</summary>
    public PtLaunchState State
    {
        get { lock (_publishGate) return _state; }
    }

    /// <summary>The startup result of the latest run, or null before the first one ended.</summary>
    public PtStartupResult? Startup => Volatile.Read(ref _startup);

    /// <summary>The process id of the latest run, or null (before the first run, and for a transport run in this process).</summary>
    public int? ProcessId
    {
        get { lock (_gate) return _current?.ProcessId; }
    }

    /// <summary>How many restarts were made.</summary>
    public int Restarts => Volatile.Read(ref _restarts);

    /// <summary>How many events <see cref="Events"/> dropped because nobody read them in time.</summary>
    public long DroppedEvents => Interlocked.Read(ref _dropped);

    /// <summary>
    /// Starts the PT and waits until it is configured or its startup failed; on failure the PT has been stopped when
    /// this returns. Cancelling <paramref name="cancellationToken"/> stops the PT and throws. Call once.
    /// </summary>
    public Task<PtStartupResult> StartAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_start is not null) throw new InvalidOperationException("StartAsync was already called.");
            ObjectDisposedException.ThrowIf(_stop is not null, this);
            return _start = StartCoreAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Stops the PT (close stdin → wait → SIGTERM → wait → SIGKILL to its tree, pt-2.2 §1.3), cancels any restart and
    /// ends <see cref="Events"/>. Every call returns the same result.
    /// </summary>
    public Task<PtShutdownResult> StopAsync()
    {
        lock (_gate) return _stop ??= StopCoreAsync();
    }

    /// <summary>Stops the PT (<see cref="StopAsync"/>).</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task<PtStartupResult> StartCoreAsync(CancellationToken cancellationToken)
    {
        PtStartupResult result;
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token, cancellationToken))
        {
            result = await LaunchAsync(linked.Token).ConfigureAwait(false);
        }
        if (result.Succeeded) _supervisor = SuperviseAsync();
        else Complete();
        cancellationToken.ThrowIfCancellationRequested();
        return result;
    }

    // One run: started, configured or failed; a failed run is stopped before this returns.
    private async Task<PtStartupResult> LaunchAsync(CancellationToken stop)
    {
        var run = new PtRun(_options, Publish, _target);
        lock (_gate)
        {
            if (!_stopping.IsCancellationRequested) _current = run;
        }
        var result = await run.StartAsync(stop).ConfigureAwait(false);
        Volatile.Write(ref _startup, result);
        if (!result.Succeeded) await run.ShutdownAsync().ConfigureAwait(false);
        return result;
    }

    // Waits for the configured PT to exit; when nobody asked for it, restarts it as the policy allows.
    private async Task SuperviseAsync()
    {
        while (true)
        {
            PtRun run;
            lock (_gate) run = _current!;
            await run.WaitExitAsync().ConfigureAwait(false);
            await run.ShutdownAsync().ConfigureAwait(false);
            if (_stopping.IsCancellationRequested) return;
            Publish(new PtStateChangedEvent(PtLaunchState.Exited));
            if (!await RestartAsync().ConfigureAwait(false))
            {
                if (!_stopping.IsCancellationRequested) Complete();
                return;
            }
        }
    }

    // Restarts with backoff until a run is configured (true), or gives up (false).
    private async Task<bool> RestartAsync()
    {
        var policy = _options.Restart;
        while (!_stopping.IsCancellationRequested && _restarts < policy.MaxRestarts)
        {
            int attempt = Interlocked.Increment(ref _restarts);
            var delay = policy.DelayBefore(attempt);
            Publish(new PtRestartingEvent(attempt, delay));
            try
            {
                await Task.Delay(delay, _stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
            var result = await LaunchAsync(_stopping.Token).ConfigureAwait(false);
            if (result.Succeeded) return true;
            if (result.Failure?.Kind is PtLaunchErrorKind.VersionError or PtLaunchErrorKind.VersionNotOffered or PtLaunchErrorKind.EnvError
                or PtLaunchErrorKind.ProxyError or PtLaunchErrorKind.ProxyNotAccepted or PtLaunchErrorKind.StartFailed)
                return false;
        }
        return false;
    }

    private async Task<PtShutdownResult> StopCoreAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        PtRun? run;
        lock (_gate) run = _current;
        var result = run is null
            ? new PtShutdownResult(PtShutdownStep.NotStarted, null)
            : await run.ShutdownAsync().ConfigureAwait(false);
        Task? start;
        lock (_gate) start = _start;
        if (start is not null) await ((Task)start).ContinueWith(static _ => { }, TaskScheduler.Default).ConfigureAwait(false);
        await _supervisor.ConfigureAwait(false);
        if (State is not PtLaunchState.NotStarted and not PtLaunchState.Failed) Publish(new PtStateChangedEvent(PtLaunchState.Stopped));
        Complete();
        return result;
    }

    private void Publish(PtEvent e)
    {
        lock (_publishGate)
        {
            if (_completed) return;
            if (e is PtStateChangedEvent changed) _state = changed.State;
            Deliver(e);
        }
    }

    // To the channel, the logger and the callback. The logger and the callback are user code: what they throw must not
    // stop the reading of the PT's output, nor be lost, so it is delivered as a fault event. A fault while a fault is
    // delivered is not delivered again (no loop); it is logged when the logger works. Under _publishGate.
    private void Deliver(PtEvent e)
    {
        _events.Writer.TryWrite(e);
        Exception? loggerFault = null, callbackFault = null;
        if (_logger is not null)
        {
            try
            {
                PtLaunchLog.Forward(_logger, _name, e);
            }
            catch (Exception error)
            {
                loggerFault = error;
            }
        }
        if (_onEvent is not null)
        {
            try
            {
                _onEvent(e);
            }
            catch (Exception error)
            {
                callbackFault = error;
            }
        }
        if (e is PtFaultEvent)
        {
            if (callbackFault is not null && loggerFault is null && _logger is not null) LogQuietly(_logger, callbackFault);
            return;
        }
        if (loggerFault is not null) Deliver(new PtFaultEvent(PtFaultSource.Logger, loggerFault));
        if (callbackFault is not null) Deliver(new PtFaultEvent(PtFaultSource.EventCallback, callbackFault));
    }

    private void LogQuietly(ILogger logger, Exception callbackFault)
    {
        try
        {
            PtLaunchLog.Fault(logger, _name, PtFaultSource.EventCallback, callbackFault);
        }
        catch (Exception)
        {
            // The logger failed too, on a fault already delivered to the channel: nothing is left to report it to.
        }
    }

    private void Complete()
    {
        lock (_publishGate)
        {
            _completed = true;
            _events.Writer.TryComplete();
        }
    }
}
