using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;

namespace PtToolkit.Testing.Socks;

/// <summary>How each kind of case is built from its parameters, and what it expects.</summary>
public sealed partial class PtSocksCaseGen
{
    private static readonly byte[] None = [];
    private static readonly byte[] Failures = [.. PtSocksExpectation.FailureCodes];

    /// <summary>Builds the case of <paramref name="kind"/> from <paramref name="p"/> (the same parameters give the same case).</summary>
    public PtSocksCase Build(PtSocksCaseKind kind, PtSocksCaseParameters p)
    {
        ArgumentNullException.ThrowIfNull(p);
        p = p with { Target = p.Target & int.MaxValue, Variant = p.Variant & int.MaxValue, Noise = p.Noise is { Length: > 0 } ? p.Noise : [0], Extra = p.Extra ?? [] };
        var pairs = Pairs(p);
        byte[] text = PtSocksWire.Arguments(pairs);
        var target = Targets[p.Target % Targets.Count];
        byte[] connect = PtSocksWire.Request(1, target);
        string where = Describe(target);
        var (prefix, prefixAuth) = Arguments.Count > 0 ? (PtSocksWire.Greeting(0, 2), PtSocksWire.TorPacked(PtSocksWire.Arguments(Arguments))) : (PtSocksWire.Greeting(0), null);
        byte cut = p.Noise.Length > 0 ? p.Noise[0] : (byte)0;
        PtSocksCase Make(string detail, byte[] greeting, byte[]? auth, byte[]? block, byte[]? request, PtSocksExpectation expected, bool close = false) =>
            new(kind, p, detail, greeting, auth, block, request, close, expected);

        switch (kind)
        {
            case PtSocksCaseKind.NoAuthentication:
                return Make(where, PtSocksWire.Greeting(0), null, null, connect,
                    Expect(PtSocksEnd.Reply, PtSocksExpectation.RfcCodes, PtSocksEnd.MethodRefused, None, "RFC 1928 §3-§6"));
            case PtSocksCaseKind.UserPassword:
            {
                byte[] methods = p.Variant % 2 == 0 ? [2] : [0, 2];
                return Make($"{Length(text)}, offers {Methods(methods)}, {where}", PtSocksWire.Greeting(methods), PtSocksWire.TorPacked(text), null, connect, Packed());
            }
            case PtSocksCaseKind.ParameterBlock:
            {
                byte[] methods = p.Variant % 2 == 0 ? [9] : [9, 2];
                byte[] json = PtSocksWire.Json(pairs);
                return Make($"{json.Length} bytes of JSON, offers {Methods(methods)}, {where}", PtSocksWire.Greeting(methods), methods.Length > 1 ? PtSocksWire.TorPacked(text) : null,
                    PtSocksWire.Block(json), connect, Block());
            }
            case PtSocksCaseKind.WrongVersion:
            {
                byte version = (new byte[] { 0, 1, 6, 0x45, 0xFF })[p.Variant % 5];
                return Make($"VER {version:X2}", [version, 1, 0], null, null, null,
                    Expect(PtSocksEnd.Closed | PtSocksEnd.MethodRefused, None, PtSocksEnd.None, None, "RFC 1928 §3: VER is X'05'"));
            }
            case PtSocksCaseKind.NoMethods:
                return Make("05 00", [5, 0], null, null, connect,
                    Expect(PtSocksEnd.MethodRefused | PtSocksEnd.Closed, None, PtSocksEnd.None, None, "RFC 1928 §3: no method offered, none acceptable"));
            case PtSocksCaseKind.MethodsShort:
            {
                byte[] sent = p.Variant % 2 == 0 ? [0] : [0, 2];
                int announced = sent.Length + 1 + p.Variant / 2 % 8;
                return Make($"NMETHODS {announced}, {sent.Length} sent", [5, (byte)announced, .. sent], null, null, null, Waits("RFC 1928 §3: the methods are not all there"));
            }
            case PtSocksCaseKind.AuthVersion:
            {
                byte version = (new byte[] { 2, 0, 5 })[p.Variant % 3];
                byte[] auth = PtSocksWire.TorPacked(text);
                auth[0] = version;
                return Make($"RFC 1929 VER {version:X2}", PtSocksWire.Greeting(2), auth, null, connect,
                    Expect(PtSocksEnd.AuthRefused | PtSocksEnd.Closed, None, PtSocksEnd.MethodRefused, None, "RFC 1929 §2: VER is X'01'"));
            }
            case PtSocksCaseKind.EmptyUser:
            {
                byte[] auth = p.Variant % 2 == 0 ? [1, 0, 1, 0] : [1, 0, 0];
                return Make(auth.Length == 4 ? "ULEN 0, PASSWD NUL" : "ULEN 0, PLEN 0", PtSocksWire.Greeting(2), auth, null, connect,
                    Expect(PtSocksEnd.AuthRefused | PtSocksEnd.Closed | PtSocksEnd.Reply, PtSocksExpectation.RfcCodes, PtSocksEnd.MethodRefused, None,
                        "RFC 1929 §2: ULEN is 1 to 255 (tor never sends 0; reading it as no arguments is fine)"));
            }
            case PtSocksCaseKind.BadEscape:
            {
                string[] bad = ["final \\", "pair without =", "empty key", "NUL"];
                int v = p.Variant % bad.Length;
                byte[] sep = text.Length > 0 ? [(byte)';'] : [];
                byte[] broken = v switch
                {
                    0 => [.. text, .. sep, .. "k=v\\"u8],
                    1 => [.. text, .. sep, .. "lonely"u8],
                    2 => [.. text, .. sep, .. "=v"u8],
                    _ => [.. text, .. sep, .. "k=a\0b"u8],
                };
                return Make(bad[v], PtSocksWire.Greeting(2), PtSocksWire.TorPacked(broken.AsSpan(0, Math.Min(broken.Length, PtSocksWire.MaxPackedArguments))), null, connect,
                    Expect(PtSocksEnd.AuthRefused | PtSocksEnd.Closed, None, PtSocksEnd.MethodRefused, Failures, "pt-spec §3.5: k=v pairs with \\ escapes"));
            }
            case PtSocksCaseKind.BadAddressType:
            {
                byte atyp = (new byte[] { 0, 2, 5, 0xFF })[p.Variant % 4];
                byte[] address = [.. p.Noise.Take(4), .. new byte[Math.Max(0, 4 - p.Noise.Length)]];
                return Make($"ATYP {atyp:X2}", prefix, prefixAuth, null, PtSocksWire.RawRequest(1, atyp, address, 80),
                    Expect(PtSocksEnd.Reply, [8], PtSocksEnd.Closed | PtSocksEnd.MethodRefused, [1], "RFC 1928 §6: X'08' address type not supported"));
            }
            case PtSocksCaseKind.EmptyDomain:
                return Make("ATYP 03, length 0", prefix, prefixAuth, null, PtSocksWire.RawRequest(1, 3, [0], 80), Refused("RFC 1928 §5: a domain name has at least one octet"));
            case PtSocksCaseKind.PortZero:
            {
                EndPoint zero = target is DnsEndPoint d ? new DnsEndPoint(d.Host, 0) : new IPEndPoint(((IPEndPoint)target).Address, 0);
                return Make(where, prefix, prefixAuth, null, PtSocksWire.Request(1, zero), Refused("port 0 cannot be connected to"));
            }
            case PtSocksCaseKind.Bind:
                return Make(where, prefix, prefixAuth, null, PtSocksWire.Request(2, target),
                    Expect(PtSocksEnd.Reply, [7], PtSocksEnd.Closed | PtSocksEnd.MethodRefused, [1, 2], "RFC 1928 §6: X'07' command not supported (a PT serves CONNECT)"));
            case PtSocksCaseKind.UdpAssociate:
            {
                EndPoint from = p.Variant % 2 == 0 ? new IPEndPoint(IPAddress.Any, 0) : target;
                return Make(Describe(from), prefix, prefixAuth, null, PtSocksWire.Request(3, from),
                    Expect(PtSocksEnd.Reply, [0, 7], PtSocksEnd.Closed | PtSocksEnd.MethodRefused, [1, 2], "RFC 1928 §7 (pt-2.2 §1.5 UDP), or X'07'"));
            }
            case PtSocksCaseKind.BlockShort:
            {
                byte[] json = PtSocksWire.Json(pairs);
                uint announced = (uint)(json.Length + 1 + p.Variant * 37);
                return Make($"{json.Length} of {announced} bytes", PtSocksWire.Greeting(9), null, PtSocksWire.Block(json, announced), null,
                    Expect(PtSocksEnd.Silence | PtSocksEnd.Reply, [0x11], PtSocksEnd.Closed | PtSocksEnd.MethodRefused, [0x12, 1], "pt-2.2 §1.4: wait for the block; X'11' on the server's timeout"));
            }
            case PtSocksCaseKind.Stall:
                return Stall(p, cut, prefix, prefixAuth, text, pairs, connect, Make);
            case PtSocksCaseKind.HugeBlock:
            {
                uint announced = p.Variant == 0 ? uint.MaxValue : 0x8000_0000u + (uint)p.Variant * 0x0222_2222u;
                return Make($"announces {announced} bytes", PtSocksWire.Greeting(9), null, PtSocksWire.Block(p.Noise, announced), null,
                    Expect(PtSocksEnd.Reply, [0x10], PtSocksEnd.Closed | PtSocksEnd.Silence | PtSocksEnd.MethodRefused, [0x11, 0x12, 1],
                        "pt-2.2 §1.4: X'10' when the size is larger than supported"));
            }
            case PtSocksCaseKind.ArgumentLength:
                return Lengths(p, connect, where, Make);
            case PtSocksCaseKind.Garbage:
                return Make((p.Variant % 3) switch { 0 => "HTTP", 1 => "TLS", _ => "noise" }, Garbage(p), null, null, null,
                    Expect(PtSocksEnd.Closed | PtSocksEnd.MethodRefused, None, PtSocksEnd.Silence, None, "RFC 1928 §3: VER is X'05'"));
            case PtSocksCaseKind.EarlyClose:
                return EarlyClose(p, cut, prefix, prefixAuth, text, connect, Make);
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown kind");
        }
    }

