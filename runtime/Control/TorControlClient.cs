using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace PtToolkit.Control;

/// <summary>
/// A client of Tor's control port (control-spec v1) over TCP, a Unix domain socket or any stream. Commands
/// may be sent concurrently: they go out in order and their replies are matched in order (§1: Tor answers in
/// the order it receives commands), so several can be in flight at once. Asynchronous 650 events go to a
/// bounded queue read with <see cref="ReadEventsAsync"/>, while commands run. Every wait is bounded by a
/// timeout and a cancellation token; a reply of class 4 or 5 raises <see cref="TorCommandException"/>.
/// </summary>
public sealed partial class TorControlClient : IAsyncDisposable
{
    private readonly Stream _stream;
    private readonly TorControlClientOptions _options;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Queue<TaskCompletionSource<TorReply>> _waiting = new();
    private readonly Lock _gate = new();
    private readonly Channel<TorReply> _events;
    private readonly CancellationTokenSource _shutdown = new();
    private readonly Task _reader;
    private Exception? _failure;
    private int _disposed;

    private TorControlClient(Stream stream, TorControlClientOptions options)
    {
        _stream = stream;
        _options = options;
        _events = Channel.CreateBounded<TorReply>(new BoundedChannelOptions(Math.Max(1, options.EventCapacity))
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleWriter = true,
        });
        _reader = Task.Run(ReadLoopAsync);
    }

    /// <summary>Starts a client on a connected stream (the client owns it and disposes of it).</summary>
    public static TorControlClient Create(Stream stream, TorControlClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return new TorControlClient(stream, options ?? new TorControlClientOptions());
    }

    /// <summary>
    /// Connects to a control port: an <see cref="IPEndPoint"/> (TCP) or a <see cref="UnixDomainSocketEndPoint"/>
    /// (Tor's <c>ControlSocket</c>). Then call <see cref="AuthenticateAsync"/>.
    /// </summary>
    public static async Task<TorControlClient> ConnectAsync(EndPoint endPoint, TorControlClientOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        options ??= new TorControlClientOptions();
        var socket = endPoint is UnixDomainSocketEndPoint
            ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
            : new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ConnectTimeout);
        try
        {
            await socket.ConnectAsync(endPoint, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new TimeoutException($"no connection to the control port within {options.ConnectTimeout.TotalSeconds} s");
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        return new TorControlClient(new NetworkStream(socket, ownsSocket: true), options);
    }

    /// <summary>
    /// The asynchronous events (6yz replies) in arrival order, every event name kept, known or not. The
    /// sequence ends when the connection closes, and fails with the error when it broke. Read it from one place.
    /// </summary>
    /// <remarks>
    /// The client's reader only queues events and never runs the consumer's code, so an exception thrown
    /// while consuming one stays with the consumer and cannot stop the reader. An enumeration given up (an
    /// exception, a break, a cancelled token) takes nothing but the events it was handed: a new call goes on
    /// with the next one. Events nobody reads wait in the queue; once <see cref="TorControlClientOptions.EventCapacity"/>
    /// wait, the client stops reading from Tor until one is taken, and commands wait too.
    /// </remarks>
    public IAsyncEnumerable<TorReply> ReadEventsAsync(CancellationToken cancellationToken = default) =>
        _events.Reader.ReadAllAsync(cancellationToken);

    /// <summary>
    /// Sends <paramref name="command"/> and returns its reply, whatever its status. Throws
    /// <see cref="TimeoutException"/> past <see cref="TorControlClientOptions.CommandTimeout"/>. A command
    /// given up (cancelled, timed out) after it was sent still has its reply consumed, so later ones stay matched.
    /// </summary>
    public async Task<TorReply> SendAsync(TorCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (_options.CommandTimeout != Timeout.InfiniteTimeSpan) timeout.CancelAfter(_options.CommandTimeout);
        try
        {
            var reply = await WriteAsync(command, timeout.Token).ConfigureAwait(false);
            return await reply.WaitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{command.Keyword}: no reply within {_options.CommandTimeout.TotalSeconds} s");
        }
    }

    /// <summary>Queues the reply's waiter and writes the command, both under the write lock so that their orders agree.</summary>
    private async Task<Task<TorReply>> WriteAsync(TorCommand command, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            var waiter = new TaskCompletionSource<TorReply>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_failure is ObjectDisposedException, this);
                if (_failure is not null) throw new TorControlException($"{command.Keyword}: the control connection is closed", _failure);
                _waiting.Enqueue(waiter);
            }
            try
            {
                await _stream.WriteAsync(command.Encoded, cancellationToken).ConfigureAwait(false);
                await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                // A write cut short may leave part of a command on the wire: nothing after it could be trusted.
                Fail(new TorControlException($"{command.Keyword}: writing to Tor failed; the connection is closed", e), clean: false);
                throw;
            }
            finally
            {
                command.WipeIfSensitive();
            }
            return waiter.Task;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task ReadLoopAsync()
    {
        var limits = _options.ReplyLimits.MaxReplySize == 0 ? TorReplyLimits.Default : _options.ReplyLimits;
        var framer = new TorReplyFramer(limits);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(8192);
        int start = 0, end = 0;
        try
        {
            while (true)
            {
                while (true)
                {
                    var status = framer.Frame(buffer.AsSpan(start, end - start), out int length);
                    if (status == TorFrameStatus.NeedMoreData) break;
                    if (status == TorFrameStatus.Invalid)
                    {
                        Fail(new TorControlProtocolException(framer.Error), clean: false);
                        return;
                    }
                    var reply = TorReply.From(new TorReplyView(buffer.AsSpan(start, length)));
                    start += length;
                    if (!await DispatchAsync(reply).ConfigureAwait(false)) return;
                }
                if (start > 0 && (start == end || end == buffer.Length))
                {
                    buffer.AsSpan(start, end - start).CopyTo(buffer);
                    end -= start;
                    start = 0;
                }
                if (end == buffer.Length)
                {
                    // The framer refuses a reply before it passes the limit, so the buffer never grows beyond it.
                    byte[] bigger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, limits.MaxReplySize + 1));
                    buffer.AsSpan(0, end).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }
                int read = await _stream.ReadAsync(buffer.AsMemory(end), _shutdown.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    bool cut = start < end;
                    Fail(new TorControlException(cut ? "Tor closed the control connection inside a reply" : "Tor closed the control connection"), clean: !cut);
                    return;
                }
                end += read;
            }
        }
        catch (Exception e)
        {
            Fail(new TorControlException("reading from Tor failed; the connection is closed", e), clean: _shutdown.IsCancellationRequested);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Hands an event to the queue, or a command's reply to the oldest waiter; false when no command waits.</summary>
    private async ValueTask<bool> DispatchAsync(TorReply reply)
    {
        if (reply.IsAsync)
        {
            await _events.Writer.WriteAsync(reply, _shutdown.Token).ConfigureAwait(false);
            return true;
        }
        TaskCompletionSource<TorReply>? waiter;
        lock (_gate) _waiting.TryDequeue(out waiter);
        if (waiter is null)
        {
            Fail(new TorControlProtocolException($"a {reply.StatusCode} reply came while no command was waiting"), clean: false);
            return false;
        }
        waiter.TrySetResult(reply);
        return true;
    }

    /// <summary>
    /// Closes the connection once: every waiting command fails with <paramref name="reason"/>, and the event
    /// sequence ends (with the error unless <paramref name="clean"/>).
    /// </summary>
    private void Fail(Exception reason, bool clean)
    {
        TaskCompletionSource<TorReply>[] waiting;
        lock (_gate)
        {
            if (_failure is not null) return;
            _failure = reason;
            waiting = _waiting.ToArray();
            _waiting.Clear();
        }
        foreach (var waiter in waiting) waiter.TrySetException(reason);
        _events.Writer.TryComplete(clean ? null : reason);
        _shutdown.Cancel();
        _stream.Dispose();
    }

    /// <summary>Closes the connection (without QUIT); waiting commands fail with <see cref="ObjectDisposedException"/>, the event sequence ends.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        Fail(new ObjectDisposedException(nameof(TorControlClient)), clean: true);
        await _reader.ConfigureAwait(false);
        _shutdown.Dispose();
    }
}
