using System;
using System.Collections.Generic;
using System.Text;
using PtToolkit.Control;
using Xunit;

namespace PtToolkit.Tests.Control;

/// <summary>The generated <c>WriteFields</c> of event views, <c>WriteEventFields</c>, and the generated <c>EventHandlerBase</c>.</summary>
public class TorEventFieldsTests
{
    /// <summary>Records each field as "kind name=value".</summary>
    private sealed class FieldLog : ITorFieldWriter
    {
        public List<string> Fields { get; } = [];

        public void Argument(string name, TorArgumentView value) => Fields.Add($"arg {name}={value.ToString()}");
        public void Number(string name, ulong value) => Fields.Add($"num {name}={value}");
        public void Enum(string name, string member, ReadOnlySpan<byte> word) => Fields.Add($"enum {name}={member}:{Encoding.UTF8.GetString(word)}");
        public void Text(string name, ReadOnlySpan<byte> text) => Fields.Add($"text {name}={Encoding.UTF8.GetString(text)}");
    }

    private static (TorEvents.EventKind Kind, TorControlError Error, List<string> Fields) Write(string line)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(line + "\r\n");
        Assert.True(TorReplyView.TryParse(bytes, out var reply, out var framing), framing.ToString());
        var log = new FieldLog();
        var kind = TorEvents.WriteEventFields(reply.FirstLine, log, out var error);
        return (kind, error, log.Fields);
    }

    [Fact]
    public void Fields_come_in_spec_order_under_spec_names_and_absent_ones_are_left_out()
    {
        var (kind, error, fields) = Write("650 CIRC 5 BUILT a,b REASON=FINISHED SOCKS_USERNAME=\"u \\\"1\\\"\" PURPOSE=GENERAL");
        Assert.Equal(TorEvents.EventKind.Circ, kind);
        Assert.False(error.IsError);
        Assert.Equal(["arg circuitId=5", "enum status=Built:BUILT", "arg path=a,b", "arg PURPOSE=GENERAL", "arg REASON=FINISHED", "arg SOCKS_USERNAME=u \"1\""], fields);
        Assert.Equal(["num bytesRead=10", "num bytesWritten=20"], Write("650 BW 10 20").Fields);
        Assert.Equal(["text message=Bootstrapped 5%"], Write("650 NOTICE Bootstrapped 5%").Fields);
        Assert.Equal(["enum status=Unknown:WEIRD"], Write("650 NETWORK_LIVENESS WEIRD").Fields);
    }

    [Fact]
    public void Nothing_is_written_for_an_unknown_or_invalid_event()
    {
        var unknown = Write("650 NEW_EVENT_2030 x=1");
        Assert.Equal((TorEvents.EventKind.Unknown, false), (unknown.Kind, unknown.Error.IsError));
        Assert.Empty(unknown.Fields);
        var invalid = Write("650 BW 10 lots");
        Assert.Equal(TorEvents.EventKind.Bandwidth, invalid.Kind);
        Assert.Equal(new TorControlError(TorControlErrorReason.BadNumber, 6, "bytesWritten"), invalid.Error);
        Assert.Empty(invalid.Fields);
    }

    private sealed class CircOnly : TorEvents.EventHandlerBase
    {
        public string Seen = "";

        public override void OnCirc(TorEvents.CircEvent e) => Seen += "circ " + e.CircuitId.ToString() + ";";
        protected override void OnEvent(TorEvents.EventKind kind, TorReplyLineView line) => Seen += kind + ";";
    }

    [Fact]
    public void The_base_handler_sends_events_without_an_override_to_OnEvent()
    {
        var handler = new CircOnly();
        foreach (string line in new[] { "650 CIRC 9 LAUNCHED", "650 BW 1 2", "650 NEW_EVENT_2030", "650 BW x y" })
        {
            byte[] bytes = Encoding.UTF8.GetBytes(line + "\r\n");
            Assert.True(TorReplyView.TryParse(bytes, out var reply, out _));
            TorEvents.DispatchEvent(reply.FirstLine, ref handler);
        }
        Assert.Equal("circ 9;Bandwidth;", handler.Seen);
    }
}
