using System;
using System.Collections.Generic;
using System.Net;
using System.Threading.Tasks;
using FsCheck.Xunit;
using PtToolkit.Config;
using PtToolkit.Hosting;
using PtToolkit.Socks;
using PtToolkit.Tests.Hosting;
using PtToolkit.Tests.Socks;
using PtToolkit.Upstream;
using Xunit;
using static PtToolkit.Config.PtConfig;

namespace PtToolkit.Tests.Upstream;

/// <summary>
/// Properties of the upstream handshakes: any reply, however it arrives, ends in a success or an error value within
/// the time limit, never an exception; a granting reply is read exactly, so the tunnel's bytes after it come out of
/// the returned stream, in order and complete.
/// </summary>
public sealed class UpstreamPropertyTests
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(100);
    private static readonly IPEndPoint Target = new(IPAddress.Loopback, 443);

    private static PtProxy Proxy(PtProxyScheme scheme) => scheme switch
    {
        PtProxyScheme.Socks4a => new(scheme, Text.PtEndpoint.IPv4("127.0.0.1", 1080), "id"),
        _ => new(scheme, Text.PtEndpoint.IPv4("127.0.0.1", 1080), "user", "password"),
    };

    [Property(Arbitrary = new[] { typeof(UpstreamArbitraries), typeof(SocksArbitraries) }, MaxTest = 600)]
    public void Any_reply_gives_a_value_within_the_time_limit(ProxyReply reply, Chunking chunking)
    {
        var stream = new ScriptedStream(reply.Bytes, chunking.Sizes, reply.Silent);

        var result = PtUpstream.HandshakeAsync(stream, Proxy(reply.Scheme), Target, Short).AsTask().WaitAsync(InProcessHost.Timeout).GetAwaiter().GetResult();

        Assert.True(result.IsSuccess != result.Error.IsError, result.Error.ToString());
        if (result.IsSuccess) return;
        Assert.InRange(result.Error.Offset, 0, Math.Max(reply.Bytes.Length, PtUpstream.MaxHttpHeaderBytes));
        Assert.NotEqual(PtSocksReply.Succeeded, result.Error.Reply);
        Assert.Equal(reply.Scheme, result.Error.Scheme);
    }

    [Property(Arbitrary = new[] { typeof(UpstreamArbitraries), typeof(SocksArbitraries) }, MaxTest = 600)]
    public void The_outcome_does_not_depend_on_how_the_reply_is_split(ProxyReply reply, Chunking chunking)
    {
        if (reply.Silent) return;
        var whole = Run(new ScriptedStream(reply.Bytes), reply.Scheme);
        var split = Run(new ScriptedStream(reply.Bytes, chunking.Sizes), reply.Scheme);

        Assert.Equal(whole.Error, split.Error);
        Assert.Equal(whole.IsSuccess, split.IsSuccess);
    }

    [Property(Arbitrary = new[] { typeof(UpstreamArbitraries), typeof(SocksArbitraries) }, MaxTest = 300)]
    public void A_granting_reply_is_read_exactly_and_what_follows_is_the_tunnels(GrantingReply reply, Chunking chunking)
    {
        var stream = new ScriptedStream([.. reply.Reply, .. reply.Tail], chunking.Sizes);

        var result = PtUpstream.HandshakeAsync(stream, Proxy(reply.Scheme), Target, InProcessHost.Timeout).AsTask().WaitAsync(InProcessHost.Timeout).GetAwaiter().GetResult();

        Assert.True(result.IsSuccess, result.Error.ToString());
        var rest = new List<byte>();
        byte[] buffer = new byte[7];
        int n;
        while ((n = result.Stream!.Read(buffer, 0, buffer.Length)) > 0) rest.AddRange(buffer[..n]);
        Assert.Equal(reply.Tail, rest);
    }

    [Property(Arbitrary = new[] { typeof(UpstreamArbitraries) }, MaxTest = 40)]
    public void Any_reply_through_the_dialer_gives_a_socket_or_a_failure_reply(ProxyReply reply)
    {
        Task.Run(async () =>
        {
            await using var proxy = new ScriptedProxy(reply.Bytes, reply.Silent);
            var dialer = Dialer(PtProxyUri.Format(proxy.As(reply.Scheme) with { User = Proxy(reply.Scheme).User, Password = Proxy(reply.Scheme).Password }), TimeSpan.FromMilliseconds(300));

            var dial = await dialer.ConnectAsync(Target, default).WaitAsync(InProcessHost.Timeout);

            Assert.Equal(dial.Socket is null, dial.Stream is null);
            Assert.Equal(dial.Socket is null, dial.Failure != PtSocksReply.Succeeded);
            Assert.DoesNotContain("password", dial.Why, StringComparison.Ordinal);
            if (dial.Stream is not null) await dial.Stream.DisposeAsync();
            dial.Socket?.Dispose();
        }).WaitAsync(InProcessHost.Timeout).GetAwaiter().GetResult();
    }

    private static PtUpstreamResult Run(ScriptedStream stream, PtProxyScheme scheme) =>
        PtUpstream.HandshakeAsync(stream, Proxy(scheme), Target, InProcessHost.Timeout).AsTask().WaitAsync(InProcessHost.Timeout).GetAwaiter().GetResult();

    /// <summary>A dialer bound from a client environment whose TOR_PT_PROXY is <paramref name="proxy"/>.</summary>
    internal static PtUpstreamDialer Dialer(string proxy, TimeSpan timeout)
    {
        var binding = PtClientConfig.Bind(PtConfigSource.FromEnvironment(new Dictionary<string, string>
        {
            ["TOR_PT_MANAGED_TRANSPORT_VER"] = "1",
            ["TOR_PT_CLIENT_TRANSPORTS"] = "sample",
            ["TOR_PT_PROXY"] = proxy,
        }));
        Assert.True(binding.Succeeded, binding.Error.ToString());
        return new PtUpstreamDialer(binding.Config!, timeout);
    }
}
