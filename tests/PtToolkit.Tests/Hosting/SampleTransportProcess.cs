using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading.Tasks;
using PtToolkit.Cli.Demo;
using Xunit;

namespace PtToolkit.Tests.Hosting;

/// <summary>
/// sample-transport (built beside the tests) run as a child process the way a parent runs a managed PT: only PATH and
/// the given variables, stdin kept open until <see cref="CloseStdin"/>, stdout read by line, stderr collected. Every
/// wait has a timeout; disposing kills the process through its <see cref="Process"/> object (by pid) if it still runs.
/// </summary>
internal sealed class SampleTransportProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();

    private SampleTransportProcess(Process process) => _process = process;

    /// <summary>The process id.</summary>
    public int Id => _process.Id;

    /// <summary>What it wrote on stderr so far.</summary>
    public string Stderr
    {
        get { lock (_stderr) return _stderr.ToString(); }
    }

    /// <summary>Starts it with only PATH and <paramref name="environment"/>, and <paramref name="arguments"/> after the dll.</summary>
    public static SampleTransportProcess Start(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var info = new ProcessStartInfo(SampleTransportLaunch.DotnetHost)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(SampleTransportLaunch.Dll);
        foreach (string argument in arguments) info.ArgumentList.Add(argument);
        info.Environment.Clear();
        info.Environment["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin";
        foreach (var (name, value) in environment) info.Environment[name] = value;
        var process = new Process { StartInfo = info };
        var started = new SampleTransportProcess(process);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (started._stderr) started._stderr.AppendLine(e.Data);
        };
        process.Start();
        process.BeginErrorReadLine();
        return started;
    }

    /// <summary>Stdout lines up to and including the first that starts with <paramref name="prefix"/>, or to the end of stdout.</summary>
    public async Task<List<string>> LinesThroughAsync(string prefix)
    {
        var lines = new List<string>();
        while (await _process.StandardOutput.ReadLineAsync().WaitAsync(InProcessHost.Timeout) is { } line)
        {
            lines.Add(line);
            if (line.StartsWith(prefix, StringComparison.Ordinal)) break;
        }
        return lines;
    }

    /// <summary>The rest of stdout, once the process closed it.</summary>
    public async Task<string> RestOfStdoutAsync() => await _process.StandardOutput.ReadToEndAsync().WaitAsync(InProcessHost.Timeout);

    /// <summary>Closes its stdin.</summary>
    public void CloseStdin() => _process.StandardInput.Close();

    /// <summary>Its exit code; fails when it runs past the timeout.</summary>
    public async Task<int> ExitCodeAsync()
    {
        await _process.WaitForExitAsync().WaitAsync(InProcessHost.Timeout);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill();
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
        _process.Dispose();
    }
}
