using System;
using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using PtToolkit.Ipc;
using PtToolkit.Testing.Properties;
using PtToolkit.Testing.Tests.Ipc;
using PtToolkit.Text;
using Xunit;

namespace PtToolkit.Testing.Tests.Properties;

/// <summary>The ready-made properties catch broken parsers and formatters, and a failure's replay seed reproduces it.</summary>
public class RunnerTests
{
    /// <summary>A parser that takes every STATUS line for an unknown one.</summary>
    private static PtLineOutcome IgnoresStatus(ReadOnlySpan<byte> line) =>
        line.StartsWith("STATUS "u8) ? PtLineOutcome.Unknown : GeneratedIpc.ParseOwned(line);

    [Fact]
    public void A_parser_that_misreads_one_message_fails_and_its_replay_fails_again()
    {
        var report = PtPropertyRunner.Run("status", PtGrammarProperties.AgreesWithReference(PtIpc.Grammar, IgnoresStatus), 2000, "12345");
        Assert.False(report.Passed);
        Assert.Contains("expected", report.Failure);
        Assert.NotNull(report.Replay);

        var again = PtPropertyRunner.Run("status", PtGrammarProperties.AgreesWithReference(PtIpc.Grammar, IgnoresStatus), 2000, report.Replay);
        Assert.False(again.Passed);
        Assert.Equal(1, again.Cases);
        Assert.Equal(report.Failure, again.Failure);
    }

    [Fact]
    public void The_generated_parser_passes_for_the_cases_asked()
    {
        var report = PtPropertyRunner.Run("dispatch", PtGrammarProperties.AgreesWithReference(PtIpc.Grammar, GeneratedIpc.ParseOwned), 300, "7");
        Assert.True(report.Passed, report.Failure);
        Assert.Equal(300, report.Cases);
        Assert.Null(report.Replay);
    }

    [Fact]
    public void A_parser_that_throws_fails_never_throws()
    {
        var report = PtPropertyRunner.Run("throws", PtGrammarProperties.NeverThrows(PtIpc.Grammar, line =>
        {
            if (Array.IndexOf(line, (byte)'\r') >= 0) throw new InvalidOperationException("CR");
        }), 2000, "3");
        Assert.False(report.Passed);
        Assert.Contains("InvalidOperationException", report.Failure);
    }

    [Fact]
    public void A_formatter_that_loses_a_field_fails_the_round_trip()
    {
        static bool Parse(ReadOnlySpan<byte> line, [NotNullWhen(true)] out IPtMessage? message) => PtIpc.ParseOwned(line, out message).IsMessage;
        static byte[]? LosesArgs(IPtMessage message)
        {
            var buffer = new ArrayBufferWriter<byte>();
            var kept = message is PtIpc.SmethodMessage s ? s with { Args = null } : message;
            return kept.Write(buffer) == OperationStatus.Done ? buffer.WrittenSpan.ToArray() : null;
        }
        var report = PtPropertyRunner.Run("round trip", PtGrammarProperties.RoundTrips<IPtMessage>(PtIpc.Grammar, Parse, LosesArgs), 3000, "11");
        Assert.False(report.Passed);
        Assert.Contains("parsed back as", report.Failure);
    }

    [Theory]
    [InlineData("42", true)]
    [InlineData("(1,3)", true)]
    [InlineData("(1, 3, 30)", true)]
    [InlineData("(1,2)", false)]
    [InlineData("(1,2,3,4)", false)]
    [InlineData("-1", false)]
    [InlineData("seed", false)]
    public void Replay_seeds_are_read_in_FsCheck_forms(string text, bool valid) => Assert.Equal(valid, PtPropertyRunner.TryParseReplay(text, out _));
}
