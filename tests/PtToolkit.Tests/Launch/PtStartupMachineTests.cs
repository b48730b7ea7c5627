using System;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PtToolkit.Ipc;
using PtToolkit.Launch;
using PtToolkit.Text;
using Xunit;

namespace PtToolkit.Tests.Launch;

/// <summary>The configuration protocol rules, line by line, without a process.</summary>
public class PtStartupMachineTests
{
    private static PtStartupMachine Feed(bool proxy, params string[] lines)
    {
        var machine = new PtStartupMachine(["1", "2.2"], proxy);
        foreach (string line in lines)
        {
            var outcome = PtIpc.ParseOwned(System.Text.Encoding.UTF8.GetBytes(line), out var message);
            if (outcome.IsMessage) machine.OnMessage(message!);
            else if (outcome.IsInvalid) machine.OnInvalid(outcome.Kind, outcome.Error);
        }
        return machine;
    }

    [Fact]
    public void Version_then_methods_then_done_is_configured()
    {
        var result = Feed(false, "LOG SEVERITY=notice MESSAGE=\"starting\"", "VERSION 2.2", "CMETHOD a socks5 127.0.0.1:1",
            "CMETHOD b socks5 [::1]:2", "CMETHODS DONE").Result();
        Assert.True(result.Succeeded);
        Assert.Equal("2.2", result.Version);
        Assert.Equal(new[] { "a", "b" }, result.ClientMethods.Select(m => m.Transport));
        Assert.Empty(result.Errors);
    }

    [Fact]
    public void Server_methods_keep_their_args_and_options()
    {
        var result = Feed(false, "VERSION 1", "SMETHOD obfs4 198.51.100.1:4444 ARGS:cert=abc,iat-mode=0", "SMETHODS DONE").Result();
        var smethod = Assert.Single(result.ServerMethods);
        Assert.Equal(new PtEndpoint("198.51.100.1", PtHostKind.IPv4, 4444), smethod.Address);
        Assert.True(smethod.Args!.TryGetValue("cert", out string cert));
        Assert.Equal("abc", cert);
    }

    [Theory]
    [InlineData("VERSION 3", PtLaunchErrorKind.VersionNotOffered)]
    [InlineData("VERSION-ERROR no-version", PtLaunchErrorKind.VersionError)]
    [InlineData("ENV-ERROR No TOR_PT_STATE_LOCATION", PtLaunchErrorKind.EnvError)]
    [InlineData("CMETHOD a socks5 127.0.0.1:1", PtLaunchErrorKind.UnexpectedMessage)]
    [InlineData("CMETHODS DONE", PtLaunchErrorKind.UnexpectedMessage)]
    [InlineData("VERSION 2 PROXY DONE", PtLaunchErrorKind.InvalidLine)]
    public void A_first_protocol_line_other_than_an_offered_VERSION_fails(string line, PtLaunchErrorKind kind)
    {
        var result = Feed(false, line, "VERSION 1", "CMETHODS DONE").Result();
        Assert.Equal(PtLaunchState.Failed, result.State);
        Assert.Equal(kind, result.Failure!.Kind);
        Assert.True(result.Failure.EndsLaunch);
    }

    [Fact]
    public void Errors_end_the_launch_with_their_message()
    {
        var result = Feed(false, "VERSION 1", "PROXY-ERROR SOCKS 4 upstream proxies unsupported.").Result();
        Assert.Equal(PtLaunchErrorKind.ProxyError, result.Failure!.Kind);
        Assert.Equal("PROXY-ERROR SOCKS 4 upstream proxies unsupported.", result.Failure.Message);
    }

    [Fact]
    public void With_a_proxy_given_DONE_without_PROXY_DONE_fails_closed()
    {
        Assert.Equal(PtLaunchErrorKind.ProxyNotAccepted,
            Feed(true, "VERSION 1", "CMETHOD a socks5 127.0.0.1:1", "CMETHODS DONE").Result().Failure!.Kind);
        var accepted = Feed(true, "VERSION 1", "PROXY DONE", "CMETHOD a socks5 127.0.0.1:1", "CMETHODS DONE").Result();
        Assert.True(accepted.Succeeded);
        Assert.True(accepted.ProxyAccepted);
    }

    [Fact]
    public void PROXY_DONE_without_a_proxy_is_reported_and_ignored()
    {
        var result = Feed(false, "VERSION 1", "PROXY DONE", "CMETHODS DONE").Result();
        Assert.True(result.Succeeded);
        Assert.False(result.ProxyAccepted);
        Assert.Equal(PtLaunchErrorKind.UnexpectedMessage, Assert.Single(result.Errors).Kind);
    }

