using Xunit;

namespace PtToolkit.Generator.Tests;

/// <summary>The configuration part of the spec language: <c>config</c> and <c>param</c> declarations.</summary>
public class GeneratorConfigTests
{
    private const string Header = "config AppConfig = common client\n";

    [Theory]
    [InlineData("param ⟪Color\n    env APP_COLOR\n    side common")]
    [InlineData("param ⟪color : text\n    env APP_COLOR\n    side common")]
    [InlineData("param ⟪Color : text\n    side common")]
    [InlineData("param ⟪Color : text\n    env APP_COLOR")]
    [InlineData("param Color : text\n    env ⟪app_color\n    side common")]
    [InlineData("param Color : text\n    flag ⟪color\n    side common")]
    [InlineData("param Color : text\n    env APP_COLOR\n    side ⟪both")]
    [InlineData("param Color : text\n    env APP_COLOR\n    side common\n    rules ⟪sometimes")]
    [InlineData("param Color : text\n    env APP_COLOR\n    side common\n    rules requires ⟪Shade")]
    [InlineData("param Color : text\n    env APP_COLOR\n    side common\n    rules required unless ⟪Color")]
    [InlineData("param Color : ⟪text\n    env APP_COLOR\n    side common\n    rules default red")]
    [InlineData("enum Shade = \"dark\" | \"light\"\nparam Color : ⟪Shade\n    env APP_COLOR\n    side common\n    rules default grey")]
    [InlineData("config Other = common ⟪common")]
    public void PTG001_ConfigSyntaxError(string spec) => AssertOnly("PTG001", spec);

    [Theory]
    [InlineData("param Color : ⟪Colour\n    env APP_COLOR\n    side common")]
    public void PTG002_UnknownParamType(string spec) => AssertOnly("PTG002", spec);

    [Theory]
    [InlineData("param Color : text\n    env APP_COLOR\n    side common\nparam ⟪Color : text\n    env APP_COLOUR\n    side client")]
    [InlineData("param Color : text\n    env APP_COLOR\n    side common\nparam ⟪Colour : text\n    env APP_COLOR\n    side client")]
    [InlineData("param ⟪Bind : text\n    env APP_BIND\n    side common")]
    [InlineData("config ⟪AppConfig = client")]
    public void PTG003_DuplicateOrReservedParam(string spec) => AssertOnly("PTG003", spec);

    [Theory]
    [InlineData("param Color : text\n    env APP_COLOR\n    side common\n    ⟪stream stdout")]
    [InlineData("message Ping = \"PING\"\n    ⟪env APP_COLOR")]
    public void PTG008_AttributeOfAnotherDeclaration(string spec) => AssertOnly("PTG008", spec);

    [Fact]
    public void Parameters_without_a_config_are_reported()
    {
        var run = GeneratorHarness.RunSpec("param Color : text\n    env APP_COLOR\n    side common\n");
        Assert.Equal("PTG001", Assert.Single(run.GeneratorDiagnostics).Id);
    }

    [Fact]
    public void A_downstream_config_spec_compiles_and_shares_flags_only_across_sides()
    {
        string source = GeneratorHarness.CompiledSource(GeneratorHarness.Lines(
            "enum Shade = \"dark\" | \"light\"",
            "config AppClient = common client",
            "config AppServer = common server",
            "param Color : text",
            "    env APP_COLOR",
            "    flag -color",
            "    side common",
            "    rules required",
            "param Shade : Shade",
            "    flag -shade",
            "    side common",
            "    rules default dark",
            "param Listen : port",
            "    flag -port",
            "    side client",
            "param Upstream : port",
            "    flag -port",
            "    side server",
            "    rules required unless Color; conflicts Color"));
        Assert.Contains("public sealed partial record AppClient", source);
        Assert.Contains("public required string Color { get; init; }", source);
        Assert.Contains("public global::TestSpec.Shade Shade { get; init; } = global::TestSpec.Shade.Dark;", source);
        Assert.Contains("public ushort? Listen { get; init; }", source);
        Assert.Contains("static partial void OnBound(", source);
        Assert.DoesNotContain("MessageKind", source);
    }

    [Fact]
    public void A_config_of_switches_without_rules_compiles_without_warnings()
    {
        // A switch that no rule names has no name to show in a message; its name local would be an unused constant (CS0219).
        string source = GeneratorHarness.CompiledSource(GeneratorHarness.Lines(
            "config Flags = common",
            "param Verbose : switch",
            "    flag -verbose",
            "    side common",
            "param Quiet : switch",
            "    env APP_QUIET",
            "    side common",
            "param Unsafe : switch",
            "    flag -unsafe",
            "    side common",
            "    rules requires Verbose"));
        Assert.DoesNotContain("string nVerbose", source);
        Assert.DoesNotContain("string nQuiet", source);
        Assert.Contains("string nUnsafe = \"-unsafe\";", source);
    }

    private static void AssertOnly(string id, string markedSpec) => GeneratorHarness.AssertOnlyError(id, Header + markedSpec);
}
