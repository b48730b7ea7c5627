using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using PtToolkit.Config;
using static PtToolkit.Config.PtConfig;

namespace PtToolkit.Hosting;

/// <summary>
/// Runs a transport as a managed PT, the job goptlib does for Go transports: bind the configuration and write
/// VERSION or the error line with its exit code; then, as a client, a SOCKS 5 listener per transport (CMETHOD,
/// CMETHODS DONE) whose connections go to the bridge through <see cref="IPtClientTransport.ConnectAsync"/>, or, as a
/// server, a listener per transport (SMETHOD with ARGS, SMETHODS DONE) whose connections go through
/// <see cref="IPtServerTransport.AcceptAsync"/> to the (Extended) ORPort; then serve until stdin closes
/// (TOR_PT_EXIT_ON_STDIN_CLOSE=1), SIGTERM or SIGINT, the parent's death, or cancellation, and stop gracefully.
/// </summary>
/// <example>
/// <code>
/// static Task&lt;int&gt; Main(string[] args) => PtHost.RunAsync(args, new MyTransport());
/// </code>
/// </example>
public static class PtHost
{
    /// <summary>The exit code when no requested transport could be launched (after the DONE line).</summary>
    public const int NothingLaunchedExitCode = 1;

    /// <summary>EX_UNAVAILABLE, the exit code after PROXY-ERROR (pt-2.2 §1.2.2).</summary>
    public const int ProxyErrorExitCode = 69;

    /// <summary>Runs a client from the process's variables and <paramref name="args"/> (PT 1.0); returns the exit code.</summary>
    public static Task<int> RunClientAsync(IReadOnlyList<string> args, IPtClientTransport transport, CancellationToken cancellationToken = default) =>
        RunClientAsync(PtConfigSource.FromProcess(args), transport, null, cancellationToken);

    /// <summary>Runs a client bound from <paramref name="source"/>; returns the exit code (0 after a graceful stop).</summary>
    public static async Task<int> RunClientAsync(PtConfigSource source, IPtClientTransport transport, PtHostOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(transport);
        options ??= PtHostOptions.Default;
        options.Validate();
        var ipc = options.Ipc ?? PtIpcWriter.ForConsole();
        var binding = PtClientConfig.Bind(source);
        if (!PtHostRun.Report(binding, source, ipc)) return binding.ExitCode;
        return await PtClientHost.RunAsync(binding.Config!, transport, options, ipc, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs a server from the process's variables and <paramref name="args"/> (PT 1.0); returns the exit code.</summary>
    public static Task<int> RunServerAsync(IReadOnlyList<string> args, IPtServerTransport transport, CancellationToken cancellationToken = default) =>
        RunServerAsync(PtConfigSource.FromProcess(args), transport, null, cancellationToken);

    /// <summary>Runs a server bound from <paramref name="source"/>; returns the exit code (0 after a graceful stop).</summary>
    public static async Task<int> RunServerAsync(PtConfigSource source, IPtServerTransport transport, PtHostOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(transport);
        options ??= PtHostOptions.Default;
        options.Validate();
        var ipc = options.Ipc ?? PtIpcWriter.ForConsole();
        var binding = PtServerConfig.Bind(source);
        if (!PtHostRun.Report(binding, source, ipc)) return binding.ExitCode;
        return await PtServerHost.RunAsync(binding.Config!, transport, options, ipc, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs a transport that has both sides as a client or a server, as <see cref="IsServer"/> says (PT 1.0).</summary>
    public static Task<int> RunAsync<TTransport>(IReadOnlyList<string> args, TTransport transport, CancellationToken cancellationToken = default)
        where TTransport : IPtClientTransport, IPtServerTransport =>
        RunAsync(PtConfigSource.FromProcess(args), transport, null, cancellationToken);

    /// <summary>Runs a transport that has both sides as a client or a server, as <see cref="IsServer"/> says.</summary>
    public static Task<int> RunAsync<TTransport>(PtConfigSource source, TTransport transport, PtHostOptions? options = null, CancellationToken cancellationToken = default)
        where TTransport : IPtClientTransport, IPtServerTransport
    {
        ArgumentNullException.ThrowIfNull(source);
        return IsServer(source)
            ? RunServerAsync(source, transport, options, cancellationToken)
            : RunClientAsync(source, transport, options, cancellationToken);
    }

    /// <summary>
    /// True when the parent launched a server: the <c>-server</c> switch (2.x, before any <c>--</c>), or
    /// TOR_PT_SERVER_TRANSPORTS without TOR_PT_CLIENT_TRANSPORTS (tor sets one of them). Otherwise a client, which is
    /// also 2.x's default when neither <c>-client</c> nor <c>-server</c> is given.
    /// </summary>
    public static bool IsServer(PtConfigSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        foreach (string argument in source.Arguments ?? [])
        {
            if (argument == "--") break;
            if (argument is "-server" or "--server" or "-server=true" or "--server=true") return true;
        }
        var environment = source.Environment;
        return environment is not null && environment.ContainsKey("TOR_PT_SERVER_TRANSPORTS") && !environment.ContainsKey("TOR_PT_CLIENT_TRANSPORTS");
    }
}
