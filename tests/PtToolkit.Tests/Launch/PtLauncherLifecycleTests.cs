using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using PtToolkit.Ipc;
using PtToolkit.Launch;
using Xunit;

namespace PtToolkit.Tests.Launch;

/// <summary>
/// Shutdown as pt-2.2 §1.3 says (close stdin → SIGTERM → SIGKILL to the tree), no process left behind, the restart
/// policy, and the events that keep flowing after DONE, against fake PTs.
/// </summary>
public sealed class PtLauncherLifecycleTests : IDisposable
{
    private const string Configured = "printf 'VERSION 1\\nCMETHOD a socks5 127.0.0.1:1080\\nCMETHODS DONE\\n'\n";
    private const string SleepForever = "while :; do sleep 1; done\n";

    private readonly FakePt _pt = new();

    public void Dispose() => _pt.Dispose();

    // Scripts that exit on stdin close get the default waits (10 s, never spent); the others 1 s for the steps they ignore.
    private PtLaunchOptions IgnoringStdin(string body, bool ignoringSigterm) =>
        _pt.Script(body) with { StdinCloseWait = TimeSpan.FromSeconds(1), SigtermWait = TimeSpan.FromSeconds(ignoringSigterm ? 1 : 10) };

    private static async Task<(PtShutdownResult Shutdown, List<PtEvent> Events)> StartAndStop(PtLaunchOptions options)
    {
        await using var launcher = new PtLauncher(options);
        var startup = await launcher.StartAsync().WaitAsync(FakePt.Timeout);
        Assert.True(startup.Succeeded, startup.ToString());
        int pid = launcher.ProcessId!.Value;
        var shutdown = await launcher.StopAsync().WaitAsync(FakePt.Timeout);
        await FakePt.AssertGone(pid);
        return (shutdown, await FakePt.AllEvents(launcher));
    }

