using Xunit;

namespace PtToolkit.Generator.Tests;

/// <summary>The reply part of the spec language: <c>reply</c> declarations, their lines and their diagnostics.</summary>
public class GeneratorReplyTests
{
    [Theory]
    [InlineData("reply Ping = ⟪PING")]
    [InlineData("reply Ping = \"PING\" ⟪\"PONG\"")]
    [InlineData("reply Ping = ⟪\"PI NG\"")]
    [InlineData("reply ⟪Ping = \"PING\"")]
    [InlineData("reply Ping = \"PING\"\n    line      ⟪x:token")]
    [InlineData("reply Ping = \"PING\"\n    line      \"PONG\" ⟪x token")]
    [InlineData("reply Ping = \"PING\"\n    line      \"PONG\" [x:token ⟪y:token]")]
    [InlineData("reply Ping = \"PING\"\n    line      \"PONG\" x:⟪text")]
    [InlineData("reply Ping = \"PING\"\n    line      [ \"PONG\" x:token ⟪y")]
    [InlineData("reply Ping = \"PING\"\n    line      ⟪\"P NG\"")]
    [InlineData("reply Ping = \"PING\"\n    line      \"PONG\" ⟪[x:token")]
    [InlineData("reply Ping = \"PING\"\n    line      \"PONG\"\n    ⟪line      \"PONG\" x:token")]
    [InlineData("reply Ping = \"PING\"\n    line      K=k:token\n    ⟪line      [ K=j:number ]")]
    [InlineData("reply Ping = \"PING\"\n    line      \"PONG\" ⟪reply:token")]
    [InlineData("reply Ping = \"PING\"\n    ⟪line")]
    [InlineData("reply Ping = \"PING\"\n    line      * ⟪[ \"PONG\" ]")]
    [InlineData("reply Ping = \"PING\"\n    line      * ⟪x:token")]
    public void PTG010_BadReply(string spec) => AssertOnly("PTG010", spec);

    [Theory]
    [InlineData("reply Get = \"GET\"\n    line      ⟪key:token=value:text")]
    [InlineData("reply Get = \"GET\"\n    line      ⟪[ key:token=value:text ]")]
    [InlineData("reply Get = \"GET\"\n    line      * key:⟪number=value:text")]
    [InlineData("reply Get = \"GET\"\n    line      * key:token=value:⟪qstring")]
    [InlineData("reply Get = \"GET\"\n    line      * key:token=⟪value")]
    [InlineData("reply Get = \"GET\"\n    line      * key:token[=value:text ⟪x")]
    [InlineData("reply Get = \"GET\"\n    line      * key:token=value:text ⟪more:token")]
    [InlineData("reply Get = \"GET\"\n    line      * key:token=⟪key:text")]
    [InlineData("reply Get = \"GET\"\n    line      * key:token=⟪data:text")]
    [InlineData("reply Get = \"GET\"\n    line      * key:token=⟪pair:text")]
    [InlineData("reply Get = \"GET\"\n    line      * key:token=value:text\n    ⟪line      * name:token[=text:text]")]
    public void PTG010_BadPairsLine(string spec) => AssertOnly("PTG010", spec);

    [Fact]
    public void PTG003_APairsLineAndAFieldNamedPairs() =>
        AssertOnly("PTG003", "reply ⟪Get = \"GET\"\n    line      * key:token=value:text\n    line      \"PAIRS\" pairs:token");

    [Theory]
    [InlineData("reply ⟪Ping = \"PING\"\n    line      \"PONG\" a:token\n    line      \"PANG\" a:number")]
    [InlineData("reply Ping = \"PING\"\n    line      \"PONG\" ⟪line:token")]
    [InlineData("enum PingReply = \"a\"\nreply ⟪Ping = \"PING\"\n    line      \"PONG\"")]
    [InlineData("reply ⟪Ping = \"PING\"\n    line      \"PONG\" pangLines:token\n    line      * \"PANG\"")]
    public void PTG003_ReplyNameClash(string spec) => AssertOnly("PTG003", spec);

