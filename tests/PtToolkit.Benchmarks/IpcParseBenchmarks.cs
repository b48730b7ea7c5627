using System;
using BenchmarkDotNet.Attributes;
using PtToolkit.Ipc;

namespace PtToolkit.Benchmarks;

/// <summary>
/// Parsing the IPC corpus (<see cref="IpcCorpus"/>) line by line; one operation is one line. The ceiling
/// only finds each line's end; the generated parser validates every field of every line.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class IpcParseBenchmarks
{
    private byte[] _corpus = [];

    /// <summary>Builds the corpus and checks that the generated parser takes every line.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _corpus = IpcCorpus.Build();
        Console.WriteLine($"// IPC corpus: {_corpus.Length} bytes, {IpcCorpus.LineCount} lines, {(double)_corpus.Length / IpcCorpus.LineCount:F2} B/line");
        var handler = new SumHandler();
        foreach (var line in new LineEnumerator(_corpus)) PtIpc.Dispatch(line, ref handler);
        if (handler.Unknown != 0 || handler.Invalid != 0)
            throw new InvalidOperationException($"The generated parser rejected corpus lines: {handler.Unknown} unknown, {handler.Invalid} invalid.");
    }

    /// <summary>One IndexOf of LF per line, counting lines: the ceiling.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = IpcCorpus.LineCount)]
    public int Ceiling()
    {
        int lines = 0;
        foreach (var line in new LineEnumerator(_corpus)) lines++;
        return lines;
    }

    /// <summary>Keyword and space count only (TOOLCHAIN.md's 20-line span tokenizer).</summary>
    [Benchmark(OperationsPerInvoke = IpcCorpus.LineCount)]
    public long SpanTokenizer()
    {
        long sum = 0;
        foreach (var line in new LineEnumerator(_corpus)) sum += Benchmarks.SpanTokenizer.Tokenize(line);
        return sum;
    }

    /// <summary>GetString + Split + switch, fields into locals.</summary>
    [Benchmark(OperationsPerInvoke = IpcCorpus.LineCount)]
    public long HandWritten()
    {
        long sum = 0;
        foreach (var line in new LineEnumerator(_corpus)) sum += HandWrittenParser.ParseLine(line);
        return sum;
    }

    /// <summary>The generated dispatcher with a struct handler: every field validated, nothing allocated.</summary>
    [Benchmark(OperationsPerInvoke = IpcCorpus.LineCount)]
    public long Generated()
    {
        var handler = new SumHandler();
        foreach (var line in new LineEnumerator(_corpus)) PtIpc.Dispatch(line, ref handler);
        return handler.Sum;
    }
}
