using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace PtToolkit.Generator.Tests;

/// <summary>
/// The pipeline caches: a comment-only spec edit re-reads the spec into an equal model (Unchanged) and leaves
/// the request and the source output Cached; a C# edit does not touch them; a real edit does reach the output.
/// </summary>
public sealed class GeneratorIncrementalTests
{
    private static readonly IncrementalStepRunReason[] Reused = { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged };

    [Theory]
    [InlineData("\nmessage Offer", "\n# a comment added between two declarations\nmessage Offer")]
    [InlineData("# a comment between attributes", "# the same comment, reworded")]
    [InlineData("dialect 2.0 = \"2\"", "dialect 2.0 = \"2\"    # a trailing comment")]
    [InlineData("\nmessage Say", "\n\n\n   \nmessage Say")]
    [InlineData("\ncommand Hello", "\n# a comment before a command\ncommand Hello")]
    public void CommentOnlySpecEdit_KeepsTheModelAndEveryOutputCached(string find, string replace)
    {
        var (driver, compilation, spec) = FirstRun();
        string edited = Edit(SampleSpec.Text, find, replace);

        driver = driver.ReplaceAdditionalText(spec, GeneratorHarness.Spec(SampleSpec.FileName, edited)).RunGenerators(compilation);
        var result = driver.GetRunResult().Results[0];

        // The spec text changed, so its step ran again; its model is equal, so it is Unchanged, not Modified.
        AssertReasons(result.TrackedSteps[TrackingNames.Spec], IncrementalStepRunReason.Unchanged);
        AssertReasons(result.TrackedSteps[TrackingNames.Request], Reused);
        AssertReasons(result.TrackedOutputSteps.SelectMany(s => s.Value), Reused);
        Assert.Equal(FirstSource(), Assert.Single(result.GeneratedSources).SourceText.ToString());
    }

    [Fact]
    public void AddingAnUnrelatedSyntaxTree_KeepsEveryStepCached()
    {
        var (driver, compilation, _) = FirstRun();
        var added = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Other { public class Unrelated { } }", GeneratorHarness.ParseOptions));

        var result = driver.RunGenerators(added).GetRunResult().Results[0];

        AssertReasons(result.TrackedSteps[TrackingNames.Target], Reused);
        AssertReasons(result.TrackedSteps[TrackingNames.Spec], IncrementalStepRunReason.Cached);
        AssertReasons(result.TrackedSteps[TrackingNames.Request], Reused);
        AssertReasons(result.TrackedOutputSteps.SelectMany(s => s.Value), Reused);
    }

    [Fact]
    public void EditingTheTreeOfTheTargetClass_ElsewhereInIt_KeepsTheOutputCached()
    {
        var (driver, compilation, _) = FirstRun();
        var tree = compilation.SyntaxTrees.Single();
        string text = Edit(tree.ToString(), "public static class Probe", "public static class Helper { public static int Two() => 2; }\n\n    public static class Probe");
        var edited = compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(text)));

        var result = driver.RunGenerators(edited).GetRunResult().Results[0];

        AssertReasons(result.TrackedSteps[TrackingNames.Target], Reused);
        AssertReasons(result.TrackedSteps[TrackingNames.Spec], IncrementalStepRunReason.Cached);
        AssertReasons(result.TrackedSteps[TrackingNames.Request], Reused);
        AssertReasons(result.TrackedOutputSteps.SelectMany(s => s.Value), Reused);
    }

    [Fact]
    public void RenamingAField_ModifiesTheModelAndTheOutput()
    {
        var (driver, compilation, spec) = FirstRun();
        string edited = Edit(SampleSpec.Text, "SP name:token", "SP title:token");

        driver = driver.ReplaceAdditionalText(spec, GeneratorHarness.Spec(SampleSpec.FileName, edited)).RunGenerators(compilation);
        var result = driver.GetRunResult().Results[0];

        AssertReasons(result.TrackedSteps[TrackingNames.Spec], IncrementalStepRunReason.Modified);
        AssertReasons(result.TrackedSteps[TrackingNames.Request], IncrementalStepRunReason.Modified);
        Assert.Contains(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        string source = Assert.Single(result.GeneratedSources).SourceText.ToString();
        Assert.Contains("OfferMessage(string Title,", source);
        Assert.DoesNotContain("OfferMessage(string Name,", source);
    }

    [Fact]
    public void CommentEditAboveAnError_MovesTheDiagnostic()
    {
        string broken = GeneratorHarness.Lines("dialect 1.0 = \"1\"", "message Ping = \"PING\" SP x:Nope");
        var spec = GeneratorHarness.Spec("test.spec", broken);
        var compilation = GeneratorHarness.CreateCompilation("[PtToolkit.PtSpec(\"test.spec\")] public static partial class TestSpec { }");
        var driver = GeneratorHarness.CreateDriver(spec).RunGenerators(compilation);
        Assert.Equal(1, Assert.Single(driver.GetRunResult().Diagnostics).Location.GetLineSpan().StartLinePosition.Line);

        driver = driver.ReplaceAdditionalText(spec, GeneratorHarness.Spec("test.spec", "# a new first line\n" + broken)).RunGenerators(compilation);

        var diagnostic = Assert.Single(driver.GetRunResult().Diagnostics);
        Assert.Equal("PTG002", diagnostic.Id);
        Assert.Equal(2, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
    }

    private static (GeneratorDriver Driver, CSharpCompilation Compilation, AdditionalText Spec) FirstRun()
    {
        var spec = GeneratorHarness.Spec(SampleSpec.FileName, SampleSpec.Text);
        var compilation = GeneratorHarness.CreateCompilation(SampleSpec.Source);
        var driver = GeneratorHarness.CreateDriver(spec).RunGenerators(compilation);
        var result = driver.GetRunResult();
        Assert.True(result.Diagnostics.IsEmpty, GeneratorHarness.Describe(result.Diagnostics));
        Assert.Single(result.GeneratedTrees);
        AssertReasons(result.Results[0].TrackedSteps[TrackingNames.Spec], IncrementalStepRunReason.New);
        return (driver, compilation, spec);
    }

    private static string FirstSource()
    {
        var (driver, _, _) = FirstRun();
        return driver.GetRunResult().Results[0].GeneratedSources.Single().SourceText.ToString();
    }

    private static string Edit(string text, string find, string replace)
    {
        Assert.Contains(find, text);
        string edited = text.Replace(find, replace, StringComparison.Ordinal);
        Assert.NotEqual(text, edited);
        return edited;
    }

    /// <summary>Every output of every run of the step has one of <paramref name="allowed"/> as its reason (and there is at least one).</summary>
    private static void AssertReasons(IEnumerable<IncrementalGeneratorRunStep> steps, params IncrementalStepRunReason[] allowed)
    {
        var outputs = steps.SelectMany(s => s.Outputs).ToList();
        Assert.NotEmpty(outputs);
        foreach (var (value, reason) in outputs)
        {
            Assert.True(Array.IndexOf(allowed, reason) >= 0, $"{value}: {reason}, expected {string.Join(" or ", allowed)}");
        }
    }
}
