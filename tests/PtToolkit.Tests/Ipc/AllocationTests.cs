using System;
using System.Linq;
using PtToolkit.Ipc;
using PtToolkit.Text;
using Xunit;

namespace PtToolkit.Tests.Ipc;

/// <summary>Runs its tests alone, after the parallel ones, so that no other test keeps the JIT busy while they measure.</summary>
[CollectionDefinition(nameof(AllocationTests), DisableParallelization = true)]
public sealed class AllocationCollection
{
}

/// <summary>
/// Dispatch allocates nothing for valid, unknown and invalid lines (a struct handler reading every field), and the
/// typed static TryFormat overloads allocate nothing. Measured with GC.GetAllocatedBytesForCurrentThread: a
/// behaviour, not a timing.
/// </summary>
[Collection(nameof(AllocationTests))]
public class AllocationTests
{
    /// <summary>Valid lines of every kind, including optional parts, escapes, IPv6, and unknown enum values.</summary>
    public static readonly string[] ValidLinesOfEveryKind =
    {
        "VERSION-ERROR no-version",
        "VERSION 2.2",
        "ENV-ERROR No TOR_PT_AUTH_COOKIE_FILE when TOR_PT_EXTENDED_SERVER_PORT set",
        "PROXY DONE",
        "PROXY-ERROR SOCKS 4 upstream proxies unsupported.",
        "CMETHOD trebuchet socks5 127.0.0.1:19999",
        "CMETHOD meeklite transparent-TCP [::1]:19999",
        "CMETHOD x future-kind [2001:db8::1.2.3.4]:0",
        "CMETHOD-ERROR trebuchet no rocks available",
        "CMETHODS DONE",
        "SMETHOD obfs4 198.51.100.1:43734 ARGS:cert=HszPy3vWfjsESCEOo9ZBkRv6zQ/1mGHzc8arF0y2SpwFr3WhsMu8rK0zyaoyERfbz3ddFw,iat-mode=0",
        "SMETHOD t [::]:1 ARGS:a\\=b=c\\,d\\\\,e= more options here",
        "SMETHOD trebuchet 198.51.100.1:19999",
        "SMETHOD-ERROR trebuchet no cows available",
        "SMETHODS DONE",
        "LOG SEVERITY=debug MESSAGE=\"Connected to bridge A\"",
        "LOG SEVERITY=notice MESSAGE=\"tab\\there \\\"quoted\\\" \\101\\x42 \\303\\251\"",
        "LOG SEVERITY=verbose MESSAGE=bare",
        "LOG DEBUG This is an example debug log message.",
        "STATUS TRANSPORT=obfs4 ADDRESS=198.51.100.123:1234 CONNECT=Success",
        "STATUS TRANSPORT=\"a b\" ERRSTR=\"Connection refused\" EMPTY=\"\" BARE=",
        "EVENT CONNECTION obfs4 198.51.100.1 19999",
        "EVENT CONNECTION obfs4 bridge.example.com 443",
        "EVENT CONNECTION-ERROR obfs4 CONNECTION_IOERROR Connection was reset",
        "EVENT CONNECTION-ERROR obfs4 CONNECTION_REFUSED",
        "EVENT CONNECTION-DONE obfs4",
        "EVENT CONNECTION-SUCCESS obfs4",
    };

    [Fact]
    public void Dispatch_allocates_nothing_for_valid_lines_of_every_kind()
    {
        var lines = ValidLinesOfEveryKind.Select(l => LineText.Utf8(l + "\n")).ToArray();
        var handler = new ViewTouchingHandler();
        foreach (var line in lines)
        {
            var (outcome, _) = OwnedRecorder.Run(line);
            Assert.True(outcome.IsMessage, $"{LineText.Show(line)}: {outcome.Error}");
        }
        Assert.Equal(IpcParsers.Kinds.OrderBy(k => k), lines.Select(l => OwnedRecorder.Run(l).Outcome.Kind).Distinct().OrderBy(k => k));

        long allocated = Allocations.SteadyState(() =>
        {
            for (int r = 0; r < 200; r++)
            {
                foreach (var line in lines) PtIpc.Dispatch(line, ref handler);
            }
        });

        Assert.Equal(0, allocated);
        Assert.True(handler.Messages >= 200 * lines.Length);
        Assert.Equal(0, handler.Unknowns + handler.Invalids);
    }

    [Fact]
    public void Dispatch_allocates_nothing_for_unknown_and_invalid_lines()
    {
        var lines = new[]
        {
            "FOO bar", "EVENT FOO bar", "", "panic: x", "CMETHOD t socks5 1.2.3.4:70000", "LOG SEVERITY=debug MESSAGE=\"open",
            "SMETHOD t 1.2.3.4:5 ARGS:a=b,", "VERSION 2 PROXY DONE", "STATUS TRANSPORT=t", "EVENT CONNECTION t ::1 x",
        }.Select(l => LineText.Utf8(l + "\r\n")).ToArray();
        var handler = new ViewTouchingHandler();

        long allocated = Allocations.SteadyState(() =>
        {
            for (int r = 0; r < 200; r++)
            {
                foreach (var line in lines) PtIpc.Dispatch(line, ref handler);
            }
        });

        Assert.Equal(0, allocated);
        Assert.Equal(0, handler.Messages);
        Assert.Equal(handler.Unknowns * 4, handler.Invalids);
    }

    [Fact]
    public void Typed_static_TryFormat_allocates_nothing()
    {
        var buffer = new byte[256];
        var address = new PtEndpoint("2001:db8::1", PtHostKind.IPv6, 443);
        long written = 0;

        long allocated = Allocations.SteadyState(() =>
        {
            for (int i = 0; i < 200; i++)
            {
                PtIpc.CmethodMessage.TryFormat(buffer, "obfs4", PtIpc.ClientProxyKind.Socks5, address, out int n);
                written += n;
                PtIpc.LogMessage.TryFormat(buffer, PtIpc.LogSeverity.Notice, "needs \"quoting\" é", out n);
                written += n;
                PtIpc.DispatcherLogMessage.TryFormat(buffer, PtIpc.LogLevel.Warn, "text", out n);
                written += n;
                PtIpc.ConnectionEventMessage.TryFormat(buffer, "obfs4", "bridge.example.com", 443, out n);
                written += n;
                PtIpc.ConnectionErrorEventMessage.TryFormat(buffer, "obfs4", PtIpc.ConnectionErrorType.Timeout, "late", out n);
                written += n;
                PtIpc.VersionMessage.TryFormat(buffer, "2.2", out n);
                written += n;
            }
        });

        Assert.Equal(0, allocated);
        Assert.True(written > 0);
    }
}
