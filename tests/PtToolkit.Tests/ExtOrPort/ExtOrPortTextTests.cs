using System.Net;
using System.Text;
using FsCheck.Xunit;
using PtToolkit.Config;
using PtToolkit.ExtOrPort;
using Xunit;

namespace PtToolkit.Tests.ExtOrPort;

/// <summary>USERADDR and TRANSPORT bodies (ext-orport-spec §3.2.1, §3.2.2).</summary>
public class ExtOrPortTextTests
{
    [Theory]
    [InlineData("1.2.3.4", 5678, "1.2.3.4:5678")]
    [InlineData("::1", 5678, "[::1]:5678")]
    [InlineData("1:2::3:4", 0, "[1:2::3:4]:0")]
    [InlineData("::ffff:198.51.100.7", 443, "198.51.100.7:443")]
    [InlineData("fe80::1%2", 9, "[fe80::1]:9")]
    public void User_addresses_are_written_in_the_two_forms_of_the_spec(string ip, int port, string expected)
    {
        Assert.Equal(expected, ExtOrPortText.FormatUserAddr(new IPEndPoint(IPAddress.Parse(ip), port)));
    }

    [Property(MaxTest = 500)]
    public void User_addresses_round_trip(byte[] bytes, ushort port, bool v6)
    {
        var raw = new byte[v6 ? 16 : 4];
        for (int i = 0; i < raw.Length && i < bytes.Length; i++) raw[i] = bytes[i];
        var ip = new IPAddress(raw);
        if (ip.IsIPv4MappedToIPv6) return;
        var endpoint = new IPEndPoint(ip, port);

        Assert.True(ExtOrPortText.TryParseUserAddr(Encoding.ASCII.GetBytes(ExtOrPortText.FormatUserAddr(endpoint)), out var parsed));
        Assert.Equal(endpoint, parsed);
    }

    [Property(MaxTest = 2000)]
    public void Arbitrary_bodies_never_throw_and_what_parses_is_written_back_the_same(byte[] body, bool bracketLike)
    {
        byte[] input = bracketLike ? [(byte)'[', .. body, (byte)']', (byte)':', (byte)'9'] : body;
        if (ExtOrPortText.TryParseUserAddr(input, out var address))
        {
            Assert.True(ExtOrPortText.TryParseUserAddr(Encoding.ASCII.GetBytes(ExtOrPortText.FormatUserAddr(address!)), out var again));
            Assert.Equal(address, again);
        }
        Assert.Equal(PtTransportList.IsValidName(Encoding.Latin1.GetString(input)), ExtOrPortText.IsTransportName(input));
    }

    [Theory]
    [InlineData("1.2.3.4")]
    [InlineData("1.2.3.4:")]
    [InlineData("1.2.3.4:65536")]
    [InlineData("1.2.3.4:-1")]
    [InlineData("01.2.3.4:5")]
    [InlineData("1.2.3:5")]
    [InlineData("::1:5")]
    [InlineData("[::1]")]
    [InlineData("[::1]:")]
    [InlineData("[1.2.3.4]:5")]
    [InlineData("[fe80::1%eth0]:5")]
    [InlineData("localhost:5")]
    [InlineData("1.2.3.4:5\0")]
    [InlineData("1.2.3.4\0:5")]
    [InlineData(" 1.2.3.4:5")]
    [InlineData("")]
    public void Other_user_address_forms_are_refused(string body)
    {
        Assert.False(ExtOrPortText.TryParseUserAddr(Encoding.ASCII.GetBytes(body), out var address));
        Assert.Null(address);
    }

    [Theory]
    [InlineData("obfs4", true)]
    [InlineData("_x9", true)]
    [InlineData("meek_lite", true)]
    [InlineData("", false)]
    [InlineData("9x", false)]
    [InlineData("web-tunnel", false)]
    [InlineData("a\0", false)]
    [InlineData("caf\u00e9", false)]
    public void Transport_names_are_c_identifiers(string name, bool valid)
    {
        Assert.Equal(valid, ExtOrPortText.IsTransportName(Encoding.Latin1.GetBytes(name)));
    }
}
