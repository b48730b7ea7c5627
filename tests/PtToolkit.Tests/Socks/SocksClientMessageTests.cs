using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using PtToolkit.Socks;
using Xunit;

using static PtToolkit.Tests.Primitives.TestText;
using static PtToolkit.Tests.Socks.Wire;

namespace PtToolkit.Tests.Socks;

/// <summary>The client's bytes (RFC 1928 §3-§4, RFC 1929 §2 packed as tor packs them), and the server's reply writer (RFC 1928 §6).</summary>
public class SocksClientMessageTests
{
    private static readonly PtSocksClientOptions Socks5 = PtSocksClientOptions.Default;

    private static byte[] All(PtSocksClientMessages messages) => Cat(messages.Greeting.ToArray(), messages.ArgumentsAndRequest.ToArray());

    [Theory]
    [InlineData(254, 254, "00")]
    [InlineData(255, 255, "00")]
    [InlineData(256, 255, "76")]
    [InlineData(510, 255, "")]
    public void Arguments_fill_uname_then_passwd_as_tor_splits_them(int length, int userLength, string passwordHex)
    {
        string text = "k=" + new string('v', length - 2);
        Assert.True(PtSocksClientMessages.TryBuild(new IPEndPoint(IPAddress.Loopback, 80), new[] { P("k", text[2..]) }, Socks5, out var messages, out _));
        using (messages)
        {
            byte[] password = passwordHex.Length > 0 ? Hex(passwordHex) : B(text[255..]);
            Assert.Equal(Hex("05 01 02"), messages.Greeting.ToArray());
            Assert.Equal(UserPassword(B(text[..userLength]), password), messages.Arguments.ToArray());
            Assert.Equal(Hex("05 01 00 01 7F 00 00 01 00 50"), messages.Request.ToArray());
        }
    }

    [Fact]
    public void No_arguments_offer_only_no_authentication()
    {
        Assert.True(PtSocksClientMessages.TryBuild(new DnsEndPoint("example.com", 443), null, Socks5, out var messages, out _));
        using (messages) Assert.Equal(Cat(Hex("05 01 00 05 01 00 03 0B"), B("example.com"), Hex("01 BB")), All(messages));
    }

    [Fact]
    public void A_json_block_follows_a_greeting_offering_x09()
    {
        var options = new PtSocksClientOptions { ArgumentEncoding = PtSocksArgumentEncoding.JsonParameterBlock };
        Assert.True(PtSocksClientMessages.TryBuild(new IPEndPoint(IPAddress.Parse("2001:db8::1"), 443),
            new[] { P("shared-secret", "rahasia"), P("secrets-file", "/tmp/blob") }, options, out var messages, out _));
        using (messages)
        {
            Assert.Equal(Cat(Hex("05 01 09"), JsonBlock("{\"shared-secret\":\"rahasia\",\"secrets-file\":\"/tmp/blob\"}"),
                Hex("05 01 00 04 20 01 0D B8 00 00 00 00 00 00 00 00 00 00 00 01 01 BB")), All(messages));
        }
    }

    [Fact]
    public void Json_keeps_base64_and_non_ascii_readable_and_escapes_what_json_requires()
    {
        byte[] block = PtSocksJson.Format(new[] { P("cert", "a+b/c="), P("k", "é\"\\\n") });
        Assert.Equal(JsonBlock("{\"cert\":\"a+b/c=\",\"k\":\"é\\\"\\\\\\n\"}"), block);
    }

    [Theory]
    [InlineData("unix socket")]
    [InlineData("a b")]
    [InlineData("é.example")]
    public void Targets_socks_cannot_carry_are_refused(string host)
    {
        var target = host == "unix socket" ? (EndPoint)new UnixDomainSocketEndPoint("/tmp/x") : new DnsEndPoint(host, 1);
        Assert.False(PtSocksClientMessages.TryBuild(target, null, Socks5, out _, out var error));
        Assert.Equal(new PtSocksError(PtSocksErrorReason.TargetNotSupported, 0), error);
    }

