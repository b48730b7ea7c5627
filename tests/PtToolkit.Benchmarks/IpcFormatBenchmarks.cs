using System;
using System.Buffers;
using System.Text;
using BenchmarkDotNet.Attributes;
using PtToolkit.Ipc;
using PtToolkit.Text;

namespace PtToolkit.Benchmarks;

/// <summary>
/// Writing the lines of goptlib's line benchmarks (../shared/bench/goptlib/external_bench_test.go:
/// BenchmarkSmethodArgsLine, BenchmarkCmethodLine, BenchmarkLogLinePlain, BenchmarkLogLineEscaped) with the
/// generated formatters into a reused buffer: the typed static TryFormat and the owned message's TryFormat.
/// </summary>
[MemoryDiagnoser]
public class IpcFormatBenchmarks
{
    private const string Cert = "ssH+9rP8dG2NLDN2XuFw63hIO/9MNNinLmxQDpVa+7kTOa9/m+tGWT1SmSYpQ9uTBGa6Hw";
    private const string PlainMessage = "obfs4 - registered listener: 127.0.0.1:43210";
    private const string EscapedMessage = "connection from \"127.0.0.1:5555\" failed: C:\\path\nEOF";

    private static readonly PtEndpoint Listener = PtEndpoint.IPv4("127.0.0.1", 43210);
    private static readonly PtKeyValueList Args = new(("cert", Cert), ("iat-mode", "0"));

    private readonly byte[] _buffer = new byte[512];
    private readonly PtIpc.SmethodMessage _smethod = new("obfs4", Listener, Args);
    private readonly PtIpc.CmethodMessage _cmethod = new("obfs4", PtIpc.ClientProxyKind.Socks5, Listener);
    private readonly PtIpc.LogMessage _logPlain = new(PtIpc.LogSeverity.Notice, PlainMessage);
    private readonly PtIpc.LogMessage _logEscaped = new(PtIpc.LogSeverity.Warning, EscapedMessage);

    /// <summary>Checks that every benchmark writes the line goptlib writes (same fields; escapes may be spelt differently).</summary>
    [GlobalSetup]
    public void Setup()
    {
        Expect(SmethodArgsLine, "SMETHOD obfs4 127.0.0.1:43210 ARGS:cert=" + Cert + ",iat-mode=0\n");
        Expect(SmethodArgsLineOwned, "SMETHOD obfs4 127.0.0.1:43210 ARGS:cert=" + Cert + ",iat-mode=0\n");
        Expect(CmethodLine, "CMETHOD obfs4 socks5 127.0.0.1:43210\n");
        Expect(CmethodLineOwned, "CMETHOD obfs4 socks5 127.0.0.1:43210\n");
        Expect(LogLinePlain, "LOG SEVERITY=notice MESSAGE=\"" + PlainMessage + "\"\n");
        Expect(LogLinePlainOwned, "LOG SEVERITY=notice MESSAGE=\"" + PlainMessage + "\"\n");
        // goptlib writes octal escapes (\042 \134 \012); the generated formatter writes \" \\ \n. Both read back alike.
        const string goptlibEscaped = "LOG SEVERITY=warning MESSAGE=\"connection from \\042127.0.0.1:5555\\042 failed: C:\\134path\\012EOF\"\n";
        if (!PtIpc.LogView.TryParse(Encoding.ASCII.GetBytes(goptlibEscaped), out var view, out _) || view.Message.ToString() != EscapedMessage)
            throw new InvalidOperationException("goptlib's escaped LOG line does not read back as its message.");
        Expect(LogLineEscaped, "LOG SEVERITY=warning MESSAGE=\"connection from \\\"127.0.0.1:5555\\\" failed: C:\\\\path\\nEOF\"\n");
        Expect(LogLineEscapedOwned, "LOG SEVERITY=warning MESSAGE=\"connection from \\\"127.0.0.1:5555\\\" failed: C:\\\\path\\nEOF\"\n");
    }

    private void Expect(Func<int> benchmark, string line)
    {
        int written = benchmark();
        string actual = Encoding.ASCII.GetString(_buffer, 0, written);
        if (actual != line) throw new InvalidOperationException($"{benchmark.Method.Name} wrote {actual} instead of {line}");
        Console.WriteLine($"// {benchmark.Method.Name}: {written} bytes: {actual.TrimEnd('\n')}");
    }

    private static int Written(OperationStatus status, int written) =>
        status == OperationStatus.Done ? written : throw new InvalidOperationException($"TryFormat returned {status}.");

    /// <summary><c>pt.SmethodArgs("obfs4", 127.0.0.1:43210, {cert, iat-mode=0})</c>, typed static TryFormat.</summary>
    [Benchmark]
    public int SmethodArgsLine() =>
        Written(PtIpc.SmethodMessage.TryFormat(_buffer, "obfs4", Listener, Args, null, out int n), n);

    /// <summary><c>pt.Cmethod("obfs4", "socks5", 127.0.0.1:43210)</c>, typed static TryFormat.</summary>
    [Benchmark]
    public int CmethodLine() =>
        Written(PtIpc.CmethodMessage.TryFormat(_buffer, "obfs4", PtIpc.ClientProxyKind.Socks5, Listener, out int n), n);

    /// <summary><c>pt.Log(notice, "obfs4 - registered listener: 127.0.0.1:43210")</c>, typed static TryFormat.</summary>
    [Benchmark]
    public int LogLinePlain() =>
        Written(PtIpc.LogMessage.TryFormat(_buffer, PtIpc.LogSeverity.Notice, PlainMessage, out int n), n);

    /// <summary><c>pt.Log(warning, "connection from \"127.0.0.1:5555\" failed: C:\path\nEOF")</c>, typed static TryFormat.</summary>
    [Benchmark]
    public int LogLineEscaped() =>
        Written(PtIpc.LogMessage.TryFormat(_buffer, PtIpc.LogSeverity.Warning, EscapedMessage, out int n), n);

    /// <summary>The SMETHOD line from an owned message.</summary>
    [Benchmark]
    public int SmethodArgsLineOwned() => Written(_smethod.TryFormat(_buffer, out int n), n);

    /// <summary>The CMETHOD line from an owned message.</summary>
    [Benchmark]
    public int CmethodLineOwned() => Written(_cmethod.TryFormat(_buffer, out int n), n);

    /// <summary>The plain LOG line from an owned message.</summary>
    [Benchmark]
    public int LogLinePlainOwned() => Written(_logPlain.TryFormat(_buffer, out int n), n);

    /// <summary>The escaped LOG line from an owned message.</summary>
    [Benchmark]
    public int LogLineEscapedOwned() => Written(_logEscaped.TryFormat(_buffer, out int n), n);
}
