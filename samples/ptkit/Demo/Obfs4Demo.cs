using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using PtToolkit.Ipc;
using PtToolkit.Launch;
using PtToolkit.Text;
using static PtToolkit.Config.PtConfig;

namespace PtToolkit.Cli.Demo;

/// <summary>
/// obfs4proxy (Debian's package: /usr/bin/obfs4proxy) in the live demo, <c>ptkit demo --obfs4</c>: the server makes its
/// keys in its state directory and writes the bridge line there (<see cref="Obfs4BridgeLine"/>); the client passes the
/// line's <c>cert</c> and <c>iat-mode</c> as SOCKS arguments, as a tor client configured with that Bridge line does.
/// </summary>
internal sealed class Obfs4Demo(string executable) : IDemoTransport
{
    /// <summary>obfs4proxy on PATH, else /usr/bin/obfs4proxy (where Debian installs it).</summary>
    public static string DefaultExecutable =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "obfs4proxy"))
            .FirstOrDefault(File.Exists) ?? "/usr/bin/obfs4proxy";

    /// <inheritdoc/>
    public string Name => "obfs4";

    /// <inheritdoc/>
    public string? Missing => File.Exists(executable) ? null
        : $"obfs4proxy is not installed: no {executable} (install it with apt-get install obfs4proxy, or name it: --obfs4 PATH)";

    /// <inheritdoc/>
    public PtKeyValueList? ServerOptions => null;

    /// <inheritdoc/>
    public PtLaunchOptions ForServer(PtServerConfig config) => PtLaunchOptions.ForServer(executable, config);

    /// <inheritdoc/>
    public PtLaunchOptions ForClient(PtClientConfig config) => PtLaunchOptions.ForClient(executable, config);

    /// <summary><c>cert</c> and <c>iat-mode</c> of the bridge line in the server's state directory, which must agree with the SMETHOD ARGS.</summary>
    public bool TryArguments(DemoTable table, PtIpc.SmethodMessage smethod, string serverState, out PtKeyValueList arguments)
    {
        if (!Obfs4BridgeLine.TryRead(serverState, out arguments, out string error))
        {
            table.Note($"no bridge line: {error}");
            return false;
        }
        bool same = smethod.Args is { } announced && announced.Count == arguments.Count && arguments.All(pair => Same(announced, pair.Key, pair.Value));
        table.Note(same
            ? $"the SOCKS arguments: cert and iat-mode={arguments[1].Value} of {Obfs4BridgeLine.FileName}, the same as the SMETHOD ARGS"
            : $"the cert or iat-mode of {Obfs4BridgeLine.FileName} DIFFER from the SMETHOD ARGS");
        return same;
    }

    /// <summary>None: a wrong cert is only seen by the server after a delay that obfs4 draws at random, on purpose.</summary>
    public Task<bool> CheckMoreAsync(DemoTable table, IPEndPoint socks, IPEndPoint bridge, CancellationToken token) => Task.FromResult(true);

    // The cert is the bridge's credential: compared in constant time.
    private static bool Same(PtKeyValueList announced, string key, string value) =>
        announced.TryGetValue(key, out string other) && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(other), Encoding.UTF8.GetBytes(value));
}
