using Xunit;

namespace PtToolkit.Generator.Tests;

/// <summary>The command part of the spec language: <c>command</c> declarations, their arguments and their diagnostics.</summary>
public class GeneratorCommandTests
{
    [Theory]
    [InlineData("command Ping = ⟪PING")]
    [InlineData("command Ping = \"PING\" ⟪Id:token")]
    [InlineData("command Ping = \"PING\" ⟪id token")]
    [InlineData("command Ping = \"PING\" [a:token ⟪b:token]")]
    [InlineData("command Ping = \"PING\" a:token=⟪nope")]
    [InlineData("command Ping = \"PING\" a:token[=qstring ⟪b:token")]
    [InlineData("command Ping = \"PING\"\n    sensitive ⟪yes")]
    public void PTG001_CommandSyntaxError(string spec) => AssertOnly("PTG001", spec);

    [Theory]
    [InlineData("command Ping = \"PING\" a:token ⟪a:number")]
    [InlineData("command Ping = \"PING\" [\"X\"] ⟪x:token")]
    [InlineData("command Ping = \"PING\"\ncommand Pong = ⟪\"PING\"")]
    [InlineData("command Ping = \"PING\"\ncommand ⟪Ping = \"PONG\"")]
    [InlineData("enum PingCommand = \"a\"\ncommand ⟪Ping = \"PING\"")]
    public void PTG003_CommandNameClash(string spec) => AssertOnly("PTG003", spec);

    [Fact]
    public void PTG008_AnAttributeACommandDoesNotTake() => AssertOnly("PTG008", "command Ping = \"PING\"\n    ⟪keywords A:token");

    [Theory]
    [InlineData("command Ping = ⟪\"PI-NG\"")]
    [InlineData("command Ping = ⟪\"+\" a:data")]
    [InlineData("command Ping = \"PING\" ⟪\"a=b\"")]
    [InlineData("command Ping = \"PING\" a:⟪colour")]
    [InlineData("command Ping = \"PING\" \"X\"⟪*")]
    [InlineData("command Ping = \"PING\" [a:token]⟪+")]
    [InlineData("command Ping = \"PING\" a:hex⟪*")]
    [InlineData("command Ping = \"PING\" a:⟪list")]
    [InlineData("command Ping = \"PING\" K=a:⟪hex")]
    [InlineData("command Ping = \"PING\" a:⟪number=token")]
    [InlineData("command Ping = \"PING\" a:token=⟪hex")]
    [InlineData("command Ping = \"PING\" ⟪a:data")]
    [InlineData("command Ping = \"+PING\" ⟪a:data b:token")]
    [InlineData("command Ping = ⟪\"+PING\" a:token")]
    public void PTG009_BadCommand(string spec) => AssertOnly("PTG009", spec);

    [Fact]
    public void A_command_of_every_kind_of_argument_compiles_to_a_formatter()
    {
        string source = GeneratorHarness.CompiledSource(GeneratorHarness.Lines(
            "command Ping = \"+PING\" \"FIXED\" [\"MAYBE\"] id:token n:number* q:qstring+ [h:hex] s:secret",
            "    Flags=flags:list [K=k:qstring] pairs:token=token* settings:token[=qstring]+ body:data",
            "    section   test §1",
            "    > the doc line",
            "command Bye = \"BYE\"",
            "    sensitive"));
        Assert.Contains("public static class PingCommand", source);
        Assert.Contains("new global::PtToolkit.Control.TorCommandBuilder(\"PING\", sensitive: true)", source);
        Assert.Contains("new global::PtToolkit.Control.TorCommandBuilder(\"BYE\", sensitive: true)", source);
        Assert.Contains("__builder.SetData(@body);", source);
        Assert.Contains("/// the doc line", source);
    }

    private static void AssertOnly(string id, string markedSpec) => GeneratorHarness.AssertOnlyError(id, markedSpec);
}
