using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using PtToolkit.Hosting;
using PtToolkit.Text;

namespace PtToolkit.Tests.Hosting;

/// <summary>
/// A test transport named "xor" that needs no arguments: every byte on the wire is XORed with 0x5A, so a host that
/// skipped the transport would garble the bytes. It counts the client connections it wrapped and tells when one of
/// them was closed.
/// </summary>
internal sealed class XorTransport : IPtClientTransport, IPtServerTransport
{
    public const byte Mask = 0x5A;
    private int _connects;
    private TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<string> Names { get; } = ["xor"];

    /// <summary>How many client connections were wrapped.</summary>
    public int Connects => Volatile.Read(ref _connects);

    /// <summary>Completes when a wrapped client connection is disposed; <see cref="ResetClosed"/> arms it again.</summary>
    public Task Closed => Volatile.Read(ref _closed).Task;

    public void ResetClosed() => Volatile.Write(ref _closed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    public Task<Stream> ConnectAsync(PtClientConnection connection, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _connects);
        return Task.FromResult<Stream>(new XorStream(connection.Stream, () => Volatile.Read(ref _closed).TrySetResult()));
    }

    public PtServerSetup Setup(string transport, PtKeyValueList options) => PtServerSetup.Ready();

    public Task<Stream> AcceptAsync(PtServerConnection connection, CancellationToken cancellationToken) =>
        Task.FromResult<Stream>(new XorStream(connection.Stream, () => { }));

    private sealed class XorStream(Stream inner, Action disposed) : TestStream
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            int n = await inner.ReadAsync(buffer, cancellationToken);
            Flip(buffer.Span[..n]);
            return n;
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            byte[] copy = ArrayPool<byte>.Shared.Rent(buffer.Length);
            try
            {
                buffer.Span.CopyTo(copy);
                Flip(copy.AsSpan(0, buffer.Length));
                await inner.WriteAsync(copy.AsMemory(0, buffer.Length), cancellationToken);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(copy);
            }
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
                disposed();
            }
            base.Dispose(disposing);
        }

        private static void Flip(Span<byte> bytes)
        {
            for (int i = 0; i < bytes.Length; i++) bytes[i] ^= Mask;
        }
    }
}
