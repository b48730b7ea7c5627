using PtToolkit.Config;
using static PtToolkit.Config.PtConfig;

namespace PtToolkit.Launch;

public sealed partial record PtLaunchOptions
{
    /// <summary>
    /// Options to launch <paramref name="executable"/> as a PT client with <paramref name="config"/>, passed as
    /// variables (PT 1.0, as tor does) or flags (PT 2.x): the versions offered and whether a proxy was given
    /// come from the configuration, so the startup rules check the PT against what it was told.
    /// </summary>
    public static PtLaunchOptions ForClient(string executable, PtClientConfig config, PtLaunchStyle style = PtLaunchStyle.Environment)
    {
        System.ArgumentNullException.ThrowIfNull(config);
        var launch = config.ToLaunch(style);
        return new PtLaunchOptions(executable, launch.Arguments, launch.Environment, config.Versions) { ProxyGiven = config.Proxy is not null };
    }

    /// <summary>
    /// Options to launch <paramref name="executable"/> as a PT server with <paramref name="config"/>. With
    /// <see cref="PtLaunchStyle.Flags"/> the <c>-server</c> switch is always given: a PT 2.x dispatcher runs as a client
    /// without it (pt-2.2 §1.1.2, §1.1.3), and no variable says "server" in that style.
    /// </summary>
    public static PtLaunchOptions ForServer(string executable, PtServerConfig config, PtLaunchStyle style = PtLaunchStyle.Environment)
    {
        System.ArgumentNullException.ThrowIfNull(config);
        var launch = (style == PtLaunchStyle.Flags ? config with { ServerRole = true } : config).ToLaunch(style);
        return new PtLaunchOptions(executable, launch.Arguments, launch.Environment, config.Versions);
    }
}
