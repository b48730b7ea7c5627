using System;
using System.IO;
using System.Threading.Tasks;

namespace PtToolkit.Relay;

/// <summary>Settings of <see cref="StreamRelay.RunAsync"/>.</summary>
public sealed record StreamRelayOptions
{
    /// <summary>
    /// The default buffer size of each direction: 64 KiB, the size of a loopback socket's writes, which gives about
    /// 1.5 times the throughput of 16 KiB (tests/PtToolkit.Benchmarks, RelayThroughputBenchmarks). A direction that
    /// reads a socket holds it only while bytes flow.
    /// </summary>
    public const int DefaultBufferSize = 64 * 1024;

    /// <summary>
    /// Bytes read at most per read, per direction (pooled). A direction reads again only once the previous
    /// read has been written, so a slow writer slows its reader: this is the whole backpressure.
    /// </summary>
    public int BufferSize { get; init; } = DefaultBufferSize;

    /// <summary>When set, the relay ends with <see cref="RelayOutcome.IdleTimeout"/> after this long without a byte in either direction.</summary>
    public TimeSpan? IdleTimeout { get; init; }

    /// <summary>
    /// How to tell a stream's peer that nothing more will be written (half-close), called once when the other
    /// stream reaches its end. Null uses <see cref="StreamRelay.ShutdownWriteAsync"/>, which shuts down the
    /// socket of a <see cref="System.Net.Sockets.NetworkStream"/> and does nothing for other streams.
    /// </summary>
    public Func<Stream, ValueTask>? ShutdownWrite { get; init; }
}
