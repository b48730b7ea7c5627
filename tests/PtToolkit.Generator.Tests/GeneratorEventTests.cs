using System.Linq;
using Xunit;

namespace PtToolkit.Generator.Tests;

/// <summary>The control-protocol part of the spec language: <c>event</c> declarations and their <c>keywords</c>.</summary>
public class GeneratorEventTests
{
    [Theory]
    [InlineData("event Ping = ⟪PING")]
    [InlineData("event Ping = \"PING\" ⟪Id:token")]
    [InlineData("event Ping = \"PING\" ⟪id token")]
    [InlineData("event Ping = \"PING\" [a:⟪token")]
    [InlineData("event Ping = \"PING\"\n    keywords ⟪KEY")]
    [InlineData("event Ping = \"PING\"\n    keywords KEY:⟪text")]
    public void PTG001_EventSyntaxError(string spec) => AssertOnly("PTG001", spec);

    [Theory]
    [InlineData("event Ping = \"PING\" a:⟪Colour")]
    public void PTG002_UnknownEventFieldType(string spec) => AssertOnly("PTG002", spec);

    [Theory]
    [InlineData("event Ping = \"PING\" ⟪line:token")]
    [InlineData("event Ping = \"PING\" ⟪hasMore:token")]
    [InlineData("enum PingEvent = \"a\"\nevent ⟪Ping = \"PING\"")]
    [InlineData("event Ping = \"PING\"\nevent Pong = ⟪\"PING\"")]
    public void PTG003_EventNameClash(string spec) => AssertOnly("PTG003", spec);

    [Theory]
    [InlineData("event Ping = \"PING\" [a:token] ⟪b:token")]
    [InlineData("event Ping = \"PING\" a:text ⟪b:token")]
    public void PTG007_PositionalOrder(string spec) => AssertOnly("PTG007", spec);

    [Fact]
    public void An_event_spec_compiles_to_views_and_a_dispatcher()
    {
        string source = GeneratorHarness.CompiledSource(GeneratorHarness.Lines(
            "enum Mood = \"UP\" | \"DOWN\"",
            "event Ping = \"PING\" id:number mood:Mood [note:text]",
            "    keywords  WHO:qstring WHEN:token",
            "    keywords  HOPS:number"));
        Assert.Contains("public ref struct PingEvent", source);
        Assert.Contains("public readonly ulong Hops => _f", source);
        Assert.Contains("public readonly bool HasHops => (_present & 0x", source);
        Assert.Contains("public static EventKind DispatchEvent<THandler>", source);
        Assert.Contains("public readonly void WriteFields(global::PtToolkit.Control.ITorFieldWriter writer)", source);
        Assert.Contains("if ((_present & 0x20UL) != 0) writer.Number(\"HOPS\", _f5);", source);
        Assert.Contains("public abstract class EventHandlerBase : IEventHandler", source);
        Assert.Contains("public static EventKind WriteEventFields(", source);
    }

    [Fact]
    public void An_event_has_at_most_64_arguments_one_presence_bit_each()
    {
        string keys = string.Join(" ", Enumerable.Range(0, 64).Select(i => $"K{i}:token"));
        Assert.Empty(GeneratorHarness.RunSpec($"event Ping = \"PING\" a:token\n    keywords {keys.Replace(" K63:token", "")}\n").GeneratorDiagnostics);
        AssertOnly("PTG001", $"event ⟪Ping = \"PING\" a:token\n    keywords {keys}");
    }

    private static void AssertOnly(string id, string markedSpec) => GeneratorHarness.AssertOnlyError(id, markedSpec);
}
