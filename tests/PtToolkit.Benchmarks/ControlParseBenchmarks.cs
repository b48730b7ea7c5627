using System;
using System.Globalization;
using System.IO;
using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using PtToolkit.Control;

namespace PtToolkit.Benchmarks;

/// <summary>
/// Framing and event parsing over the captured real tor 0.4.9 session (samples/transcripts/tor-0.4.9-control.s2c)
/// repeated to at least 10 MiB, the same bytes stem's bench_stem.py reads. One operation is one pass over the
/// whole corpus; the columns give time per reply, MB/s and bytes allocated per reply. The ceiling only finds
/// each CRLF; Frame cuts every reply; FrameInReads does so as the corpus arrives in 4 KiB reads, the way the
/// client's reader sees it; FrameAndView also makes a view of each reply; FrameAndDispatch reads every event
/// through its generated view.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ControlColumns))]
public class ControlParseBenchmarks
{
    private byte[] _corpus = [];

    /// <summary>Builds the corpus and checks that it frames whole and that every event reads as valid.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _corpus = ControlCorpus.Build();
        int replies = Frame();
        var handler = new CountingHandler();
        int events = 0;
        foreach (var (start, length) in ControlCorpus.Replies(_corpus))
        {
            if (!TorReplyView.TryParse(_corpus.AsSpan(start, length), out var reply, out var error)) throw new InvalidOperationException($"reply at {start}: {error}");
            if (!reply.IsAsync) continue;
            events++;
            TorEvents.DispatchEvent(reply.FirstLine, ref handler);
        }
        if (handler.Valid != events || handler.Other != 0) throw new InvalidOperationException($"{handler.Other} of {events} events are not valid.");
        Console.WriteLine($"// control corpus: {_corpus.Length} bytes, {ControlCorpus.Copies} copies, {replies} replies ({events} events), "
            + $"{Ceiling()} lines, {(double)_corpus.Length / replies:F2} B/reply");
    }

    /// <summary>One IndexOf of CRLF per line, counting lines: the ceiling.</summary>
    [Benchmark(Baseline = true)]
    public int Ceiling()
    {
        ReadOnlySpan<byte> rest = _corpus;
        int lines = 0;
        int end;
        while ((end = rest.IndexOf("\r\n"u8)) >= 0)
        {
            lines++;
            rest = rest[(end + 2)..];
        }
        return lines;
    }

    /// <summary>The framer over the corpus held whole: every reply cut, every line's head checked.</summary>
    [Benchmark]
    public int Frame()
    {
        var framer = new TorReplyFramer(TorReplyLimits.Default);
        ReadOnlySpan<byte> rest = _corpus;
        int replies = 0;
        while (framer.Frame(rest, out int length) == TorFrameStatus.Reply)
        {
            replies++;
            rest = rest[length..];
        }
        return replies;
    }

    /// <summary>The framer as the corpus arrives in 4 KiB reads: a reply split by a read resumes where it stopped.</summary>
    [Benchmark]
    public int FrameInReads()
    {
        var framer = new TorReplyFramer(TorReplyLimits.Default);
        int start = 0, end = 0, replies = 0;
        while (end < _corpus.Length)
        {
            end = Math.Min(_corpus.Length, end + 4096);
            while (framer.Frame(_corpus.AsSpan(start, end - start), out int length) == TorFrameStatus.Reply)
            {
                replies++;
                start += length;
            }
        }
        return replies;
    }

    /// <summary>Framing, then a view of every reply (TryParse walks its lines again), without reading events.</summary>
    [Benchmark]
    public int FrameAndView()
    {
        var framer = new TorReplyFramer(TorReplyLimits.Default);
        ReadOnlySpan<byte> rest = _corpus;
        int events = 0;
        while (framer.Frame(rest, out int length) == TorFrameStatus.Reply)
        {
            if (TorReplyView.TryParse(rest[..length], out var reply, out _) && reply.IsAsync) events += reply.FirstLine.Text.Length;
            rest = rest[length..];
        }
        return events;
    }

    /// <summary>Framing, then every event (650) read through its generated view by the dispatcher.</summary>
    [Benchmark]
    public int FrameAndDispatch()
    {
        var framer = new TorReplyFramer(TorReplyLimits.Default);
        var handler = new CountingHandler();
        ReadOnlySpan<byte> rest = _corpus;
        while (framer.Frame(rest, out int length) == TorFrameStatus.Reply)
        {
            // TryParse walks the reply's lines again to give the view; the framer does not hand one out.
            if (TorReplyView.TryParse(rest[..length], out var reply, out _) && reply.IsAsync) TorEvents.DispatchEvent(reply.FirstLine, ref handler);
            rest = rest[length..];
        }
        return handler.Valid;
    }
}

