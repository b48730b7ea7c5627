using System;
using System.Globalization;
using System.Linq;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace PtToolkit.Benchmarks;

/// <summary>
/// Lines per second and MB/s of a per-line benchmark (one whose operation is one corpus line), from its
/// mean. The bytes per line are those of the whole corpus, or of the lines of one keyword when the
/// benchmark has that keyword as a category (see <see cref="IpcKindBenchmarks"/>).
/// </summary>
public sealed class ThroughputColumn : IColumn
{
    private readonly bool _megabytes;

    /// <summary>A column of MB/s when <paramref name="megabytes"/>, else of millions of lines per second.</summary>
    public ThroughputColumn(bool megabytes) => _megabytes = megabytes;

    /// <inheritdoc/>
    public string Id => _megabytes ? "Throughput.MBps" : "Throughput.Mlines";

    /// <inheritdoc/>
    public string ColumnName => _megabytes ? "MB/s" : "Mlines/s";

    /// <inheritdoc/>
    public bool AlwaysShow => true;

    /// <inheritdoc/>
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc/>
    public int PriorityInCategory => _megabytes ? 1 : 0;

    /// <inheritdoc/>
    public bool IsNumeric => true;

    /// <inheritdoc/>
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc/>
    public string Legend => _megabytes
        ? "Bytes of corpus lines parsed per second, in 10^6 B/s (bytes per line times lines per second)"
        : "Corpus lines parsed per second, in millions";

    /// <inheritdoc/>
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc/>
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        GetValue(summary, benchmarkCase, SummaryStyle.Default);

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        double? nanosecondsPerLine = summary[benchmarkCase]?.ResultStatistics?.Mean;
        if (nanosecondsPerLine is not > 0) return "-";
        double linesPerSecond = 1e9 / nanosecondsPerLine.Value;
        if (!_megabytes) return (linesPerSecond / 1e6).ToString("F2", CultureInfo.InvariantCulture);
        return (linesPerSecond * BytesPerLine(benchmarkCase) / 1e6).ToString("F0", CultureInfo.InvariantCulture);
    }

    private static double BytesPerLine(BenchmarkCase benchmarkCase)
    {
        string? keyword = benchmarkCase.Descriptor.Categories.FirstOrDefault(c => IpcCorpus.Lines.Any(l => l.Line.StartsWith(c + " ", StringComparison.Ordinal)));
        byte[] lines = keyword is null ? Corpus.Value : IpcCorpus.Only(Corpus.Value, keyword);
        return (double)lines.Length / lines.AsSpan().Count((byte)'\n');
    }

    private static readonly Lazy<byte[]> Corpus = new(IpcCorpus.Build);
}

/// <summary>Adds the throughput columns (<see cref="ThroughputColumn"/>) to a benchmark class.</summary>
public sealed class ThroughputConfig : ManualConfig
{
    /// <summary>Creates the configuration.</summary>
    public ThroughputConfig()
    {
        AddColumn(new ThroughputColumn(megabytes: false), new ThroughputColumn(megabytes: true));
    }
}
