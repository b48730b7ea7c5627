using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading.Tasks;
using PtToolkit.Config;
using PtToolkit.Ipc;
using PtToolkit.Socks;
using PtToolkit.Tests.Integration;
using PtToolkit.Tests.Socks;
using PtToolkit.Text;
using Xunit;

namespace PtToolkit.Tests.Upstream;

/// <summary>
/// The test proxies judged by a client nobody here wrote: Debian's obfs4proxy as a managed client whose TOR_PT_PROXY
/// names a <see cref="RelayingProxy"/> (with credentials), its bridge an obfs4proxy server in front of a loopback
/// "ORPort". obfs4proxy answers PROXY DONE and its connection goes through the proxy, so the fakes the other tests
/// use speak each protocol as a real client expects.
/// </summary>
public sealed class Obfs4proxyUpstreamTests : IDisposable
{
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(20);

    private readonly DirectoryInfo _clientState = Directory.CreateTempSubdirectory("pttoolkit-upstream-client-");
    private readonly DirectoryInfo _serverState = Directory.CreateTempSubdirectory("pttoolkit-upstream-server-");
    private readonly LoopbackListener _orPort = new();
    private readonly List<ManagedPtProcess> _processes = new();

    public void Dispose()
    {
        foreach (var process in _processes) process.Dispose();
        _orPort.Dispose();
        _clientState.Delete(recursive: true);
        _serverState.Delete(recursive: true);
    }

    [Theory]
    [InlineData(PtProxyScheme.Socks5, "user", "secret")]
    [InlineData(PtProxyScheme.Http, "user", "secret")]
    [InlineData(PtProxyScheme.Socks4a, null, null)]
    public async Task Obfs4proxy_reaches_its_bridge_through_the_test_proxy(PtProxyScheme scheme, string? user, string? password)
    {
        await using var proxy = new RelayingProxy(scheme, user, password);
        var server = Start(_serverState, ("TOR_PT_SERVER_TRANSPORTS", "obfs4"), ("TOR_PT_SERVER_BINDADDR", "obfs4-127.0.0.1:0"),
            ("TOR_PT_ORPORT", _orPort.EndPoint.ToString()));
        var smethod = Parse(await server.ReadLinesAsync(IsLine("SMETHODS DONE"), StartupTimeout)).OfType<PtIpc.SmethodMessage>().Single();
        Assert.True(smethod.Args!.TryGetValue("cert", out string cert));
        var bridge = new IPEndPoint(IPAddress.Parse(smethod.Address.Host), smethod.Address.Port);
        var client = Start(_clientState, ("TOR_PT_CLIENT_TRANSPORTS", "obfs4"), ("TOR_PT_PROXY", PtProxyUri.Format(proxy.As(user, password))));

        var messages = Parse(await client.ReadLinesAsync(IsLine("CMETHODS DONE"), StartupTimeout));

        Assert.Contains(new PtIpc.ProxyDoneMessage(), messages);
        var cmethod = messages.OfType<PtIpc.CmethodMessage>().Single();
        var socks = new IPEndPoint(IPAddress.Parse(cmethod.Address.Host), cmethod.Address.Port);
        var result = await PtSocksClient.ConnectAsync(socks, bridge, [new("cert", cert), new("iat-mode", "0")]).Within(30);
        Assert.True(result.IsSuccess, result.ToString());
        await using var stream = result.Value;
        await using var orPort = await _orPort.AcceptAsync().Within(30);
        await stream.WriteAsync("through the proxy"u8.ToArray()).AsTask().Within(30);
        Assert.Equal("through the proxy"u8.ToArray(), await orPort.ReadBytesAsync(17));
        Assert.Equal([bridge.ToString()], proxy.Targets);
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
        var process = ManagedPtProcess.Start(Peers.Obfs4proxy(), environment);
        _processes.Add(process);
        return process;
    }

    private static List<IPtMessage> Parse(IEnumerable<byte[]> lines)
    {
        var messages = new List<IPtMessage>();
        foreach (byte[] line in lines)
        {
            PtIpc.ParseOwned(line, out var message);
            Assert.True(message is not null, $"'{Encoding.UTF8.GetString(line)}' is not a message");
            messages.Add(message);
        }
        return messages;
    }

    private static Func<byte[], bool> IsLine(string text) => line => Encoding.ASCII.GetString(line).TrimEnd('\r') == text;
}
