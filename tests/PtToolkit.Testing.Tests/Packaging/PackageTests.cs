using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace PtToolkit.Testing.Tests.Packaging;

/// <summary>
/// <c>dotnet pack</c> of PtToolkit and PtToolkit.Testing (from the build this test runs on), then samples/Consumer
/// built in a temporary folder against those packages through its own nuget.config, and run; then its spec is
/// edited (a new message: the rebuild has the new binding) and broken (a build error at the spec line). The packages get a
/// version of their own and the restore a package folder of its own, so no cache holds a stale PtToolkit; the
/// machine's package folder is only a fallback for the other dependencies (offline when they are there).
/// </summary>
public sealed class PackageTests : IDisposable
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(120);

    private readonly string _temp = Directory.CreateTempSubdirectory("pttoolkit-pack-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Toolkit.sln"))) directory = directory.Parent;
        Assert.True(directory is not null, "Toolkit.sln not found above " + AppContext.BaseDirectory);
        return directory!.FullName;
    }

    /// <summary>The configuration this test assembly was built in (…/bin/Release/net10.0/), which the packages are made from.</summary>
    private static string Configuration() => new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

    [Fact]
    public async Task Consumer_builds_and_runs_against_the_packed_packages()
    {
        string root = RepositoryRoot();
        string version = "0.1.0-test." + Guid.NewGuid().ToString("N")[..12];
        string consumer = Path.Combine(_temp, "Consumer");
        string feed = Path.Combine(consumer, "feed");
        CopySample(Path.Combine(root, "samples", "Consumer"), consumer);
        var none = new Dictionary<string, string>();

        foreach (string project in new[] { "runtime/PtToolkit.csproj", "tests/PtToolkit.Testing/PtToolkit.Testing.csproj" })
        {
            var pack = await DotnetCli.RunAsync(root, none, StepTimeout, "pack", project, "-c", Configuration(), "--no-build", "-o", feed,
                "-p:Version=" + version, "-p:NuspecOutputPath=" + Path.Combine(_temp, "nuspec") + "/");
            Assert.True(pack.ExitCode == 0, pack.Output);
        }
        AssertPackage(Path.Combine(feed, $"PtToolkit.{version}.nupkg"), "lib/net10.0/PtToolkit.dll", "analyzers/dotnet/cs/PtToolkit.Generator.dll", "build/PtToolkit.props", "README.md");
        AssertPackage(Path.Combine(feed, $"PtToolkit.Testing.{version}.nupkg"), "lib/net10.0/PtToolkit.Testing.dll", "README.md");
        string nuspec = ReadEntry(Path.Combine(feed, $"PtToolkit.Testing.{version}.nupkg"), "PtToolkit.Testing.nuspec");
        Assert.Contains($"<dependency id=\"PtToolkit\" version=\"{version}\"", nuspec);
        Assert.Contains("<license type=\"expression\">MIT</license>", nuspec);

        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(_temp, "packages") };
        string machinePackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } set ? set
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var build = new List<string> { "build", consumer, "-c", "Release", "-p:PtToolkitVersion=" + version, "-p:UseSharedCompilation=false" };
        if (Directory.Exists(machinePackages)) build.Add("-p:RestoreAdditionalProjectFallbackFolders=" + machinePackages);
        var built = await DotnetCli.RunAsync(consumer, environment, StepTimeout, build.ToArray());
        Assert.True(built.ExitCode == 0, built.Output);

        var run = await DotnetCli.RunAsync(consumer, environment, StepTimeout, Path.Combine(consumer, "bin", "Release", "net10.0", "Consumer.dll"));
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("toolkit: Cmethod", run.Output);
        Assert.Contains("ours:    MyStatus transport=mytransport health=degraded rtt=180 peer=bridge.example:443", run.Output);
        Assert.Contains("ours:    BridgeProbeEvent transport=mytransport address=198.51.100.7:443 health=down message=connection refused", run.Output);
        Assert.Contains("toolkit: Status", run.Output);
        Assert.Contains("ours:    BridgeProbeEvent refused: offset 44: address: port is not a number from 0 to 65535", run.Output);
        Assert.Contains("format:  EVENT BRIDGE-PROBE mytransport bridge.example:443 ok", run.Output);
        Assert.Contains("fuzz:    MyIpc agrees with its spec: 500 cases, passed", run.Output);
        Assert.Contains("fuzz:    MyFlags agrees with its spec: 500 cases, passed", run.Output);
        Assert.Contains("config:  VERSION 2.2 mytransport; logging=True level=INFO unsafe=False", run.Output);
        Assert.Contains("config:  ENV-ERROR need -enableLogging flag with -unsafeLogging (exit 64)", run.Output);

        // Edit the spec: the rebuild regenerates the bindings, and code using the new message compiles.
        string spec = Path.Combine(consumer, "spec", "my-transport.spec");
        File.AppendAllText(spec, "\nmessage ProbeDone = \"EVENT\" SP \"PROBE-DONE\" SP transport:token\n");
        File.WriteAllText(Path.Combine(consumer, "ProbeDoneUse.cs"),
            "namespace Consumer;\ninternal static class ProbeDoneUse\n{\n    public static bool Read(System.ReadOnlySpan<byte> line) => MyIpc.ProbeDoneView.TryParse(line, out _, out _);\n}\n");
        // The same for the flags: a new parameter is a new property of the generated record, bound from its flag.
        File.AppendAllText(Path.Combine(consumer, "spec", "my-flags.spec"), "\nparam LogFile : path\n    flag -logFile\n    side common\n");
        File.WriteAllText(Path.Combine(consumer, "LogFileUse.cs"),
            "namespace Consumer;\ninternal static class LogFileUse\n{\n    public static string? Read(string[] args) => MyFlags.TransportFlags.Bind(PtToolkit.Config.PtConfigSource.FromArguments(args)).Config?.LogFile;\n}\n");
        var rebuilt = await DotnetCli.RunAsync(consumer, environment, StepTimeout, build.ToArray());
        Assert.True(rebuilt.ExitCode == 0, rebuilt.Output);

        // A spec error is a build error located at its line and column in the spec file.
        int errorLine = File.ReadAllLines(spec).Length + 1;
        File.AppendAllText(spec, "message Broken = \"BROKEN\" SP x:nosuchtype\n");
        var broken = await DotnetCli.RunAsync(consumer, environment, StepTimeout, build.ToArray());
        Assert.NotEqual(0, broken.ExitCode);
        string located = $"{Path.GetFileName(spec)}({errorLine},32): error PTG002";
        Assert.True(broken.Output.Contains(located, StringComparison.Ordinal), $"no \"{located}\" in:\n{broken.Output}");
    }

    private static void CopySample(string from, string to)
    {
        foreach (string file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(from, file);
            if (relative.Split(Path.DirectorySeparatorChar)[0] is "bin" or "obj" or "feed") continue;
            string target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static void AssertPackage(string package, params string[] entries)
    {
        using var zip = ZipFile.OpenRead(package);
        var names = zip.Entries.Select(e => e.FullName).ToHashSet();
        foreach (string entry in entries) Assert.True(names.Contains(entry), $"{Path.GetFileName(package)} has no {entry}: {string.Join(", ", names)}");
    }

    private static string ReadEntry(string package, string entry)
    {
        using var zip = ZipFile.OpenRead(package);
        using var reader = new StreamReader(zip.GetEntry(entry)!.Open());
        return reader.ReadToEnd();
    }
}
