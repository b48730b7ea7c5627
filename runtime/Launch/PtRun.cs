using System;
using System.ComponentModel;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using PtToolkit.Ipc;
using PtToolkit.Text;

namespace PtToolkit.Launch;

/// <summary>
/// One launch of a PT: its process (or the transport run in this process), the lines read from stdout and stderr,
/// the startup state machine fed with them, and the end (one <see cref="PtExitedEvent"/> per run). Lines of both
/// streams are handled one at a time.
/// </summary>
internal sealed class PtRun
{
    private readonly PtLaunchOptions _options;
    private readonly Action<PtEvent> _publish;
    private readonly Func<PtLaunchOptions, IPtRunTarget> _start;
    private readonly object _gate = new();
    private readonly PtStartupMachine _machine;
    private readonly TaskCompletionSource<PtStartupResult> _startup = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _reading = new();
    private PtLaunchState _published = PtLaunchState.NotStarted;
    private IPtRunTarget? _process;
    private Task _readers = Task.CompletedTask;
    private Task<PtShutdownResult>? _shutdown;

    /// <summary>A run of <paramref name="options"/>; <paramref name="start"/> starts what it runs in (it may throw as <see cref="PtProcess.Start"/> does).</summary>
    public PtRun(PtLaunchOptions options, Action<PtEvent> publish, Func<PtLaunchOptions, IPtRunTarget> start)
    {
        _options = options;
        _publish = publish;
        _start = start;
        _machine = new PtStartupMachine(options.OfferedVersions, options.ProxyGiven);
    }

    /// <summary>The process id once started; null before, and for a transport run in this process.</summary>
    public int? ProcessId => _process?.ProcessId;

    /// <summary>Starts the process and waits until it is configured or the startup failed (timeout, exit, <paramref name="stop"/>).</summary>
    public async Task<PtStartupResult> StartAsync(CancellationToken stop)
    {
        lock (_gate)
        {
            if (_shutdown is not null || stop.IsCancellationRequested)
            {
                Settle(_machine.Fail(PtLaunchErrorKind.Stopped, "stopped before it was started"));
                return _machine.Result();
            }
            try
            {
                _process = _start(_options);
            }
            catch (Exception e) when (e is Win32Exception or IOException or InvalidOperationException or PlatformNotSupportedException)
            {
                Settle(_machine.Fail(PtLaunchErrorKind.StartFailed, $"{_options.Executable} could not be started: {e.Message}"));
                return _machine.Result();
            }
            _publish(new PtStartedEvent(_process.ProcessId ?? 0));
            Settle(null);
            _readers = Task.WhenAll(
                ReadAsync(_process.Stdout, new LineSink(this, PtStream.Stdout)),
                ReadAsync(_process.Stderr, new LineSink(this, PtStream.Stderr)));
        }
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var timeout = FailOnTimeoutAsync(stop, timer.Token);
        _ = FailOnExitAsync();
        var result = await _startup.Task.ConfigureAwait(false);
        await timer.CancelAsync().ConfigureAwait(false);
        await timeout.ConfigureAwait(false);
        return result;
    }

    /// <summary>Completes when the process has exited and its output has ended (or the drain wait passed).</summary>
    public async Task WaitExitAsync()
    {
        if (_process is null) return;
        await _process.Exited.ConfigureAwait(false);
        // Children left behind would hold the pipes open: they go before the output is drained.
        _process.KillLeftovers();
        await DrainAsync().ConfigureAwait(false);
    }

    /// <summary>Stops the process (pt-2.2 §1.3) once; every call returns the same result.</summary>
    public Task<PtShutdownResult> ShutdownAsync()
    {
        lock (_gate) return _shutdown ??= Task.Run(ShutdownCoreAsync);
    }

