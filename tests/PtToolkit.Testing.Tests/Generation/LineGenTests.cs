using System;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PtToolkit.Ipc;
using PtToolkit.Testing.Generation;
using PtToolkit.Testing.Reference;
using Xunit;

namespace PtToolkit.Testing.Tests.Generation;

/// <summary>The line generators judged by the reference: valid lines are their message, the sure near-misses are not, shrinking makes lines smaller.</summary>
public class LineGenTests
{
    private static readonly PtReferenceParser Reference = new(PtIpc.Grammar);
    private static readonly PtLineGen Lines = new(PtIpc.Grammar);

    /// <summary>No shrinking: a smaller line is no longer a line of the category that is claimed.</summary>
    private static Arbitrary<PtLineCase> AsIs(Gen<PtLineCase> lines) => Arb.From(lines, _ => Enumerable.Empty<PtLineCase>());

    [Property(MaxTest = 2000)]
    public Property Valid_lines_are_their_message_for_the_reference() =>
        Prop.ForAll(AsIs(Lines.Valid()), line =>
        {
            var outcome = Reference.Interpret(line.Line);
            return Prop.Label(outcome.Status == PtLineStatus.Message && outcome.MessageName == line.Message, outcome.ToString());
        });

    /// <summary>A NUL, a port above 65535 or an undefined escape can be in no field, so these steps always leave the grammar.</summary>
    [Property(MaxTest = 2000)]
    public Property Sure_near_misses_are_never_a_message() =>
        Prop.ForAll(AsIs(Lines.NearMiss().Where(l => l.Mutation is "nul" or "port-range" or "bad-escape")), line =>
        {
            var outcome = Reference.Interpret(line.Line);
            return Prop.Label(outcome.Status != PtLineStatus.Message, outcome.ToString());
        });

    [Fact]
    public void Every_near_miss_step_comes_up()
    {
        var seen = Lines.NearMiss().Sample(3000, 30).Select(l => l.Mutation).ToHashSet();
        Assert.Equal(PtLineGen.Mutations.OrderBy(m => m), seen.OrderBy(m => m));
    }

    [Fact]
    public void Over_long_near_misses_are_longer_than_the_launcher_limit()
    {
        var overLong = Lines.NearMiss().Sample(3000, 30).Where(l => l.Mutation == "over-long").ToArray();
        Assert.NotEmpty(overLong);
        Assert.All(overLong, l => Assert.True(l.Line.Length > PtLineGen.OverLongBytes));
    }

    [Property(MaxTest = 300)]
    public Property Shrinking_gives_smaller_or_simpler_lines() =>
        Prop.ForAll(PtLineGen.Arbitrary(Lines.Any()), line =>
            PtLineCase.Shrink(line).Take(200).All(s => s.Line.Length < line.Line.Length
                || (s.Line.Length == line.Line.Length && !s.Line.AsSpan().SequenceEqual(line.Line) && s.Line.Count(b => b == 'a') > line.Line.Count(b => b == 'a'))));
}
