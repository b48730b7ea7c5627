using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using PtToolkit.Cli.Demo;
using PtToolkit.Launch;
using PtToolkit.Tests.Launch;
using Xunit;

namespace PtToolkit.Tests.Hosting;

/// <summary>
/// The host in a real process (sample-transport as a child, signalled by pid): the configuration lines on the real
/// stdout and stderr with their exit codes, and each way to stop of pt-2.2 §1.3 ending in exit code 0.
/// </summary>
public sealed class SampleTransportProcessTests
{
    private static Dictionary<string, string> Client(bool exitOnStdinClose) => new()
    {
        ["TOR_PT_MANAGED_TRANSPORT_VER"] = "1",
        ["TOR_PT_CLIENT_TRANSPORTS"] = "sample",
        ["TOR_PT_EXIT_ON_STDIN_CLOSE"] = exitOnStdinClose ? "1" : "0",
    };

    [Theory]
    [InlineData(PtSignals.SigTerm, "SIGTERM")]
    [InlineData(2, "SIGINT")]
    public async Task A_signal_stops_it_gracefully_with_exit_code_0(int signal, string name)
    {
        using var pt = SampleTransportProcess.Start(Client(exitOnStdinClose: false));
        var lines = await pt.LinesThroughAsync("CMETHODS DONE");
        Assert.Equal(["VERSION 1", "CMETHODS DONE"], new[] { lines[0], lines[^1] });

        Assert.True(PtSignals.Send(pt.Id, signal));

        Assert.Equal(0, await pt.ExitCodeAsync());
        Assert.Equal($"LOG SEVERITY=notice MESSAGE=\"stopping: {name}; 0 connections open\"\n", await pt.RestOfStdoutAsync());
    }

    [Fact]
    public async Task Closing_stdin_stops_it_with_exit_code_0()
    {
        using var pt = SampleTransportProcess.Start(Client(exitOnStdinClose: true));
        await pt.LinesThroughAsync("CMETHODS DONE");

        pt.CloseStdin();

        Assert.Equal(0, await pt.ExitCodeAsync());
        Assert.Equal("LOG SEVERITY=notice MESSAGE=\"stopping: stdin was closed; 0 connections open\"\n", await pt.RestOfStdoutAsync());
    }

    [Fact]
    public async Task A_1_0_error_line_goes_to_stdout_and_the_exit_code_follows()
    {
        var environment = Client(exitOnStdinClose: true);
        environment["TOR_PT_MANAGED_TRANSPORT_VER"] = "9";
        using var pt = SampleTransportProcess.Start(environment);

        Assert.Equal(78, await pt.ExitCodeAsync());
        Assert.StartsWith("VERSION-ERROR no-version TOR_PT_MANAGED_TRANSPORT_VER: \"9\"", await pt.RestOfStdoutAsync());
        Assert.Equal("", pt.Stderr);
    }

    [Fact]
    public async Task A_2_2_error_line_goes_to_stderr_after_VERSION_on_stdout()
    {
        using var pt = SampleTransportProcess.Start(new Dictionary<string, string>(), "-ptversion", "2.2", "-transport", "sample", "-server");

        Assert.Equal(64, await pt.ExitCodeAsync());
        Assert.Equal("VERSION 2.2\n", await pt.RestOfStdoutAsync());
        Assert.StartsWith("ENV-ERROR need TOR_PT_ORPORT or TOR_PT_EXTENDED_SERVER_PORT", pt.Stderr);
    }

    [Fact]
    public async Task When_its_parent_dies_it_stops()
    {
        var folder = Directory.CreateTempSubdirectory("pttoolkit-orphan-");
        string output = Path.Combine(folder.FullName, "stdout");
        var info = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, UseShellExecute = false };
        // The shell starts the PT in the background, prints its pid and waits: killing the shell orphans the PT.
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("\"$0\" \"$1\" >\"$2\" 2>&1 </dev/null & echo $!; wait");
        info.ArgumentList.Add(SampleTransportLaunch.DotnetHost);
        info.ArgumentList.Add(SampleTransportLaunch.Dll);
        info.ArgumentList.Add(output);
        info.Environment.Clear();
        info.Environment["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin";
        foreach (var (name, value) in Client(exitOnStdinClose: false)) info.Environment[name] = value;
        using var shell = Process.Start(info)!;
        int pid = int.Parse((await shell.StandardOutput.ReadLineAsync().WaitAsync(InProcessHost.Timeout))!, System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            var deadline = DateTime.UtcNow + InProcessHost.Timeout;
            while (!(File.Exists(output) && File.ReadAllText(output).Contains("CMETHODS DONE", StringComparison.Ordinal)))
            {
                Assert.True(DateTime.UtcNow < deadline, "the PT did not finish its startup");
                await Task.Delay(20);
            }

            shell.Kill();
            await shell.WaitForExitAsync().WaitAsync(InProcessHost.Timeout);

            await FakePt.AssertGone(pid);
            Assert.EndsWith("LOG SEVERITY=notice MESSAGE=\"stopping: the parent process exited; 0 connections open\"\n", File.ReadAllText(output));
        }
        finally
        {
            if (Directory.Exists($"/proc/{pid}"))
            {
                using var orphan = Process.GetProcessById(pid);
                orphan.Kill();
            }
            folder.Delete(recursive: true);
        }
    }
}
