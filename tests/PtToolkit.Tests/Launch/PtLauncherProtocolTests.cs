using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using PtToolkit.Ipc;
using PtToolkit.Launch;
using PtToolkit.Text;
using Xunit;

namespace PtToolkit.Tests.Launch;

/// <summary>The configuration protocol against fake PTs (shell scripts printing scripted lines).</summary>
public sealed class PtLauncherProtocolTests : IDisposable
{
    private readonly FakePt _pt = new();

    public void Dispose() => _pt.Dispose();

    private static async Task<(PtStartupResult Startup, PtShutdownResult Shutdown, List<PtEvent> Events, int Pid)> Run(PtLaunchOptions options)
    {
        await using var launcher = new PtLauncher(options);
        var startup = await launcher.StartAsync().WaitAsync(FakePt.Timeout);
        int pid = launcher.ProcessId ?? 0;
        var shutdown = await launcher.StopAsync().WaitAsync(FakePt.Timeout);
        var events = await FakePt.AllEvents(launcher);
        if (pid != 0) await FakePt.AssertGone(pid);
        return (startup, shutdown, events, pid);
    }

    [Fact]
    public async Task A_well_behaved_PT_is_configured_and_stops_when_its_stdin_closes()
    {
        var (startup, shutdown, events, pid) = await Run(_pt.Printing("VERSION 1", "CMETHOD a socks5 127.0.0.1:1080",
            "CMETHOD b socks5 [::1]:1081", "CMETHODS DONE"));

        Assert.True(startup.Succeeded, startup.ToString());
        Assert.Equal("1", startup.Version);
        Assert.Equal(new[] { new PtEndpoint("127.0.0.1", PtHostKind.IPv4, 1080), new PtEndpoint("::1", PtHostKind.IPv6, 1081) },
            startup.ClientMethods.Select(m => m.Address));
        Assert.Equal(new PtShutdownResult(PtShutdownStep.StdinClosed, new PtExitStatus(0)), shutdown);
        Assert.Equal(new[] { PtLaunchState.Launched, PtLaunchState.VersionAccepted, PtLaunchState.Configured, PtLaunchState.Stopped },
            events.OfType<PtStateChangedEvent>().Select(e => e.State));
        Assert.Equal(new PtExitedEvent(pid, new PtExitStatus(0), true), events.OfType<PtExitedEvent>().Single());
    }

    [Fact]
    public async Task A_version_that_was_not_offered_fails_and_the_PT_is_stopped()
    {
        var (startup, shutdown, events, _) = await Run(_pt.Printing("VERSION 2", "CMETHODS DONE"));

        Assert.Equal(PtLaunchState.Failed, startup.State);
        Assert.Equal(PtLaunchErrorKind.VersionNotOffered, startup.Failure!.Kind);
        Assert.Equal(PtShutdownStep.StdinClosed, shutdown.Step);
        Assert.Equal(PtLaunchState.Failed, events.OfType<PtStateChangedEvent>().Last().State);
    }

    [Theory]
    [InlineData("ENV-ERROR No TOR_PT_STATE_LOCATION", 64, PtLaunchErrorKind.EnvError, PtExitMeaning.Usage)]
    [InlineData("VERSION-ERROR no-version", 78, PtLaunchErrorKind.VersionError, PtExitMeaning.Config)]
    [InlineData("PROXY-ERROR SOCKS 4 upstream proxies unsupported.", 69, PtLaunchErrorKind.ProxyError, PtExitMeaning.Unavailable)]
    public async Task A_PT_2_error_on_stderr_ends_the_launch_with_its_message_and_exit_code(string line, int code, PtLaunchErrorKind kind, PtExitMeaning meaning)
    {
        var (startup, shutdown, events, pid) = await Run(_pt.Script($"printf '%s\\n' 'VERSION 1'\nprintf '%s\\n' '{line}' >&2\nexit {code}\n"));

        Assert.Equal(kind, startup.Failure!.Kind);
        Assert.Equal(line, startup.Failure.Message);
        // The PT exits by itself; whether before or after the parent closes its stdin is a race.
        Assert.Contains(shutdown.Step, new[] { PtShutdownStep.AlreadyExited, PtShutdownStep.StdinClosed });
        Assert.Equal(new PtExitStatus(code), shutdown.Exit);
        Assert.Equal(meaning, shutdown.Exit!.Value.Meaning);
        Assert.Contains(events, e => e is PtMessageEvent { Stream: PtStream.Stderr } m && m.Message.KindName != "Version");
        var exited = events.OfType<PtExitedEvent>().Single();
        Assert.Equal((pid, new PtExitStatus(code)), (exited.ProcessId, exited.Exit));
    }