    private static int ChildPid(List<PtEvent> events) =>
        int.Parse(events.OfType<PtMessageEvent>().Select(e => e.Message).OfType<PtIpc.LogMessage>().Single().Message["child ".Length..],
            System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_PT_that_exits_on_stdin_close_stops_at_the_first_step()
    {
        var (shutdown, _) = await StartAndStop(_pt.Script(Configured + FakePt.UntilStdinCloses));
        Assert.Equal(new PtShutdownResult(PtShutdownStep.StdinClosed, new PtExitStatus(0)), shutdown);
    }

    [Fact]
    public async Task A_PT_that_ignores_stdin_close_stops_on_SIGTERM()
    {
        var (shutdown, _) = await StartAndStop(IgnoringStdin("trap 'exit 0' TERM\n" + Configured + SleepForever, ignoringSigterm: false));
        Assert.Equal(new PtShutdownResult(PtShutdownStep.Terminated, new PtExitStatus(0)), shutdown);
    }

    [Fact]
    public async Task A_PT_that_ignores_SIGTERM_is_killed()
    {
        var (shutdown, events) = await StartAndStop(IgnoringStdin("trap '' TERM\n" + Configured + SleepForever, ignoringSigterm: true));
        Assert.Equal(new PtShutdownResult(PtShutdownStep.Killed, new PtExitStatus(128 + 9)), shutdown);
        Assert.Equal(PtExitMeaning.Signal, shutdown.Exit!.Value.Meaning);
        Assert.True(events.OfType<PtExitedEvent>().Single().Requested);
    }

    [Fact]
    public async Task The_child_of_a_PT_that_exits_on_stdin_close_is_not_left_behind()
    {
        var (shutdown, events) = await StartAndStop(_pt.Script(
            "sleep 1000 &\nprintf 'LOG SEVERITY=notice MESSAGE=\"child %s\"\\n' \"$!\"\n" + Configured + FakePt.UntilStdinCloses));
        Assert.Equal(PtShutdownStep.StdinClosed, shutdown.Step);
        await FakePt.AssertGone(ChildPid(events));
    }

    [Fact]
    public async Task The_child_of_a_PT_that_ignores_SIGTERM_is_killed_with_its_tree()
    {
        var (shutdown, events) = await StartAndStop(IgnoringStdin(
            "trap '' TERM\nsleep 1000 &\nprintf 'LOG SEVERITY=notice MESSAGE=\"child %s\"\\n' \"$!\"\n" + Configured + SleepForever, ignoringSigterm: true));
        Assert.Equal(PtShutdownStep.Killed, shutdown.Step);
        await FakePt.AssertGone(ChildPid(events));
    }

    [Fact]
    public async Task Disposing_the_launcher_stops_the_PT()
    {
        int pid;
        await using (var launcher = new PtLauncher(_pt.Script(Configured + FakePt.UntilStdinCloses)))
        {
            Assert.True((await launcher.StartAsync().WaitAsync(FakePt.Timeout)).Succeeded);
            pid = launcher.ProcessId!.Value;
            Assert.True(System.IO.Directory.Exists($"/proc/{pid}"));
        }
        await FakePt.AssertGone(pid);
    }

    [Fact]
    public async Task Stopping_during_startup_fails_the_startup_and_stops_the_PT()
    {
        await using var launcher = new PtLauncher(_pt.Script(FakePt.UntilStdinCloses));
        var startup = launcher.StartAsync();
        using var timeout = new CancellationTokenSource(FakePt.Timeout);
        await using var events = launcher.Events.GetAsyncEnumerator(timeout.Token);
        var started = await FakePt.NextEvent<PtStartedEvent>(events);
        await launcher.StopAsync().WaitAsync(FakePt.Timeout);

        Assert.Equal(PtLaunchErrorKind.Stopped, (await startup.WaitAsync(FakePt.Timeout)).Failure!.Kind);
        await FakePt.AssertGone(started.ProcessId);
    }

    [Fact]
    public async Task Cancelling_the_start_stops_the_PT_and_throws()
    {
        using var cancel = new CancellationTokenSource();
        await using var launcher = new PtLauncher(_pt.Script(FakePt.UntilStdinCloses), onEvent: e =>
        {
            if (e is PtStateChangedEvent { State: PtLaunchState.Launched }) cancel.Cancel();
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => launcher.StartAsync(cancel.Token).WaitAsync(FakePt.Timeout));
        Assert.Equal(PtLaunchErrorKind.Stopped, launcher.Startup!.Failure!.Kind);
        var exited = (await FakePt.AllEvents(launcher)).OfType<PtExitedEvent>().Single();
        await FakePt.AssertGone(exited.ProcessId);
    }

    [Fact]
    public async Task LOG_STATUS_and_EVENT_keep_flowing_after_DONE_to_events_callback_and_logger()
    {
        var logger = new ListLogger();
        var seen = new List<PtEvent>();
        var lastLine = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var options = _pt.Script(Configured + "sleep 0.2\nprintf '%s\\n' 'LOG SEVERITY=warning MESSAGE=\"after done\"' "
            + "'STATUS TRANSPORT=a ADDRESS=192.0.2.1:443 CONNECT=Success' 'EVENT CONNECTION a 192.0.2.1 443'\n" + FakePt.UntilStdinCloses);
        await using var launcher = new PtLauncher(options, logger, e =>
        {
            lock (seen) seen.Add(e);
            if (e is PtMessageEvent { Message: PtIpc.ConnectionEventMessage }) lastLine.SetResult();
        });

        Assert.True((await launcher.StartAsync().WaitAsync(FakePt.Timeout)).Succeeded);
        await lastLine.Task.WaitAsync(FakePt.Timeout);
        await launcher.StopAsync().WaitAsync(FakePt.Timeout);
        var events = await FakePt.AllEvents(launcher);

        lock (seen) Assert.Equal(events, seen);
        int configured = events.FindIndex(e => e is PtStateChangedEvent { State: PtLaunchState.Configured });
        int log = events.FindIndex(e => e is PtMessageEvent { Message: PtIpc.LogMessage });
        Assert.True(log > configured, $"LOG at {log}, Configured at {configured}");
        Assert.Equal(new PtIpc.LogMessage(PtIpc.LogSeverity.Warning, "after done"), ((PtMessageEvent)events[log]).Message);
        var entries = logger.Entries;
        Assert.Contains((LogLevel.Warning, "sh says: after done"), entries);
        Assert.Contains((LogLevel.Information, "sh status of a: ADDRESS=[scrubbed] CONNECT=Success"), entries);
        Assert.Contains(entries, e => e.Text.StartsWith("sh event CONNECTION on a", StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e => e.Text.Contains("192.0.2.1", StringComparison.Ordinal));
        Assert.Contains((LogLevel.Information, "sh is Configured"), entries);
    }

    [Fact]
    public async Task A_crashing_PT_is_restarted_with_backoff_up_to_the_maximum()
    {
        var options = _pt.Script(Configured + "exit 3\n") with
        {
            Restart = new PtRestartPolicy(2, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(15)),
        };
        await using var launcher = new PtLauncher(options);
        Assert.True((await launcher.StartAsync().WaitAsync(FakePt.Timeout)).Succeeded);
        var events = await FakePt.AllEvents(launcher);

        Assert.Equal(new[] { new PtRestartingEvent(1, TimeSpan.FromMilliseconds(10)), new PtRestartingEvent(2, TimeSpan.FromMilliseconds(15)) },
            events.OfType<PtRestartingEvent>());
        Assert.Equal(3, events.OfType<PtStartedEvent>().Select(e => e.ProcessId).Distinct().Count());
        Assert.All(events.OfType<PtExitedEvent>(), e => Assert.Equal((new PtExitStatus(3), false), (e.Exit!.Value, e.Requested)));
        Assert.Equal(3, events.OfType<PtExitedEvent>().Count());
        Assert.Equal(3, events.Count(e => e is PtStateChangedEvent { State: PtLaunchState.Configured }));
        Assert.Equal(2, launcher.Restarts);
        Assert.Equal(PtLaunchState.Exited, launcher.State);
    }

    [Fact]
    public async Task Without_a_restart_policy_a_crash_ends_the_launcher()
    {
        await using var launcher = new PtLauncher(_pt.Script(Configured + "sleep 0.2\nexit 69\n"));
        Assert.True((await launcher.StartAsync().WaitAsync(FakePt.Timeout)).Succeeded);
        var events = await FakePt.AllEvents(launcher);

        Assert.DoesNotContain(events, e => e is PtRestartingEvent);
        var exited = events.OfType<PtExitedEvent>().Single();
        Assert.Equal(PtExitMeaning.Unavailable, exited.Exit!.Value.Meaning);
        Assert.False(exited.Requested);
        Assert.Equal(PtLaunchState.Exited, events.OfType<PtStateChangedEvent>().Last().State);
        Assert.Equal(PtShutdownStep.AlreadyExited, (await launcher.StopAsync().WaitAsync(FakePt.Timeout)).Step);
    }

    [Fact]
    public async Task The_child_of_a_PT_that_crashes_is_not_left_behind()
    {
        await using var launcher = new PtLauncher(_pt.Script(
            "sleep 1000 &\nprintf 'LOG SEVERITY=notice MESSAGE=\"child %s\"\\n' \"$!\"\n" + Configured + "sleep 0.2\nexit 5\n"));
        Assert.True((await launcher.StartAsync().WaitAsync(FakePt.Timeout)).Succeeded);
        var events = await FakePt.AllEvents(launcher);

        Assert.Equal(new PtExitStatus(5), events.OfType<PtExitedEvent>().Single().Exit);
        await FakePt.AssertGone(ChildPid(events));
    }

    [Fact]
    public async Task The_child_of_a_PT_that_dies_before_saying_anything_is_not_left_behind()
    {
        string pidFile = Path.Combine(_pt.Folder, "child.pid");
        await using var launcher = new PtLauncher(_pt.Script($"sleep 1000 &\necho $! > '{pidFile}'\nexit 5\n"));
        var startup = await launcher.StartAsync().WaitAsync(FakePt.Timeout);

        Assert.False(startup.Succeeded);
        await FakePt.AllEvents(launcher);
        await FakePt.AssertGone(int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_PT_leads_its_own_session_unless_told_otherwise(bool ownSession)
    {
        await using var launcher = new PtLauncher(_pt.Script(Configured + FakePt.UntilStdinCloses) with { OwnSession = ownSession });
        Assert.True((await launcher.StartAsync().WaitAsync(FakePt.Timeout)).Succeeded);
        int pid = launcher.ProcessId!.Value;
        string stat = File.ReadAllText($"/proc/{pid}/stat");
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');

        Assert.Equal(ownSession, fields[3] == pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("pt", File.ReadAllText($"/proc/{pid}/cmdline"), StringComparison.Ordinal);
        Assert.DoesNotContain("setsid", File.ReadAllText($"/proc/{pid}/cmdline"), StringComparison.Ordinal);
        Assert.Equal(PtShutdownStep.StdinClosed, (await launcher.StopAsync().WaitAsync(FakePt.Timeout)).Step);
    }

    [Fact]
    public async Task Events_nobody_reads_are_dropped_oldest_first_and_counted()
    {
        int total = 0;
        var options = _pt.Printing([.. Enumerable.Range(0, 50).Select(i => $"LOG SEVERITY=debug MESSAGE={i}"), "VERSION 1", "CMETHODS DONE"])
            with { EventCapacity = 4 };
        await using var launcher = new PtLauncher(options, onEvent: _ => Interlocked.Increment(ref total));
        Assert.True((await launcher.StartAsync().WaitAsync(FakePt.Timeout)).Succeeded);
        await launcher.StopAsync().WaitAsync(FakePt.Timeout);
        var kept = await FakePt.AllEvents(launcher);

        Assert.Equal(4, kept.Count);
        Assert.Equal(total - 4, launcher.DroppedEvents);
        Assert.Equal(new PtStateChangedEvent(PtLaunchState.Stopped), kept[^1]);
    }
}
