using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using PtToolkit.Launch;
using PtToolkit.Socks;
using Xunit;

namespace PtToolkit.Tests.Hosting;

/// <summary>
/// Real tor (Debian's, offline, loopback only) as a bridge that launches the sample transport's server side
/// (<c>ServerTransportPlugin sample exec</c>, its key from <c>ServerTransportOptions</c>) in front of its Extended
/// ORPort: tor registers the SMETHOD and writes its ARGS into its bridge line, a client through the sample transport
/// reaches tor's TLS, and the transport stops when tor stops (SIGTERM) or dies (its stdin closes).
/// </summary>
public sealed class TorManagedServerTests
{
    private static readonly Regex Registered = new(@"Registered server transport 'sample' at '127\.0\.0\.1:(\d+)'");

    /// <summary>Starts a bridge whose sample transport listens on <paramref name="port"/> of 127.0.0.1 with <paramref name="key"/>.</summary>
    private static TorWithSample StartBridge(int port, string key = InProcessHost.Key) => TorWithSample.Start(
        "ORPort 127.0.0.1:auto",
        "ExtORPort 127.0.0.1:auto",
        "BridgeRelay 1",
        "AssumeReachable 1",
        "PublishServerDescriptor 0",
        "ShutdownWaitLength 0",
        $"ServerTransportPlugin sample {TorWithSample.SampleExec}",
        $"ServerTransportOptions sample key={key}",
        $"ServerTransportListenAddr sample 127.0.0.1:{port}");

    /// <summary>A port of 127.0.0.1 that was free a moment ago (tor takes no port 0 for a transport).</summary>
    private static int FreePort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    /// <summary>Waits until tor registered the transport at <paramref name="port"/>; the id of the one process it launched.</summary>
    private static async Task<int> RegisteredAsync(TorWithSample tor, int port)
    {
        var registered = await tor.WaitForLogAsync(Registered);
        Assert.Equal(port, int.Parse(registered.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        return Assert.Single(tor.TransportPids());
    }

    /// <summary>Asserts that nothing listens on <paramref name="port"/> of 127.0.0.1 any more.</summary>
    private static async Task AssertRefusedAsync(int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var refused = await Assert.ThrowsAsync<SocketException>(() => socket.ConnectAsync(IPAddress.Loopback, port).WaitAsync(InProcessHost.Timeout));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
    }

    /// <summary>The <c>Bridge sample ...</c> line tor wrote into its data directory's <c>bridgelines</c> file.</summary>
    private static async Task<string> BridgeLineAsync(TorWithSample tor)
    {
        string file = Path.Combine(tor.DataDirectory, "bridgelines");
        var clock = Stopwatch.StartNew();
        while (true)
        {
            string? line = File.Exists(file) ? File.ReadLines(file).FirstOrDefault(l => l.StartsWith("Bridge sample ", StringComparison.Ordinal)) : null;
            if (line is not null) return line;
            Assert.True(clock.Elapsed < TorWithSample.Timeout, $"tor wrote no sample bridge line:\n{tor.Log}");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Tor_registers_the_sample_server_and_its_ARGS_reaches_tors_TLS_through_it_and_SIGTERM_stops_it()
    {
        int port = FreePort();
        using var tor = StartBridge(port);
        int pt = await RegisteredAsync(tor, port);
        Assert.Matches($@"^Bridge sample 127\.0\.0\.1:{port} [0-9A-F]{{40}} key={InProcessHost.Key}$", await BridgeLineAsync(tor));

        await using (var client = InProcessHost.Client(InProcessHost.ClientEnvironment()))
        {
            string cmethod = (await client.LinesThroughAsync("CMETHODS DONE")).Single(l => l.StartsWith("CMETHOD ", StringComparison.Ordinal)).Split(' ')[3];
            var connected = await PtSocksClient.ConnectAsync(IPEndPoint.Parse(cmethod), new IPEndPoint(IPAddress.Loopback, port), HostPair.KeyArgument)
                .WaitAsync(InProcessHost.Timeout);
            Assert.True(connected.IsSuccess, connected.ToString());
            // tor's link TLS: its certificate is self-signed by design (identity is proven later, in the link
            // protocol); that the handshake completes shows the bytes went through the transport to tor's ORPort.
            await using var tls = new SslStream(connected.Value, leaveInnerStreamOpen: false);
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "www.example.com",
                RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null,
            }).WaitAsync(InProcessHost.Timeout);
            Assert.True(tls.IsAuthenticated);
        }

        Assert.True(PtSignals.Send(tor.Pid, PtSignals.SigTerm));
        Assert.True(await tor.WaitForExitAsync(), "tor did not exit after SIGTERM");
        Assert.True(await TorWithSample.WaitGoneAsync(pt), $"the transport {pt} outlived tor:\n{tor.Log}");
        await AssertRefusedAsync(port);
    }

    [Fact]
    public async Task When_tor_dies_the_transports_stdin_closes_and_it_exits()
    {
        int port = FreePort();
        using var tor = StartBridge(port);
        int pt = await RegisteredAsync(tor, port);

        tor.Kill();
        Assert.True(await tor.WaitForExitAsync(), "tor did not die");
        Assert.True(await TorWithSample.WaitGoneAsync(pt), $"the transport {pt} outlived tor:\n{tor.Log}");
        await AssertRefusedAsync(port);
    }

    [Fact]
    public async Task A_key_the_transport_cannot_use_is_an_SMETHOD_ERROR_tor_reads_and_the_transport_exits()
    {
        int port = FreePort();
        using var tor = StartBridge(port, key: "0011");
        await tor.WaitForLogAsync(new Regex(@"\(SMETHOD-ERROR sample .key. must be \d+ to \d+ hexadecimal digits"));
        // Nothing launched: the transport ends by itself (exit code 1, which only tor sees) and never listened.
        foreach (int pt in tor.TransportPids()) Assert.True(await TorWithSample.WaitGoneAsync(pt), $"the transport {pt} still runs");
        Assert.DoesNotMatch(Registered, tor.Log);
        await AssertRefusedAsync(port);
    }
}
