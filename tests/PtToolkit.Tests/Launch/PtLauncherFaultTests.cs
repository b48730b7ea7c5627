using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using PtToolkit.Launch;
using Xunit;

namespace PtToolkit.Tests.Launch;

/// <summary>
/// Faults in user code that the launcher calls (issue 6 §9): what the event callback or the logger throws is reported as
/// a <see cref="PtFaultEvent"/> right after the event it failed on, logged when the logger works, and the launcher goes
/// on (the PT is configured and stops as usual).
/// </summary>
public sealed class PtLauncherFaultTests : IDisposable
{
    private readonly FakePt _pt = new();

    public void Dispose() => _pt.Dispose();

    private PtLaunchOptions ConfiguredPt() => _pt.Printing("VERSION 1", "CMETHOD a socks5 127.0.0.1:1080", "CMETHODS DONE", "LOG SEVERITY=notice MESSAGE=ready");

    private static async Task<(PtStartupResult Startup, PtShutdownResult Shutdown, List<PtEvent> Events)> Run(PtLauncher launcher)
    {
        var startup = await launcher.StartAsync().WaitAsync(FakePt.Timeout);
        var shutdown = await launcher.StopAsync().WaitAsync(FakePt.Timeout);
        return (startup, shutdown, await FakePt.AllEvents(launcher));
    }

    [Fact]
    public async Task A_callback_that_throws_is_reported_after_the_event_logged_and_the_PT_runs_and_stops_as_usual()
    {
        var logger = new ListLogger();
        var thrown = new List<Exception>();
        await using var launcher = new PtLauncher(ConfiguredPt(), logger, e =>
        {
            if (e is not PtStateChangedEvent) return;
            var error = new InvalidOperationException("callback failed on " + e);
            lock (thrown) thrown.Add(error);
            throw error;
        });

        var (startup, shutdown, events) = await Run(launcher);

        Assert.True(startup.Succeeded, startup.ToString());
        Assert.Equal(new PtShutdownResult(PtShutdownStep.StdinClosed, new PtExitStatus(0)), shutdown);
        Assert.Contains(events, e => e is PtMessageEvent);
        var faults = events.OfType<PtFaultEvent>().ToList();
        Assert.Equal(thrown, faults.Select(f => f.Exception));
        Assert.All(faults, f => Assert.Equal(PtFaultSource.EventCallback, f.Source));
        for (int i = 0; i < events.Count; i++)
        {
            if (events[i] is PtStateChangedEvent) Assert.IsType<PtFaultEvent>(events[i + 1]);
        }
        var logged = logger.Entries.Where(e => e.Text.Contains("user code threw (EventCallback)", StringComparison.Ordinal)).ToList();
        Assert.Equal(thrown.Count, logged.Count);
        Assert.All(logged, e => Assert.Equal(LogLevel.Error, e.Level));
    }

    [Fact]
    public async Task Without_a_logger_a_callback_fault_is_still_an_event()
    {
        await using var launcher = new PtLauncher(ConfiguredPt(), onEvent: e =>
        {
            if (e is PtStartedEvent) throw new FormatException("no logger here");
        });

        var (startup, _, events) = await Run(launcher);

        Assert.True(startup.Succeeded, startup.ToString());
        var fault = Assert.Single(events.OfType<PtFaultEvent>());
        Assert.Equal((PtFaultSource.EventCallback, "no logger here"), (fault.Source, fault.Exception.Message));
        Assert.IsType<PtStartedEvent>(events[events.IndexOf(fault) - 1]);
    }

    [Fact]
    public async Task A_callback_that_throws_on_everything_gets_one_fault_per_event_and_no_loop()
    {
        var logger = new ListLogger();
        int calls = 0;
        await using var launcher = new PtLauncher(ConfiguredPt(), logger, _ =>
        {
            System.Threading.Interlocked.Increment(ref calls);
            throw new InvalidOperationException("always");
        });

        var (startup, _, events) = await Run(launcher);

        Assert.True(startup.Succeeded, startup.ToString());
        int plain = events.Count(e => e is not PtFaultEvent);
        Assert.Equal(plain, events.Count(e => e is PtFaultEvent));
        Assert.Equal(events.Count, calls);
        // Each fault is logged once as an event, and the callback's failure on that fault event once more.
        Assert.Equal(2 * plain, logger.Entries.Count(e => e.Text.Contains("user code threw (EventCallback)", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_logger_that_throws_is_reported_to_the_channel_and_the_callback_and_the_PT_still_configures()
    {
        var seen = new List<PtEvent>();
        await using var launcher = new PtLauncher(ConfiguredPt(), new ThrowingLogger(), e =>
        {
            lock (seen) seen.Add(e);
        });

        var (startup, shutdown, events) = await Run(launcher);

        Assert.True(startup.Succeeded, startup.ToString());
        Assert.Equal(PtShutdownStep.StdinClosed, shutdown.Step);
        var faults = events.OfType<PtFaultEvent>().ToList();
        Assert.NotEmpty(faults);
        Assert.All(faults, f => Assert.Equal((PtFaultSource.Logger, "logger failed"), (f.Source, f.Exception.Message)));
        Assert.Equal(events, seen);
        Assert.Contains(events, e => e is PtExitedEvent { Exit.Code: 0 });
    }

    /// <summary>A logger whose every write throws.</summary>
    private sealed class ThrowingLogger : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            throw new InvalidOperationException("logger failed");
    }
}