    private delegate PtSocksCase Maker(string detail, byte[] greeting, byte[]? auth, byte[]? block, byte[]? request, PtSocksExpectation expected, bool close = false);

    private static PtSocksCase Stall(PtSocksCaseParameters p, byte cut, byte[] prefix, byte[]? prefixAuth, byte[] text, IReadOnlyList<KeyValuePair<string, string>> pairs, byte[] connect, Maker make)
    {
        switch (p.Variant % 4)
        {
            case 0:
                byte[] greeting = p.Variant % 8 < 4 ? PtSocksWire.Greeting(0) : PtSocksWire.Greeting(0, 2);
                return make("in the greeting", Cut(greeting, cut), null, null, null, Waits("RFC 1928 §3: the greeting is not all there"));
            case 1:
                return make("in the RFC 1929 message", PtSocksWire.Greeting(2), Cut(PtSocksWire.TorPacked(text), cut), null, null,
                    Expect(PtSocksEnd.Silence | PtSocksEnd.Closed, None, PtSocksEnd.MethodRefused, None, "RFC 1929 §2: the message is not all there"));
            case 2:
                return make("in the request", prefix, prefixAuth, null, Cut(connect, cut),
                    Expect(PtSocksEnd.Silence | PtSocksEnd.Closed, None, PtSocksEnd.MethodRefused, [1], "RFC 1928 §4: the request is not all there"));
            default:
                return make("in the parameter block", PtSocksWire.Greeting(9), null, Cut(PtSocksWire.Block(PtSocksWire.Json(pairs)), cut), null,
                    Expect(PtSocksEnd.Silence | PtSocksEnd.Closed | PtSocksEnd.Reply, [0x11], PtSocksEnd.MethodRefused, [0x12, 1], "pt-2.2 §1.4: the block is not all there"));
        }
    }

