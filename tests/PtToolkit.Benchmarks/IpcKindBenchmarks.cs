using System;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using PtToolkit.Ipc;

namespace PtToolkit.Benchmarks;

/// <summary>
/// Where the generated parser's time goes, per message kind: the corpus lines of one keyword only, with the
/// ceiling (line splitting), the dispatcher, and the message's own TryParse (without the dispatcher).
/// One operation is one line; the line counts are those of <see cref="IpcCorpus"/>, checked at setup.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class IpcKindBenchmarks
{
    private const int CmethodLines = 1885;
    private const int SmethodLines = 1497;
    private const int LogLines = 10300;
    private const int StatusLines = 3701;

    private byte[] _cmethod = [];
    private byte[] _smethod = [];
    private byte[] _log = [];
    private byte[] _status = [];

    /// <summary>Splits the corpus by keyword and checks the line counts.</summary>
    [GlobalSetup]
    public void Setup()
    {
        byte[] corpus = IpcCorpus.Build();
        _cmethod = Take(corpus, "CMETHOD", CmethodLines);
        _smethod = Take(corpus, "SMETHOD", SmethodLines);
        _log = Take(corpus, "LOG", LogLines);
        _status = Take(corpus, "STATUS", StatusLines);
    }

    private static byte[] Take(byte[] corpus, string keyword, int expectedLines)
    {
        byte[] lines = IpcCorpus.Only(corpus, keyword);
        int count = lines.AsSpan().Count((byte)'\n');
        if (count != expectedLines) throw new InvalidOperationException($"{keyword}: {count} lines, not {expectedLines}.");
        Console.WriteLine($"// {keyword}: {count} lines, {lines.Length} bytes, {(double)lines.Length / count:F2} B/line");
        return lines;
    }

    private static int Split(byte[] lines)
    {
        int n = 0;
        foreach (var line in new LineEnumerator(lines)) n++;
        return n;
    }

    private static long Dispatch(byte[] lines)
    {
        var handler = new SumHandler();
        foreach (var line in new LineEnumerator(lines)) PtIpc.Dispatch(line, ref handler);
        return handler.Sum + handler.Invalid * 1_000_000L;
    }

    /// <summary>CMETHOD lines: splitting only.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = CmethodLines), BenchmarkCategory("CMETHOD")]
    public int CmethodCeiling() => Split(_cmethod);

    /// <summary>CMETHOD lines through the dispatcher.</summary>
    [Benchmark(OperationsPerInvoke = CmethodLines), BenchmarkCategory("CMETHOD")]
    public long CmethodDispatch() => Dispatch(_cmethod);

    /// <summary>CMETHOD lines through CmethodView.TryParse.</summary>
    [Benchmark(OperationsPerInvoke = CmethodLines), BenchmarkCategory("CMETHOD")]
    public long CmethodView()
    {
        long sum = 0;
        foreach (var line in new LineEnumerator(_cmethod))
            if (PtIpc.CmethodView.TryParse(line, out var v, out _)) sum += v.Address.Port;
        return sum;
    }

    /// <summary>SMETHOD lines: splitting only.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = SmethodLines), BenchmarkCategory("SMETHOD")]
    public int SmethodCeiling() => Split(_smethod);

    /// <summary>SMETHOD lines through the dispatcher.</summary>
    [Benchmark(OperationsPerInvoke = SmethodLines), BenchmarkCategory("SMETHOD")]
    public long SmethodDispatch() => Dispatch(_smethod);

    /// <summary>SMETHOD lines through SmethodView.TryParse.</summary>
    [Benchmark(OperationsPerInvoke = SmethodLines), BenchmarkCategory("SMETHOD")]
    public long SmethodView()
    {
        long sum = 0;
        foreach (var line in new LineEnumerator(_smethod))
            if (PtIpc.SmethodView.TryParse(line, out var v, out _)) sum += v.Args.Raw.Length;
        return sum;
    }

    /// <summary>LOG lines: splitting only.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = LogLines), BenchmarkCategory("LOG")]
    public int LogCeiling() => Split(_log);

    /// <summary>LOG lines through the dispatcher.</summary>
    [Benchmark(OperationsPerInvoke = LogLines), BenchmarkCategory("LOG")]
    public long LogDispatch() => Dispatch(_log);

    /// <summary>LOG lines through LogView.TryParse.</summary>
    [Benchmark(OperationsPerInvoke = LogLines), BenchmarkCategory("LOG")]
    public long LogView()
    {
        long sum = 0;
        foreach (var line in new LineEnumerator(_log))
            if (PtIpc.LogView.TryParse(line, out var v, out _)) sum += v.Message.Raw.Length;
        return sum;
    }

    /// <summary>STATUS lines: splitting only.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = StatusLines), BenchmarkCategory("STATUS")]
    public int StatusCeiling() => Split(_status);

    /// <summary>STATUS lines through the dispatcher.</summary>
    [Benchmark(OperationsPerInvoke = StatusLines), BenchmarkCategory("STATUS")]
    public long StatusDispatch() => Dispatch(_status);

    /// <summary>STATUS lines through StatusView.TryParse.</summary>
    [Benchmark(OperationsPerInvoke = StatusLines), BenchmarkCategory("STATUS")]
    public long StatusView()
    {
        long sum = 0;
        foreach (var line in new LineEnumerator(_status))
            if (PtIpc.StatusView.TryParse(line, out var v, out _)) sum += v.Values.Raw.Length;
        return sum;
    }
}
