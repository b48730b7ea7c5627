using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using PtToolkit.Tests.Integration;
using PtToolkit.Text;
using Xunit;

namespace PtToolkit.Tests.ExtOrPort;

/// <summary>
/// One Debian tor run as a bridge with an Extended ORPort, offline: every port on 127.0.0.1 picked by tor
/// and read from its log, a directory authority that points at 127.0.0.1:9 so that nothing leaves the
/// machine, and its data in a temporary directory. Stopped by its pid when the tests are done.
/// </summary>
public sealed partial class TorFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(40);
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("pttoolkit-tor-");
    private ManagedPtProcess? _tor;

    /// <summary>The plain ORPort tor listens on.</summary>
    public PtEndpoint OrPort { get; private set; }

    /// <summary>The Extended ORPort tor listens on.</summary>
    public PtEndpoint ExtendedOrPort { get; private set; }

    /// <summary>The cookie file tor wrote.</summary>
    public string CookieFile => Path.Combine(_dir.FullName, "extended_orport_auth_cookie");

    public async Task InitializeAsync()
    {
        string torrc = Path.Combine(_dir.FullName, "torrc");
        await File.WriteAllTextAsync(torrc, $"""
            DataDirectory {Path.Combine(_dir.FullName, "data")}
            ORPort 127.0.0.1:auto
            ExtORPort 127.0.0.1:auto
            ExtORPortCookieAuthFile {CookieFile}
            SocksPort 0
            BridgeRelay 1
            PublishServerDescriptor 0
            AssumeReachable 1
            UseDefaultFallbackDirs 0
            DirAuthority offline orport=9 127.0.0.1:9 0000 0000 0000 0000 0000 0000 0000 0000 0000 0000
            Log notice stdout

            """);
        _tor = ManagedPtProcess.Start(Peers.Tor(), new Dictionary<string, string> { ["HOME"] = _dir.FullName }, "-f", torrc);

        var ports = new Dictionary<string, ushort>();
        var lines = await _tor.ReadLinesAsync(line =>
        {
            var match = Listening().Match(Encoding.UTF8.GetString(line));
            if (match.Success) ports[match.Groups[1].Value] = ushort.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
            return ports.Count == 2;
        }, StartupTimeout);
        Assert.True(ports.Count == 2, "tor did not report both listeners:\n" + string.Join("\n", lines.ConvertAll(l => Encoding.UTF8.GetString(l))) + "\n" + _tor.Stderr);
        OrPort = PtEndpoint.IPv4("127.0.0.1", ports[""]);
        ExtendedOrPort = PtEndpoint.IPv4("127.0.0.1", ports["Extended "]);

        // tor writes the cookie after opening its listeners.
        var clock = Stopwatch.StartNew();
        while (!File.Exists(CookieFile) || new FileInfo(CookieFile).Length < 64)
        {
            if (clock.Elapsed > StartupTimeout) throw new TimeoutException($"tor wrote no cookie file within {StartupTimeout.TotalSeconds} s");
            await Task.Delay(50);
        }
    }

    public Task DisposeAsync()
    {
        _tor?.Dispose();
        _dir.Delete(recursive: true);
        return Task.CompletedTask;
    }

    [GeneratedRegex(@"\[notice\] (Extended |)OR listener listening on port (\d+)\.$")]
    private static partial Regex Listening();
}
