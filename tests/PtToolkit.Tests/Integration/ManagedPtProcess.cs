using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading.Tasks;

namespace PtToolkit.Tests.Integration;

/// <summary>
/// A child process run the way a parent runs a managed PT: a clean environment (only PATH and the given
/// variables), stdin kept open until <see cref="CloseStdin"/>, stdout read as raw lines, stderr collected.
/// Every wait has a timeout; the process is killed through its <see cref="Process"/> object (by pid).
/// </summary>
internal sealed class ManagedPtProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();
    private readonly List<byte> _pending = new();
    private readonly byte[] _chunk = new byte[4096];
    private bool _eof;

    private ManagedPtProcess(Process process) => _process = process;

    /// <summary>What the process wrote on stderr so far.</summary>
    public string Stderr
    {
        get { lock (_stderr) return _stderr.ToString(); }
    }

    /// <summary>Starts <paramref name="executable"/> with only PATH and <paramref name="environment"/> set.</summary>
    public static ManagedPtProcess Start(string executable, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments) info.ArgumentList.Add(argument);
        string path = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin";
        info.Environment.Clear();
        info.Environment["PATH"] = path;
        foreach (var (name, value) in environment) info.Environment[name] = value;

        var process = new Process { StartInfo = info };
        var started = new ManagedPtProcess(process);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (started._stderr) started._stderr.AppendLine(e.Data);
        };
        process.Start();
        process.BeginErrorReadLine();
        return started;
    }

    /// <summary>
    /// Reads stdout lines (without their LF) until <paramref name="isLast"/> accepts one (included) or stdout
    /// ends. Throws <see cref="TimeoutException"/>, with what was read, when that takes longer than <paramref name="timeout"/>.
    /// </summary>
    public async Task<List<byte[]>> ReadLinesAsync(Func<byte[], bool> isLast, TimeSpan timeout)
    {
        var lines = new List<byte[]>();
        var clock = Stopwatch.StartNew();
        while (true)
        {
            int lf = _pending.IndexOf((byte)'\n');
            if (lf >= 0)
            {
                byte[] line = _pending.GetRange(0, lf).ToArray();
                _pending.RemoveRange(0, lf + 1);
                lines.Add(line);
                if (isLast(line)) return lines;
                continue;
            }
            if (_eof)
            {
                if (_pending.Count > 0) lines.Add(_pending.ToArray());
                _pending.Clear();
                return lines;
            }
            var left = timeout - clock.Elapsed;
            int n;
            try
            {
                n = await _process.StandardOutput.BaseStream.ReadAsync(_chunk).AsTask().WaitAsync(left > TimeSpan.Zero ? left : TimeSpan.Zero);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"no expected line on stdout within {timeout.TotalSeconds} s; read so far:\n"
                    + string.Join("\n", lines.ConvertAll(l => Encoding.UTF8.GetString(l))) + $"\nstderr:\n{Stderr}");
            }
            if (n == 0) _eof = true;
            else _pending.AddRange(_chunk.AsSpan(0, n));
        }
    }

    /// <summary>Closes the child's stdin (with TOR_PT_EXIT_ON_STDIN_CLOSE=1 the PT then exits).</summary>
    public void CloseStdin() => _process.StandardInput.Close();

    /// <summary>Waits for the exit code; kills the process by its pid and throws when it outlives <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            _process.Kill();
            throw new TimeoutException($"process {_process.Id} did not exit within {timeout.TotalSeconds} s; killed it. stderr:\n{Stderr}");
        }
        return _process.ExitCode;
    }

    /// <summary>Kills the process if it still runs, by its pid.</summary>
    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill();
        }
        catch (InvalidOperationException)
        {
            // The process exited between the check and the kill.
        }
        _process.Dispose();
    }
}
