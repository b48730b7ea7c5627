using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using PtToolkit.Cli.Demo;
using PtToolkit.Tests.Integration;
using Xunit;

namespace PtToolkit.Tests.Hosting;

/// <summary>
/// Debian's tor with a torrc that launches or uses the sample transport, offline: no SOCKS port, no fallback
/// directories, a directory authority at 127.0.0.1:9 (so nothing leaves the machine), its data in a temporary
/// directory, its log (notices, and the PT domain from info up, which shows the lines a PT writes) read from stdout.
/// tor is stopped by its pid; so are the transports it launched, should they outlive a failed test.
/// </summary>
internal sealed class TorWithSample : IDisposable
{
    /// <summary>The bound of every wait for tor.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(40);

    private readonly Process _process;
    private readonly DirectoryInfo _directory;
    private readonly List<string> _log = new();
    private readonly HashSet<int> _transports = new();

    private TorWithSample(Process process, DirectoryInfo directory)
    {
        _process = process;
        _directory = directory;
    }

    /// <summary>tor's process id.</summary>
    public int Pid => _process.Id;

    /// <summary>tor's data directory.</summary>
    public string DataDirectory => Path.Combine(_directory.FullName, "data");

    /// <summary>What tor logged so far.</summary>
    public string Log
    {
        get { lock (_log) return string.Join('\n', _log); }
    }

    /// <summary>How the sample transport is launched: <c>exec</c> with the dotnet host and sample-transport.dll.</summary>
    public static string SampleExec
    {
        get
        {
            string command = SampleTransportLaunch.DotnetHost + " " + SampleTransportLaunch.Dll;
            Assert.True(File.Exists(SampleTransportLaunch.Dll), "sample-transport.dll is not beside the tests");
            Assert.DoesNotContain(command, c => c is '"' or '\\' || (char.IsWhiteSpace(c) && c != ' '));
            Assert.Equal(2, command.Split(' ').Length);
            return "exec " + command;
        }
    }

    /// <summary>Starts tor with the offline settings and <paramref name="lines"/>, with only PATH and HOME set.</summary>
    public static TorWithSample Start(params string[] lines)
    {
        var directory = Directory.CreateTempSubdirectory("ptk-torhost-");
        string torrc = Path.Combine(directory.FullName, "torrc");
        File.WriteAllLines(torrc, new[]
        {
            "DataDirectory " + Path.Combine(directory.FullName, "data"),
            "SocksPort 0",
            "UseDefaultFallbackDirs 0",
            "DirAuthority offline orport=9 127.0.0.1:9 0000 0000 0000 0000 0000 0000 0000 0000 0000 0000",
            "Log [pt]info notice stdout",
        }.Concat(lines));
        var info = new ProcessStartInfo(Peers.Tor()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-f");
        info.ArgumentList.Add(torrc);
        info.Environment.Clear();
        info.Environment["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin";
        info.Environment["HOME"] = directory.FullName;
        var tor = new TorWithSample(new Process { StartInfo = info }, directory);
        tor._process.OutputDataReceived += (_, e) => tor.Append(e.Data);
        tor._process.ErrorDataReceived += (_, e) => tor.Append(e.Data);
        tor._process.Start();
        tor._process.BeginOutputReadLine();
        tor._process.BeginErrorReadLine();
        return tor;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_log) _log.Add(line);
    }

    /// <summary>The first log line that matches <paramref name="pattern"/>; fails with the log when none does within <see cref="Timeout"/>.</summary>
    public async Task<Match> WaitForLogAsync(Regex pattern)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            string[] lines;
            lock (_log) lines = _log.ToArray();
            foreach (string line in lines)
            {
                var match = pattern.Match(line);
                if (match.Success) return match;
            }
            Assert.False(_process.HasExited, $"tor exited before logging /{pattern}/:\n{Log}");
            Assert.True(clock.Elapsed < Timeout, $"tor logged no /{pattern}/ within {Timeout.TotalSeconds} s:\n{Log}");
            await Task.Delay(100);
        }
    }

    /// <summary>The ids of tor's children that run sample-transport.dll (from /proc: parent id and command line).</summary>
    public IReadOnlyList<int> TransportPids()
    {
        var found = new List<int>();
        foreach (string entry in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(entry), out int pid) || ParentOf(pid) != Pid || !RunsSample(pid)) continue;
            found.Add(pid);
            lock (_transports) _transports.Add(pid);
        }
        return found;
    }

    /// <summary>True when <paramref name="pid"/> is no longer a running process (gone, or a zombie nobody reaped yet).</summary>
    public static bool IsGone(int pid)
    {
        string? stat = ReadProc(pid, "stat");
        return stat is null || StateOf(stat) is 'Z' or 'X';
    }

    /// <summary>Waits until <paramref name="pid"/> is gone; false when it still runs after <see cref="Timeout"/>.</summary>
    public static async Task<bool> WaitGoneAsync(int pid)
    {
        var clock = Stopwatch.StartNew();
        while (!IsGone(pid))
        {
            if (clock.Elapsed > Timeout) return false;
            await Task.Delay(100);
        }
        return true;
    }

    /// <summary>Waits for tor to exit; false when it still runs after <see cref="Timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync()
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(Timeout);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>Kills tor (SIGKILL, by its pid): it cannot close anything itself, the kernel closes its pipes.</summary>
    public void Kill() => _process.Kill();

    /// <summary>Stops tor and the transports it launched that still run, by pid, and deletes the directory.</summary>
    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                TransportPids();
                _process.Kill();
            }
            _process.WaitForExit(TimeSpan.FromSeconds(10));
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
        _process.Dispose();
        int[] transports;
        lock (_transports) transports = _transports.ToArray();
        foreach (int pid in transports.Where(p => !IsGone(p) && RunsSample(p)))
        {
            try
            {
                using var orphan = Process.GetProcessById(pid);
                orphan.Kill();
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                // It exited meanwhile.
            }
        }
        _directory.Delete(recursive: true);
    }

    private static int ParentOf(int pid)
    {
        // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces and parentheses, so read after the last ')'.
        string? stat = ReadProc(pid, "stat");
        if (stat is null) return -1;
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return fields.Length > 1 && int.TryParse(fields[1], out int parent) ? parent : -1;
    }

    private static char StateOf(string stat) => stat[stat.LastIndexOf(')') + 2];

    private static bool RunsSample(int pid) =>
        ReadProc(pid, "cmdline") is { } command && command.Contains("sample-transport.dll", StringComparison.Ordinal);

    private static string? ReadProc(int pid, string file)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/{file}", Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
