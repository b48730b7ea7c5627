using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using FsCheck;
using FsCheck.Fluent;
using PtToolkit.Config;
using PtToolkit.Text;

namespace PtToolkit.Tests.Config;

/// <summary>A list of names (versions or transports): printable ASCII other than space and comma.</summary>
public sealed record NameList(string[] Names)
{
    /// <inheritdoc/>
    public override string ToString() => "[" + string.Join("|", Names) + "]";
}

/// <summary>Bind addresses with distinct names (no dash) and IP endpoints.</summary>
public sealed record BindList(PtBindAddress[] Addresses)
{
    /// <inheritdoc/>
    public override string ToString() => string.Join(",", Addresses.Select(a => a.ToString()));
}

/// <summary>A proxy whose credentials fit its scheme.</summary>
public sealed record ProxyCase(PtProxy Proxy)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Proxy.Scheme} {Proxy.Endpoint} user=[{Proxy.User}] pass=[{Proxy.Password}]";
}

/// <summary>Server transport options: distinct non-empty transport names, each with one or more pairs, keys non-empty.</summary>
public sealed record OptionsCase(KeyValuePair<string, PtKeyValueList>[] Options, bool DistinctKeys)
{
    /// <inheritdoc/>
    public override string ToString() => string.Join(" ", Options.Select(o => "[" + o.Key + "]" + o.Value));
}

/// <summary>Any string, lone surrogates and control characters included, biased towards the grammars' punctuation.</summary>
public sealed record ConfigText(string Value)
{
    /// <inheritdoc/>
    public override string ToString() => "\"" + string.Concat(Value.Select(c => c is >= ' ' and <= '~' ? c.ToString() : $"\\u{(int)c:x4}")) + "\"";
}

/// <summary>FsCheck arbitraries for the configuration value grammars.</summary>
public static class ConfigArbitraries
{
    private static readonly Gen<char> NameChar = Gen.Frequency(
        (6, Gen.Elements("abcxyz01_.".ToCharArray())),
        (1, Gen.Choose(0x21, 0x7E).Select(c => (char)c).Where(c => c != ',')));

    private static Gen<string> Name(int max) =>
        NameChar.NonEmptyListOf().Select(l => new string(l.Take(max).ToArray()));

    private static Gen<string> Text(int max, bool allowEmpty) =>
        Gen.Frequency(
            (6, Gen.Elements("abcXYZ019".ToCharArray())),
            (4, Gen.Elements(":;=\\,@%/ {}\"'-[]".ToCharArray())),
            (1, Gen.Choose(0x20, 0x7E).Select(c => (char)c)),
            (1, Gen.Elements('é', 'ß', '\u4e2d', '\t', '\n', '\r', '\0', '\u00a0')))
        .ListOf().Select(l => new string(l.Take(max).ToArray()))
        .Where(s => allowEmpty || s.Length > 0);

    private static readonly Gen<PtEndpoint> V4 =
        from b in Gen.ArrayOf(Gen.Choose(0, 255), 4)
        from port in Gen.Choose(0, 65535)
        select new PtEndpoint(string.Join('.', b), PtHostKind.IPv4, (ushort)port);

    private static readonly Gen<PtEndpoint> V6 =
        from groups in Gen.ArrayOf(Gen.Frequency((3, Gen.Constant(0)), (2, Gen.Choose(0, 0xFFFF))), 8)
        from port in Gen.Choose(0, 65535)
        select new PtEndpoint(new IPAddress(groups.SelectMany(g => new[] { (byte)(g >> 8), (byte)g }).ToArray()).ToString(), PtHostKind.IPv6, (ushort)port);

    private static readonly Gen<PtEndpoint> IpEndpoint = Gen.OneOf(V4, V6);

    /// <summary>Name lists.</summary>
    public static Arbitrary<NameList> NameLists() =>
        Name(12).NonEmptyListOf().Select(l => new NameList(l.Take(6).ToArray())).ToArbitrary();

    /// <summary>Bind address lists.</summary>
    public static Arbitrary<BindList> BindLists() =>
        (from names in Name(10).Where(n => !n.Contains('-')).NonEmptyListOf()
         from endpoints in Gen.ArrayOf(IpEndpoint, 6)
         select new BindList(names.Distinct().Take(6).Select((n, i) => new PtBindAddress(n, endpoints[i])).ToArray()))
        .ToArbitrary();

    /// <summary>Proxies.</summary>
    public static Arbitrary<ProxyCase> Proxies()
    {
        var endpoint = IpEndpoint.Where(e => e.Port != 0);
        var socks5Part = Text(40, false).Where(s => System.Text.Encoding.UTF8.GetByteCount(s) <= 255);
        var socks4a = from e in endpoint
                      from user in Gen.Frequency((1, Gen.Constant<string?>(null)), (2, Text(20, false).Where(s => !s.Contains('\0')).Select(s => (string?)s)))
                      select new PtProxy(PtProxyScheme.Socks4a, e, user);
        var socks5 = from e in endpoint
                     from withAuth in Gen.Elements(true, false)
                     from user in socks5Part
                     from pass in socks5Part
                     select withAuth ? new PtProxy(PtProxyScheme.Socks5, e, user, pass) : new PtProxy(PtProxyScheme.Socks5, e);
        var http = from e in endpoint
                   from user in Gen.Frequency((1, Gen.Constant<string?>(null)), (2, Text(20, false).Select(s => (string?)s)))
                   from pass in Gen.Frequency((1, Gen.Constant<string?>(null)), (2, Text(20, true).Select(s => (string?)s)))
                   select new PtProxy(PtProxyScheme.Http, e, user, user is null ? null : pass);
        return Gen.OneOf(socks4a, socks5, http).Select(p => new ProxyCase(p)).ToArbitrary();
    }

    /// <summary>Options, with repeated keys allowed in about half the cases (the 1.0 form keeps them, JSON does not).</summary>
    public static Arbitrary<OptionsCase> OptionSets() =>
        (from distinctKeys in Gen.Elements(true, false)
         from transports in Text(10, false).NonEmptyListOf()
         from pairs in Gen.ArrayOf((from k in Text(8, false) from v in Text(12, true) select new KeyValuePair<string, string>(k, v)).NonEmptyListOf(), 4)
         select new OptionsCase(
             transports.Distinct().Take(4).Select((t, i) => new KeyValuePair<string, PtKeyValueList>(t,
                 new PtKeyValueList(distinctKeys ? pairs[i].DistinctBy(p => p.Key) : pairs[i].Take(5)))).ToArray(),
             distinctKeys))
        .ToArbitrary();

    /// <summary>Arbitrary text.</summary>
    public static Arbitrary<ConfigText> Texts() =>
        Gen.Frequency(
            (3, Text(40, true)),
            (1, Gen.Choose(0, 0xFFFF).Select(c => (char)c).ListOf().Select(l => new string(l.Take(30).ToArray()))),
            (2, Gen.Elements("socks5://", "http://u:p@", "obfs4-", "t:k=v;", "{\"a\":{\"k\":", "[::1]:", "1.2.3.4:", "1,2", "%4")
                .ListOf().Select(l => string.Concat(l.Take(5)))))
        .Select(s => new ConfigText(s)).ToArbitrary();
}
