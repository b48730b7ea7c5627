using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using PtToolkit.Generator.Reading;
using Xunit;

namespace PtToolkit.Generator.Tests;

/// <summary>
/// The reader and the generator never throw, whatever the spec text: random lines mixing the language's words,
/// quotes, brackets, comments, indentation, unicode and very long runs, or a damaged sample spec, give PTG
/// diagnostics or a model, nothing else; and what the generator accepts compiles.
/// </summary>
public sealed class GeneratorGarbageInputTests
{
    [Property(Arbitrary = new[] { typeof(GarbageSpecs) }, MaxTest = 300)]
    public void SpecReader_NeverThrows_AndEitherReadsOrExplains(GarbageSpec spec)
    {
        var result = SpecReader.Read(GeneratorHarness.SpecFolder + "garbage.spec", SourceText.From(spec.Text), CancellationToken.None);

        Assert.True((result.Model is null) == (result.Diagnostics.Count > 0), "a model exactly when there is no diagnostic");
        Assert.All(result.Diagnostics, d => Assert.Matches("^PTG0(0[1-9]|10)$", d.Id));
    }

    [Property(Arbitrary = new[] { typeof(GarbageSpecs) }, MaxTest = 30)]
    public void Generator_NeverFails_AndWhatItAcceptsCompiles(GarbageSpec spec)
    {
        var run = GeneratorHarness.RunSpec(spec.Text);

        Assert.Null(run.Result.Results[0].Exception);
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id is "CS8785" or "AD0001");
        Assert.All(run.GeneratorDiagnostics, d => Assert.StartsWith("PTG", d.Id));
        if (!run.GeneratorDiagnostics.IsEmpty) return;

        Assert.Single(run.Sources);
        var errors = run.CompileProblems.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, GeneratorHarness.Describe(errors.Take(3)));
    }
}

/// <summary>Spec text made of random lines; printed as the text itself so that a failure shows it.</summary>
public sealed record GarbageSpec(IReadOnlyList<string> Lines, string NewLine)
{
    public string Text => string.Join(NewLine, Lines);

    public override string ToString() => "\"" + Text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\"";
}

/// <summary>FsCheck arbitraries for <see cref="GarbageSpec"/>.</summary>
public static class GarbageSpecs
{
    private static readonly string[] Pieces =
    {
        "dialect", "enum", "message", "section", "stream", "exit", "dialects", "in", "SP", ">", "#", "=", "|", "[", "]",
        "(", ")", "/", ":", ";", ",", "\"", "\"\"", "\"PING\"", "\"a b\"", "\"\\\"", "\"\\", "\\", "Ping", "Mode", "Unknown",
        "x:token", "y:text", "v:kvline", "a:kvargs", "q:qstring", "m:Mode", "line:token", "1.0", "2.2", "\"1\"", "stdout",
        "stderr", "any", "78", "256", "-1", "§", "é", "Ω", "😀", "\ud800", "\u0000", "\t", "\r", "\u2028", "\u00a0", "\ufeff",
        "@", "{", "}", "-", "_", ".", "'", "`",
    };

    /// <summary>
    /// Pieces repeated into very long lines. Not '[': thousands of nested groups overflow the reader's stack, which
    /// would end this test process; SpecReaderLimitsTests checks that in a child process.
    /// </summary>
    private static readonly string[] LongRunPieces = Pieces.Where(p => p != "[").ToArray();

    private static readonly string[] ValidLines =
    {
        "dialect 1.0 = \"1\"", "dialect 2.0 = \"2\"", "enum Mode = \"fast\" | Slow \"slow-mode\" in 2.0", "    section test §1",
        "message Ping = \"PING\" SP \"DONE\"", "message Offer = \"OFFER\" SP name:token SP m:Mode [SP \"ARGS:\" args:kvargs] [SP note:text]",
        "    stream stdout in 1.0; stderr in 2.0", "    exit any in 1.0; 78 in 2.0", "    dialects 2.0", "    > doc text",
        "                     | Other \"other\"", "message Say = \"SAY\" SP (\"A\" / \"B\") SP \"MSG=\" msg:qstring SP values:kvline",
    };

    /// <summary>Random spec texts (random lines, or the sample spec with a few lines damaged), shrunk by dropping lines.</summary>
    public static Arbitrary<GarbageSpec> Specs()
    {
        var newLine = Gen.Elements("\n", "\r\n", "\r");
        var spec = Gen.OneOf(RandomLines(), DamagedSample()).SelectMany(_ => newLine, (lines, nl) => new GarbageSpec(lines, nl));
        return Arb.From(spec, Shrink);
    }

    private static Gen<IReadOnlyList<string>> RandomLines()
    {
        var piece = Gen.Frequency(
            (12, Gen.Elements(Pieces)),
            (2, ArbMap.Default.GeneratorFor<string>().Where(s => s is not null)),
            (1, Gen.Elements(LongRunPieces).SelectMany(p => Gen.Choose(500, 5000), (p, n) => string.Concat(Enumerable.Repeat(p + " ", n)))));
        var separator = Gen.Frequency((6, Gen.Constant(" ")), (2, Gen.Constant("")), (1, Gen.Constant("  ")), (1, Gen.Constant("\t")));
        var words = piece.SelectMany(_ => separator, (p, s) => p + s).ListOf().Select(ws => string.Concat(ws));
        var indent = Gen.Frequency((4, Gen.Constant("")), (3, Gen.Constant("    ")), (1, Gen.Constant("\t")), (1, Gen.Constant(" ")));
        var randomLine = indent.SelectMany(_ => words, (i, w) => i + w);
        var line = Gen.Frequency((3, randomLine), (2, Gen.Elements(ValidLines)), (1, Gen.Constant("")));
        return line.ListOf().Select(lines => (IReadOnlyList<string>)lines.ToList());
    }

    /// <summary>The lines of <see cref="SampleSpec.Text"/>, each kept, emptied, cut short or given a random piece.</summary>
    private static Gen<IReadOnlyList<string>> DamagedSample()
    {
        var piece = Gen.Elements(Pieces);
        return Gen.CollectToList(SampleSpec.Text.Split('\n'), line => Gen.Frequency(
                (90, Gen.Constant(line)),
                (1, Gen.Constant("")),
                (1, Gen.Choose(0, line.Length).Select(n => line.Substring(0, n))),
                (2, Gen.Choose(0, line.Length).SelectMany(_ => piece, (n, p) => line.Insert(n, p)))))
            .Select(lines => (IReadOnlyList<string>)lines.ToList());
    }

    private static IEnumerable<GarbageSpec> Shrink(GarbageSpec spec)
    {
        for (int i = 0; i < spec.Lines.Count; i++)
        {
            yield return spec with { Lines = spec.Lines.Where((_, k) => k != i).ToList() };
        }
    }
}
