using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace PtToolkit.Generator.Tests;

/// <summary>
/// A spec that the reader accepts must give code that compiles: names from the spec must not clash with the
/// members the generator adds, with each other once turned into C# names, or with C# keywords. Refusing such
/// a spec with a PTG diagnostic is the other correct outcome.
/// </summary>
public sealed class GeneratorNameClashTests
{
    [Theory]
    [InlineData("message Ping = \"PING\" SP class:token SP event:token SP namespace:text")]
    [InlineData("message Dialects = \"DIALECTS\"\nmessage Grammar = \"GRAMMAR\"")]
    [InlineData("message Unknown = \"UNKNOWN\"")]
    [InlineData("dialect 1.0 = \"1\"\ndialect 1-0 = \"one\"")]
    [InlineData("enum MessageKind = \"a\"")]
    [InlineData("enum Dialects = \"a\"")]
    [InlineData("enum IHandler = \"a\"")]
    [InlineData("message Ping = \"PING\"\nenum PingView = \"a\"")]
    [InlineData("message Ping = \"PING\" SP pingMessage:token")]
    [InlineData("enum TestSpec = \"a\"")]
    public void AcceptedSpec_CompilesWithoutErrors_OrIsRefused(string spec)
    {
        var run = GeneratorHarness.RunSpec(spec + "\n");
        // Warnings are the business of GeneratorOutputTests; here only names that make the code invalid.
        var errors = run.CompileProblems.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        bool refused = run.GeneratorDiagnostics.Any(d => d.Id.StartsWith("PTG", System.StringComparison.Ordinal));
        Assert.True(refused || errors.Count == 0, GeneratorHarness.Describe(errors.Take(3)));
    }
}
