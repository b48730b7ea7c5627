using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace PtToolkit.Hosting;

/// <summary>
/// The client side of a transport, run by <see cref="PtHost.RunClientAsync(IReadOnlyList{string}, IPtClientTransport, CancellationToken)"/>:
/// for each SOCKS connection the host has already connected to the bridge, wrap that connection.
/// </summary>
public interface IPtClientTransport
{
    /// <summary>
    /// The transport names this implements. Names the parent asks for that are not here are ignored (pt-spec §3.3.2:
    /// no CMETHOD-ERROR for them).
    /// </summary>
    IReadOnlyList<string> Names { get; }

    /// <summary>
    /// Wraps <see cref="PtClientConnection.Stream"/>, the connection to the bridge, with the transport: run the
    /// handshake, then return the stream the client's bytes are written to (plain bytes in, transformed bytes on the
    /// wire). The host replies to the SOCKS client only once this returns, then relays and disposes both streams.
    /// Throw <see cref="System.ArgumentException"/> for arguments the transport refuses (the SOCKS reply is then
    /// X'13', pt-2.2 §1.4), any other exception for a failed handshake (X'01'); its message is logged, so it must not
    /// hold a secret or an address. Honour <paramref name="cancellationToken"/>: it carries the handshake timeout.
    /// </summary>
    Task<Stream> ConnectAsync(PtClientConnection connection, CancellationToken cancellationToken);

    /// <summary>
    /// Checks a connection's arguments before the host connects to the bridge, so that arguments the transport cannot
    /// use cost no connection: the problem (answered with SOCKS reply X'13', pt-2.2 §1.4, and logged, so without
    /// secrets), or null to go on. The default accepts any arguments and leaves the check to <see cref="ConnectAsync"/>.
    /// </summary>
    string? CheckArguments(string transport, PtToolkit.Text.PtKeyValueList arguments) => null;
}

/// <summary>One client connection handed to <see cref="IPtClientTransport.ConnectAsync"/>.</summary>
public sealed class PtClientConnection
{
    /// <summary>Describes a connection (the host makes these; a transport's own tests may too).</summary>
    public PtClientConnection(string transport, PtToolkit.Text.PtKeyValueList arguments, Stream stream, PtIpcWriter ipc)
    {
        System.ArgumentNullException.ThrowIfNull(transport);
        System.ArgumentNullException.ThrowIfNull(arguments);
        System.ArgumentNullException.ThrowIfNull(stream);
        System.ArgumentNullException.ThrowIfNull(ipc);
        Transport = transport;
        Arguments = arguments;
        Stream = stream;
        Ipc = ipc;
    }

    /// <summary>The transport name the SOCKS listener serves (the CMETHOD it was announced with).</summary>
    public string Transport { get; }

    /// <summary>The per-connection arguments from the SOCKS handshake (pt-spec §3.5, pt-2.2 §1.4); empty when none came.</summary>
    public PtToolkit.Text.PtKeyValueList Arguments { get; }

    /// <summary>The connection to the bridge (direct, or through the upstream proxy).</summary>
    public Stream Stream { get; }

    /// <summary>The IPC writer, for LOG and STATUS lines.</summary>
    public PtIpcWriter Ipc { get; }
}
