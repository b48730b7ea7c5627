using System.IO;
using BenchmarkDotNet.Attributes;
using PtToolkit.Launch;
using PtToolkit.Samples.SampleTransport;

namespace PtToolkit.Benchmarks;

/// <summary>
/// Time from spawn to configured (CMETHODS DONE read and every rule checked) of a PT client launched by
/// <see cref="PtLauncher"/>: Debian's obfs4proxy (Go), the sample transport as a process (the dotnet host starting
/// sample-transport.dll), and the sample transport run in this process. One operation is one start; the PT is stopped
/// (pt-2.2 §1.3) after each, outside the measurement.
/// </summary>
[Config(typeof(LaunchBenchmarks.Config))]
public class LaunchStartupBenchmarks
{
    private DirectoryInfo _state = null!;
    private PtLauncher? _launcher;

    /// <summary>A state folder for the PTs.</summary>
    [GlobalSetup]
    public void Setup() => _state = Directory.CreateTempSubdirectory("pt-bench-startup-");

    /// <summary>Removes the state folder.</summary>
    [GlobalCleanup]
    public void Cleanup() => _state.Delete(recursive: true);

    /// <summary>Stops the PT started by the operation.</summary>
    [IterationCleanup]
    public void Stop()
    {
        _launcher?.DisposeAsync().AsTask().Wait(LaunchBenchmarks.Timeout);
        _launcher = null;
    }

    /// <summary>obfs4proxy as an obfs4 client.</summary>
    [Benchmark(Baseline = true)]
    public PtStartupResult Obfs4proxyProcess()
    {
        _launcher = new PtLauncher(PtLaunchOptions.ForClient(LaunchBenchmarks.Obfs4proxy, LaunchBenchmarks.Client("obfs4", _state)));
        return LaunchBenchmarks.Configured(_launcher);
    }

    /// <summary>The sample transport as a client process.</summary>
    [Benchmark]
    public PtStartupResult SampleProcess()
    {
        _launcher = new PtLauncher(LaunchBenchmarks.SampleProcess(PtLaunchOptions.ForClient(LaunchBenchmarks.DotnetHost, LaunchBenchmarks.Client(SampleTransport.Name, _state))));
        return LaunchBenchmarks.Configured(_launcher);
    }

    /// <summary>The sample transport as a client in this process.</summary>
    [Benchmark]
    public PtStartupResult SampleInProcess()
    {
        _launcher = PtLauncher.InProcessClient(new SampleTransport(), PtLaunchOptions.ForClient("sample", LaunchBenchmarks.Client(SampleTransport.Name, _state)));
        return LaunchBenchmarks.Configured(_launcher);
    }
}
