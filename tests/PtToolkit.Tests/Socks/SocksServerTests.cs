using System;
using System.Linq;
using System.Net;
using PtToolkit.Socks;
using PtToolkit.Text;
using Xunit;

using static PtToolkit.Tests.Socks.Wire;

namespace PtToolkit.Tests.Socks;

/// <summary>
/// The server handshake on a scripted stream: the messages of RFC 1928 §3-§6, RFC 1929 §2 and pt-2.2 §1.4 byte for
/// byte, the method choice, the arguments, and the bytes after the request.
/// </summary>
public class SocksServerTests
{
    private static readonly byte[] NoAuth = Hex("05 01 00");
    private static readonly byte[] ConnectV4 = Hex("05 01 00 01 7F 00 00 01 00 50");
    private static readonly byte[] ConnectV6 = Hex("05 01 00 04 20 01 0D B8 00 00 00 00 00 00 00 00 00 00 00 01 01 BB");
    private static readonly byte[] ConnectName = Cat(Hex("05 01 00 03 0B"), Ascii("example.com"), Hex("01 BB"));

    private static PtSocksRequest Accepted(PtSocksResult<PtSocksRequest> result)
    {
        Assert.True(result.IsSuccess, result.ToString());
        return result.Value;
    }

    [Fact]
    public void No_authentication_and_an_ipv4_connect()
    {
        var stream = new ScriptedStream(Cat(NoAuth, ConnectV4));
        var request = Accepted(Serve(stream));
        Assert.Equal(Hex("05 00"), stream.Written);
        Assert.Equal(PtSocksCommand.Connect, request.Command);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 80), request.Target);
        Assert.Equal(PtSocksMethod.NoAuthentication, request.Method);
        Assert.Empty(request.Arguments);
        Assert.True(request.Leftover.IsEmpty);
    }

    [Fact]
    public void Ipv6_and_domain_targets_are_typed()
    {
        Assert.Equal(new IPEndPoint(IPAddress.Parse("2001:db8::1"), 443), Accepted(Serve(new ScriptedStream(Cat(NoAuth, ConnectV6)))).Target);
        Assert.Equal(new DnsEndPoint("example.com", 443), Accepted(Serve(new ScriptedStream(Cat(NoAuth, ConnectName)))).Target);
    }

    [Fact]
    public void Rfc1929_arguments_with_a_nul_password_as_tor_sends_them()
    {
        byte[] args = Ascii("shared-secret=rahasia;secrets-file=/tmp/blob");
        var stream = new ScriptedStream(Cat(Hex("05 02 00 02"), UserPassword(args, [0]), ConnectV4));
        var request = Accepted(Serve(stream));
        Assert.Equal(Hex("05 02 01 00"), stream.Written);
        Assert.Equal(PtSocksMethod.UsernamePassword, request.Method);
        Assert.Equal(new PtKeyValueList(("shared-secret", "rahasia"), ("secrets-file", "/tmp/blob")), request.Arguments);
    }

    [Fact]
    public void Rfc1929_arguments_split_inside_an_escape_are_joined_before_reading()
    {
        string text = "k=" + new string('a', 252) + "\\;" + "x;b=c";
        byte[] bytes = Ascii(text);
        Assert.Equal((byte)'\\', bytes[254]);
        var stream = new ScriptedStream(Cat(Hex("05 01 02"), UserPassword(bytes[..255], bytes[255..]), ConnectV4));
        var request = Accepted(Serve(stream));
        Assert.Equal(new PtKeyValueList(("k", new string('a', 252) + ";x"), ("b", "c")), request.Arguments);
    }

    [Fact]
    public void The_json_parameter_block_of_the_pt_document_has_no_answer_of_its_own()
    {
        byte[] block = Cat(Hex("00 00 00 39"), Ascii("{\"shared-secret\": \"rahasia\", \"secrets-file\": \"/tmp/blob\"}"));
        Assert.Equal(JsonBlock("{\"shared-secret\": \"rahasia\", \"secrets-file\": \"/tmp/blob\"}"), block);
        var stream = new ScriptedStream(Cat(Hex("05 01 09"), block, ConnectV4));
        var request = Accepted(Serve(stream));
        Assert.Equal(Hex("05 09"), stream.Written);
        Assert.Equal(PtSocksMethod.JsonParameterBlock, request.Method);
        Assert.Equal(new PtKeyValueList(("shared-secret", "rahasia"), ("secrets-file", "/tmp/blob")), request.Arguments);
    }

    [Theory]
    [InlineData("00 02 09", true, 0x09)]
    [InlineData("00 02", true, 0x02)]
    [InlineData("00", true, 0x00)]
    [InlineData("00 02 09", false, 0x00)]
    [InlineData("02 09", false, 0x09)]
    [InlineData("02 01", false, 0x02)]
    public void The_method_follows_whether_the_transport_wants_arguments(string offered, bool wants, byte chosen)
    {
        byte[] methods = Hex(offered);
        var stream = new ScriptedStream(Cat([5, (byte)methods.Length], methods), silentAtEnd: false);
        Serve(stream, new PtSocksServerOptions { WantsArguments = wants });
        Assert.Equal(new byte[] { 5, chosen }, stream.Written);
    }

    [Fact]
    public void Bytes_after_the_request_are_handed_over()
    {
        byte[] data = Ascii("GET / HTTP/1.0\r\n\r\n");
        var request = Accepted(Serve(new ScriptedStream(Cat(Hex("05 02 00 02"), UserPassword(Ascii("a=b"), [0]), ConnectName, data))));
        Assert.Equal(data, request.Leftover.ToArray());
    }

    [Fact]
    public void Udp_associate_is_handed_over_when_enabled()
    {
        var stream = new ScriptedStream(Cat(NoAuth, Hex("05 03 00 01 00 00 00 00 00 00")));
        var request = Accepted(Serve(stream, new PtSocksServerOptions { AllowUdpAssociate = true }));
        Assert.Equal(PtSocksCommand.UdpAssociate, request.Command);
        Assert.Equal(new IPEndPoint(IPAddress.Any, 0), request.Target);
        Assert.Equal(Hex("05 00"), stream.Written);
    }

    [Theory]
    [InlineData("04 01 00 50 7F 00 00 01 00", PtSocksErrorReason.BadVersion, 0, "")]
    [InlineData("05 00", PtSocksErrorReason.NoMethods, 1, "05 FF")]
    [InlineData("05 02 01 03", PtSocksErrorReason.NoAcceptableMethod, 2, "05 FF")]
    [InlineData("05 01 02 02 01 61 01 00", PtSocksErrorReason.BadVersion, 3, "05 02 01 01")]
    [InlineData("05 01 02 01 01 61 01 00", PtSocksErrorReason.BadArguments, 6, "05 02 01 01")]
    [InlineData("05 01 02 01 03 61 3D 62 02 3B 63 05 01 00 01 7F 00 00 01 00 50", PtSocksErrorReason.BadArguments, 11, "05 02 01 01")]
    [InlineData("05 01 09 00 00 40 01", PtSocksErrorReason.SettingsTooLarge, 3, "05 09 05 10 00 01 00 00 00 00 00 00")]
    [InlineData("05 01 09 00 00 00 00", PtSocksErrorReason.BadSettings, 3, "05 09 05 12 00 01 00 00 00 00 00 00")]
    [InlineData("05 01 09 00 00 00 02 5B 5D", PtSocksErrorReason.BadSettings, 7, "05 09 05 12 00 01 00 00 00 00 00 00")]
    [InlineData("05 01 00 05 02 00 01 7F 00 00 01 00 50", PtSocksErrorReason.CommandNotSupported, 4, "05 00 05 07 00 01 00 00 00 00 00 00")]
    [InlineData("05 01 00 05 03 00 01 7F 00 00 01 00 50", PtSocksErrorReason.CommandNotSupported, 4, "05 00 05 07 00 01 00 00 00 00 00 00")]
    [InlineData("05 01 00 05 09 00 01 7F 00 00 01 00 50", PtSocksErrorReason.CommandNotSupported, 4, "05 00 05 07 00 01 00 00 00 00 00 00")]
    [InlineData("05 01 00 05 01 00 02 7F 00 00 01 00 50", PtSocksErrorReason.BadAddressType, 6, "05 00 05 08 00 01 00 00 00 00 00 00")]
    [InlineData("05 01 00 05 01 01 01 7F 00 00 01 00 50", PtSocksErrorReason.BadReserved, 5, "05 00 05 01 00 01 00 00 00 00 00 00")]
    [InlineData("05 01 00 04 01 00 01 7F 00 00 01 00 50", PtSocksErrorReason.BadVersion, 3, "05 00 05 01 00 01 00 00 00 00 00 00")]
    [InlineData("05 01 00 05 01 00 03 00 00 50", PtSocksErrorReason.BadAddress, 7, "05 00 05 01 00 01 00 00 00 00 00 00")]
    [InlineData("05 01 00 05 01 00 03 03 61 20 62 00 50", PtSocksErrorReason.BadAddress, 9, "05 00 05 01 00 01 00 00 00 00 00 00")]
    [InlineData("05 01 00 05 01 00 01 7F 00", PtSocksErrorReason.Closed, 9, "05 00")]
    [InlineData("05 02 00", PtSocksErrorReason.Closed, 3, "")]
    [InlineData("", PtSocksErrorReason.Closed, 0, "")]
    public void Bad_input_gets_the_reply_its_stage_defines_and_a_located_error(string input, PtSocksErrorReason reason, int offset, string written)
    {
        var stream = new ScriptedStream(Hex(input));
        var result = Serve(stream);
        Assert.False(result.IsSuccess);
        Assert.Equal(reason, result.Error.Reason);
        Assert.Equal(offset, result.Error.Offset);
        Assert.Equal(Hex(written), stream.Written);
        if (written.Length > 12) Assert.Equal((PtSocksReply)Hex(written)[^9], result.Error.Reply);
    }

    [Fact]
    public void A_bad_argument_is_located_in_the_text_and_in_the_stream()
    {
        var result = Serve(new ScriptedStream(Cat(Hex("05 01 02"), UserPassword(Ascii("a=b;c"), [0]))));
        Assert.Equal(PtSocksErrorReason.BadArguments, result.Error.Reason);
        Assert.Equal(new PtParseError(5, PtErrorReason.ExpectedEquals, null), result.Error.ArgumentError);
        Assert.Equal(3 + 2 + 5, result.Error.Offset);
    }

    [Fact]
    public void A_parameter_block_over_the_limit_is_refused_before_it_is_read()
    {
        var options = new PtSocksServerOptions { MaxParameterBlockBytes = 16 };
        byte[] fits = JsonBlock("{\"k\":\"01234567\"}");
        byte[] over = JsonBlock("{\"k\":\"012345678\"}");
        Assert.Equal(4 + 16, fits.Length);
        Assert.True(Serve(new ScriptedStream(Cat(Hex("05 01 09"), fits, ConnectV4)), options).IsSuccess);
        var stream = new ScriptedStream(Cat(Hex("05 01 09"), over.AsSpan(0, 4).ToArray()), silentAtEnd: true);
        var result = Serve(stream, options);
        Assert.Equal(PtSocksErrorReason.SettingsTooLarge, result.Error.Reason);
        Assert.Equal(PtSocksReply.SettingsTooLarge, result.Error.Reply);
    }

    [Theory]
    [InlineData("{\"k\":1}")]
    [InlineData("{\"k\":{\"a\":\"b\"}}")]
    [InlineData("{\"k\":\"v\",\"k\":\"w\"}")]
    [InlineData("{\"\":\"v\"}")]
    [InlineData("{\"k\":\"v\"} x")]
    [InlineData("[\"k\",\"v\"]")]
    [InlineData("{\"k\":\"v\",}")]
    [InlineData("{\"k\":\"v\" /* c */}")]
    [InlineData("\"k=v\"")]
    public void Parameter_blocks_that_are_not_a_map_of_strings_get_x12(string json)
    {
        var stream = new ScriptedStream(Cat(Hex("05 01 09"), JsonBlock(json), ConnectV4));
        var result = Serve(stream);
        Assert.Equal(PtSocksErrorReason.BadSettings, result.Error.Reason);
        Assert.Equal(Cat(Hex("05 09"), FailureReply(0x12)), stream.Written);
    }

    [Fact]
    public void An_empty_json_object_is_no_arguments()
    {
        var request = Accepted(Serve(new ScriptedStream(Cat(Hex("05 01 09"), JsonBlock(" { } "), ConnectV4))));
        Assert.Empty(request.Arguments);
    }

    [Theory]
    [InlineData("", 0, "")]
    [InlineData("05 01 00", 3, "05 00 05 01 00 01 00 00 00 00 00 00")]
    [InlineData("05 01 00 05 01", 5, "05 00 05 01 00 01 00 00 00 00 00 00")]
    [InlineData("05 01 09 00 00", 5, "05 09 05 11 00 01 00 00 00 00 00 00")]
    [InlineData("05 01 09 00 00 00 08 7B", 8, "05 09 05 11 00 01 00 00 00 00 00 00")]
    [InlineData("05 01 02 01 05 61", 6, "05 02")]
    public void A_silent_client_times_out_with_the_reply_of_its_stage(string input, int offset, string written)
    {
        var stream = new ScriptedStream(Hex(input), silentAtEnd: true);
        var result = Serve(stream, new PtSocksServerOptions { HandshakeTimeout = TimeSpan.FromMilliseconds(50) });
        Assert.Equal(PtSocksErrorReason.Timeout, result.Error.Reason);
        Assert.Equal(offset, result.Error.Offset);
        Assert.Equal(Hex(written), stream.Written);
    }

    [Fact]
    public async System.Threading.Tasks.Task Cancelling_the_callers_token_throws_rather_than_reporting_a_timeout()
    {
        using var cancel = new System.Threading.CancellationTokenSource();
        var stream = new ScriptedStream(NoAuth, silentAtEnd: true);
        var pending = PtSocksServer.HandshakeAsync(stream, null, cancel.Token).AsTask();
        cancel.Cancel();
        var thrown = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(cancel.Token, thrown.CancellationToken);
    }

    [Fact]
    public void Messages_arriving_one_byte_at_a_time_are_read_whole()
    {
        byte[] data = Ascii("payload");
        var stream = new ScriptedStream(Cat(Hex("05 02 00 02"), UserPassword(Ascii("a=b;c=d"), Ascii("e")), ConnectName, data), chunks: [1]);
        var request = Accepted(Serve(stream));
        Assert.Equal(new PtKeyValueList(("a", "b"), ("c", "de")), request.Arguments);
        Assert.Equal(Hex("05 02 01 00"), stream.Written);
        Assert.Equal(data, Cat(request.Leftover.ToArray(), stream.Input[stream.Delivered..]));
    }
}