    [Fact]
    public void A_name_of_256_bytes_is_refused()
    {
        Assert.True(PtSocksClientMessages.TryBuild(new DnsEndPoint(new string('a', 255), 1), null, Socks5, out var fits, out _));
        fits.Dispose();
        Assert.False(PtSocksClientMessages.TryBuild(new DnsEndPoint(new string('a', 256), 1), null, Socks5, out _, out _));
    }

    [Theory]
    [InlineData("", "v")]
    [InlineData("k", "v\0")]
    public void Unwritable_arguments_throw(string key, string value)
    {
        Assert.Throws<ArgumentException>(() => PtSocksClientMessages.TryBuild(new IPEndPoint(IPAddress.Loopback, 1), new[] { P(key, value) }, Socks5, out _, out _));
    }

    [Fact]
    public void Repeated_keys_cannot_go_in_a_json_map()
    {
        var options = new PtSocksClientOptions { ArgumentEncoding = PtSocksArgumentEncoding.JsonParameterBlock };
        Assert.Throws<ArgumentException>(() => PtSocksClientMessages.TryBuild(new IPEndPoint(IPAddress.Loopback, 1), new[] { P("k", "1"), P("k", "2") }, options, out _, out _));
    }

    public static TheoryData<EndPoint?, string> Bounds() => new()
    {
        { null, "05 00 00 01 00 00 00 00 00 00" },
        { new IPEndPoint(IPAddress.Parse("198.51.100.7"), 9001), "05 00 00 01 C6 33 64 07 23 29" },
        { new IPEndPoint(IPAddress.Parse("2001:db8::1"), 443), "05 00 00 04 20 01 0D B8 00 00 00 00 00 00 00 00 00 00 00 01 01 BB" },
        { new DnsEndPoint("a.example", 80), "05 00 00 03 09 61 2E 65 78 61 6D 70 6C 65 00 50" },
    };

    [Theory]
    [MemberData(nameof(Bounds))]
    public async Task Replies_carry_the_bound_address_in_its_own_type(EndPoint? bound, string expected)
    {
        var stream = new ScriptedStream([]);
        await PtSocksServer.SendReplyAsync(stream, PtSocksReply.Succeeded, bound);
        Assert.Equal(Hex(expected), stream.Written);
    }

    [Fact]
    public async Task A_bound_name_socks_cannot_carry_is_an_argument_error()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => PtSocksServer.SendReplyAsync(new ScriptedStream([]), PtSocksReply.Succeeded, new DnsEndPoint("a b", 1)).AsTask());
    }

    [Theory]
    [InlineData(SocketError.NetworkUnreachable, PtSocksReply.NetworkUnreachable)]
    [InlineData(SocketError.NetworkDown, PtSocksReply.NetworkUnreachable)]
    [InlineData(SocketError.HostUnreachable, PtSocksReply.HostUnreachable)]
    [InlineData(SocketError.HostNotFound, PtSocksReply.HostUnreachable)]
    [InlineData(SocketError.ConnectionRefused, PtSocksReply.ConnectionRefused)]
    [InlineData(SocketError.ConnectionReset, PtSocksReply.ConnectionRefused)]
    [InlineData(SocketError.TimedOut, PtSocksReply.TtlExpired)]
    [InlineData(SocketError.AddressFamilyNotSupported, PtSocksReply.AddressTypeNotSupported)]
    [InlineData(SocketError.AccessDenied, PtSocksReply.GeneralFailure)]
    [InlineData(SocketError.SocketError, PtSocksReply.GeneralFailure)]
    public async Task Socket_errors_map_to_reply_codes(SocketError error, PtSocksReply reply)
    {
        Assert.Equal(reply, PtSocksServer.ReplyFor(error));
        var stream = new ScriptedStream([]);
        await PtSocksServer.SendFailureAsync(stream, error);
        Assert.Equal(FailureReply((byte)reply), stream.Written);
    }
}
