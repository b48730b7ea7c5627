using System;
using System.Linq;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PtToolkit.Control;
using PtToolkit.Testing.Control;
using Xunit;

namespace PtToolkit.Testing.Tests.Control;

/// <summary>
/// The reference interpreter of event lines on its own: lines from control-spec §4.1 and the forward-compatibility
/// cases of spec/control.spec with their outcomes written out here, and every generated valid line read as written.
/// </summary>
public class EventReferenceTests
{
    private static readonly PtEventReference Reference = new(TorEvents.EventGrammar);
    private static readonly PtEventLineGen Lines = new(TorEvents.EventGrammar);

    [Theory]
    [InlineData("650 CIRC 1000 EXTENDED moria1,moria2", "Event Circ {circuitId=1000, status=EXTENDED (Extended), path=moria1,moria2}")]
    [InlineData("650 CIRC 1000 EXTENDED moria1,moria2 0xBEEF", "Event Circ {circuitId=1000, status=EXTENDED (Extended), path=moria1,moria2}")]
    [InlineData("650 CIRC 7 GUARD_WAIT PURPOSE=GENERAL PURPOSE=OTHER purpose=x NEW=\"a b\"", "Event Circ {circuitId=7, status=GUARD_WAIT (Guard), PURPOSE=GENERAL}")]
    [InlineData("650 CIRC PURPOSE=GENERAL 7  SOMEDAY", "Event Circ {circuitId=7, status=SOMEDAY (Unknown), PURPOSE=GENERAL}")]
    [InlineData("650 CIRC 7 built", "Event Circ {circuitId=7, status=built (Unknown)}")]
    [InlineData("650 CIRC 7 \"BUILT\" SOCKS_USERNAME=\"a\\\"b\\n\\101\\1x\\q\"", "Event Circ {circuitId=7, status=BUILT (Built), SOCKS_USERNAME=a\"b\\u000AA\\u0001xq}")]
    [InlineData("650 CIRC 7", "Invalid Circ")]
    [InlineData("650 CIRC 7 BUILT SOCKS_USERNAME=\"abc", "Invalid Circ")]
    [InlineData("650 CIRC 7 BUILT SOCKS_USERNAME=\"abc\\\"", "Invalid Circ")]
    [InlineData("650 CIRC 7 BUILT SOCKS_USERNAME=\"abc\"x", "Invalid Circ")]
    [InlineData("650 CIRC 7 BU\"ILT", "Invalid Circ")]
    [InlineData("650 CIRC 7 BUILT\r", "Event Circ {circuitId=7, status=BUILT\\u000D (Unknown)}")]
    [InlineData("650 ORCONN $AB=nick CONNECTED NCIRCS=007 ID=18446744073709551615", "Event OrConn {target=$AB=nick, status=CONNECTED (Connected), NCIRCS=7, ID=18446744073709551615}")]
    [InlineData("650 ORCONN x CONNECTED NCIRCS=18446744073709551616", "Invalid OrConn")]
    [InlineData("650 ORCONN x CONNECTED NCIRCS=\"7\"", "Invalid OrConn")]
    [InlineData("650 ORCONN x CONNECTED NCIRCS=", "Invalid OrConn")]
    [InlineData("650 BW 1 +2", "Invalid Bandwidth")]
    [InlineData("650 NOTICE  Bootstrapped 5% KEY=\"unterminated ", "Event NoticeLog {message=Bootstrapped 5% KEY=\"unterminated }")]
    [InlineData("650 NOTICE", "Event NoticeLog {}")]
    [InlineData("650 NOTICE   ", "Event NoticeLog {}")]
    [InlineData("650 ADDRMAP www.atagar.com 75.119.206.243 NEVER", "Event AddrMap {address=www.atagar.com, newAddress=75.119.206.243, expiry=NEVER}")]
    [InlineData("650 NEWLYDEFINED 1 2 \"x", "Unknown")]
    [InlineData("651 SIGNAL RELOAD", "Event SignalReceived {signal=RELOAD (Reload)}")]
    [InlineData("650-SIGNAL RELOAD", "Invalid")]
    [InlineData("250 SIGNAL RELOAD", "Invalid")]
    [InlineData("650 SIGNAL RELOAD\nX", "Invalid")]
    [InlineData("650  SIGNAL RELOAD", "Unknown")]
    public void Reads_lines_as_control_spec_4_1_says(string line, string outcome) =>
        Assert.Equal(outcome, Reference.Interpret(Encoding.UTF8.GetBytes(line)).ToString());

    [Fact]
    public void A_line_is_bounded_by_the_framer_limit_with_its_CRLF()
    {
        byte[] Line(int length) => Encoding.ASCII.GetBytes("650 SIGNAL RELOAD" + new string(' ', length - 17));
        Assert.Equal(PtEventStatus.Event, Reference.Interpret(Line(TorReplyLimits.DefaultMaxLineLength - 2)).Status);
        Assert.Equal(PtEventStatus.Invalid, Reference.Interpret(Line(TorReplyLimits.DefaultMaxLineLength - 1)).Status);
        Assert.Equal(PtEventStatus.Event, new PtEventReference(TorEvents.EventGrammar, 64).Interpret(Line(62)).Status);
        Assert.Equal(PtEventStatus.Invalid, new PtEventReference(TorEvents.EventGrammar, 64).Interpret(Line(63)).Status);
    }

    [Property(MaxTest = 1500)]
    public Property Every_valid_line_reads_back_as_written() =>
        PtEventProperties.ReadsBackWhatWasWritten(Lines.Valid(), line => Reference.Interpret(line));

    [Fact]
    public void Every_event_has_near_misses_the_reference_refuses()
    {
        foreach (var rule in TorEvents.EventGrammar.Events)
        {
            var cases = Lines.NearMiss(rule.Name).Sample(100, 50);
            Assert.Contains(cases, c => Reference.Interpret(c.Line).Status == PtEventStatus.Invalid);
            Assert.All(Lines.Valid(rule.Name).Sample(20, 20), c => Assert.Equal(PtEventStatus.Event, Reference.Interpret(c.Line).Status));
        }
    }

    [Fact]
    public void Near_misses_cover_every_step()
    {
        var steps = Lines.NearMiss().Sample(1500, 50).Select(c => c.Mutation).ToHashSet();
        Assert.Equal(PtEventLineGen.Mutations.OrderBy(m => m), steps.OrderBy(m => m));
    }
}
