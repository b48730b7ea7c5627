using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using PtToolkit.Text;

namespace PtToolkit.Hosting;

/// <summary>
/// The server side of a transport, run by <see cref="PtHost.RunServerAsync(IReadOnlyList{string}, IPtServerTransport, CancellationToken)"/>:
/// set up each transport from its options, then unwrap each accepted connection.
/// </summary>
public interface IPtServerTransport
{
    /// <summary>The transport names this implements; others the parent asks for are ignored.</summary>
    IReadOnlyList<string> Names { get; }

    /// <summary>
    /// Called once per launched transport before its SMETHOD line, with its options (TOR_PT_SERVER_TRANSPORT_OPTIONS /
    /// <c>-options</c>; empty when none): check them and give the ARGS clients need, such as a public key, or the
    /// reason the transport cannot run, reported as SMETHOD-ERROR.
    /// </summary>
    PtServerSetup Setup(string transport, PtKeyValueList options);

    /// <summary>
    /// Unwraps <see cref="PtServerConnection.Stream"/>, a connection a client made to the transport's address: run the
    /// handshake, then return the stream of the client's plain bytes, which the host relays to the ORPort. Any
    /// exception closes the connection; its message is logged, so it must not hold a secret or an address. Honour
    /// <paramref name="cancellationToken"/>: it carries the handshake timeout.
    /// </summary>
    Task<Stream> AcceptAsync(PtServerConnection connection, CancellationToken cancellationToken);
}

/// <summary>What <see cref="IPtServerTransport.Setup"/> decided: the SMETHOD ARGS, or why the transport cannot run.</summary>
public readonly struct PtServerSetup
{
    private PtServerSetup(PtKeyValueList? args, string? error)
    {
        Args = args;
        Error = error;
    }

    /// <summary>The pairs clients need (SMETHOD <c>ARGS:</c>), or null for none.</summary>
    public PtKeyValueList? Args { get; }

    /// <summary>The SMETHOD-ERROR message, or null when the transport can run.</summary>
    public string? Error { get; }

    /// <summary>The transport runs and announces <paramref name="args"/> (null or empty: no ARGS).</summary>
    public static PtServerSetup Ready(PtKeyValueList? args = null) => new(args is { Count: > 0 } ? args : null, null);

    /// <summary>The transport cannot run: the host writes <c>SMETHOD-ERROR &lt;name&gt; &lt;message&gt;</c>.</summary>
    public static PtServerSetup Failed(string message)
    {
        System.ArgumentException.ThrowIfNullOrWhiteSpace(message);
        return new(null, message);
    }
}

/// <summary>One accepted connection handed to <see cref="IPtServerTransport.AcceptAsync"/>.</summary>
public sealed class PtServerConnection
{
    /// <summary>Describes a connection (the host makes these; a transport's own tests may too).</summary>
    public PtServerConnection(string transport, PtKeyValueList options, Stream stream, PtIpcWriter ipc)
    {
        System.ArgumentNullException.ThrowIfNull(transport);
        System.ArgumentNullException.ThrowIfNull(options);
        System.ArgumentNullException.ThrowIfNull(stream);
        System.ArgumentNullException.ThrowIfNull(ipc);
        Transport = transport;
        Options = options;
        Stream = stream;
        Ipc = ipc;
    }

    /// <summary>The transport name whose address the client connected to.</summary>
    public string Transport { get; }

    /// <summary>The transport's options, as <see cref="IPtServerTransport.Setup"/> saw them.</summary>
    public PtKeyValueList Options { get; }

    /// <summary>The client's connection.</summary>
    public Stream Stream { get; }

    /// <summary>The IPC writer, for LOG and STATUS lines.</summary>
    public PtIpcWriter Ipc { get; }
}
