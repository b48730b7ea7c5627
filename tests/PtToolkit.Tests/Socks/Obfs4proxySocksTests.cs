using System;
using System.Collections.Generic;
using System.Net;
using System.Threading.Tasks;
using PtToolkit.Socks;
using PtToolkit.Tests.Integration;
using Xunit;

using static PtToolkit.Tests.Primitives.TestText;

namespace PtToolkit.Tests.Socks;

/// <summary>
/// PtSocksClient against a SOCKS server nobody here wrote: Debian's obfs4proxy as a managed client (pt-1.0), its
/// bridge an obfs4proxy server in front of a loopback "ORPort". The arguments are packed as tor packs them.
/// </summary>
public sealed class Obfs4proxySocksTests : IDisposable
{
    private readonly Obfs4proxyPair _pair = new();

    public void Dispose() => _pair.Dispose();

    [Fact]
    public async Task Arguments_in_uname_reach_the_bridge_and_bytes_flow_end_to_end()
    {
        var (bridge, cert) = await _pair.StartServerAsync();
        var (socks, _) = await _pair.StartClientAsync();
        await AssertRelaysAsync(socks, bridge, [P("cert", cert), P("iat-mode", "0")]);
    }

    [Fact]
    public async Task Arguments_split_across_uname_and_passwd_reach_the_bridge()
    {
        var (bridge, cert) = await _pair.StartServerAsync();
        var (socks, _) = await _pair.StartClientAsync();
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
        var (socks, _) = await _pair.StartClientAsync();
        var target = new IPEndPoint(IPAddress.Loopback, _pair.OrPort.EndPoint.Port);

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
        await using var orPort = await _pair.OrPort.AcceptAsync();

        await client.WriteAsync(B("through obfs4"));
        Assert.Equal(B("through obfs4"), await orPort.ReadBytesAsync(13));
        await orPort.WriteAsync(B("and back"));
        Assert.Equal(B("and back"), await client.ReadBytesAsync(8));
    }
}
