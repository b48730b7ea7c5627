using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace PtToolkit.Generator.Tests;

/// <summary>
/// Each PTG diagnostic, with its id, file and 0-based line/column. Spec texts mark the expected position with
/// <see cref="MarkedText.Marker"/>; every case must give that one diagnostic and nothing else, and no source.
/// </summary>
public sealed class GeneratorDiagnosticsTests
{
    private const string SpecPath = GeneratorHarness.SpecFolder + "test.spec";
    private const string Dialects = "dialect 1.0 = \"1\"\ndialect 2.0 = \"2\"\n";

    [Fact]
    public void Marker_GivesZeroBasedLineAndColumn()
    {
        var run = GeneratorHarness.RunSpec(GeneratorHarness.Lines(
            "dialect 1.0 = \"1\"",
            "message Ping = \"PING\" SP @x"));
        var diagnostic = run.Single("PTG001");
        Assert.Equal(new LinePosition(1, 25), diagnostic.Location.GetLineSpan().StartLinePosition);
        Assert.Equal(MarkedText.Parse("dialect 1.0 = \"1\"\nmessage Ping = \"PING\" SP ⟪@x").Position, diagnostic.Location.GetLineSpan().StartLinePosition);
    }

    [Theory]
    [InlineData("message Ping = \"PING\" SP ⟪\"DONE")]
    [InlineData("message Ping = \"PING\" SP ⟪@x")]
    [InlineData("message Ping = \"PING\"\n    SP ⟪{x}")]
    [InlineData("message ⟪Ping \"PING\"")]
    [InlineData("message Ping = \"PING\" SP ⟪Bad:token")]
    [InlineData("message Ping = \"PING\" ⟪[SP \"X\"")]
    [InlineData("⟪mesage Ping = \"PING\"")]
    [InlineData("enum ⟪mode = \"a\"")]
    [InlineData("enum Mode = \"a\" ⟪\"b\"")]
    [InlineData("⟪> a doc line with nothing to document")]
    [InlineData("message Ping = \"PING\"\n    stream ⟪stdin")]
    [InlineData("message Ping = \"PING\"\n    exit ⟪256")]
    public void PTG001_SyntaxError(string spec) => AssertOnly("PTG001", spec);

    [Theory]
    [InlineData("message Ping = \"PING\" SP x:⟪Nope")]
    [InlineData("message Ping = \"PING\" SP a:token SP b:⟪tokens")]
    public void PTG002_UnknownFieldType(string spec) => AssertOnly("PTG002", spec);

    [Theory]
    [InlineData("message Ping = \"PING\"\nmessage ⟪Ping = \"PONG\"")]
    [InlineData("enum Ping = \"a\"\nmessage ⟪Ping = \"PING\"")]
    [InlineData("message Ping = \"PING\" SP a:token SP a:⟪token")]
    [InlineData("message Ping = \"PING\" SP line:⟪token")]
    [InlineData("message Ping = \"PING\" SP toString:⟪text")]
    [InlineData("enum Mode = \"a\" | ⟪\"a\"")]
    [InlineData("dialect ⟪1.0 = \"one\"")]
    public void PTG003_DuplicateOrReservedName(string spec) => AssertOnly("PTG003", spec);

    [Theory]
    [InlineData("enum Mode = \"a\" in 1.0 ⟪3.0")]
    [InlineData("message Ping = \"PING\"\n    stream stdout in 1.0; stderr in ⟪9.9")]
    [InlineData("message Ping = \"PING\"\n    exit 78 in ⟪2.2")]
    [InlineData("message Ping = \"PING\"\n    dialects 1.0 ⟪7.0")]
    public void PTG004_UnknownDialect(string spec) => AssertOnly("PTG004", spec);

