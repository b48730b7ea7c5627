using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Sockets;
using System.Threading.Tasks;
using PtToolkit.Config;
using PtToolkit.Ipc;
using PtToolkit.Relay;
using PtToolkit.Text;

namespace PtToolkit.Hosting;

/// <summary>What the client and server hosts share: the configuration lines, serving until stopped, the graceful stop.</summary>
internal static class PtHostRun
{
    /// <summary>How long connections get to end once cancelled, after the grace period.</summary>
    private static readonly TimeSpan AbortWait = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Writes what the binding says: <c>VERSION</c> once negotiated, then the error line if any (pt-spec §3.3.1;
    /// on stderr in 2.x, pt-2.2 §1.2.1). The negotiated version sets the dialect; before one, the transport's most
    /// preferred version does. True when the configuration can be used.
    /// </summary>
    public static bool Report<TConfig>(PtBinding<TConfig> binding, PtConfigSource source, PtIpcWriter ipc)
        where TConfig : class
    {
        ipc.Dialect = PtIpcWriter.DialectOf(binding.Version ?? (source.SupportedVersions.Count > 0 ? source.SupportedVersions[0] : ""));
        if (binding.Version is { } version) ipc.Write(new PtIpc.VersionMessage(version));
        if (binding.Succeeded) return true;
        string text = binding.Error.Text;
        ipc.Write(binding.Error.Kind switch
        {
            PtConfigErrorKind.Version => new PtIpc.VersionErrorMessage(text),
            PtConfigErrorKind.Proxy => new PtIpc.ProxyErrorMessage(text),
            _ => new PtIpc.EnvErrorMessage(text),
        });
        return false;
    }

    /// <summary>
    /// Accepts on every listener until the lifetime stops (or every listener failed), then stops gracefully (pt-2.2 §1.3): close the listeners,
    /// let connections finish for <see cref="PtHostOptions.ShutdownGrace"/>, cancel the rest, wait for them (bounded).
    /// Returns 0, EX_OK after a graceful shutdown.
    /// </summary>
    public static Task<int> ServeAsync(IReadOnlyList<(PtListener Listener, Func<Socket, Task> Serve)> listeners,
        PtConnections connections, PtLifetime lifetime, PtIpcWriter ipc, PtHostOptions options)
    {
        var loops = new List<(IDisposable, Func<System.Threading.CancellationToken, Task>)>(listeners.Count);
        foreach (var (listener, serve) in listeners)
            loops.Add((listener, stopping => listener.AcceptAsync(connections, serve, ipc, stopping)));
        return ServeAsync(loops, connections, lifetime, ipc, options);
    }

    /// <summary>
    /// Runs each listener's loop (accepting connections, or receiving datagrams) until the lifetime stops, then stops
    /// gracefully as above. Returns 0.
    /// </summary>
    public static async Task<int> ServeAsync(IReadOnlyList<(IDisposable Listener, Func<System.Threading.CancellationToken, Task> Loop)> listeners,
        PtConnections connections, PtLifetime lifetime, PtIpcWriter ipc, PtHostOptions options)
    {
        var loops = new Task[listeners.Count];
        for (int i = 0; i < listeners.Count; i++) loops[i] = listeners[i].Loop(lifetime.Stopping);
        await Task.WhenAny(Task.WhenAll(loops), Task.Delay(System.Threading.Timeout.Infinite, lifetime.Stopping)).ConfigureAwait(false);
        ipc.Log(PtIpc.LogSeverity.Notice, $"stopping: {lifetime.Reason ?? "every listener failed"}; {connections.Count} connections open");
        foreach (var (listener, _) in listeners) listener.Dispose();
        await Task.WhenAll(loops).ConfigureAwait(false);
        if (!await connections.WaitIdleAsync(options.ShutdownGrace).ConfigureAwait(false))
        {
            lifetime.Abort();
            await connections.WaitIdleAsync(AbortWait).ConfigureAwait(false);
        }
        return 0;
    }

    /// <summary>
    /// Relays between the two sides of a connection. A wrapped transport stream cannot be half-closed itself, so each
    /// side's half-close shuts down the send side of the socket under it, once the relay has flushed the stream.
    /// </summary>
    public static Task<RelayResult> RelayAsync(Stream a, Socket socketA, Stream b, Socket socketB, PtHostOptions options, System.Threading.CancellationToken cancellationToken)
    {
        var relay = new StreamRelayOptions
        {
            IdleTimeout = options.IdleTimeout,
            ShutdownWrite = stream =>
            {
                var socket = ReferenceEquals(stream, a) ? socketA : socketB;
                try
                {
                    socket.Shutdown(SocketShutdown.Send);
                }
                catch (SocketException)
                {
                    // The peer is gone already: the other direction ends on its own.
                }
                return ValueTask.CompletedTask;
            },
        };
        return StreamRelay.RunAsync(a, b, relay, cancellationToken);
    }

    /// <summary>
    /// What to log of a failure: the transport's own message for its exceptions, only the error code for socket
    /// errors (their messages may hold an address).
    /// </summary>
    public static string Describe(Exception e) => e switch
    {
        SocketException s => s.SocketErrorCode.ToString(),
        IOException { InnerException: SocketException s } => s.SocketErrorCode.ToString(),
        _ => $"{e.GetType().Name}: {e.Message}",
    };

    /// <summary>Disposes a stream whose connection may have failed already; what that throws is dropped.</summary>
    public static async ValueTask DisposeQuietlyAsync(Stream? stream)
    {
        if (stream is null) return;
        try
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Closing a connection that already failed; nothing is left to tell.
        }
    }

    /// <summary>The endpoint a listener binds by default: 127.0.0.1, a port the system picks.</summary>
    public static PtEndpoint Loopback => PtEndpoint.IPv4("127.0.0.1", 0);
}
