using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PtToolkit.Launch;
using Xunit;

namespace PtToolkit.Tests.Launch;

/// <summary>The launch inputs (exact environment and argv), their checks, exit-code meanings and the restart backoff.</summary>
public sealed class PtLaunchOptionsTests
{
    private static PtLaunchOptions Env(bool inheritPath) =>
        new("/usr/bin/env", [], new Dictionary<string, string> { ["TOR_PT_MANAGED_TRANSPORT_VER"] = "1", ["ODD"] = "a b=c" }, ["1"])
        {
            InheritPath = inheritPath,
        };

    // /usr/bin/env prints its environment, one variable a line, and exits: each line is an event.
    private static async Task<string[]> Environment(PtLaunchOptions options)
    {
        await using var launcher = new PtLauncher(options);
        var startup = await launcher.StartAsync().WaitAsync(FakePt.Timeout);
        Assert.Equal(PtLaunchErrorKind.ExitedDuringStartup, startup.Failure!.Kind);
        await launcher.StopAsync().WaitAsync(FakePt.Timeout);
        return (await FakePt.AllEvents(launcher))
            .Select(e => e switch { PtUnknownLineEvent u => u.Text, PtInvalidLineEvent i => i.Text, _ => null })
            .OfType<string>().Order(StringComparer.Ordinal).ToArray();
    }

    [Fact]
    public async Task The_PT_gets_exactly_the_given_environment_plus_PATH()
    {
        string path = System.Environment.GetEnvironmentVariable("PATH")!;
        Assert.Equal(new[] { "ODD=a b=c", "PATH=" + path, "TOR_PT_MANAGED_TRANSPORT_VER=1" }, await Environment(Env(true)));
        Assert.Equal(new[] { "ODD=a b=c", "TOR_PT_MANAGED_TRANSPORT_VER=1" }, await Environment(Env(false)));
    }

    [Fact]
    public async Task The_PT_gets_exactly_the_given_argv()
    {
        var options = new PtLaunchOptions("/usr/bin/printf", ["%s %s\\n", "VERSION", "1"], new Dictionary<string, string>(), ["1"]);
        await using var launcher = new PtLauncher(options);
        var startup = await launcher.StartAsync().WaitAsync(FakePt.Timeout);
        Assert.Equal("1", startup.Version);
        Assert.Equal(PtLaunchErrorKind.ExitedDuringStartup, startup.Failure!.Kind);
    }

    [Fact]
    public void Options_that_cannot_be_used_are_refused()
    {
        var good = new PtLaunchOptions("/bin/true", [], new Dictionary<string, string>(), ["1"]);
        good.Validate();
        Assert.Throws<ArgumentException>(() => new PtLauncher(good with { OfferedVersions = [] }));
        Assert.Throws<ArgumentException>(() => new PtLauncher(good with { Executable = "" }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PtLauncher(good with { StartupTimeout = TimeSpan.Zero }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PtLauncher(good with { MaxLineBytes = 10 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PtLauncher(good with { EventCapacity = 0 }));
    }

    [Theory]
    [InlineData(0, PtExitMeaning.Ok)]
    [InlineData(64, PtExitMeaning.Usage)]
    [InlineData(69, PtExitMeaning.Unavailable)]
    [InlineData(78, PtExitMeaning.Config)]
    [InlineData(137, PtExitMeaning.Signal)]
    [InlineData(143, PtExitMeaning.Signal)]
    [InlineData(1, PtExitMeaning.Other)]
    [InlineData(255, PtExitMeaning.Other)]
    public void Exit_codes_of_PT_2_have_their_meaning(int code, PtExitMeaning meaning) =>
        Assert.Equal(meaning, new PtExitStatus(code).Meaning);

    [Fact]
    public void The_backoff_doubles_up_to_the_maximum()
    {
        var policy = new PtRestartPolicy(10, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));
        Assert.Equal(new[] { 1.0, 2, 4, 5, 5 }, Enumerable.Range(1, 5).Select(a => policy.DelayBefore(a).TotalSeconds));
        Assert.False(PtRestartPolicy.Off.Enabled);
    }

    /// <summary>Any attempt, even far past 64 doublings: the delay never shrinks and never passes the maximum.</summary>
    [Property(MaxTest = 500)]
    public void The_backoff_is_monotonic_and_bounded(PositiveInt attempt, PositiveInt initialMs, PositiveInt maxMs)
    {
        var policy = new PtRestartPolicy(1, TimeSpan.FromMilliseconds(initialMs.Get), TimeSpan.FromMilliseconds(maxMs.Get));
        var delay = policy.DelayBefore(attempt.Get);
        Assert.True(delay <= policy.MaxDelay, delay.ToString());
        Assert.True(policy.DelayBefore(attempt.Get + 1) >= delay, delay.ToString());
    }
}
