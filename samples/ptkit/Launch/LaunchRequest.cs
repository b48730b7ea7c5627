using System;
using System.Collections.Generic;
using System.Linq;
using PtToolkit.Config;
using PtToolkit.Launch;
using PtToolkit.Samples.SampleTransport;
using static PtToolkit.Config.PtConfig;

namespace PtToolkit.Cli.Launch;

/// <summary>
/// What <c>ptkit launch</c> was asked: the PT's command line and either a typed configuration given by flags
/// (<c>--client</c>/<c>--server</c>, <c>--transports</c>, ...) or, with <c>--raw</c>, the TOR_PT_* variables of ptkit's
/// own environment passed through; or, with <c>--in-process</c>, no command line: the sample transport runs in ptkit's
/// process. <see cref="TryBuild"/> turns it into launch options or a message naming the flag.
/// </summary>
internal sealed record LaunchRequest
{
    /// <summary>The PT's executable and its own arguments (empty with <see cref="InProcess"/>).</summary>
    public required IReadOnlyList<string> Command { get; init; }

    /// <summary>Run the sample transport (samples/SampleTransport) inside ptkit's process instead of launching a PT.</summary>
    public bool InProcess { get; init; }

    /// <summary>Launch a client (typed mode).</summary>
    public bool Client { get; init; }

    /// <summary>Launch a server (typed mode).</summary>
    public bool Server { get; init; }

    /// <summary>Pass ptkit's TOR_PT_* variables through instead of a typed configuration.</summary>
    public bool Raw { get; init; }

    /// <summary>The offered versions (comma list), or null for the default ("1"; with --raw, TOR_PT_MANAGED_TRANSPORT_VER).</summary>
    public string? Versions { get; init; }

    /// <summary>The transports (comma list).</summary>
    public string? Transports { get; init; }

    /// <summary>The server's bind addresses, <c>transport-ip:port</c> comma list.</summary>
    public string? BindAddr { get; init; }

    /// <summary>The server's ORPort.</summary>
    public string? OrPort { get; init; }

    /// <summary>The server's Extended ORPort.</summary>
    public string? ExtOrPort { get; init; }

    /// <summary>The Extended ORPort's cookie file.</summary>
    public string? AuthCookie { get; init; }

    /// <summary>The client's upstream proxy URI.</summary>
    public string? Proxy { get; init; }

    /// <summary>The state directory.</summary>
    public string? State { get; init; }

    /// <summary>Server transport options, each <c>transport:key=value</c> (1.0 escapes).</summary>
    public IReadOnlyList<string> Options { get; init; } = [];

    /// <summary>Extra variables, each <c>NAME=VALUE</c>.</summary>
    public IReadOnlyList<string> Environment { get; init; } = [];

    /// <summary>Variables (TOR_PT_* in the PT's environment, PT 1.0, as tor does) or flags (PT 2.x).</summary>
    public PtLaunchStyle Style { get; init; } = PtLaunchStyle.Environment;

