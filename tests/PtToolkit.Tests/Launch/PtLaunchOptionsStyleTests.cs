using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using PtToolkit.Cli.Demo;
using PtToolkit.Config;
using PtToolkit.Hosting;
using PtToolkit.Launch;
using PtToolkit.Text;
using Xunit;
using static PtToolkit.Config.PtConfig;

namespace PtToolkit.Tests.Launch;

/// <summary>
/// <see cref="PtLaunchOptions.ForServer"/> in the PT 2.x flag style gives <c>-server</c> (a 2.x PT is a client
/// without it); the variable style, which a PT 1.0 reads, gives no flag at all.
/// </summary>
public sealed class PtLaunchOptionsStyleTests : IDisposable
{
    private readonly DirectoryInfo _state = Directory.CreateTempSubdirectory("pttoolkit-style-");

    public void Dispose() => _state.Delete(recursive: true);

    private PtServerConfig Server(string version) => new()
    {
        Versions = [version],
        StateLocation = _state.FullName + "/",
        ExitOnStdinClose = true,
        ServerTransports = ["sample"],
        BindAddresses = [new PtBindAddress("sample", PtEndpoint.IPv4("127.0.0.1", 0))],
        OrPort = PtEndpoint.IPv4("127.0.0.1", 9),
        Options = new Dictionary<string, PtKeyValueList> { ["sample"] = new(("key", "00112233445566778899aabbccddeeff")) },
    };

    [Fact]
    public void The_flag_style_names_the_server_role_and_the_variable_style_passes_no_flag()
    {
        var flags = PtLaunchOptions.ForServer("pt", Server("2.2"), PtLaunchStyle.Flags);
        var variables = PtLaunchOptions.ForServer("pt", Server("1"));

        Assert.Contains("-server", flags.Arguments);
        Assert.True(PtHostIsServer(flags));
        Assert.Empty(variables.Arguments);
        Assert.Equal("sample", variables.Environment["TOR_PT_SERVER_TRANSPORTS"]);
        Assert.True(PtHostIsServer(variables));
    }

    [Fact]
    public async Task The_sample_transport_launched_with_2_2_flags_is_configured_as_a_server()
    {
        var options = PtLaunchOptions.ForServer(SampleTransportLaunch.DotnetHost, Server("2.2"), PtLaunchStyle.Flags);
        await using var launcher = new PtLauncher(options with { Arguments = [SampleTransportLaunch.Dll, .. options.Arguments], StartupTimeout = FakePt.Timeout });

        var startup = await launcher.StartAsync().WaitAsync(FakePt.Timeout);
        var stop = await launcher.StopAsync().WaitAsync(FakePt.Timeout);

        Assert.True(startup.Succeeded, startup.ToString());
        Assert.Equal("2.2", startup.Version);
        Assert.Equal("sample", Assert.Single(startup.ServerMethods).Transport);
        Assert.Equal(new PtShutdownResult(PtShutdownStep.StdinClosed, new PtExitStatus(0)), stop);
    }

    private static bool PtHostIsServer(PtLaunchOptions options) =>
        PtHost.IsServer(PtConfigSource.FromLaunch(new PtLaunchArguments(options.Environment, options.Arguments.ToArray())));
}