    private async Task<PtShutdownResult> ShutdownCoreAsync()
    {
        if (_process is null) return new PtShutdownResult(PtShutdownStep.NotStarted, null);
        var result = await _process.ShutdownAsync(_options).ConfigureAwait(false);
        await DrainAsync().ConfigureAwait(false);
        lock (_gate) Settle(_machine.Fail(PtLaunchErrorKind.Stopped, "stopped before it was configured"));
        await _reading.CancelAsync().ConfigureAwait(false);
        _process.Dispose();
        if (_process.Fault is { } fault) _publish(new PtFaultEvent(PtFaultSource.Transport, fault));
        _publish(new PtExitedEvent(_process.ProcessId ?? 0, result.Exit, result.Step != PtShutdownStep.AlreadyExited));
        return result;
    }

    private async Task DrainAsync()
    {
        Task readers;
        lock (_gate) readers = _readers;
        using var cancel = new CancellationTokenSource();
        await Task.WhenAny(readers, Task.Delay(_options.KillWait, cancel.Token)).ConfigureAwait(false);
        await cancel.CancelAsync().ConfigureAwait(false);
    }

    private async Task FailOnTimeoutAsync(CancellationToken stop, CancellationToken timer)
    {
        try
        {
            await Task.Delay(_options.StartupTimeout, timer).ConfigureAwait(false);
            lock (_gate) Settle(_machine.Fail(PtLaunchErrorKind.StartupTimeout, $"not configured within {_options.StartupTimeout.TotalSeconds} s"));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            lock (_gate) Settle(_machine.Fail(PtLaunchErrorKind.Stopped, "stopped before it was configured"));
        }
        catch (OperationCanceledException)
        {
            // The startup ended first.
        }
    }

    private async Task FailOnExitAsync()
    {
        await WaitExitAsync().ConfigureAwait(false);
        lock (_gate) Settle(_machine.Fail(PtLaunchErrorKind.ExitedDuringStartup, $"exited with {_process!.Exit} before it was configured"));
    }

    private async Task ReadAsync(Stream stream, IPtLineSink sink)
    {
        try
        {
            await PtLineReader.ReadAsync(stream, _options.MaxLineBytes, sink, _reading.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The pipe was closed under the reader: the run is over.
        }
    }

    // stdout carries every message (errors too in PT 1.0); stderr only the messages that PT 2.x writes there
    // (spec `stream`), anything else on it is text.
    private void OnLine(PtStream stream, ReadOnlySpan<byte> line)
    {
        var outcome = PtIpc.ParseOwned(line, out var message);
        lock (_gate)
        {
            if (outcome.IsMessage && (stream == PtStream.Stdout || PtIpc.StreamOf(outcome.Kind, PtIpc.Dialects.V2_2) == PtStream.Stderr))
            {
                _publish(new PtMessageEvent(message!, stream));
                Settle(_machine.OnMessage(message!));
            }
            else if (stream == PtStream.Stderr)
            {
                _publish(new PtStderrTextEvent(line.ToArray()));
            }
            else if (outcome.IsUnknown)
            {
                _publish(new PtUnknownLineEvent(line.ToArray()));
            }
            else
            {
                _publish(new PtInvalidLineEvent(line.ToArray(), outcome.Kind, outcome.Error));
                Settle(_machine.OnInvalid(outcome.Kind, outcome.Error));
            }
        }
    }

    private void OnLineTooLong(PtStream stream, long length)
    {
        lock (_gate)
        {
            _publish(new PtLineTooLongEvent(stream, length));
            Settle(_machine.OnLineTooLong(stream, length));
        }
    }

    // Publishes the error and the new state, if any; completes the startup once the machine is done. Under _gate.
    private void Settle(PtLaunchError? error)
    {
        if (error is not null) _publish(new PtErrorEvent(error));
        if (_machine.State != _published)
        {
            _published = _machine.State;
            // Each step of the startup is a moment to note the PT's children, to kill them if it dies.
            if (_published is PtLaunchState.VersionAccepted or PtLaunchState.Configured) _process?.Snapshot();
            _publish(new PtStateChangedEvent(_published));
        }
        if (_machine.IsFinished) _startup.TrySetResult(_machine.Result());
    }

    private sealed class LineSink(PtRun run, PtStream stream) : IPtLineSink
    {
        public void OnLine(ReadOnlySpan<byte> line) => run.OnLine(stream, line);

        public void OnLineTooLong(long length) => run.OnLineTooLong(stream, length);
    }
}