    /// <summary>How long the PT has to be configured.</summary>
    public TimeSpan StartupTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Builds the launch options, with <paramref name="state"/> as the state directory when none was given and
    /// <paramref name="processEnvironment"/> as the variables --raw passes through. False with a one-line message.
    /// </summary>
    public bool TryBuild(string state, IReadOnlyDictionary<string, string> processEnvironment, out PtLaunchOptions options, out string error)
    {
        options = null!;
        if (InProcess && Command.Count > 0) return Fail("--in-process runs the sample transport in ptkit's own process: give no PT after --", out error);
        if (!InProcess && Command.Count == 0) return Fail("no PT to launch: give its command line after --", out error);
        if (InProcess && Raw) return Fail("--in-process takes its configuration from flags, not --raw", out error);
        if (!TryExtraVariables(out var extra, out error)) return false;
        if (Raw) return TryBuildRaw(processEnvironment, extra, out options, out error);
        if (Client == Server) return Fail("give one of --client and --server (or --raw)", out error);
        if (Transports is null) return Fail("--transports is needed", out error);
        if (InProcess && Transports != SampleTransport.Name) return Fail($"--in-process runs the sample transport only: --transports {SampleTransport.Name}", out error);
        if (Client && (BindAddr ?? OrPort ?? ExtOrPort ?? AuthCookie) is not null) return Fail("--bindaddr, --orport, --extorport and --authcookie are server flags", out error);
        if (Client && Options.Count > 0) return Fail("--option is a server flag", out error);
        if (Server && Proxy is not null) return Fail("--proxy is a client flag", out error);

        string versions = Versions ?? "1";
        var flags = new List<string> { "-ptversion", versions, "-transports", Transports, "-state", State ?? state, "-exit-on-stdin-close" };
        Add(flags, "-proxy", Proxy);
        Add(flags, "-bindaddr", BindAddr);
        Add(flags, "-orport", OrPort);
        Add(flags, "-extorport", ExtOrPort);
        Add(flags, "-authcookie", AuthCookie);
        if (Options.Count > 0) Add(flags, "-options", string.Join(';', Options));
        // The binder of the PT side checks the flags as a PT would; its versions are those offered, so any is chosen.
        var source = PtConfigSource.FromArguments(flags, versions.Split(','));
        // A transport run in process has no executable: the name only labels its logs.
        string executable = InProcess ? SampleTransport.Name : Command[0];
        PtLaunchOptions built;
        if (Client)
        {
            var binding = PtClientConfig.Bind(source);
            if (!binding.Succeeded) return Fail(Describe(binding.Error), out error);
            built = PtLaunchOptions.ForClient(executable, binding.Config!, Style);
        }
        else
        {
            var binding = PtServerConfig.Bind(source);
            if (!binding.Succeeded) return Fail(Describe(binding.Error), out error);
            built = PtLaunchOptions.ForServer(executable, binding.Config!, Style);
        }
        options = built with
        {
            Arguments = [.. Command.Skip(1), .. built.Arguments],
            Environment = Merge(built.Environment, extra),
            StartupTimeout = StartupTimeout,
        };
        error = "";
        return true;
    }

    // --raw: the TOR_PT_* variables of ptkit's environment and --env; the versions offered are those the variables name.
    private bool TryBuildRaw(IReadOnlyDictionary<string, string> processEnvironment, Dictionary<string, string> extra, out PtLaunchOptions options, out string error)
    {
        options = null!;
        if ((Transports ?? BindAddr ?? OrPort ?? ExtOrPort ?? AuthCookie ?? Proxy ?? State) is not null || Options.Count > 0 || Client || Server)
            return Fail("--raw takes no configuration flags: set TOR_PT_* variables (or --env) instead", out error);
        var environment = processEnvironment.Where(v => v.Key.StartsWith("TOR_PT_", StringComparison.Ordinal)).ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
        environment = Merge(environment, extra);
        string? versions = Versions ?? environment.GetValueOrDefault("TOR_PT_MANAGED_TRANSPORT_VER");
        if (string.IsNullOrEmpty(versions)) return Fail("--raw needs TOR_PT_MANAGED_TRANSPORT_VER (or --version) to know the versions offered", out error);
        options = new PtLaunchOptions(Command[0], Command.Skip(1).ToArray(), environment, versions.Split(','))
        {
            ProxyGiven = environment.ContainsKey("TOR_PT_PROXY"),
            StartupTimeout = StartupTimeout,
        };
        error = "";
        return true;
    }

    private bool TryExtraVariables(out Dictionary<string, string> variables, out string error)
    {
        variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string pair in Environment)
        {
            int equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0) return Fail($"--env {pair}: expected NAME=VALUE", out error);
            variables[pair[..equals]] = pair[(equals + 1)..];
        }
        error = "";
        return true;
    }

    private static Dictionary<string, string> Merge(IReadOnlyDictionary<string, string> first, Dictionary<string, string> then)
    {
        var merged = new Dictionary<string, string>(first, StringComparer.Ordinal);
        foreach (var (name, value) in then) merged[name] = value;
        return merged;
    }

    private static void Add(List<string> flags, string flag, string? value)
    {
        if (value is null) return;
        flags.Add(flag);
        flags.Add(value);
    }

    // The binder names the PT flag it read (-bindaddr); the user typed ptkit's (--bindaddr).
    private static string Describe(PtConfigError error)
    {
        string flag = error.Variable switch
        {
            "-ptversion" => "--version",
            "-options" => "--option",
            "" => "",
            var name => "-" + name,
        };
        return flag.Length == 0 ? error.Message : $"{flag}: {error.Message}";
    }

    private static bool Fail(string message, out string error)
    {
        error = message;
        return false;
    }
}
