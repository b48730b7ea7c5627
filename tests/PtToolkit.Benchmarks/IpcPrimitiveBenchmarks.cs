using System;
using System.Text;
using BenchmarkDotNet.Attributes;
using PtToolkit.Ipc;
using PtToolkit.Text;

namespace PtToolkit.Benchmarks;

/// <summary>
/// The runtime/Text primitives that the generated parsers call, each on the field of a corpus line where
/// the parser calls it (lines without their LF), next to the whole message parse and the dispatcher, so
/// that a change to one primitive shows in its own row.
/// </summary>
[MemoryDiagnoser]
public class IpcPrimitiveBenchmarks
{
    private readonly byte[] _log = Line("LOG SEVERITY=debug MESSAGE=\"Connected to bridge A\"");
    private readonly byte[] _cmethod = Line("CMETHOD obfs4 socks5 127.0.0.1:19999");
    private readonly byte[] _status = Line("STATUS TRANSPORT=obfs4 ADDRESS=198.51.100.1:4444 CONNECT=Success");
    private readonly byte[] _smethod = Line("SMETHOD obfs4 198.51.100.1:4444 ARGS:cert=ssH+9rP8dG2NLDN2XuFw63hIO/9MNNinLmxQDpVa+7kTOa9/m+tGWT1SmSYpQ9uTBGa6Hw,iat-mode=0");
    private int _severityAt;
    private int _messageAt;
    private int _addressAt;
    private int _valuesAt;
    private int _argsAt;

    private static byte[] Line(string text) => Encoding.ASCII.GetBytes(text);

    private static int After(byte[] line, string marker) =>
        line.AsSpan().IndexOf(Encoding.ASCII.GetBytes(marker)) + marker.Length;

    /// <summary>Finds where each field starts and checks that every benchmark succeeds.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _severityAt = After(_log, "SEVERITY=");
        _messageAt = After(_log, "MESSAGE=");
        _addressAt = After(_cmethod, "socks5 ");
        _valuesAt = After(_status, "obfs4 ");
        _argsAt = After(_smethod, "ARGS:");
        long[] results = [LogKeyword(), LogSeverity(), LogMessage(), LogView(), LogDispatch(), CmethodAddress(), CmethodIPv4(), CmethodView(), StatusValues(), SmethodArgs()];
        if (Array.IndexOf(results, -1L) >= 0) throw new InvalidOperationException("A primitive benchmark failed on its line.");
    }

    /// <summary>TrimLineEnd + Keyword on a LOG line (what Dispatch does first).</summary>
    [Benchmark]
    public long LogKeyword() => PtLineCursor.Keyword(PtLineCursor.TrimLineEnd(_log)).Length;

    /// <summary>EnumToken for <c>debug</c> (visible-ASCII word, then keyword bytes).</summary>
    [Benchmark]
    public long LogSeverity()
    {
        var c = new PtLineCursor(_log);
        c.Skip(_severityAt);
        return c.EnumToken(out var token, "severity") ? token.Length : -1;
    }

    /// <summary>QuotedString for <c>"Connected to bridge A"</c>.</summary>
    [Benchmark]
    public long LogMessage()
    {
        var c = new PtLineCursor(_log);
        c.Skip(_messageAt);
        return c.QuotedString(out var value, "message") ? value.Raw.Length : -1;
    }

    /// <summary>The whole LOG line through LogView.TryParse.</summary>
    [Benchmark]
    public long LogView() => PtIpc.LogView.TryParse(_log, out var view, out _) ? view.Message.Raw.Length : -1;

    /// <summary>The whole LOG line through the dispatcher.</summary>
    [Benchmark]
    public long LogDispatch()
    {
        var handler = new SumHandler();
        return PtIpc.Dispatch(_log, ref handler).IsMessage ? handler.Sum : -1;
    }

    /// <summary>Endpoint for <c>127.0.0.1:19999</c> at the end of a CMETHOD line.</summary>
    [Benchmark]
    public long CmethodAddress()
    {
        var c = new PtLineCursor(_cmethod);
        c.Skip(_addressAt);
        return c.Endpoint(false, out var endpoint, "address") ? endpoint.Port : -1;
    }

    /// <summary>PtAddressSyntax.IsIPv4 for <c>127.0.0.1</c>.</summary>
    [Benchmark]
    public long CmethodIPv4() => PtAddressSyntax.IsIPv4(_cmethod.AsSpan(_addressAt, 9)) ? 1 : -1;

    /// <summary>The whole CMETHOD line through CmethodView.TryParse.</summary>
    [Benchmark]
    public long CmethodView() => PtIpc.CmethodView.TryParse(_cmethod, out var view, out _) ? view.Address.Port : -1;

    /// <summary>KeyValues (PtKvLine.TryScan) for <c>ADDRESS=198.51.100.1:4444 CONNECT=Success</c>.</summary>
    [Benchmark]
    public long StatusValues()
    {
        var c = new PtLineCursor(_status);
        c.Skip(_valuesAt);
        return c.KeyValues(out var values, "values") ? values.Raw.Length : -1;
    }

    /// <summary>Args (PtArgs.TryScan) for the obfs4 <c>cert=...,iat-mode=0</c> pairs.</summary>
    [Benchmark]
    public long SmethodArgs()
    {
        var c = new PtLineCursor(_smethod);
        c.Skip(_argsAt);
        return c.Args(out var args, "args") ? args.Raw.Length : -1;
    }
}
