using System;
using System.Collections.Generic;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;

namespace PtToolkit.Testing.Config;

/// <summary>
/// Values for the parameter types of spec/README.md ("Value grammars"): well-formed ones, and near-misses that
/// the type's grammar refuses (a version list with a blank, port 65536, a proxy with a host name, an ORPort
/// without a port...). Switches and text take any value, so they have no near-miss.
/// </summary>
public static class PtConfigValueGen
{
    /// <summary>Types whose empty value means "none" (spec/README.md), also for the presence rules.</summary>
    public static IReadOnlyCollection<string> EmptyIsNone { get; } = new[] { "path", "orport", "target", "ipv4", "ipv6" };

    /// <summary>Well-formed values of <paramref name="type"/>; <paramref name="enumTexts"/> for an enumeration.</summary>
    public static Gen<string> Valid(string type, IReadOnlyList<string> enumTexts)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type switch
        {
            "versions" => Gen.Elements("1", "1,2", "2.2,1", "1,2.1,2.2", "2,1"),
            "transports" => Gen.Elements("obfs4", "obfs4,meek_lite", "snowflake,obfs4,webtunnel", "x"),
            "transport" => Gen.Elements("obfs4", "meek_lite", "snowflake"),
            "path" => Gen.Elements("/var/lib/tor/pt_state", "/tmp/pt state/obfs4", "relative/dir", "C:\\pt"),
            "switch" => Gen.Elements("1", "0"),
            "endpoint" => Gen.Elements("127.0.0.1:0", "[::1]:9000", "0.0.0.0:1234", "192.0.2.7:65535"),
            "ip" => Gen.Elements("127.0.0.1", "::1", "192.0.2.7", "2001:db8::4"),
            "port" => Gen.Choose(0, 65535).Select(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            "proxy" => Gen.Elements("socks5://127.0.0.1:1080", "socks4a://198.51.100.7:9050", "http://[::1]:8080", "socks5://user:pass@127.0.0.1:1080", "http://u@192.0.2.1:3128"),
            "bindaddrs" => Gen.Elements("obfs4-127.0.0.1:0", "obfs4-0.0.0.0:4443,meek_lite-[::1]:80", "snowflake-192.0.2.1:443"),
            "orport" => Gen.Elements("127.0.0.1:9001", "[::1]:9001", "192.0.2.9:443"),
            "target" => Gen.Elements("127.0.0.1:9001", "[::1]:9001", "example.com:443", "bridge.example.net:80"),
            "host" => Gen.Elements("example.com", "192.0.2.1", "::1", "a-b.example"),
            "options" => Gen.Elements("obfs4:cert=abc;obfs4:iat-mode=0", "meek_lite:url=https\\://a.example/", "{\"obfs4\":{\"cert\":\"abc\",\"iat-mode\":\"0\"}}"),
            "text" => Gen.Elements("anything", "with spaces", "ünïcode"),
            "ipv4" => Gen.Elements("192.0.2.1", "10.0.0.1"),
            "ipv6" => Gen.Elements("[2001:db8::4]", "[::1]"),
            _ when enumTexts.Count > 0 => Gen.Elements(enumTexts.ToArray()),
            _ => throw new ArgumentException($"no values for type {type}", nameof(type)),
        };
    }

    /// <summary>Near-miss values of <paramref name="type"/>: one step from well-formed; null when every value is accepted.</summary>
    public static Gen<string>? NearMiss(string type, IReadOnlyList<string> enumTexts)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type switch
        {
            "versions" => Gen.Elements("", "1 ,2", "1,,2", "3", "1,", " 1"),
            "transports" => Gen.Elements("", "obfs4,", ",obfs4", "a b", "obfs4,,meek"),
            "transport" => Gen.Elements("", "obfs4,meek", "a b"),
            "path" => Gen.Elements("a\0b", "/tmp/\0"),
            "endpoint" => Gen.Elements("localhost:80", "127.0.0.1", "[::1]:65536", "127.0.0.1:", "::1:80", "01.2.3.4:5"),
            "ip" => Gen.Elements("localhost", "1.2.3.256", "[::1]", "", "1.2.3"),
            "port" => Gen.Elements("65536", "-1", "", "80a", "999999", " 80"),
            "proxy" => Gen.Elements("socks5://localhost:1080", "ftp://127.0.0.1:21", "socks5://127.0.0.1:0", "socks5://127.0.0.1", "", "127.0.0.1:1080"),
            "bindaddrs" => Gen.Elements("obfs4-localhost:80", "obfs4", "obfs4-127.0.0.1:1,obfs4-127.0.0.1:2", "obfs4-127.0.0.1:70000", ""),
            "orport" => Gen.Elements("localhost:9001", "127.0.0.1:0", "::1:9001", "127.0.0.1", "127.0.0.1:65536"),
            "target" => Gen.Elements("example..com:80", "127.0.0.1", "[::1]:0", "example.com:"),
            "host" => Gen.Elements("a..b", "-x", "", "exa mple.com", "1.2.3"),
            "options" => Gen.Elements("obfs4", "obfs4:k", "{bad json", ":k=v", "obfs4:=v"),
            "text" => Gen.Elements("a\0b"),
            "ipv4" => Gen.Elements("::1", "1.2.3", "256.1.1.1"),
            "ipv6" => Gen.Elements("192.0.2.1", "[::1", "[1:2:3:4:5:6:7:8:9]"),
            "switch" => null,
            _ when enumTexts.Count > 0 => Gen.Elements(enumTexts.Select(t => t.ToLowerInvariant() == t ? t.ToUpperInvariant() : t.ToLowerInvariant()).Append("bogus").ToArray()),
            _ => null,
        };
    }
}
