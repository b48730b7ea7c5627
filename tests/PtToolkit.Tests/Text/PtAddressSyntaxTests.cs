using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using FsCheck.Xunit;
using PtToolkit.Text;
using Xunit;

using static PtToolkit.Tests.Primitives.TestText;

namespace PtToolkit.Tests.Primitives;

/// <summary>
/// PtAddressSyntax: IPv4, IPv6, host names and ports, unit cases and System.Net.IPAddress as an oracle.
/// Deliberate differences from IPAddress.TryParse: we refuse IPv6 zones (<c>%eth0</c>) and brackets (the caller
/// strips those of an endpoint), IPv4 parts with leading zeros (IPAddress reads them as octal), IPv4 forms with
/// fewer than four parts or hexadecimal parts, and such IPv4 forms as the tail of an IPv6 address.
/// </summary>
public class PtAddressSyntaxTests
{
    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("1.2.3.4")]
    [InlineData("127.0.0.1")]
    [InlineData("198.51.100.1")]
    [InlineData("255.255.255.255")]
    [InlineData("10.0.100.9")]
    public void IPv4_dotted_quads_are_accepted(string text)
    {
        Assert.True(PtAddressSyntax.IsIPv4(B(text)));
        Assert.True(PtAddressSyntax.TryClassifyHost(B(text), allowName: false, out var kind));
        Assert.Equal(PtHostKind.IPv4, kind);
    }

    [Theory]
    [InlineData("01.2.3.4")]
    [InlineData("1.2.3.04")]
    [InlineData("00.0.0.0")]
    [InlineData("010.0.0.1")]
    [InlineData("256.1.1.1")]
    [InlineData("1.2.3.256")]
    [InlineData("1000.1.1.1")]
    [InlineData("1.2.3")]
    [InlineData("1.2")]
    [InlineData("16909060")]
    [InlineData("1.2.3.4.5")]
    [InlineData("1..2.3")]
    [InlineData(".1.2.3")]
    [InlineData("1.2.3.")]
    [InlineData("1.2.3.4 ")]
    [InlineData("0x7f.0.0.1")]
    [InlineData("-1.2.3.4")]
    [InlineData("")]
    public void IPv4_forms_other_than_a_plain_dotted_quad_are_refused(string text)
    {
        Assert.False(PtAddressSyntax.IsIPv4(B(text)));
    }

    [Theory]
    [InlineData("1.2.3", "1.2.0.3")]
    [InlineData("010.0.0.1", "8.0.0.1")]
    [InlineData("0x7f.0.0.1", "127.0.0.1")]
    [InlineData("16909060", "1.2.3.4")]
    public void IPv4_forms_that_IPAddress_reads_differently_are_refused_on_purpose(string text, string ipAddressReading)
    {
        Assert.True(IPAddress.TryParse(text, out var address));
        Assert.Equal(ipAddressReading, address!.ToString());
        Assert.False(PtAddressSyntax.IsIPv4(B(text)));
    }

    [Theory]
    [InlineData("::")]
    [InlineData("::1")]
    [InlineData("1::")]
    [InlineData("1:2:3:4:5:6:7:8")]
    [InlineData("2001:0db8:85a3:0000:0000:8a2e:0370:7334")]
    [InlineData("2001:db8::8a2e:370:7334")]
    [InlineData("::ffff:1.2.3.4")]
    [InlineData("::1.2.3.4")]
    [InlineData("1:2:3:4:5:6:1.2.3.4")]
    [InlineData("1::1.2.3.4")]
    [InlineData("FE80::ABCD")]
    [InlineData("1:2:3:4:5:6:7::")]
    [InlineData("::2:3:4:5:6:7:8")]
    public void IPv6_forms_are_accepted(string text)
    {
        // "1:2:3:4:5:6:7::" is valid: RFC 4291 §2.2 lets "::" stand for one group of zeros (IPAddress agrees).
        Assert.True(PtAddressSyntax.IsIPv6(B(text)));
        Assert.True(IPAddress.TryParse(text, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6);
        Assert.True(PtAddressSyntax.TryClassifyHost(B(text), allowName: false, out var kind));
        Assert.Equal(PtHostKind.IPv6, kind);
    }

    [Theory]
    [InlineData("1:2:3:4:5:6:7:8:9")]
    [InlineData("1:2:3:4:5:6:7:8::")]
    [InlineData("::1:2:3:4:5:6:7:8")]
    [InlineData("1::2:3:4:5:6:7:8")]
    [InlineData("1:2:3:4:5:6:7")]
    [InlineData("1::2::3")]
    [InlineData(":::")]
    [InlineData(":1::")]
    [InlineData("1:")]
    [InlineData(":1")]
    [InlineData("1:2:3:4:5:6:7:")]
    [InlineData("12345::")]
    [InlineData("g::1")]
    [InlineData("::1%eth0")]
    [InlineData("fe80::1%1")]
    [InlineData("[::1]")]
    [InlineData("::ffff:1.2.3")]
    [InlineData("::ffff:1.2.3.04")]
    [InlineData("1:2:3:4:5:6:7:1.2.3.4")]
    [InlineData("::1.2.3.4:5")]
    [InlineData(":")]
    [InlineData("")]
    public void IPv6_forms_with_wrong_groups_zones_or_brackets_are_refused(string text)
    {
        Assert.False(PtAddressSyntax.IsIPv6(B(text)));
    }

    [Fact]
    public void The_longest_IPv6_form_of_45_bytes_is_accepted()
    {
        Assert.True(PtAddressSyntax.IsIPv6(B("ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255")));
        Assert.True(PtAddressSyntax.IsIPv6(B("0000:0000:0000:0000:0000:0000:0000:0000")));
    }

    private static bool NetIsCanonicalIPv4(string text) =>
        IPAddress.TryParse(text, out var a) && a.AddressFamily == AddressFamily.InterNetwork && a.ToString() == text;

    [Property(Arbitrary = new[] { typeof(TextArbitraries) }, MaxTest = 3000)]
    public void IPAddress_is_the_oracle_for_both_families(AddressCandidate candidate)
    {
        string text = candidate.Text;
        bool v4 = PtAddressSyntax.IsIPv4(B(text));
        bool v6 = PtAddressSyntax.IsIPv6(B(text));
        bool netV6 = IPAddress.TryParse(text, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6;

        // IPv4: exactly the texts IPAddress reads and writes back unchanged (no octal, hex or short forms).
        Assert.Equal(NetIsCanonicalIPv4(text), v4);

        // IPv6: as IPAddress, except that zones, brackets and non-canonical IPv4 tails are refused.
        int lastColon = text.LastIndexOf(':');
        string tail = lastColon >= 0 ? text[(lastColon + 1)..] : "";
        bool refusedOnPurpose = text.Contains('%') || text.Contains('[') || text.Contains(']')
            || (tail.Contains('.') && !NetIsCanonicalIPv4(tail));
        if (refusedOnPurpose) Assert.False(v6, $"accepted {text}");
        else Assert.Equal(netV6, v6);
    }

    [Theory]
    [InlineData("example.com")]
    [InlineData("a")]
    [InlineData("localhost")]
    [InlineData("a-b.c_d.example")]
    [InlineData("xn--bcher-kva.example")]
    [InlineData("1.2.3.4a")]
    [InlineData("123.example")]
    public void Host_names_are_accepted(string text)
    {
        Assert.True(PtAddressSyntax.IsHostName(B(text)));
        Assert.True(PtAddressSyntax.TryClassifyHost(B(text), allowName: true, out var kind));
        Assert.Equal(PtHostKind.Name, kind);
        Assert.False(PtAddressSyntax.TryClassifyHost(B(text), allowName: false, out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-a.com")]
    [InlineData("a-.com")]
    [InlineData("a..b")]
    [InlineData(".a")]
    [InlineData("a.")]
    [InlineData("123")]
    [InlineData("1.2.3")]
    [InlineData("a b")]
    [InlineData("ex@mple.com")]
    [InlineData("bücher.example")]
    public void Malformed_host_names_are_refused(string text)
    {
        Assert.False(PtAddressSyntax.IsHostName(B(text)));
    }

    [Fact]
    public void Host_name_limits_are_63_bytes_a_label_and_253_in_all()
    {
        string label63 = new('a', 63);
        Assert.True(PtAddressSyntax.IsHostName(B(label63 + ".com")));
        Assert.False(PtAddressSyntax.IsHostName(B(label63 + "a.com")));

        string name253 = string.Join('.', Enumerable.Repeat(label63, 3)) + "." + new string('b', 61);
        Assert.Equal(253, name253.Length);
        Assert.True(PtAddressSyntax.IsHostName(B(name253)));
        Assert.False(PtAddressSyntax.IsHostName(B(name253 + "b")));
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("1", 1)]
    [InlineData("443", 443)]
    [InlineData("65535", 65535)]
    [InlineData("080", 80)]
    [InlineData("00000", 0)]
    public void Ports_from_0_to_65535_are_read(string text, int port)
    {
        // Leading zeros are read as decimal: a port has no octal reading to confuse, unlike an IPv4 part.
        Assert.True(PtAddressSyntax.TryParsePort(B(text), out ushort value));
        Assert.Equal(port, value);
    }

    [Theory]
    [InlineData("65536")]
    [InlineData("70000")]
    [InlineData("99999")]
    [InlineData("123456")]
    [InlineData("000080")]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("+1")]
    [InlineData(" 1")]
    [InlineData("1a")]
    [InlineData("0x10")]
    public void Ports_out_of_range_or_not_decimal_are_refused(string text)
    {
        Assert.False(PtAddressSyntax.TryParsePort(B(text), out _));
    }

    [Property(MaxTest = 500)]
    public void Every_decimal_up_to_99999_is_a_port_exactly_when_it_fits_16_bits(ushort seed, bool high)
    {
        int value = high ? 65536 + seed % 34464 : seed;
        bool ok = PtAddressSyntax.TryParsePort(B(value.ToString(CultureInfo.InvariantCulture)), out ushort port);
        Assert.Equal(value <= 65535, ok);
        if (ok) Assert.Equal(value, port);
    }
}