    [Fact]
    public void PTG002_AnEnumTheSpecDoesNotDeclare() =>
        AssertOnly("PTG002", "reply Ping = \"PING\"\n    line      \"PONG\" a:⟪Colour");

    [Fact]
    public void PTG008_AnAttributeAReplyDoesNotTake() =>
        AssertOnly("PTG008", "reply Ping = \"PING\"\n    line      \"PONG\"\n    ⟪keywords A:token");

    [Fact]
    public void PTG007_AnOptionalPositionalBeforeARequiredOne() =>
        AssertOnly("PTG007", "reply Ping = \"PING\"\n    ⟪line      \"PONG\" [a:token] b:token");

    [Fact]
    public void PTG010_AReplyWithoutLines() => AssertOnly("PTG010", "reply ⟪Ping = \"PING\"\n    section   test §1");

    [Fact]
    public void A_reply_of_every_kind_of_line_and_argument_compiles_to_a_view()
    {
        string source = GeneratorHarness.CompiledSource(GeneratorHarness.Lines(
            "enum Colour = \"RED\" | \"BLUE\"",
            "reply Ping = \"PING\"",
            "    line      \"PONG\" n:number [c:Colour] K=k:qstring [J=j:token]",
            "    line      [ Id=id:token t:token ]",
            "    line      * \"ITEM\" name:token [size:number] [Colour=colour:Colour]",
            "    section   test §1",
            "    > the doc line"));
        Assert.Contains("public ref struct PingReply", source);
        Assert.Contains("public readonly ulong N => _f0;", source);
        Assert.Contains("public readonly bool HasC =>", source);
        Assert.DoesNotContain("public readonly bool HasK =>", source);
        Assert.Contains("public readonly bool HasId =>", source);
        Assert.Contains("public readonly bool HasT =>", source);
        Assert.Contains("TorControlErrorReason.MissingLine, reply.Raw.Length, \"PONG\"", source);
        Assert.DoesNotContain("TorControlErrorReason.MissingLine, reply.Raw.Length, \"Id\"", source);
        Assert.Contains("public readonly ItemLineEnumerator ItemLines =>", source);
        Assert.Contains("public ref struct ItemLine", source);
        Assert.Contains("public readonly bool HasSize =>", source);
        Assert.DoesNotContain("MissingLine, reply.Raw.Length, \"ITEM\"", source);
        Assert.Contains("/// the doc line", source);
    }

    [Fact]
    public void A_reply_of_pairs_compiles_to_a_view_with_an_enumerator_of_pairs()
    {
        string source = GeneratorHarness.CompiledSource(GeneratorHarness.Lines(
            "reply Get = \"GET\"",
            "    line      * name:token[=setting:text]",
            "    line      [ \"OK\" ]",
            "    section   test §1"));
        Assert.Contains("public readonly PairEnumerator Pairs => new PairEnumerator(_reply.Lines);", source);
        Assert.Contains("public readonly ref struct Pair", source);
        Assert.Contains("public global::System.ReadOnlySpan<byte> Name => _pair.Key;", source);
        Assert.Contains("public global::PtToolkit.Control.TorArgumentView Setting => _pair;", source);
        Assert.Contains("public bool HasSetting => _pair.HasValue;", source);
        Assert.Contains("TorControlErrorReason.TextBeforeData, valueAt, \"setting\"", source);
        Assert.Contains("TorControlErrorReason.BadKeyword, at, \"name\"", source);
        string required = GeneratorHarness.CompiledSource(GeneratorHarness.Lines("reply Get = \"GET\"", "    line      * name:token=setting:text"));
        Assert.DoesNotContain("HasSetting", required);
        Assert.Contains("TorControlErrorReason.MissingArgument, at + line.Text.Length, \"setting\"", required);
    }

    private static void AssertOnly(string id, string markedSpec) => GeneratorHarness.AssertOnlyError(id, markedSpec);
}
