using BenchmarkDotNet.Running;

namespace PtToolkit.Benchmarks;

/// <summary>Entry point: pick benchmarks with BenchmarkDotNet's command line (for example <c>--filter '*IpcParse*'</c>).</summary>
public static class Program
{
    /// <summary>Runs the benchmarks that the arguments select.</summary>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
