using System;
using System.IO;

namespace PtToolkit.Hosting;

/// <summary>Settings of <see cref="PtHost"/>: limits, timeouts, shutdown triggers, and where IPC goes (for tests).</summary>
public sealed record PtHostOptions
{
    /// <summary>The defaults.</summary>
    public static PtHostOptions Default { get; } = new();

    /// <summary>Where IPC lines go; null for the process's stdout and stderr.</summary>
    public PtIpcWriter? Ipc { get; init; }

    /// <summary>What is watched for end of file when the parent sets TOR_PT_EXIT_ON_STDIN_CLOSE=1; null for the process's stdin.</summary>
    public Stream? Stdin { get; init; }

    /// <summary>Stop gracefully on SIGTERM and SIGINT (pt-2.2 §1.3); a second signal stops at once. True by default.</summary>
    public bool HandleSignals { get; init; } = true;

    /// <summary>
    /// How often the parent process id is checked; when it changed, the parent died and the PT stops gracefully
    /// (pt-2.2 §1.3). One second by default; null does not watch.
    /// </summary>
    public TimeSpan? ParentPollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The most connections served at once over all listeners; a connection past it is closed at once. 512 by default.</summary>
    public int MaxConnections { get; init; } = 512;

    /// <summary>
    /// Time for each handshake: the SOCKS handshake of a client connection, and the transport's
    /// <see cref="IPtClientTransport.ConnectAsync"/> or <see cref="IPtServerTransport.AcceptAsync"/>. 30 s by default.
    /// </summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Time to connect to the bridge (through the upstream proxy, if any) or to the ORPort / Extended ORPort. 30 s by default.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>When set, a relayed connection that moves no byte for this long is closed. None by default (tor keeps idle connections).</summary>
    public TimeSpan? IdleTimeout { get; init; }

    /// <summary>
    /// On a graceful stop, how long open connections may go on after the listeners closed before they are cancelled.
    /// 2 s by default: shorter than a parent's wait between closing stdin and SIGTERM.
    /// </summary>
    public TimeSpan ShutdownGrace { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The longest UDP packet the UDP modes carry (pt-2.2 §1.5), from 20 (a STUN header) to 65535 (what a two-byte
    /// length expresses); a longer one is dropped. 65507 by default, the largest UDP payload over IPv4.
    /// </summary>
    public int UdpMaxPacketLength { get; init; } = 65507;

    /// <summary>
    /// In the UDP modes, an association (one client address and its transport connection) that moves no packet for
    /// this long is closed (pt-2.2 §1.5.3, "timeout since last packet"). 2 minutes by default, the least UDP mapping
    /// lifetime RFC 4787 REQ-5 asks of a NAT.
    /// </summary>
    public TimeSpan UdpIdleTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// In the UDP modes, how many packets from the client app wait for their transport connection (while it is made,
    /// or while it is slower than the app); a packet past it is dropped. 64 by default.
    /// </summary>
    public int UdpQueueLength { get; init; } = 64;

    /// <summary>Checks the options; throws <see cref="ArgumentException"/> naming the first that cannot be used.</summary>
    public void Validate()
    {
        if (ParentPollInterval is { } poll) ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(poll, TimeSpan.Zero, nameof(ParentPollInterval));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConnections, 1, nameof(MaxConnections));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(HandshakeTimeout, TimeSpan.Zero, nameof(HandshakeTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ConnectTimeout, TimeSpan.Zero, nameof(ConnectTimeout));
        if (IdleTimeout is { } idle) ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(idle, TimeSpan.Zero, nameof(IdleTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(ShutdownGrace, TimeSpan.Zero, nameof(ShutdownGrace));
        ArgumentOutOfRangeException.ThrowIfLessThan(UdpMaxPacketLength, PtToolkit.Udp.StunHeader.Length, nameof(UdpMaxPacketLength));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(UdpMaxPacketLength, PtToolkit.Udp.UdpFrameEncoder.MaxPrefixedPacketLength, nameof(UdpMaxPacketLength));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(UdpIdleTimeout, TimeSpan.Zero, nameof(UdpIdleTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(UdpQueueLength, 1, nameof(UdpQueueLength));
    }
}
