using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using PtToolkit.Config;
using PtToolkit.Ipc;
using PtToolkit.Text;
using Xunit;

namespace PtToolkit.Tests.Integration;

/// <summary>
/// The generated IPC parsers and configuration formatters against a real peer: Debian's obfs4proxy run as a
/// managed client and server from the environment the parent-side binder builds (pt-1.0 §3.2), its §3.3
/// messages parsed, and the transcripts recorded from it in samples/transcripts.
/// </summary>
public sealed class Obfs4proxyTests : IDisposable
{
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(10);
    private static readonly string[] ClientTransports = ["obfs4", "obfs3", "meek_lite", "scramblesuit"];

    private readonly DirectoryInfo _state = Directory.CreateTempSubdirectory("pttoolkit-obfs4-");

    public void Dispose() => _state.Delete(recursive: true);

    [Fact]
    public async Task Client_announces_every_transport_and_its_socks5_port_accepts_a_connection()
    {
        var config = Peers.Obfs4Client(_state, ClientTransports);
        using var pt = ManagedPtProcess.Start(Peers.Obfs4proxy(), EnvironmentOf(config.ToLaunch(PtLaunchStyle.Environment)));

        var messages = ParseAll(await pt.ReadLinesAsync(IsLine("CMETHODS DONE"), StartupTimeout));

        Assert.Equal(new PtIpc.VersionMessage("1"), messages[0]);
        Assert.IsType<PtIpc.CmethodsDoneMessage>(messages[^1]);
        var cmethods = messages.OfType<PtIpc.CmethodMessage>().ToList();
        Assert.Equal(ClientTransports.Order(), cmethods.Select(c => c.Transport).Order());
        var obfs4 = cmethods.Single(c => c.Transport == "obfs4");
        Assert.Equal(PtIpc.ClientProxyKind.Socks5, obfs4.Method);
        Assert.Equal("127.0.0.1", obfs4.Address.Host);
        Assert.NotEqual(0, obfs4.Address.Port);
        await AssertAcceptsConnection(obfs4.Address);

        pt.CloseStdin();
        Assert.Equal(0, await pt.WaitForExitAsync(ExitTimeout));
    }

    [Fact]
    public async Task Server_announces_the_cert_of_its_bridge_line()
    {
        var config = Peers.Obfs4Server(_state);
        using var pt = ManagedPtProcess.Start(Peers.Obfs4proxy(), EnvironmentOf(config.ToLaunch(PtLaunchStyle.Environment)));

        var messages = ParseAll(await pt.ReadLinesAsync(IsLine("SMETHODS DONE"), StartupTimeout));

        Assert.Equal(new PtIpc.VersionMessage("1"), messages[0]);
        Assert.IsType<PtIpc.SmethodsDoneMessage>(messages[^1]);
        var smethod = Assert.Single(messages.OfType<PtIpc.SmethodMessage>());
        Assert.Equal("obfs4", smethod.Transport);
        Assert.Equal("127.0.0.1", smethod.Address.Host);
        Assert.NotEqual(0, smethod.Address.Port);
        Assert.NotNull(smethod.Args);
        Assert.True(smethod.Args.TryGetValue("cert", out string cert), $"no cert in ARGS {smethod.Args}");
        Assert.Matches("^[A-Za-z0-9+/]{70}$", cert);
        Assert.True(smethod.Args.TryGetValue("iat-mode", out string iatMode), $"no iat-mode in ARGS {smethod.Args}");
        Assert.Equal("0", iatMode);
        Assert.Equal(cert, BridgeLineCert());
        await AssertAcceptsConnection(smethod.Address);

        pt.CloseStdin();
        Assert.Equal(0, await pt.WaitForExitAsync(ExitTimeout));
    }

