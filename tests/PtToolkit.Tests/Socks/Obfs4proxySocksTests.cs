using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading.Tasks;
using PtToolkit.Ipc;
using PtToolkit.Socks;
using PtToolkit.Tests.Integration;
using PtToolkit.Text;
using Xunit;

using static PtToolkit.Tests.Primitives.TestText;

namespace PtToolkit.Tests.Socks;

/// <summary>
/// PtSocksClient against a SOCKS server nobody here wrote: Debian's obfs4proxy as a managed client (pt-1.0), its
/// bridge an obfs4proxy server in front of a loopback "ORPort". The arguments are packed as tor packs them.
/// </summary>
public sealed class Obfs4proxySocksTests : IDisposable
{
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(20);

    private readonly DirectoryInfo _clientState = Directory.CreateTempSubdirectory("pttoolkit-socks-client-");
    private readonly DirectoryInfo _serverState = Directory.CreateTempSubdirectory("pttoolkit-socks-server-");
    private readonly LoopbackListener _orPort = new();
    private readonly List<ManagedPtProcess> _processes = new();

    public void Dispose()
    {
        foreach (var process in _processes) process.Dispose();
        _orPort.Dispose();
        _clientState.Delete(recursive: true);
        _serverState.Delete(recursive: true);
    }

    [Fact]
    public async Task Arguments_in_uname_reach_the_bridge_and_bytes_flow_end_to_end()
    {
        var (bridge, cert) = await StartServerAsync();
        var socks = await StartClientAsync();
        await AssertRelaysAsync(socks, bridge, [P("cert", cert), P("iat-mode", "0")]);
    }

    [Fact]
    public async Task Arguments_split_across_uname_and_passwd_reach_the_bridge()
    {
        var (bridge, cert) = await StartServerAsync();
        var socks = await StartClientAsync();
        var arguments = new[] { P("cert", cert), P("padding", new string('p', 200) + ";\\=" + new string('q', 100)), P("iat-mode", "0") };
        Assert.InRange(PtSocksArgs.GetFormattedLength(arguments), 256, 510);
        await AssertRelaysAsync(socks, bridge, arguments);
    }

    /// <summary>
    /// obfs4proxy accepts the RFC 1929 sub-negotiation (the error is at offset 5: after the method and the STATUS
    /// replies) and refuses bad obfs4 arguments in its reply, with X'01' for a malformed cert as for a missing one.
    /// </summary>
    [Fact]
    public async Task A_malformed_cert_and_a_missing_cert_are_refused_in_the_reply()
    {
        var socks = await StartClientAsync();
        var target = new IPEndPoint(IPAddress.Loopback, _orPort.EndPoint.Port);

        var badCert = await PtSocksClient.ConnectAsync(socks, target, [P("cert", "AAAA"), P("iat-mode", "0")]).Within(30);
        Assert.Equal(new PtSocksError(PtSocksErrorReason.Refused, 5, PtSocksReply.GeneralFailure), badCert.Error);

        var noCert = await PtSocksClient.ConnectAsync(socks, target, [P("iat-mode", "0")]).Within(30);
        Assert.Equal(new PtSocksError(PtSocksErrorReason.Refused, 5, PtSocksReply.GeneralFailure), noCert.Error);
    }

    private async Task AssertRelaysAsync(EndPoint socks, EndPoint bridge, KeyValuePair<string, string>[] arguments)
    {
        var result = await PtSocksClient.ConnectAsync(socks, bridge, arguments).Within(30);
        Assert.True(result.IsSuccess, result.ToString());
        await using var client = result.Value;
        await using var orPort = await _orPort.AcceptAsync();

        await client.WriteAsync(B("through obfs4"));
        Assert.Equal(B("through obfs4"), await orPort.ReadBytesAsync(13));
        await orPort.WriteAsync(B("and back"));
        Assert.Equal(B("and back"), await client.ReadBytesAsync(8));
    }

    private async Task<(IPEndPoint Bridge, string Cert)> StartServerAsync()
    {
        var pt = Start(_serverState, ("TOR_PT_SERVER_TRANSPORTS", "obfs4"), ("TOR_PT_SERVER_BINDADDR", "obfs4-127.0.0.1:0"),
            ("TOR_PT_ORPORT", _orPort.EndPoint.ToString()));
        var smethod = Parse(await pt.ReadLinesAsync(IsLine("SMETHODS DONE"), StartupTimeout)).OfType<PtIpc.SmethodMessage>().Single();
        Assert.NotNull(smethod.Args);
        Assert.True(smethod.Args.TryGetValue("cert", out string cert), $"no cert in {smethod.Args}");
        return (new IPEndPoint(IPAddress.Parse(smethod.Address.Host), smethod.Address.Port), cert);
    }

    private async Task<IPEndPoint> StartClientAsync()
    {
        var pt = Start(_clientState, ("TOR_PT_CLIENT_TRANSPORTS", "obfs4"));
        var cmethod = Parse(await pt.ReadLinesAsync(IsLine("CMETHODS DONE"), StartupTimeout)).OfType<PtIpc.CmethodMessage>().Single();
        Assert.Equal(PtIpc.ClientProxyKind.Socks5, cmethod.Method);
        return new IPEndPoint(IPAddress.Parse(cmethod.Address.Host), cmethod.Address.Port);
    }

    private ManagedPtProcess Start(DirectoryInfo state, params (string Name, string Value)[] variables)
    {
        var environment = new Dictionary<string, string>
        {
            ["TOR_PT_MANAGED_TRANSPORT_VER"] = "1",
            ["TOR_PT_STATE_LOCATION"] = state.FullName + "/",
            ["TOR_PT_EXIT_ON_STDIN_CLOSE"] = "1",
        };
        foreach (var (name, value) in variables) environment[name] = value;
        var process = ManagedPtProcess.Start(Obfs4proxy(), environment);
        _processes.Add(process);
        return process;
    }

    private static List<IPtMessage> Parse(IEnumerable<byte[]> lines)
    {
        var messages = new List<IPtMessage>();
        foreach (byte[] line in lines)
        {
            var outcome = PtIpc.ParseOwned(line, out var message);
            Assert.True(message is not null, $"'{Encoding.UTF8.GetString(line)}' is not a message: {outcome.Error}");
            messages.Add(message);
        }
        return messages;
    }

    private static Func<byte[], bool> IsLine(string text) => line => Encoding.ASCII.GetString(line).TrimEnd('\r') == text;

    /// <summary>The obfs4proxy executable; fails (never skips) when it is missing.</summary>
    private static string Obfs4proxy()
    {
        var directories = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Append("/usr/bin");
        string? found = directories.Select(d => Path.Combine(d, "obfs4proxy")).FirstOrDefault(File.Exists);
        Assert.True(found is not null, "obfs4proxy is not installed (not on PATH, not in /usr/bin): run ./test.sh, which installs it (apt-get install obfs4proxy).");
        return found!;
    }
}