    [Fact]
    public void Method_errors_and_non_loopback_methods_are_reported_and_the_rest_goes_on()
    {
        var result = Feed(false, "VERSION 1", "CMETHOD-ERROR a no rocks available", "CMETHOD b socks5 192.0.2.7:1080",
            "CMETHOD c socks5 127.0.0.2:1081", "CMETHODS DONE").Result();
        Assert.True(result.Succeeded);
        Assert.Equal("c", Assert.Single(result.ClientMethods).Transport);
        Assert.Equal(new[] { PtLaunchErrorKind.MethodError, PtLaunchErrorKind.NonLoopbackMethod }, result.Errors.Select(e => e.Kind));
        Assert.All(result.Errors, e => Assert.False(e.EndsLaunch));
    }

    [Fact]
    public void After_DONE_method_lines_are_reported_not_used_and_logs_change_nothing()
    {
        var machine = Feed(false, "VERSION 1", "CMETHODS DONE", "CMETHOD late socks5 127.0.0.1:9", "LOG SEVERITY=debug MESSAGE=x",
            "ENV-ERROR late");
        var result = machine.Result();
        Assert.Equal(PtLaunchState.Configured, result.State);
        Assert.Empty(result.ClientMethods);
        Assert.Equal(new[] { PtLaunchErrorKind.UnexpectedMessage, PtLaunchErrorKind.EnvError }, result.Errors.Select(e => e.Kind));
        Assert.Null(machine.Fail(PtLaunchErrorKind.StartupTimeout, "late"));
    }

    [Theory]
    [InlineData("127.0.0.1", PtHostKind.IPv4, true)]
    [InlineData("127.255.0.9", PtHostKind.IPv4, true)]
    [InlineData("::1", PtHostKind.IPv6, true)]
    [InlineData("::ffff:127.0.0.1", PtHostKind.IPv6, true)]
    [InlineData("0.0.0.0", PtHostKind.IPv4, false)]
    [InlineData("::", PtHostKind.IPv6, false)]
    [InlineData("10.0.0.1", PtHostKind.IPv4, false)]
    [InlineData("localhost", PtHostKind.Name, false)]
    public void Loopback_means_127_0_0_0_8_and_colon_colon_1(string host, PtHostKind kind, bool loopback) =>
        Assert.Equal(loopback, PtStartupMachine.IsLoopback(new PtEndpoint(host, kind, 1)));

    /// <summary>For any order of lines: no exception, and the end state keeps every rule.</summary>
    [Property(Arbitrary = new[] { typeof(LaunchArbitraries) }, MaxTest = 1000)]
    public void Any_sequence_keeps_the_rules(LineSequence sequence)
    {
        var result = Feed(sequence.Proxy, sequence.Lines).Result();
        var kinds = sequence.Lines.Select(l => PtIpc.ParseOwned(System.Text.Encoding.UTF8.GetBytes(l), out _))
            .Where(o => o.IsMessage).Select(o => o.Kind).ToArray();
        switch (result.State)
        {
            case PtLaunchState.Configured:
                Assert.Contains(result.Version, new[] { "1", "2.2" });
                Assert.Equal(PtIpc.MessageKind.Version, kinds.First(k => k is not (PtIpc.MessageKind.Log or PtIpc.MessageKind.Status
                    or PtIpc.MessageKind.ConnectionSuccessEvent or PtIpc.MessageKind.CmethodError or PtIpc.MessageKind.SmethodError)));
                Assert.Equal(sequence.Proxy, result.ProxyAccepted);
                Assert.All(result.ClientMethods, m => Assert.True(PtStartupMachine.IsLoopback(m.Address)));
                var beforeDone = kinds.TakeWhile(k => k is not (PtIpc.MessageKind.CmethodsDone or PtIpc.MessageKind.SmethodsDone));
                Assert.DoesNotContain(beforeDone, k => k is PtIpc.MessageKind.EnvError or PtIpc.MessageKind.ProxyError or PtIpc.MessageKind.VersionError);
                Assert.Null(result.Failure);
                break;
            case PtLaunchState.Failed:
                Assert.NotNull(result.Failure);
                Assert.True(result.Failure.EndsLaunch);
                Assert.Same(result.Failure, result.Errors[^1]);
                break;
            default:
                Assert.DoesNotContain(kinds, k => k is PtIpc.MessageKind.CmethodsDone or PtIpc.MessageKind.SmethodsDone);
                Assert.Null(result.Failure);
                break;
        }
    }
}
