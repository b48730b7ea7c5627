using System;
using System.Collections.Generic;
using Microsoft.Extensions.Logging;
using PtToolkit.Config;
using PtToolkit.Hosting;
using PtToolkit.InProcess;

namespace PtToolkit.Launch;

public sealed partial class PtLauncher
{
    /// <summary>
    /// The exit code of a transport run in this process whose host threw instead of returning (EX_SOFTWARE, 70 in
    /// sysexits.h); the exception comes as a <see cref="PtFaultEvent"/> before the <see cref="PtExitedEvent"/>.
    /// </summary>
    public const int InProcessFaultExitCode = 70;

    /// <summary>
    /// A launcher that runs <paramref name="transport"/> as a PT client inside this process: no child process and no
    /// environment, the configuration of <paramref name="options"/> (its <see cref="PtLaunchOptions.Environment"/> and
    /// <see cref="PtLaunchOptions.Arguments"/>, as <see cref="PtLaunchOptions.ForClient"/> builds them from a typed
    /// configuration) bound by <see cref="PtHost"/>, and the same events, startup rules, SOCKS entry point
    /// (<see cref="PtStartupResult.ClientMethods"/>) and stop as a launched PT.
    /// </summary>
    /// <param name="transport">The transport.</param>
    /// <param name="options">
    /// The configuration, bounds and restart policy. <see cref="PtLaunchOptions.Executable"/> only names the transport in
    /// logs; <see cref="PtLaunchOptions.InheritPath"/> and <see cref="PtLaunchOptions.WorkingDirectory"/> are not used.
    /// Stopping closes the in-memory stdin, then after <see cref="PtLaunchOptions.StdinCloseWait"/> cancels the host (in
    /// place of SIGTERM) and waits <see cref="PtLaunchOptions.SigtermWait"/> + <see cref="PtLaunchOptions.KillWait"/>.
    /// </param>
    /// <param name="supportedVersions">The PT versions the transport speaks, most preferred first ("1" when null).</param>
    /// <param name="host">Limits and timeouts of the host; its IPC, stdin, signal and parent settings are replaced.</param>
    /// <param name="logger">Where LOG, STATUS, EVENT, errors and exits are logged, or null.</param>
    /// <param name="onEvent">Called with every event, in order; or null.</param>
    /// <example>
    /// <code>
    /// var config = new PtConfig.PtClientConfig { Versions = ["1"], ClientTransports = ["sample"], ExitOnStdinClose = true };
    /// await using var client = PtLauncher.InProcessClient(new SampleTransport(), PtLaunchOptions.ForClient("sample", config));
    /// var socks = (await client.StartAsync(ct)).ClientMethods[0].Address;
    /// </code>
    /// </example>
    public static PtLauncher InProcessClient(IPtClientTransport transport, PtLaunchOptions options, IReadOnlyList<string>? supportedVersions = null,
        PtHostOptions? host = null, ILogger? logger = null, Action<PtEvent>? onEvent = null)
    {
        ArgumentNullException.ThrowIfNull(transport);
        return InProcess(options, supportedVersions, host, (source, hosted, ct) => PtHost.RunClientAsync(source, transport, hosted, ct), logger, onEvent);
    }

    /// <summary>
    /// A launcher that runs <paramref name="transport"/> as a PT server inside this process, as
    /// <see cref="InProcessClient"/> does for a client; its methods are <see cref="PtStartupResult.ServerMethods"/>.
    /// </summary>
    /// <param name="transport">The transport.</param>
    /// <param name="options">The configuration (<see cref="PtLaunchOptions.ForServer"/>), bounds and restart policy, as for <see cref="InProcessClient"/>.</param>
    /// <param name="supportedVersions">The PT versions the transport speaks, most preferred first ("1" when null).</param>
    /// <param name="host">Limits and timeouts of the host; its IPC, stdin, signal and parent settings are replaced.</param>
    /// <param name="logger">Where LOG, STATUS, EVENT, errors and exits are logged, or null.</param>
    /// <param name="onEvent">Called with every event, in order; or null.</param>
    public static PtLauncher InProcessServer(IPtServerTransport transport, PtLaunchOptions options, IReadOnlyList<string>? supportedVersions = null,
        PtHostOptions? host = null, ILogger? logger = null, Action<PtEvent>? onEvent = null)
    {
        ArgumentNullException.ThrowIfNull(transport);
        return InProcess(options, supportedVersions, host, (source, hosted, ct) => PtHost.RunServerAsync(source, transport, hosted, ct), logger, onEvent);
    }

    private static PtLauncher InProcess(PtLaunchOptions options, IReadOnlyList<string>? supportedVersions, PtHostOptions? host, PtHostEntry entry,
        ILogger? logger, Action<PtEvent>? onEvent)
    {
        var versions = supportedVersions ?? PtConfigSource.DefaultVersions;
        if (versions.Count == 0) throw new ArgumentException("at least one supported version is needed", nameof(supportedVersions));
        var settings = host ?? PtHostOptions.Default;
        settings.Validate();
        return new PtLauncher(options, o => PtInProcessTarget.Start(o, versions, settings, entry), logger, onEvent);
    }
}