    private static PtSocksCase EarlyClose(PtSocksCaseParameters p, byte cut, byte[] prefix, byte[]? prefixAuth, byte[] text, byte[] connect, Maker make)
    {
        var expected = Expect(PtSocksEnd.Closed, None, PtSocksEnd.MethodRefused | PtSocksEnd.AuthRefused, Failures, "the client is gone: close");
        return (p.Variant % 5) switch
        {
            0 => make("in the greeting", Cut(PtSocksWire.Greeting(0, 2), cut), null, null, null, expected, close: true),
            1 => make("after the greeting", prefix, null, null, null, expected, close: true),
            2 => make("in the RFC 1929 message", PtSocksWire.Greeting(2), Cut(PtSocksWire.TorPacked(text), cut), null, null, expected, close: true),
            3 => make("after the RFC 1929 message", PtSocksWire.Greeting(2), PtSocksWire.TorPacked(text), null, null, expected, close: true),
            _ => make("in the request", prefix, prefixAuth, null, Cut(connect, cut), expected, close: true),
        };
    }

    private PtSocksCase Lengths(PtSocksCaseParameters p, byte[] connect, string where, Maker make)
    {
        int[] lengths = [254, 255, 256, 510, 511];
        int length = lengths[p.Variant % lengths.Length];
        string key = Arguments.Any(a => a.Key == "pad") ? "pad-" + Arguments.Count : "pad";
        if (length > PtSocksWire.MaxPackedArguments)
        {
            // RFC 1929 cannot carry more than 510 bytes: the next length goes in a parameter block, 511 bytes of JSON.
            var pairs = Arguments.Append(new(key, "")).ToArray();
            int missing = Math.Max(0, length - PtSocksWire.Json(pairs).Length);
            pairs[^1] = new(key, new string(Enumerable.Range(0, missing).Select(i => (char)('a' + (p.Noise[i % p.Noise.Length] % 26))).ToArray()));
            byte[] json = PtSocksWire.Json(pairs);
            return make($"{json.Length} bytes of JSON, {where}", PtSocksWire.Greeting(9), null, PtSocksWire.Block(json), connect, Block());
        }
        var padded = Arguments.Append(new(key, Padding(length - PtSocksWire.ArgumentsLength(Arguments.Append(new(key, "")).ToArray()), p.Noise))).ToArray();
        byte[] text = PtSocksWire.Arguments(padded);
        byte[] methods = p.Variant / lengths.Length % 2 == 0 ? [2] : [0, 2];
        return make($"{Length(text)}, offers {Methods(methods)}, {where}", PtSocksWire.Greeting(methods), PtSocksWire.TorPacked(text), null, connect, Packed());
    }

