using System;
using System.Buffers;
using System.IO;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace PtToolkit.Relay;

/// <summary>
/// Copies bytes both ways between two streams until both have ended: the job of a PT between its client
/// connection and the transport connection. Each direction reads into a pooled buffer and writes it out
/// before reading again; when one stream ends, the other is half-closed and the opposite direction goes on.
/// A direction that reads a <see cref="NetworkStream"/> first waits for bytes with a zero-byte read and holds its
/// buffer only from then until the write is done, so idle connections hold no buffer.
/// Failures and cancellation end both directions and are reported in the result, not thrown. The streams
/// are neither closed nor disposed: that is the caller's job once the relay has returned.
/// </summary>
/// <remarks>
/// Cancellation, the idle timeout and a failure in one direction stop the other through the cancellation
/// token passed to its pending read or write; a stream that ignores cancellation ends that direction only
/// when its own operation completes.
/// </remarks>
public static class StreamRelay
{
    /// <summary>Relays between <paramref name="a"/> and <paramref name="b"/> until both end, the idle timeout, a failure or cancellation.</summary>
    public static async Task<RelayResult> RunAsync(Stream a, Stream b, StreamRelayOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        options ??= new StreamRelayOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BufferSize, 1, nameof(options));
        if (options.IdleTimeout is { } idle) ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(idle, TimeSpan.Zero, nameof(options));

        using var session = new Session(options, cancellationToken);
        using var watchStop = new CancellationTokenSource();
        Task watch = options.IdleTimeout is { } timeout ? session.WatchIdleAsync(timeout, watchStop.Token) : Task.CompletedTask;
        Task aToB = session.PumpAsync(a, b, toB: true);
        Task bToA = session.PumpAsync(b, a, toB: false);
        await Task.WhenAll(aToB, bToA).ConfigureAwait(false);
        session.Finish();
        await watchStop.CancelAsync().ConfigureAwait(false);
        await watch.ConfigureAwait(false);
        return session.Result();
    }

    /// <summary>
    /// The default half-close: <see cref="Socket.Shutdown"/> for the send side of a
    /// <see cref="NetworkStream"/>'s socket (the peer reads end of stream); nothing for other streams.
    /// </summary>
    public static ValueTask ShutdownWriteAsync(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (stream is NetworkStream network) network.Socket.Shutdown(SocketShutdown.Send);
        return ValueTask.CompletedTask;
    }

    private sealed class Session : IDisposable
    {
        private const int Running = 0;
        private readonly StreamRelayOptions _options;
        private readonly CancellationTokenSource _stop;
        private readonly CancellationTokenRegistration _callerRegistration;
        private long _aToB;
        private long _bToA;
        private long _lastActivity = Environment.TickCount64;
        private int _outcome = Running;
        private Exception? _error;

        public Session(StreamRelayOptions options, CancellationToken caller)
        {
            _options = options;
            _stop = new CancellationTokenSource();
            _callerRegistration = caller.UnsafeRegister(static s => ((Session)s!).End(RelayOutcome.Canceled, null), this);
        }

        public async Task PumpAsync(Stream from, Stream to, bool toB)
        {
            // A socket's stream can be waited on with a zero-byte read (as Kestrel does): its direction rents the
            // buffer only once bytes are there and returns it after each write, so an idle connection holds none.
            bool waitFirst = from is NetworkStream;
            int size = _options.BufferSize;
            byte[]? buffer = null;
            var token = _stop.Token;
            try
            {
                while (true)
                {
                    if (waitFirst) await from.ReadAsync(Memory<byte>.Empty, token).ConfigureAwait(false);
                    buffer ??= ArrayPool<byte>.Shared.Rent(size);
                    var memory = buffer.AsMemory(0, size);
                    int n = await from.ReadAsync(memory, token).ConfigureAwait(false);
                    if (n == 0) break;
                    Touch();
                    await to.WriteAsync(memory[..n], token).ConfigureAwait(false);
                    if (toB) Interlocked.Add(ref _aToB, n);
                    else Interlocked.Add(ref _bToA, n);
                    Touch();
                    if (waitFirst) Return(ref buffer);
                }
                await to.FlushAsync(token).ConfigureAwait(false);
                await (_options.ShutdownWrite ?? ShutdownWriteAsync)(to).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                // Stopped by the other direction, the idle timeout or the caller; the outcome is already set.
            }
            catch (Exception e)
            {
                // Whatever the stream threw, the other direction must stop too and the caller gets the counts.
                End(RelayOutcome.Failed, e);
            }
            finally
            {
                Return(ref buffer);
            }
        }

        private static void Return(ref byte[]? buffer)
        {
            if (buffer is null) return;
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = null;
        }

        public async Task WatchIdleAsync(TimeSpan idle, CancellationToken stop)
        {
            long idleMs = (long)Math.Ceiling(idle.TotalMilliseconds);
            try
            {
                while (true)
                {
                    long left = idleMs - (Environment.TickCount64 - Volatile.Read(ref _lastActivity));
                    if (left <= 0)
                    {
                        End(RelayOutcome.IdleTimeout, null);
                        return;
                    }
                    await Task.Delay(TimeSpan.FromMilliseconds(left), stop).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Both directions have ended.
            }
        }

        /// <summary>Called once both directions have returned: if nothing stopped them, both streams ended.</summary>
        public void Finish() => End(RelayOutcome.Completed, null);

        public RelayResult Result()
        {
            var end = (RelayOutcome)(Volatile.Read(ref _outcome) - 1);
            return new RelayResult(Interlocked.Read(ref _aToB), Interlocked.Read(ref _bToA), end, end == RelayOutcome.Failed ? _error : null);
        }

        public void Dispose()
        {
            _callerRegistration.Dispose();
            _stop.Dispose();
        }

        private void Touch() => Volatile.Write(ref _lastActivity, Environment.TickCount64);

        // The first reason to stop wins; it stops both directions.
        private void End(RelayOutcome outcome, Exception? error)
        {
            if (Interlocked.CompareExchange(ref _outcome, (int)outcome + 1, Running) != Running) return;
            _error = error;
            _stop.Cancel();
        }
    }
}
