using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PtToolkit.Launch;
using Xunit;

namespace PtToolkit.Tests.Launch;

/// <summary>
/// Fake PTs: /bin/sh scripts written to a temporary folder, run as <c>/bin/sh script</c> (so that no freshly written
/// file is exec'd), and helpers to watch a launcher's events and a process id with timeouts.
/// </summary>
internal sealed class FakePt : IDisposable
{
    /// <summary>The bound of every wait in these tests.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("pttoolkit-launch-");
    private int _count;

    /// <summary>Lines that end a script: stay until stdin closes, then exit 0.</summary>
    public const string UntilStdinCloses = "while read -r line; do :; done\nexit 0\n";

    /// <summary>The folder, for state directories.</summary>
    public string Folder => _dir.FullName;

    /// <summary>Writes a script and returns launch options for it (version 1 offered, short shutdown waits).</summary>
    public PtLaunchOptions Script(string body, params string[] offered)
    {
        string path = Path.Combine(_dir.FullName, $"pt{Interlocked.Increment(ref _count)}.sh");
        File.WriteAllText(path, body);
        return new PtLaunchOptions("/bin/sh", [path], new Dictionary<string, string> { ["TOR_PT_EXIT_ON_STDIN_CLOSE"] = "1" },
            offered.Length == 0 ? ["1"] : offered)
        {
            StartupTimeout = Timeout,
            StdinCloseWait = TimeSpan.FromSeconds(10),
            SigtermWait = TimeSpan.FromSeconds(10),
            KillWait = TimeSpan.FromSeconds(10),
        };
    }

    /// <summary>A script that prints <paramref name="stdout"/> lines, then waits for stdin to close.</summary>
    public PtLaunchOptions Printing(params string[] stdout) =>
        Script(string.Concat(stdout.Select(l => "printf '%s\\n' '" + l.Replace("'", "'\\''", StringComparison.Ordinal) + "'\n")) + UntilStdinCloses);

    /// <summary>Every event of a launcher that is done (stopped or failed): reads <see cref="PtLauncher.Events"/> to its end.</summary>
    public static async Task<List<PtEvent>> AllEvents(PtLauncher launcher)
    {
        var events = new List<PtEvent>();
        using var timeout = new CancellationTokenSource(Timeout);
        await foreach (var e in launcher.Events.WithCancellation(timeout.Token)) events.Add(e);
        return events;
    }

    /// <summary>Reads events until one matches (the enumerator carries the timeout); throws when the events end first.</summary>
    public static async Task<T> NextEvent<T>(IAsyncEnumerator<PtEvent> events, Func<T, bool>? match = null) where T : PtEvent
    {
        while (await events.MoveNextAsync())
        {
            if (events.Current is T e && (match is null || match(e))) return e;
        }
        throw new InvalidOperationException($"the events ended before a {typeof(T).Name}");
    }

    /// <summary>Waits until /proc/<paramref name="pid"/> is gone (no process, no zombie); fails after the timeout.</summary>
    public static async Task AssertGone(int pid)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (Directory.Exists($"/proc/{pid}"))
        {
            Assert.True(DateTime.UtcNow < deadline, $"process {pid} is still there: {Stat(pid)}");
            await Task.Delay(50);
        }
    }

    private static string Stat(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return "gone";
        }
    }

    public void Dispose() => _dir.Delete(recursive: true);
}
