using System.Linq;
using FsCheck;
using FsCheck.Fluent;

namespace PtToolkit.Tests.Launch;

/// <summary>A sequence of PT lines, and whether the parent gave a proxy.</summary>
public sealed record LineSequence(string[] Lines, bool Proxy)
{
    /// <inheritdoc/>
    public override string ToString() => (Proxy ? "proxy: " : "no proxy: ") + string.Join(" | ", Lines);
}

/// <summary>FsCheck arbitraries for the launcher's state machine.</summary>
public static class LaunchArbitraries
{
    // Every kind of line, good and bad addresses, offered and not offered versions, malformed lines.
    private static readonly string[] Pool =
    [
        "VERSION 1", "VERSION 2.2", "VERSION 9", "VERSION-ERROR no-version", "ENV-ERROR bad", "PROXY DONE", "PROXY-ERROR no",
        "CMETHOD a socks5 127.0.0.1:1", "CMETHOD b socks5 203.0.113.1:2", "CMETHOD-ERROR c oops", "CMETHODS DONE",
        "SMETHOD s 203.0.113.1:3 ARGS:k=v", "SMETHOD-ERROR t oops", "SMETHODS DONE", "LOG SEVERITY=info MESSAGE=hi",
        "STATUS TRANSPORT=a CONNECT=Success", "EVENT CONNECTION-SUCCESS a", "VERSION", "CMETHOD a socks9", "UNKNOWN line",
    ];

    /// <summary>Up to 12 lines drawn from the pool, weighted towards a plausible start.</summary>
    public static Arbitrary<LineSequence> Sequences() =>
        (from start in Gen.Frequency((3, Gen.Constant(new[] { "VERSION 1" })), (1, Gen.Constant(new string[0])))
         from rest in Gen.Elements(Pool).ListOf()
         from proxy in Gen.Elements(true, false)
         select new LineSequence(start.Concat(rest.Take(12)).ToArray(), proxy))
        .ToArbitrary();
}
