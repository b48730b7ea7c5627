using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using PtToolkit.Hosting;
using PtToolkit.Samples.SampleTransport;
using PtToolkit.Text;

namespace PtToolkit.Tests.Hosting;

/// <summary>
/// The sample transport's client side that also records the arguments of every SOCKS connection, as the host typed
/// them, before the sample checks them: what a SOCKS client (tor, or a hostile one) made arrive at the transport.
/// </summary>
internal sealed class TorRecordingTransport : IPtClientTransport
{
    private readonly SampleTransport _sample = new();
    private readonly Channel<PtKeyValueList> _arguments = Channel.CreateUnbounded<PtKeyValueList>();

    /// <inheritdoc/>
    public IReadOnlyList<string> Names => _sample.Names;

    /// <summary>The arguments of the next connection in order; fails when none comes within <see cref="InProcessHost.Timeout"/>.</summary>
    public async Task<PtKeyValueList> NextArgumentsAsync()
    {
        using var timeout = new CancellationTokenSource(InProcessHost.Timeout);
        return await _arguments.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>True when arguments were recorded that were not read yet.</summary>
    public bool HasUnread => _arguments.Reader.Count > 0;

    /// <inheritdoc/>
    public string? CheckArguments(string transport, PtKeyValueList arguments)
    {
        if (!_arguments.Writer.TryWrite(arguments)) throw new InvalidOperationException("the unbounded channel refused a write");
        return _sample.CheckArguments(transport, arguments);
    }

    /// <inheritdoc/>
    public Task<Stream> ConnectAsync(PtClientConnection connection, CancellationToken cancellationToken) => _sample.ConnectAsync(connection, cancellationToken);
}