    /// <summary>A value whose escaped form takes <paramref name="bytes"/> bytes: letters, and <c>;</c> or <c>\</c> (two bytes each) where the noise says.</summary>
    private static string Padding(int bytes, byte[] noise)
    {
        var value = new System.Text.StringBuilder();
        for (int i = 0, left = bytes; left > 0; i++)
        {
            byte b = noise[i % noise.Length];
            if (b % 7 == 0 && left >= 2)
            {
                value.Append(b % 2 == 0 ? ';' : '\\');
                left -= 2;
            }
            else
            {
                value.Append((char)('a' + (b + i) % 26));
                left--;
            }
        }
        return value.ToString();
    }

    private static byte[] Garbage(PtSocksCaseParameters p)
    {
        switch (p.Variant % 3)
        {
            case 0:
                return "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"u8.ToArray();
            case 1:
                return [0x16, 0x03, 0x01, 0x00, (byte)p.Noise.Length, .. p.Noise];
            default:
                byte[] bytes = p.Noise.Length >= 2 ? p.Noise.ToArray() : [.. p.Noise, 0, 0];
                if (bytes[0] is 4 or 5) bytes[0] ^= 0x80;
                return bytes;
        }
    }

    /// <summary>The base arguments and the extra pairs whose keys are new, dropping extras past 510 bytes; never empty.</summary>
    private IReadOnlyList<KeyValuePair<string, string>> Pairs(PtSocksCaseParameters p)
    {
        var pairs = Arguments.ToList();
        foreach (var extra in p.Extra)
        {
            if (extra.Key.Length == 0 || pairs.Any(a => a.Key == extra.Key) || extra.Key.Contains('\0', StringComparison.Ordinal) || extra.Value.Contains('\0', StringComparison.Ordinal)) continue;
            pairs.Add(extra);
            if (PtSocksWire.ArgumentsLength(pairs) > PtSocksWire.MaxPackedArguments) pairs.RemoveAt(pairs.Count - 1);
        }
        if (pairs.Count == 0) pairs.Add(new("k", "v"));
        return pairs;
    }

    private static PtSocksExpectation Packed() => Expect(PtSocksEnd.Reply, PtSocksExpectation.RfcCodes, PtSocksEnd.None, None,
        "RFC 1929; pt-spec §3.5, tor packs arguments past 255 bytes into PASSWD");

    private static PtSocksExpectation Block() => Expect(PtSocksEnd.Reply, [.. PtSocksExpectation.RfcCodes, 0x13], PtSocksEnd.MethodRefused, None,
        "pt-2.2 §1.4 (a PT 1.0 server refuses X'09': a note)");

    private static PtSocksExpectation Refused(string why) => Expect(PtSocksEnd.Reply, PtSocksExpectation.FailureCodes, PtSocksEnd.Closed | PtSocksEnd.MethodRefused, None, why);

    private static PtSocksExpectation Waits(string why) => Expect(PtSocksEnd.Silence | PtSocksEnd.Closed, None, PtSocksEnd.None, None, why);

    private static PtSocksExpectation Expect(PtSocksEnd allowed, IReadOnlyList<byte> codes, PtSocksEnd tolerated, IReadOnlyList<byte> tolerable, string why) =>
        new(allowed, codes, tolerated, tolerable, why);

    private static byte[] Cut(byte[] message, byte at) => message[..(1 + at % (message.Length - 1))];

    private static string Length(byte[] text) => text.Length > 255 ? $"{text.Length} bytes split 255+{text.Length - 255}" : $"{text.Length} bytes in UNAME";

    private static string Methods(byte[] methods) => string.Join('+', methods.Select(m => "0x" + m.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));

    private static string Describe(EndPoint target) => target switch
    {
        IPEndPoint { AddressFamily: AddressFamily.InterNetwork } => "IPv4",
        IPEndPoint => "IPv6",
        _ => "domain",
    };
}