    [Fact]
    public async Task Unsupported_protocol_version_gives_a_version_error()
    {
        using var pt = ManagedPtProcess.Start(Peers.Obfs4proxy(), Environment(
            ("TOR_PT_MANAGED_TRANSPORT_VER", "9"),
            ("TOR_PT_CLIENT_TRANSPORTS", "obfs4")));

        var lines = await pt.ReadLinesAsync(_ => false, StartupTimeout);

        var message = Assert.Single(ParseAll(lines));
        Assert.Equal(new PtIpc.VersionErrorMessage("no-version"), message);
        Assert.NotEqual(0, await pt.WaitForExitAsync(ExitTimeout));
    }

    [Fact]
    public void Every_line_of_the_recorded_transcripts_is_a_message()
    {
        var files = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "transcripts"), "*.txt");
        Assert.Equal(
            ["obfs4proxy-client.txt", "obfs4proxy-errors.txt", "obfs4proxy-server.txt"],
            files.Select(Path.GetFileName).Order());
        int count = 0;
        foreach (string file in files)
        {
            var lines = SplitLines(File.ReadAllBytes(file));
            Assert.NotEmpty(lines);
            count += ParseAll(lines).Count;
        }
        Assert.Equal(34, count);
    }

    /// <summary>Parses each line through the dispatcher; fails on an Invalid or Unknown line, naming it.</summary>
    private static List<IPtMessage> ParseAll(IReadOnlyList<byte[]> lines)
    {
        Assert.NotEmpty(lines);
        var messages = new List<IPtMessage>();
        foreach (byte[] line in lines)
        {
            var outcome = PtIpc.ParseOwned(line, out var message);
            Assert.False(outcome.IsInvalid, $"Invalid line '{Encoding.UTF8.GetString(line)}' (read as {outcome.Kind}): {outcome.Error}");
            Assert.False(outcome.IsUnknown, $"Unknown line '{Encoding.UTF8.GetString(line)}'");
            messages.Add(message!);
        }
        return messages;
    }

    private static List<byte[]> SplitLines(byte[] text)
    {
        var lines = new List<byte[]>();
        int start = 0;
        for (int lf; (lf = Array.IndexOf(text, (byte)'\n', start)) >= 0; start = lf + 1) lines.Add(text[start..lf]);
        if (start < text.Length) lines.Add(text[start..]);
        return lines;
    }

    private static Func<byte[], bool> IsLine(string text) => line => Encoding.ASCII.GetString(line).TrimEnd('\r') == text;

    /// <summary>The variables the parent-side binder built; a PT 1.0 launch has no flags.</summary>
    private static IReadOnlyDictionary<string, string> EnvironmentOf(PtLaunchArguments launch)
    {
        Assert.Empty(launch.Arguments);
        return launch.Environment;
    }

    private Dictionary<string, string> Environment(params (string Name, string Value)[] variables)
    {
        var environment = new Dictionary<string, string>
        {
            ["TOR_PT_STATE_LOCATION"] = _state.FullName + "/",
            ["TOR_PT_EXIT_ON_STDIN_CLOSE"] = "1",
        };
        foreach (var (name, value) in variables) environment[name] = value;
        return environment;
    }

    /// <summary>The cert of the bridge line the server writes into its state directory.</summary>
    private string BridgeLineCert()
    {
        string path = Path.Combine(_state.FullName, "obfs4_bridgeline.txt");
        Assert.True(File.Exists(path), $"obfs4proxy wrote no {path}");
        var match = Regex.Match(File.ReadAllText(path), @"^Bridge obfs4 .* cert=(\S+) iat-mode=0\s*$", RegexOptions.Multiline);
        Assert.True(match.Success, $"no bridge line with cert= in {path}:\n{File.ReadAllText(path)}");
        return match.Groups[1].Value;
    }

    private static async Task AssertAcceptsConnection(PtEndpoint endpoint)
    {
        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await client.ConnectAsync(endpoint.Host, endpoint.Port, timeout.Token);
        Assert.True(client.Connected);
    }
}
