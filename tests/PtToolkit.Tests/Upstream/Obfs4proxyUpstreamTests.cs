using System;
using System.Net;
using System.Threading.Tasks;
using PtToolkit.Config;
using PtToolkit.Ipc;
using PtToolkit.Socks;
using PtToolkit.Tests.Integration;
using PtToolkit.Tests.Socks;
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
    private readonly Obfs4proxyPair _pair = new();

    public void Dispose() => _pair.Dispose();

    [Theory]
    [InlineData(PtProxyScheme.Socks5, "user", "secret")]
    [InlineData(PtProxyScheme.Http, "user", "secret")]
    [InlineData(PtProxyScheme.Socks4a, null, null)]
    public async Task Obfs4proxy_reaches_its_bridge_through_the_test_proxy(PtProxyScheme scheme, string? user, string? password)
    {
        await using var proxy = new RelayingProxy(scheme, user, password);
        var (bridge, cert) = await _pair.StartServerAsync();

        var (socks, messages) = await _pair.StartClientAsync(("TOR_PT_PROXY", PtProxyUri.Format(proxy.As(user, password))));

        Assert.Contains(new PtIpc.ProxyDoneMessage(), messages);
        var result = await PtSocksClient.ConnectAsync(socks, bridge, [new("cert", cert), new("iat-mode", "0")]).Within(30);
        Assert.True(result.IsSuccess, result.ToString());
        await using var stream = result.Value;
        await using var orPort = await _pair.OrPort.AcceptAsync().Within(30);
        await stream.WriteAsync("through the proxy"u8.ToArray()).AsTask().Within(30);
        Assert.Equal("through the proxy"u8.ToArray(), await orPort.ReadBytesAsync(17));
        Assert.Equal([bridge.ToString()], proxy.Targets);
    }
}
