using System;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using PtToolkit.Config;
using PtToolkit.Launch;
using PtToolkit.Tests.Upstream;
using PtToolkit.Text;
using Xunit;

namespace PtToolkit.Tests.Hosting;

/// <summary>
/// Real tor (Debian's, offline, loopback only) as the parent of the sample transport's client side: tor launches it
/// (<c>ClientTransportPlugin sample exec</c>) or uses the in-process host as an external SOCKS proxy, and sends the
/// bridge line's arguments over SOCKS. The bridge is the sample server run in process in front of a listener that
/// plays the ORPort: only a connection whose key passed the bridge's constant-time check gets there.
/// </summary>
public sealed class TorManagedClientTests
{
    /// <summary>The SMETHOD address (<c>127.0.0.1:PORT</c>) of a sample server host.</summary>
    private static async Task<string> SmethodAsync(InProcessHost server)
    {
        var lines = await server.LinesThroughAsync("SMETHODS DONE");
        return lines.Single(l => l.StartsWith("SMETHOD ", StringComparison.Ordinal)).Split(' ')[2];
    }

    /// <summary>Reads the host's lines until one contains <paramref name="text"/> (each read bounded by the host's timeout).</summary>
    private static async Task WaitForLineAsync(InProcessHost host, string text)
    {
        string line;
        do
        {
            line = await host.NextLineAsync();
        }
        while (!line.Contains(text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Tor_launches_the_sample_client_the_key_of_its_bridge_line_reaches_the_bridge_exactly_and_SIGTERM_stops_it()
    {
        await using var orPort = new TorFirstBytesListener();
        await using var bridge = InProcessHost.Server(InProcessHost.ServerEnvironment(orPort.EndPoint));
        string smethod = await SmethodAsync(bridge);
        // tor joins the arguments as "pad=...;key=..." (313 bytes) and cuts them at byte 255 between RFC 1929's UNAME
        // and PASSWD: inside the key, which the transport must join again.
        string pad = new('p', 240);
        using var tor = TorWithSample.Start("UseBridges 1", $"ClientTransportPlugin sample {TorWithSample.SampleExec}",
            $"Bridge sample {smethod} pad={pad} key={InProcessHost.Key}");

        await tor.WaitForLogAsync(new Regex(@"\(CMETHOD sample socks5 127\.0\.0\.1:\d+\)"));
        // tor's TLS handshake record: it came through the sample client, whose hello the bridge checked against the key.
        Assert.Equal(new byte[] { 0x16, 0x03 }, (await orPort.FirstBytesAsync())[..2]);
        Assert.DoesNotContain(bridge.RemainingLines(), l => l.Contains("does not match the key", StringComparison.Ordinal));

        // SIGTERM to tor: tor ends its transport, which is gone afterwards.
        int pt = Assert.Single(tor.TransportPids());
        Assert.True(PtSignals.Send(tor.Pid, PtSignals.SigTerm));
        Assert.True(await tor.WaitForExitAsync(), "tor did not exit after SIGTERM");
        Assert.True(await TorWithSample.WaitGoneAsync(pt), $"the transport {pt} outlived tor:\n{tor.Log}");
    }

    [Fact]
    public async Task A_wrong_key_is_refused_by_the_bridge_and_a_malformed_key_by_the_launched_client_before_any_connection()
    {
        await using var orPort = new TorFirstBytesListener();
        await using var untouched = new TorFirstBytesListener();
        await using var bridge = InProcessHost.Server(InProcessHost.ServerEnvironment(orPort.EndPoint));
        string smethod = await SmethodAsync(bridge);
        using var tor = TorWithSample.Start("UseBridges 1", $"ClientTransportPlugin sample {TorWithSample.SampleExec}",
            $"Bridge sample {smethod} key={new string('f', 64)}",
            $"Bridge sample {untouched.EndPoint} key=not-hexadecimal");

        await WaitForLineAsync(bridge, "the client's hello does not match the key");
        // The client's LOG line, as tor logs it (PT domain, info): the SOCKS reply was X'13' and no connection was made.
        await tor.WaitForLogAsync(new Regex(@"sample: arguments refused: .key. must be \d+ to \d+ hexadecimal digits"));
        Assert.Equal(0, untouched.Connections);
        Assert.Equal(0, orPort.Connections);
    }

    [Fact]
    public async Task The_arguments_tor_sends_to_an_external_sample_client_arrive_typed_and_exact()
    {
        await using var orPort = new TorFirstBytesListener();
        await using var bridge = InProcessHost.Server(InProcessHost.ServerEnvironment(orPort.EndPoint));
        string smethod = await SmethodAsync(bridge);
        var recorder = new TorRecordingTransport();
        await using var client = InProcessHost.Client(InProcessHost.ClientEnvironment(), recorder);
        string cmethod = (await client.LinesThroughAsync("CMETHODS DONE")).Single(l => l.StartsWith("CMETHOD ", StringComparison.Ordinal)).Split(' ')[3];
        // ';' and '\' are escaped by tor (pt_stringify_socks_args), '=' in a value is not; 300 bytes of one value make
        // tor split the text between UNAME and PASSWD.
        string odd = @"a;b\c=d";
        string along = new('l', 300);
        using var tor = TorWithSample.Start("UseBridges 1", $"ClientTransportPlugin sample socks5 {cmethod}",
            $"Bridge sample {smethod} key={InProcessHost.Key} odd={odd} long={along}");

        var arguments = await recorder.NextArgumentsAsync();
        Assert.Equal(new PtKeyValueList(("key", InProcessHost.Key), ("odd", odd), ("long", along)), arguments);
        Assert.Equal(new byte[] { 0x16, 0x03 }, (await orPort.FirstBytesAsync())[..2]);
    }

    [Fact]
    public async Task Tors_Socks5Proxy_reaches_the_launched_client_and_its_bridge_connections_all_go_through_it()
    {
        await using var orPort = new TorFirstBytesListener();
        await using var bridge = InProcessHost.Server(InProcessHost.ServerEnvironment(orPort.EndPoint));
        string smethod = await SmethodAsync(bridge);
        await using var proxy = new TestSocksProxy();
        using var tor = TorWithSample.Start("UseBridges 1", $"ClientTransportPlugin sample {TorWithSample.SampleExec}",
            $"Socks5Proxy {proxy.Endpoint}", $"Bridge sample {smethod} key={InProcessHost.Key}");

        // tor passes the proxy as TOR_PT_PROXY; the transport answers PROXY DONE (pt-spec §3.3.2).
        await tor.WaitForLogAsync(new Regex(@"\(PROXY DONE\)"));
        Assert.Equal(new byte[] { 0x16, 0x03 }, (await orPort.FirstBytesAsync())[..2]);
        var targets = proxy.Targets;
        Assert.NotEmpty(targets);
        Assert.All(targets, t => Assert.Equal(smethod, t.ToString()));
    }

    [Theory]
    [InlineData(PtProxyScheme.Socks5, "Socks5Proxy", "Socks5ProxyUsername user|Socks5ProxyPassword secret")]
    [InlineData(PtProxyScheme.Http, "HTTPSProxy", "HTTPSProxyAuthenticator user:secret")]
    [InlineData(PtProxyScheme.Socks4a, "Socks4Proxy", "")]
    public async Task Tors_proxy_with_credentials_reaches_the_launched_client_and_its_bridge_connections_all_go_through_it(
        PtProxyScheme scheme, string option, string credentials)
    {
        await using var orPort = new TorFirstBytesListener();
        await using var bridge = InProcessHost.Server(InProcessHost.ServerEnvironment(orPort.EndPoint));
        string smethod = await SmethodAsync(bridge);
        await using var proxy = new RelayingProxy(scheme, scheme == PtProxyScheme.Socks4a ? null : "user", scheme == PtProxyScheme.Socks4a ? null : "secret");
        string[] lines = ["UseBridges 1", $"ClientTransportPlugin sample {TorWithSample.SampleExec}", $"{option} {proxy.Endpoint}",
            .. credentials.Split('|', StringSplitOptions.RemoveEmptyEntries), $"Bridge sample {smethod} key={InProcessHost.Key}"];
        using var tor = TorWithSample.Start(lines);

        await tor.WaitForLogAsync(new Regex(@"\(PROXY DONE\)"));
        Assert.Equal(new byte[] { 0x16, 0x03 }, (await orPort.FirstBytesAsync())[..2]);
        var targets = proxy.Targets;
        Assert.NotEmpty(targets);
        Assert.All(targets, t => Assert.Equal(smethod, t));
    }
}
