using System;
using PtToolkit.Control;
using Xunit;

using static PtToolkit.Tests.Control.ControlText;

namespace PtToolkit.Tests.Control;

/// <summary>
/// Framing a stream read in pieces, then reading every line, data line and argument of each reply, allocates
/// nothing; nor does writing a quoted string. Measured with GC.GetAllocatedBytesForCurrentThread (a behaviour,
/// not a timing), alone in the allocation collection so that no other test keeps the JIT busy.
/// </summary>
[Collection("AllocationTests")]
public class ControlAllocationTests
{
    private static readonly byte[] Stream = Crlf(
        "250-PROTOCOLINFO 1\n250-AUTH METHODS=COOKIE,SAFECOOKIE COOKIEFILE=\"/var/lib/tor/control_auth_cookie\"\n250-VERSION Tor=\"0.4.9.11\"\n250 OK\n"
        + "650 CIRC 5 EXTENDED $A200F527C82C59A25CCA44884B49D3D65B122652=faktor PURPOSE=MEASURE_TIMEOUT\n"
        + "650 STATUS_CLIENT NOTICE BOOTSTRAP PROGRESS=53 TAG=loading_descriptors SUMMARY=\"Loading \\\"relay\\\" descriptors\"\n"
        + "250-version=0.4.9.11\n250+config-text=\nLog notice stdout\n..dot\n.\n250 OK\n"
        + "650-CONF_CHANGED\n650-ContactInfo=\"a\\\"b\\\\c\\n\\001\\303\\251\"\n650 OK\n");

    /// <summary>Frames <see cref="Stream"/> as it arrives in reads of <paramref name="chunk"/> bytes and reads everything; returns a checksum.</summary>
    private static int FrameAndRead(int chunk)
    {
        Span<byte> scratch = stackalloc byte[256];
        var framer = new TorReplyFramer();
        int start = 0, end = 0, sum = 0;
        while (end < Stream.Length)
        {
            end = Math.Min(Stream.Length, end + chunk);
            while (framer.Frame(Stream.AsSpan(start, end - start), out int length) == TorFrameStatus.Reply)
            {
                Assert.True(TorReplyView.TryParse(Stream.AsSpan(start, length), out var reply, out _));
                start += length;
                sum += reply.StatusCode + reply.EventName.Length + (reply.IsSuccess ? 1 : 0);
                foreach (var line in reply.Lines)
                {
                    foreach (var data in line.Data.Lines) sum += data.Length;
                    var arguments = line.Arguments;
                    while (arguments.MoveNext()) sum += arguments.Current.Unescape(scratch);
                    if (line.TrySplitKeyValue(out var pair)) sum += pair.Unescape(scratch);
                    if (line.TryGetArgument("SUMMARY"u8, out var summary)) sum += summary.Value.Length;
                    sum += line.Data.CopyTo(scratch);
                }
            }
        }
        return sum;
    }

    [Fact]
    public void Framing_and_reading_replies_allocates_nothing()
    {
        int expected = FrameAndRead(Stream.Length);
        Assert.Equal(expected, FrameAndRead(5));
        long allocated = Allocations.SteadyState(() =>
        {
            for (int r = 0; r < 100; r++) FrameAndRead(r % 2 == 0 ? 7 : 64);
        });
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Reading_replies_through_the_generated_reply_views_allocates_nothing()
    {
        byte[] protocolInfo = Crlf("250-PROTOCOLINFO 1\n250-AUTH METHODS=COOKIE,SAFECOOKIE COOKIEFILE=\"/var/lib/tor/control_auth_cookie\"\n250-VERSION Tor=\"0.4.9.11\"\n250 OK\n");
        byte[] addOnion = Crlf("250-ServiceID=oekn5sqrvcu4wote\n250-PrivateKey=ED25519-V3:abcd\n250-ClientAuth=bob:x\n250 OK\n");
        byte[] challenge = Crlf($"250 AUTHCHALLENGE SERVERHASH={new string('A', 64)} SERVERNONCE={new string('B', 64)}\n");
        int Read()
        {
            int sum = 0;
            Assert.True(TorReplyView.TryParse(protocolInfo, out var p, out _));
            Assert.True(TorEvents.ProtocolInfoReply.TryParse(p, out var info, out _));
            sum += (int)info.Version + info.Methods.Value.Length + info.CookieFile.Value.Length + info.TorVersion.Value.Length;
            Assert.True(TorReplyView.TryParse(addOnion, out var o, out _));
            Assert.True(TorEvents.AddOnionReply.TryParse(o, out var onion, out _));
            sum += onion.ServiceId.Value.Length + onion.PrivateKey.Value.Length;
            Assert.True(TorReplyView.TryParse(challenge, out var c, out _));
            Assert.True(TorEvents.AuthChallengeReply.TryParse(c, out var auth, out _));
            return sum + auth.ServerHash.Value.Length + auth.ServerNonce.Value.Length;
        }
        Assert.Equal(1 + 17 + 32 + 8 + 16 + 15 + 128, Read());
        long allocated = Allocations.SteadyState(() =>
        {
            for (int r = 0; r < 100; r++) Read();
        });
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Reading_pairs_through_the_generated_pairs_views_allocates_nothing()
    {
        byte[] getInfo = Crlf("250-version=0.4.9.11\n250+config-text=\nLog notice stdout\n..dot\n.\n250-name=\"a\\\"b\\n\"\n250 OK\n");
        byte[] getConf = Crlf("250-SocksPort=9050\n250-ContactInfo=\"x y\"\n250 DirPort\n");
        byte[] mapAddress = Crlf("250-127.192.10.10=torproject.org\n250 1.2.3.4=tor.freehaven.net\n");
        int Read()
        {
            Span<byte> scratch = stackalloc byte[64];
            int sum = 0;
            Assert.True(TorReplyView.TryParse(getInfo, out var i, out _));
            Assert.True(TorEvents.GetInfoReply.TryParse(i, out var info, out _));
            foreach (var pair in info.Pairs) sum += pair.Key.Length + (pair.HasData ? pair.Data.CopyTo(scratch) : pair.Value.Unescape(scratch));
            Assert.True(TorReplyView.TryParse(getConf, out var c, out _));
            Assert.True(TorEvents.GetConfReply.TryParse(c, out var conf, out _));
            foreach (var pair in conf.Pairs) sum += pair.Key.Length + (pair.HasValue ? pair.Value.Unescape(scratch) : 100);
            Assert.True(TorReplyView.TryParse(mapAddress, out var m, out _));
            Assert.True(TorEvents.MapAddressReply.TryParse(m, out var mapped, out _));
            foreach (var pair in mapped.Pairs) sum += pair.Address.Length + pair.Replacement.Value.Length;
            return sum;
        }
        Assert.Equal(15 + 11 + 22 + 4 + 4 + 9 + 4 + 11 + 3 + 7 + 100 + 13 + 14 + 7 + 17, Read());
        long allocated = Allocations.SteadyState(() =>
        {
            for (int r = 0; r < 100; r++) Read();
        });
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Writing_a_quoted_string_allocates_nothing()
    {
        byte[] value = "a \"quoted\" \\ value\r\nwith é"u8.ToArray();
        var destination = new byte[TorQuotedString.GetEncodedLength(value)];
        long allocated = Allocations.SteadyState(() =>
        {
            for (int r = 0; r < 100; r++) TorQuotedString.Write(value, destination);
        });
        Assert.Equal(0, allocated);
        Assert.True(TorQuotedString.TryScan(destination, 0, out int end));
        Assert.Equal(destination.Length, end);
    }
}
