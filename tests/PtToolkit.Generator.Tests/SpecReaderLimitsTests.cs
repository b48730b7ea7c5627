using System;
using System.Linq;
using Xunit;

namespace PtToolkit.Generator.Tests;

/// <summary>
/// Inputs at the edge of what the reader must survive. The reader runs inside the compiler, where a stack
/// overflow ends the whole build server, so these run in a child process (<see cref="ChildProcessEntry"/>).
/// </summary>
public sealed class SpecReaderLimitsTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("[", "")]
    [InlineData("[SP \"X\" ", "]")]
    public void DeeplyNestedOptionalGroups_GiveADiagnostic_NotAStackOverflow(string open, string close)
    {
        const int depth = 100_000;
        string spec = "message Ping = \"PING\" " + string.Concat(Enumerable.Repeat(open, depth)) + string.Concat(Enumerable.Repeat(close, depth)) + "\n";

        var (exitCode, output, error) = ChildProcessEntry.ReadSpecInChild(spec, Timeout);

        Assert.True(exitCode == 0, $"the reader's process ended with {exitCode}: {error.Substring(0, Math.Min(300, error.Length))}");
        Assert.StartsWith("PTG", output);
    }

    [Fact]
    public void ChildProcess_ReadsASpec()
    {
        var (exitCode, output, error) = ChildProcessEntry.ReadSpecInChild("message Ping = \"PING\" SP x:Nope\n", Timeout);
        Assert.True(exitCode == 0, error);
        Assert.Equal("PTG002", output);
    }
}
