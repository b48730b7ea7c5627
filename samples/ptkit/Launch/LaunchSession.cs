using System;
using System.Threading.Tasks;
using PtToolkit.Launch;

namespace PtToolkit.Cli.Launch;

/// <summary>
/// One run of <c>ptkit launch</c>: starts the PT with a <see cref="PtLauncher"/>, writes every event and the startup
/// summary, waits until it is asked to stop (or the PT exits on its own), stops it as pt-2.2 §1.3 says, and gives the
/// exit code.
/// </summary>
internal static class LaunchSession
{
    /// <summary>The PT was configured and exited 0 when it was stopped on request.</summary>
    public const int Clean = 0;

    /// <summary>The flags do not make a configuration (the message names the flag).</summary>
    public const int BadFlags = 2;

    /// <summary>The PT was not configured: an error line, a broken rule, the timeout, an early exit, or a stop during startup.</summary>
    public const int StartupFailed = 3;

    /// <summary>The PT exited on its own after it was configured.</summary>
    public const int ExitedOnItsOwn = 4;

    /// <summary>The PT was stopped on request but did not exit 0 (it needed SIGKILL, or its exit code was not 0).</summary>
    public const int NotGraceful = 5;

    /// <summary>
    /// Runs the launcher that <paramref name="create"/> makes with the event callback it is given, until
    /// <paramref name="stop"/> completes with the reason to stop or the PT exits on its own; writes to
    /// <paramref name="output"/>; returns the exit code.
    /// </summary>
    /// <remarks>
    /// Events are written by the callback, as they are published: so every event up to the end of the startup is
    /// written before the startup summary, and every event before the <c>stopped</c> line. A write that fails is the
    /// callback's fault, which the launcher reports and survives.
    /// </remarks>
    public static async Task<int> RunAsync(Func<Action<PtEvent>, PtLauncher> create, EventJson output, Task<string> stop)
    {
        await using var launcher = create(output.Event);
        var done = WaitDoneAsync(launcher);
        var starting = launcher.StartAsync();
        // A stop asked for during the startup ends it (a PT configured at that very moment is stopped all the same).
        bool requested = await Task.WhenAny(starting, stop).ConfigureAwait(false) == stop && !starting.IsCompleted;
        if (requested)
        {
            output.Stopping(await stop.ConfigureAwait(false));
            await launcher.StopAsync().ConfigureAwait(false);
        }
        var startup = await starting.ConfigureAwait(false);
        output.Startup(startup);
        if (startup.Succeeded && !requested && await Task.WhenAny(stop, done).ConfigureAwait(false) == stop)
        {
            output.Stopping(await stop.ConfigureAwait(false));
            requested = true;
        }
        var shutdown = await launcher.StopAsync().ConfigureAwait(false);
        await done.ConfigureAwait(false);
        int code = !startup.Succeeded ? StartupFailed
            : !requested ? ExitedOnItsOwn
            : shutdown.Exit?.Code == 0 ? Clean
            : NotGraceful;
        output.Stopped(shutdown, code);
        return code;
    }

    // The events end when the launcher is done: stopped, failed, or the PT exited on its own (no restart policy here).
    // They were written by the callback; the channel is only drained.
    private static async Task WaitDoneAsync(PtLauncher launcher)
    {
        await foreach (var _ in launcher.Events.ConfigureAwait(false))
        {
        }
    }
}