    [Fact]
    public void PTG005_AttributeNamesASpecThatIsNotAnAdditionalFile()
    {
        var run = GeneratorHarness.Run(
            new[] { "[PtToolkit.PtSpec(\"missing.spec\")] public static partial class Missing { }" },
            GeneratorHarness.Spec(SampleSpec.FileName, SampleSpec.Text));
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("PTG005", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains("'missing.spec'", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(run.Sources);
    }

    [Fact]
    public void PTG005_IsLocatedInTheSource_AtTheAttributeOrItsClass()
    {
        const string source = "namespace N\n{\n    [PtToolkit.PtSpec(\"missing.spec\")]\n    public static partial class Missing { }\n}";
        var run = GeneratorHarness.Run(new[] { source }, GeneratorHarness.Spec(SampleSpec.FileName, SampleSpec.Text));
        var span = run.Single("PTG005").Location.GetLineSpan();
        Assert.Equal("/project/src/Source0.cs", span.Path);
        Assert.InRange(span.StartLinePosition.Line, 2, 3);
    }

    [Theory]
    [InlineData("namespace N\n{\n    [PtToolkit.PtSpec(\"sample.spec\")]\n    public static class ⟪NotPartial { }\n}")]
    [InlineData("public static partial class Outer\n{\n    [PtToolkit.PtSpec(\"sample.spec\")]\n    public static partial class ⟪Inner { }\n}")]
    public void PTG006_ClassMustBeTopLevelAndPartial(string source)
    {
        var marked = MarkedText.Parse(source);
        var run = GeneratorHarness.Run(new[] { marked.Text }, GeneratorHarness.Spec(SampleSpec.FileName, SampleSpec.Text));
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("PTG006", diagnostic.Id);
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal("/project/src/Source0.cs", span.Path);
        Assert.Equal(marked.Position, span.StartLinePosition);
        Assert.Empty(run.Sources);
    }

    [Theory]
    [InlineData("message ⟪Ping = SP \"PING\"")]
    [InlineData("message ⟪Ping = (\"PING\" / \"PONG\") SP \"DONE\"")]
    [InlineData("message ⟪Ping = \"PING!\" SP \"DONE\"")]
    [InlineData("message ⟪Ping = \"PING\" SP msg:text SP \"END\"")]
    [InlineData("message ⟪Ping = \"PING\" [SP msg:text] SP a:token")]
    [InlineData("message ⟪Ping = \"PING\" SP values:kvline SP a:token")]
    [InlineData("message ⟪Ping = \"PING\" SP a:token \"X\"")]
    [InlineData("message ⟪Ping = \"PING\" SP a:token b:token")]
    [InlineData("message ⟪Ping = \"PING\" [a:token]")]
    [InlineData("message ⟪Ping = \"PING\" [SP SP \"X\"]")]
    [InlineData("message ⟪Ping = \"PING\" []")]
    [InlineData("message ⟪Ping = \"PING\" [SP a:token] SP b:token")]
    public void PTG007_BadRule(string spec) => AssertOnly("PTG007", spec);

    [Theory]
    [InlineData("message Ping = \"PING\"\n    section test §1\n    ⟪colour red")]
    [InlineData("message Ping = \"PING\"\n    > a doc line\n    ⟪example PING")]
    [InlineData("enum Mode = \"a\"\n    ⟪stream stdout")]
    [InlineData("enum Mode = \"a\"\n    ⟪exit 1")]
    public void PTG008_UnknownAttribute(string spec) => AssertOnly("PTG008", spec);

    [Fact]
    public void PTG008_DialectTakesNoAttributes()
    {
        var marked = MarkedText.Parse("dialect 1.0 = \"1\"\n    ⟪section pt-1.0 §3\n");
        var run = GeneratorHarness.RunSpec(marked.Text);
        AssertAt(run.Single("PTG008"), marked.Position);
    }

    [Fact]
    public void EveryProblemOfASpec_IsReported_NotOnlyTheFirst()
    {
        var run = GeneratorHarness.RunSpec(GeneratorHarness.Lines(
            "dialect 1.0 = \"1\"",
            "message Ping = \"PING\" SP x:Nope",
            "message Pong = \"PONG\" SP @",
            "enum Mode = \"a\" in 9.9"));
        Assert.Equal(new[] { "PTG001", "PTG002", "PTG004" }, run.GeneratorDiagnostics.Select(d => d.Id).OrderBy(id => id));
        Assert.Empty(run.Sources);
    }

    /// <summary>The spec (after the two dialects) gives exactly one diagnostic: <paramref name="id"/>, at the marker, in the spec file.</summary>
    private static void AssertOnly(string id, string markedSpec)
    {
        var marked = MarkedText.Parse(Dialects + markedSpec + "\n");
        var run = GeneratorHarness.RunSpec(marked.Text);
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        AssertAt(diagnostic, marked.Position);
        Assert.Empty(run.Sources);
    }

    private static void AssertAt(Diagnostic diagnostic, LinePosition position)
    {
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal(SpecPath, span.Path);
        Assert.Equal(position, span.StartLinePosition);
    }
}
