using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Text;
using PtToolkit.Generator.Reading;

namespace PtToolkit.Generator.Tests;

/// <summary>
/// The test assembly's entry point, used to read a spec in a child process: an input that overflows the stack
/// ends that process, not the test run. <c>dotnet PtToolkit.Generator.Tests.dll read-spec FILE</c> prints the
/// ids of the diagnostics, comma-separated.
/// </summary>
internal static class ChildProcessEntry
{
    public static int Main(string[] args)
    {
        if (args.Length != 2 || args[0] != "read-spec") return 2;
        var result = SpecReader.Read(args[1], SourceText.From(File.ReadAllText(args[1])), CancellationToken.None);
        Console.Out.WriteLine(string.Join(",", result.Diagnostics.Select(d => d.Id)));
        return 0;
    }

    /// <summary>Reads <paramref name="specText"/> in a child process, stopped by its pid after <paramref name="timeout"/>.</summary>
    public static (int ExitCode, string Output, string Error) ReadSpecInChild(string specText, TimeSpan timeout)
    {
        string path = Path.Combine(Path.GetTempPath(), $"ptg-child-{Guid.NewGuid():N}.spec");
        File.WriteAllText(path, specText);
        try
        {
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(typeof(ChildProcessEntry).Assembly.Location);
            start.ArgumentList.Add("read-spec");
            start.ArgumentList.Add(path);
            using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
            Task<string> output = process.StandardOutput.ReadToEndAsync();
            Task<string> error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill();
                process.WaitForExit();
                return (-1, output.Result, "timed out");
            }
            return (process.ExitCode, output.Result.Trim(), error.Result);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