/// <summary>The captured session repeated; the same bytes bench_stem.py builds with <c>--target-mb 10.52232</c>.</summary>
internal static class ControlCorpus
{
    /// <summary>The corpus is the capture repeated until it reaches this size (10 MiB).</summary>
    public const int TargetBytes = 10 * 1024 * 1024;

    private static readonly Lazy<byte[]> Capture = new(() => File.ReadAllBytes(CapturePath()));

    /// <summary>How many copies of the capture the corpus holds.</summary>
    public static int Copies => (TargetBytes + Capture.Value.Length - 1) / Capture.Value.Length;

    /// <summary>The corpus size in bytes.</summary>
    public static int Length => Capture.Value.Length * Copies;

    /// <summary>Replies in the corpus.</summary>
    public static int ReplyCount => CountedReplies.Value;

    private static readonly Lazy<int> CountedReplies = new(() => Replies(Build()).Length);

    /// <summary>The capture repeated <see cref="Copies"/> times.</summary>
    public static byte[] Build()
    {
        byte[] capture = Capture.Value;
        byte[] corpus = new byte[capture.Length * Copies];
        for (int i = 0; i < Copies; i++) capture.CopyTo(corpus, i * capture.Length);
        return corpus;
    }

    /// <summary>Each reply as (start, length), framed whole; throws when the bytes do not frame.</summary>
    public static (int Start, int Length)[] Replies(byte[] corpus)
    {
        var framer = new TorReplyFramer(TorReplyLimits.Default);
        var replies = new System.Collections.Generic.List<(int, int)>();
        int start = 0;
        while (framer.Frame(corpus.AsSpan(start), out int length) == TorFrameStatus.Reply)
        {
            replies.Add((start, length));
            start += length;
        }
        if (start != corpus.Length) throw new InvalidDataException($"the capture does not frame whole: {framer.Error}");
        return replies.ToArray();
    }

    private static string CapturePath([CallerFilePath] string source = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source)!, "..", "..", "samples", "transcripts", "tor-0.4.9-control.s2c"));
}

/// <summary>Counts the events the dispatcher hands over, through the generated base handler: valid views, and the others.</summary>
internal sealed class CountingHandler : TorEvents.EventHandlerBase
{
    /// <summary>Events read as valid views.</summary>
    public int Valid;

    /// <summary>Events of no kind the spec names, or whose arguments break its grammar.</summary>
    public int Other;

    public override void OnUnknownEvent(TorReplyLineView line) => Other++;
    public override void OnInvalidEvent(TorReplyLineView line, TorEvents.EventKind kind, TorControlError error) => Other++;
    protected override void OnEvent(TorEvents.EventKind kind, TorReplyLineView line) => Valid++;
}

/// <summary>Per-reply columns for a benchmark whose operation is one pass over <see cref="ControlCorpus"/>.</summary>
public sealed class ControlColumns : ManualConfig
{
    /// <summary>Adds ns/reply, MB/s and B/reply.</summary>
    public ControlColumns() => AddColumn(new PerReplyColumn("ns/reply"), new PerReplyColumn("MB/s"), new PerReplyColumn("B/reply"));

    private sealed class PerReplyColumn(string name) : IColumn
    {
        public string Id => "ControlCorpus." + name;
        public string ColumnName => name;
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => name.Length;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => name switch
        {
            "ns/reply" => "Mean time per corpus pass divided by the replies in the corpus",
            "MB/s" => "Corpus bytes per second, in 10^6 B/s",
            _ => "Bytes allocated per corpus pass divided by the replies in the corpus",
        };
        public bool IsAvailable(Summary summary) => true;
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var report = summary[benchmarkCase];
            double? nanoseconds = report?.ResultStatistics?.Mean;
            if (report is null || nanoseconds is not > 0) return "-";
            int replies = ControlCorpus.ReplyCount;
            double bytes = ControlCorpus.Length;
            return name switch
            {
                "ns/reply" => (nanoseconds.Value / replies).ToString("F2", CultureInfo.InvariantCulture),
                "MB/s" => (bytes / nanoseconds.Value * 1e3).ToString("F0", CultureInfo.InvariantCulture),
                _ => ((double)(report.GcStats.GetBytesAllocatedPerOperation(benchmarkCase) ?? 0) / replies).ToString("F3", CultureInfo.InvariantCulture),
            };
        }
    }
}
