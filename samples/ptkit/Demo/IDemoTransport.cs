using System.Net;
using System.Threading;
using System.Threading.Tasks;
using PtToolkit.Ipc;
using PtToolkit.Launch;
using PtToolkit.Text;
using static PtToolkit.Config.PtConfig;

namespace PtToolkit.Cli.Demo;

/// <summary>
/// What <see cref="LiveDemo"/> needs of a transport: how to launch its server and client, the server's options, the
/// per-connection arguments a client gives its SOCKS port, and any check of its own after the bytes went through.
/// </summary>
internal interface IDemoTransport
{
    /// <summary>The transport's name in the configurations and in the CMETHOD and SMETHOD lines.</summary>
    string Name { get; }

    /// <summary>Why it cannot run here (its program is not installed), or null.</summary>
    string? Missing { get; }

    /// <summary>The server's options (TOR_PT_SERVER_TRANSPORT_OPTIONS for <see cref="Name"/>), or null for none.</summary>
    PtKeyValueList? ServerOptions { get; }

    /// <summary>Launch options for its server with <paramref name="config"/>.</summary>
    PtLaunchOptions ForServer(PtServerConfig config);

    /// <summary>Launch options for its client with <paramref name="config"/>.</summary>
    PtLaunchOptions ForClient(PtClientConfig config);

    /// <summary>
    /// The SOCKS arguments for a connection to the server that announced <paramref name="smethod"/> and keeps its state
    /// in <paramref name="serverState"/>; false, after a row on <paramref name="table"/> that says why, when there are none.
    /// </summary>
    bool TryArguments(DemoTable table, PtIpc.SmethodMessage smethod, string serverState, out PtKeyValueList arguments);

    /// <summary>Its own checks once the bytes went through (each with a row on <paramref name="table"/>); true when they passed.</summary>
    Task<bool> CheckMoreAsync(DemoTable table, IPEndPoint socks, IPEndPoint bridge, CancellationToken token);
}
