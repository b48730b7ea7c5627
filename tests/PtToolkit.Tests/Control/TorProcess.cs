using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using Xunit;

namespace PtToolkit.Tests.Control;

/// <summary>
/// A real tor (Debian's /usr/bin/tor) with no network: control port on 127.0.0.1 (auto port, read from
/// ControlPortWriteToFile), a control socket, cookie and password authentication, a temporary data directory,
/// its own empty torrc. It is stopped through its <see cref="Process"/> (by pid), and every wait has a timeout.
/// </summary>
internal sealed class TorProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly DirectoryInfo _directory;
    private readonly StringBuilder _output;

    private TorProcess(Process process, StringBuilder output, DirectoryInfo directory, IPEndPoint controlPort, string controlSocket, string dataDirectory, string portFile)
    {
        _process = process;
        _output = output;
        _directory = directory;
        ControlPort = controlPort;
        ControlSocket = new UnixDomainSocketEndPoint(controlSocket);
        DataDirectory = dataDirectory;
        PortFile = portFile;
    }

    /// <summary>The TCP control port.</summary>
    public IPEndPoint ControlPort { get; }

    /// <summary>The Unix domain control socket.</summary>
    public UnixDomainSocketEndPoint ControlSocket { get; }

    /// <summary>Tor's DataDirectory, where it writes <c>control_auth_cookie</c>.</summary>
    public string DataDirectory { get; }

    /// <summary>The file tor's ControlPortWriteToFile wrote (<c>PORT=127.0.0.1:NNNN</c>).</summary>
    public string PortFile { get; }

    /// <summary>What tor logged so far (for failure messages).</summary>
    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>
    /// Starts tor with a control password whose hash comes from <c>tor --hash-password</c>; its DataDirectory is
    /// <paramref name="dataDirectoryName"/> inside the temporary directory.
    /// </summary>
    public static async Task<TorProcess> StartAsync(string password, string dataDirectoryName = "data")
    {
        string tor = Executable();
        var directory = Directory.CreateTempSubdirectory("ptk-tor-");
        string torrc = Path.Combine(directory.FullName, "torrc");
        string defaults = Path.Combine(directory.FullName, "torrc-defaults");
        File.WriteAllText(torrc, "");
        File.WriteAllText(defaults, "");
        string hash = await HashPasswordAsync(tor, password);
        string portFile = Path.Combine(directory.FullName, "control-port");
        string socket = Path.Combine(directory.FullName, "control.sock");
        var info = new ProcessStartInfo(tor) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in new[]
        {
            "-f", torrc, "--defaults-torrc", defaults,
            "--SocksPort", "0",
            "--ControlPort", "127.0.0.1:auto",
            "--ControlPortWriteToFile", portFile,
            "--ControlSocket", "unix:" + socket,
            "--CookieAuthentication", "1",
            "--HashedControlPassword", hash,
            "--DataDirectory", Path.Combine(directory.FullName, dataDirectoryName),
            "--DisableNetwork", "1",
            "--Log", "notice stdout",
        })
        {
            info.ArgumentList.Add(argument);
        }
        var process = new Process { StartInfo = info };
        var output = new StringBuilder();
        var controlPort = await WaitForPortAsync(process, output, portFile, directory);
        return new TorProcess(process, output, directory, controlPort, socket, Path.Combine(directory.FullName, dataDirectoryName), portFile);
    }

    private static async Task<IPEndPoint> WaitForPortAsync(Process process, StringBuilder output, string portFile, DirectoryInfo directory)
    {
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null) lock (output) output.AppendLine(e.Data);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null) lock (output) output.AppendLine(e.Data);
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < StartupTimeout && !process.HasExited)
        {
            // ControlPortWriteToFile: "PORT=127.0.0.1:NNNN", written once the listener is open.
            string? line = File.Exists(portFile) ? File.ReadAllLines(portFile).FirstOrDefault(l => l.StartsWith("PORT=", StringComparison.Ordinal)) : null;
            if (line is not null && IPEndPoint.TryParse(line["PORT=".Length..], out var endPoint)) return endPoint;
            await Task.Delay(50);
        }
        if (!process.HasExited) process.Kill();
        await process.WaitForExitAsync().WaitAsync(ExitTimeout);
        directory.Delete(recursive: true);
        lock (output) throw new TimeoutException($"tor wrote no control port within {StartupTimeout.TotalSeconds} s:\n{output}");
    }

    private static async Task<string> HashPasswordAsync(string tor, string password)
    {
        var info = new ProcessStartInfo(tor) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("--quiet");
        info.ArgumentList.Add("--hash-password");
        info.ArgumentList.Add(password);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(ExitTimeout);
        }
        catch (TimeoutException)
        {
            process.Kill();
            throw;
        }
        string hash = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Last();
        Assert.StartsWith("16:", hash, StringComparison.Ordinal);
        return hash;
    }

    private static string Executable()
    {
        var directories = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Append("/usr/bin").Append("/usr/sbin");
        string? found = directories.Select(d => Path.Combine(d, "tor")).FirstOrDefault(File.Exists);
        Assert.True(found is not null, "tor is not installed (not on PATH, not in /usr/bin): run ./test.sh, which installs it (apt-get install tor).");
        return found!;
    }

    /// <summary>Waits for tor to exit by itself (after the owning connection closed, for example); kills it past the timeout.</summary>
    public async Task<bool> WaitForExitAsync()
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(ExitTimeout);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>Stops tor by its pid if it still runs, and deletes its directory.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited) _process.Kill();
            await _process.WaitForExitAsync().WaitAsync(ExitTimeout);
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
        _process.Dispose();
        _directory.Delete(recursive: true);
    }
}