    [Fact]
    public async Task A_PT_1_0_error_on_stdout_ends_the_launch_too()
    {
        var (startup, _, _, _) = await Run(_pt.Printing("VERSION 1", "ENV-ERROR No TOR_PT_ORPORT"));
        Assert.Equal(PtLaunchErrorKind.EnvError, startup.Failure!.Kind);
    }

    [Fact]
    public async Task With_a_proxy_given_and_no_PROXY_DONE_the_launch_fails_closed_and_the_PT_is_stopped()
    {
        var options = _pt.Printing("VERSION 1", "CMETHOD a socks5 127.0.0.1:1080", "CMETHODS DONE") with { ProxyGiven = true };
        var (startup, shutdown, _, _) = await Run(options);

        Assert.Equal(PtLaunchErrorKind.ProxyNotAccepted, startup.Failure!.Kind);
        Assert.Equal(PtShutdownStep.StdinClosed, shutdown.Step);
    }

    [Fact]
    public async Task With_a_proxy_given_and_PROXY_DONE_the_PT_is_configured()
    {
        var options = _pt.Printing("VERSION 1", "PROXY DONE", "CMETHOD a socks5 127.0.0.1:1080", "CMETHODS DONE") with { ProxyGiven = true };
        var (startup, _, _, _) = await Run(options);
        Assert.True(startup.Succeeded, startup.ToString());
        Assert.True(startup.ProxyAccepted);
    }

    [Fact]
    public async Task A_CMETHOD_on_a_non_loopback_address_is_refused_and_reported()
    {
        var (startup, _, events, _) = await Run(_pt.Printing("VERSION 1", "CMETHOD a socks5 192.0.2.1:1080",
            "CMETHOD b socks5 127.0.0.1:1081", "CMETHODS DONE"));

        Assert.True(startup.Succeeded);
        Assert.Equal("b", Assert.Single(startup.ClientMethods).Transport);
        var refused = Assert.Single(events.OfType<PtErrorEvent>()).Error;
        Assert.Equal(PtLaunchErrorKind.NonLoopbackMethod, refused.Kind);
        Assert.Equal(new PtIpc.CmethodMessage("a", PtIpc.ClientProxyKind.Socks5, PtEndpoint.IPv4("192.0.2.1", 1080)), refused.Source);
    }

    [Fact]
    public async Task A_CMETHOD_ERROR_is_reported_and_a_later_good_CMETHOD_is_used()
    {
        // On stdout, as PT 1.0 writes it, so that its order against the other lines is kept.
        var (startup, _, events, _) = await Run(_pt.Printing("VERSION 1", "CMETHOD-ERROR a no rocks available",
            "CMETHOD b socks5 127.0.0.1:1081", "CMETHODS DONE"));

        Assert.True(startup.Succeeded, startup.ToString());
        Assert.Equal("b", Assert.Single(startup.ClientMethods).Transport);
        var error = Assert.Single(startup.Errors);
        Assert.Equal(PtLaunchErrorKind.MethodError, error.Kind);
        Assert.Equal("CMETHOD-ERROR a: no rocks available", error.Message);
        Assert.Contains(events, e => e is PtErrorEvent { Error.Kind: PtLaunchErrorKind.MethodError });
    }

    [Fact]
    public async Task Unknown_lines_are_reported_and_ignored()
    {
        var (startup, _, events, _) = await Run(_pt.Printing("HELLO there", "VERSION 1", "X-FUTURE-THING 1 2 3", "CMETHODS DONE"));

        Assert.True(startup.Succeeded);
        Assert.Empty(startup.Errors);
        Assert.Equal(new[] { "HELLO there", "X-FUTURE-THING 1 2 3" }, events.OfType<PtUnknownLineEvent>().Select(e => e.Text));
    }

    [Fact]
    public async Task A_message_before_VERSION_fails()
    {
        var (startup, _, _, _) = await Run(_pt.Printing("CMETHOD a socks5 127.0.0.1:1080", "VERSION 1", "CMETHODS DONE"));
        Assert.Equal(PtLaunchErrorKind.UnexpectedMessage, startup.Failure!.Kind);
    }

