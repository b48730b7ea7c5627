using System;
using System.IO;
using System.Linq;
using PtToolkit.Config;
using PtToolkit.Text;
using Xunit;

namespace PtToolkit.Tests.Integration;

/// <summary>
/// The real peers the integration tests run (Debian's obfs4proxy and tor), found on PATH or in /usr/bin; a
/// missing one fails the test (never skips it), and the typed configurations the tests launch obfs4proxy with.
/// </summary>
internal static class Peers
{
    /// <summary>The obfs4proxy executable.</summary>
    public static string Obfs4proxy() => Find("obfs4proxy");

    /// <summary>The tor executable.</summary>
    public static string Tor() => Find("tor");

    /// <summary>obfs4proxy as a managed client of obfs4 and <paramref name="transports"/>, state in <paramref name="state"/>.</summary>
    public static PtConfig.PtClientConfig Obfs4Client(DirectoryInfo state, params string[] transports) => new()
    {
        Versions = ["1"],
        StateLocation = state.FullName + "/",
        ExitOnStdinClose = true,
        ClientTransports = transports.Length == 0 ? ["obfs4"] : transports,
    };

    /// <summary>obfs4proxy as a managed obfs4 server on 127.0.0.1 (a port it picks) in front of <paramref name="orPort"/>.</summary>
    public static PtConfig.PtServerConfig Obfs4Server(DirectoryInfo state, ushort orPort = 9) => new()
    {
        Versions = ["1"],
        StateLocation = state.FullName + "/",
        ExitOnStdinClose = true,
        ServerTransports = ["obfs4"],
        BindAddresses = [new PtBindAddress("obfs4", PtEndpoint.IPv4("127.0.0.1", 0))],
        OrPort = PtEndpoint.IPv4("127.0.0.1", orPort),
    };

    private static string Find(string name)
    {
        var directories = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Append("/usr/bin").Append("/usr/sbin");
        string? found = directories.Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
        Assert.True(found is not null, $"{name} is not installed (not on PATH, not in /usr/bin): run ./test.sh, which installs it (apt-get install {name}).");
        return found!;
    }
}