    [Fact]
    public async Task A_silent_PT_times_out_and_is_stopped()
    {
        var options = _pt.Printing() with { StartupTimeout = TimeSpan.FromSeconds(1) };
        var (startup, shutdown, _, _) = await Run(options);

        Assert.Equal(PtLaunchErrorKind.StartupTimeout, startup.Failure!.Kind);
        Assert.Equal(PtShutdownStep.StdinClosed, shutdown.Step);
    }

    [Fact]
    public async Task A_PT_that_exits_during_startup_fails_with_its_exit_code()
    {
        var (startup, shutdown, _, _) = await Run(_pt.Script("printf 'VERSION 1\\n'\nexit 3\n"));

        Assert.Equal(PtLaunchErrorKind.ExitedDuringStartup, startup.Failure!.Kind);
        Assert.Contains("3 (failure)", startup.Failure.Message, StringComparison.Ordinal);
        Assert.Equal(PtShutdownStep.AlreadyExited, shutdown.Step);
    }

    [Fact]
    public async Task An_executable_that_does_not_exist_fails_to_start()
    {
        var options = new PtLaunchOptions("/nonexistent/pt", [], new Dictionary<string, string>(), ["1"]);
        var (startup, shutdown, events, _) = await Run(options);

        Assert.Equal(PtLaunchErrorKind.StartFailed, startup.Failure!.Kind);
        Assert.Equal(PtShutdownStep.NotStarted, shutdown.Step);
        Assert.DoesNotContain(events, e => e is PtStartedEvent);
    }

    [Fact]
    public async Task A_2_MiB_line_is_skipped_and_measured_and_the_startup_goes_on()
    {
        var (startup, _, events, _) = await Run(_pt.Script("printf 'VERSION 1\\n'\nhead -c 2097152 /dev/zero | tr '\\0' a\necho\n"
            + "printf 'CMETHOD a socks5 127.0.0.1:1080\\nCMETHODS DONE\\n'\n" + FakePt.UntilStdinCloses));

        Assert.True(startup.Succeeded, startup.ToString());
        Assert.Equal("a", Assert.Single(startup.ClientMethods).Transport);
        Assert.Equal(new PtLineTooLongEvent(PtStream.Stdout, 2097152), Assert.Single(events.OfType<PtLineTooLongEvent>()));
    }

    [Fact]
    public async Task Bytes_that_are_not_UTF8_never_crash_the_reader_and_are_kept()
    {
        var (startup, _, events, _) = await Run(_pt.Script("printf 'VERSION 1\\n'\nprintf 'NOISE \\377\\376\\n\\300\\n'\n"
            + "printf 'LOG SEVERITY=notice MESSAGE=\"caf\\351\"\\n'\nprintf 'bad \\377\\n' >&2\nsleep 0.2\n"
            + "printf 'CMETHODS DONE\\n'\n" + FakePt.UntilStdinCloses));

        Assert.True(startup.Succeeded, startup.ToString());
        Assert.Equal(new byte[] { (byte)'N', (byte)'O', (byte)'I', (byte)'S', (byte)'E', (byte)' ', 0xFF, 0xFE },
            events.OfType<PtUnknownLineEvent>().Single().Line.ToArray());
        Assert.Equal(new byte[] { 0xC0 }, events.OfType<PtInvalidLineEvent>().First().Line.ToArray());
        Assert.Equal(new byte[] { (byte)'b', (byte)'a', (byte)'d', (byte)' ', 0xFF }, events.OfType<PtStderrTextEvent>().Single().Line.ToArray());
        Assert.Contains(events, e => e is PtInvalidLineEvent { Kind: PtIpc.MessageKind.Log } or PtMessageEvent { Message: PtIpc.LogMessage });
    }

    [Fact]
    public async Task Stderr_text_is_kept_as_text_and_a_CMETHOD_on_stderr_is_not_used()
    {
        var (startup, _, events, _) = await Run(_pt.Script("printf 'VERSION 1\\n'\nprintf 'panic: oh no\\nCMETHOD evil socks5 127.0.0.1:9\\n' >&2\n"
            + "sleep 0.2\nprintf 'CMETHODS DONE\\n'\n" + FakePt.UntilStdinCloses));

        Assert.True(startup.Succeeded);
        Assert.Empty(startup.ClientMethods);
        Assert.Equal(new[] { "panic: oh no", "CMETHOD evil socks5 127.0.0.1:9" }, events.OfType<PtStderrTextEvent>().Select(e => e.Text));
    }
}
