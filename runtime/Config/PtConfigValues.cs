using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using PtToolkit.Text;

namespace PtToolkit.Config;

/// <summary>
/// The value grammars of the spec language's parameter types (spec/README.md), with one shape for the
/// generated binders: <c>TryParseX(value, name, out result, out error)</c> and <c>FormatX(result)</c>.
/// Each delegates to the grammar class of its variable (runtime/Config/README.md) or checks the value here.
/// Empty values of <c>orport</c>, <c>target</c>, <c>ipv4</c> and <c>ipv6</c> are "none" and never reach these.
/// </summary>
public static class PtConfigValues
{
    /// <summary><c>versions</c>: a comma-separated version list.</summary>
    public static bool TryParseVersions(ReadOnlySpan<char> value, string name, out IReadOnlyList<string> result, out PtConfigError error) =>
        PtVersionList.TryParse(value, out result, out error, name);

    /// <summary>Picks the first of <paramref name="supported"/> that <paramref name="offered"/> holds; none is a VERSION-ERROR.</summary>
    public static bool TrySelectVersion(IReadOnlyList<string> offered, IReadOnlyList<string> supported, string name, out string? version, out PtConfigError error)
    {
        ArgumentNullException.ThrowIfNull(supported);
        ArgumentNullException.ThrowIfNull(offered);
        version = null;
        for (int i = 0; i < supported.Count && version is null; i++)
        {
            for (int j = 0; j < offered.Count; j++)
            {
                if (offered[j] == supported[i])
                {
                    version = supported[i];
                    break;
                }
            }
        }
        error = version is null
            ? new PtConfigError(PtConfigErrorKind.Version, name, 0, PtConfigText.Quote(string.Join(',', offered)) + ": no version that this transport supports (it supports " + string.Join(", ", supported) + ")")
            : default;
        return version is not null;
    }

    /// <summary>Formats a version list.</summary>
    public static string FormatVersions(IReadOnlyList<string> value) => PtVersionList.Format(value);

    /// <summary><c>transports</c>: a comma-separated list of transport names.</summary>
    public static bool TryParseTransports(ReadOnlySpan<char> value, string name, out IReadOnlyList<string> result, out PtConfigError error) =>
        PtTransportList.TryParse(value, out result, out error, name);

    /// <summary>Formats a transport list.</summary>
    public static string FormatTransports(IReadOnlyList<string> value) => PtTransportList.Format(value);

    /// <summary><c>transport</c>: one transport name.</summary>
    public static bool TryParseTransport(ReadOnlySpan<char> value, string name, out string result, out PtConfigError error)
    {
        result = "";
        if (value.IndexOf(',') >= 0)
        {
            error = new PtConfigError(PtConfigErrorKind.Env, name, value.IndexOf(','), PtConfigText.Quote(value) + ": one transport name is expected here, not a list");
            return false;
        }
        if (!PtTransportList.TryParse(value, out var names, out error, name)) return false;
        result = names[0];
        return true;
    }

    /// <summary>Formats one transport name.</summary>
    public static string FormatTransport(string value) => PtTransportList.Format(new[] { value });

    /// <summary><c>path</c>: a non-empty path without NUL.</summary>
    public static bool TryParsePath(ReadOnlySpan<char> value, string name, out string result, out PtConfigError error) =>
        PtAuthCookieFile.TryParse(value, out result, out error, name);

    /// <summary>Formats a path.</summary>
    public static string FormatPath(string value) => PtAuthCookieFile.Format(value);

    /// <summary><c>switch</c>: true only for "1" (PT 2.2 §1.1.1, TOR_PT_EXIT_ON_STDIN_CLOSE); never an error.</summary>
    public static bool TryParseSwitch(ReadOnlySpan<char> value, string name, out bool result, out PtConfigError error)
    {
        result = value.SequenceEqual("1");
        error = default;
        return true;
    }

    /// <summary><c>text</c>: any value without NUL.</summary>
    public static bool TryParseText(ReadOnlySpan<char> value, string name, out string result, out PtConfigError error)
    {
        result = "";
        error = default;
        int nul = value.IndexOf('\0');
        if (nul >= 0)
        {
            error = new PtConfigError(PtConfigErrorKind.Env, name, nul, PtConfigText.Quote(value) + ": holds a NUL character");
            return false;
        }
        result = value.ToString();
        return true;
    }

    /// <summary>Formats text.</summary>
    public static string FormatText(string value) => value.Contains('\0') ? throw new ArgumentException("a value cannot hold NUL", nameof(value)) : value;

    /// <summary><c>endpoint</c>: an IP literal (IPv6 in brackets) and a port, 0 allowed (a listening address).</summary>
    public static bool TryParseEndpoint(ReadOnlySpan<char> value, string name, out PtEndpoint result, out PtConfigError error) =>
        TryEndpoint(value, name, PtConfigText.EndpointRules.AllowPortZero, out result, out error);

    /// <summary>Formats a listening address.</summary>
    public static string FormatEndpoint(PtEndpoint value) =>
        value.Kind == PtHostKind.Name ? throw new ArgumentException("a listening address must be an IP address", nameof(value)) : value.ToString();

    /// <summary><c>orport</c>: an IP literal (IPv6 in brackets) and a port 1-65535.</summary>
    public static bool TryParseOrPort(ReadOnlySpan<char> value, string name, out PtEndpoint result, out PtConfigError error) =>
        TryEndpoint(value, name, PtConfigText.EndpointRules.None, out result, out error);

    /// <summary>Formats an ORPort.</summary>
    public static string FormatOrPort(PtEndpoint value) => PtOrPort.Format(value);

    /// <summary><c>target</c>: as <c>orport</c>, or a domain name (PT 2.2 §1.1.3).</summary>
    public static bool TryParseTarget(ReadOnlySpan<char> value, string name, out PtEndpoint result, out PtConfigError error) =>
        TryEndpoint(value, name, PtConfigText.EndpointRules.AllowName, out result, out error);

    /// <summary>Formats a target.</summary>
    public static string FormatTarget(PtEndpoint value) => PtOrPort.Format(value, allowName: true);

    /// <summary><c>ip</c>: an IPv4 or IPv6 literal, without brackets (<c>-bindhost</c>, <c>-proxylistenhost</c>).</summary>
    public static bool TryParseIp(ReadOnlySpan<char> value, string name, out IPAddress result, out PtConfigError error) =>
        TryAddress(value, name, null, out result, out error);

    /// <summary>Formats an address.</summary>
    public static string FormatIp(IPAddress value) => (value ?? throw new ArgumentNullException(nameof(value))).ToString();

    /// <summary><c>ipv4</c>: an IPv4 literal.</summary>
    public static bool TryParseIpv4(ReadOnlySpan<char> value, string name, out IPAddress result, out PtConfigError error) =>
        TryAddress(value, name, AddressFamily.InterNetwork, out result, out error);

    /// <summary>Formats an IPv4 address.</summary>
    public static string FormatIpv4(IPAddress value) =>
        value?.AddressFamily == AddressFamily.InterNetwork ? value.ToString() : throw new ArgumentException("not an IPv4 address", nameof(value));

    /// <summary><c>ipv6</c>: an IPv6 literal in brackets, as tor writes it; a bare one is accepted too.</summary>
    public static bool TryParseIpv6(ReadOnlySpan<char> value, string name, out IPAddress result, out PtConfigError error)
    {
        var inner = value.Length >= 2 && value[0] == '[' && value[^1] == ']' ? value[1..^1] : value;
        return TryAddress(inner, name, AddressFamily.InterNetworkV6, out result, out error, value);
    }

    /// <summary>Formats an IPv6 address in brackets.</summary>
    public static string FormatIpv6(IPAddress value) =>
        value?.AddressFamily == AddressFamily.InterNetworkV6 ? "[" + value + "]" : throw new ArgumentException("not an IPv6 address", nameof(value));

    /// <summary><c>host</c>: an IP literal or a DNS name (<c>-targethost</c>).</summary>
    public static bool TryParseHost(ReadOnlySpan<char> value, string name, out string result, out PtConfigError error)
    {
        result = "";
        error = default;
        Span<byte> ascii = stackalloc byte[256];
        bool ok = value.Length <= ascii.Length && !value.ContainsAnyExceptInRange((char)0x21, (char)0x7e);
        if (ok)
        {
            for (int i = 0; i < value.Length; i++) ascii[i] = (byte)value[i];
            ok = PtAddressSyntax.TryClassifyHost(ascii[..value.Length], allowName: true, out _);
        }
        if (!ok)
        {
            error = new PtConfigError(PtConfigErrorKind.Env, name, 0, "not an IP address or host name: " + PtConfigText.Quote(value));
            return false;
        }
        result = value.ToString();
        return true;
    }

    /// <summary>Formats a host.</summary>
    public static string FormatHost(string value) =>
        TryParseHost(value, "", out _, out _) ? value : throw new ArgumentException("not an IP address or host name", nameof(value));

    /// <summary><c>port</c>: a decimal port 0-65535.</summary>
    public static bool TryParsePort(ReadOnlySpan<char> value, string name, out ushort result, out PtConfigError error)
    {
        error = default;
        if (value.Length is > 0 and <= 5 && !value.ContainsAnyExceptInRange('0', '9') && ushort.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out result)) return true;
        result = 0;
        error = new PtConfigError(PtConfigErrorKind.Env, name, 0, "invalid port " + PtConfigText.Quote(value) + ": not a decimal number from 0 to 65535");
        return false;
    }

    /// <summary>Formats a port.</summary>
    public static string FormatPort(ushort value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary><c>proxy</c>: an upstream proxy URI; errors are PROXY-ERRORs.</summary>
    public static bool TryParseProxy(ReadOnlySpan<char> value, string name, out PtProxy result, out PtConfigError error)
    {
        bool ok = PtProxyUri.TryParse(value, out var proxy, out error, name);
        result = proxy!;
        return ok;
    }

    /// <summary>Formats a proxy URI.</summary>
    public static string FormatProxy(PtProxy value) => PtProxyUri.Format(value);

    /// <summary><c>bindaddrs</c>: <c>transport-addr:port</c> entries; none dropped here (the server binder drops those not asked for).</summary>
    public static bool TryParseBindAddresses(ReadOnlySpan<char> value, string name, out IReadOnlyList<PtBindAddress> result, out PtConfigError error) =>
        PtBindAddresses.TryParse(value, null, out result, out error, name);

    /// <summary>Formats bind addresses.</summary>
    public static string FormatBindAddresses(IReadOnlyList<PtBindAddress> value) => PtBindAddresses.Format(value);

    /// <summary><c>options</c>: server transport options, the 1.0 form or 2.2 JSON.</summary>
    public static bool TryParseOptions(ReadOnlySpan<char> value, string name, out IReadOnlyDictionary<string, PtKeyValueList> result, out PtConfigError error) =>
        PtServerTransportOptions.TryParse(value, out result, out error, name);

    /// <summary>Formats options in the 1.0 form, escaped as tor escapes them.</summary>
    public static string FormatOptions(IReadOnlyDictionary<string, PtKeyValueList> value) => PtServerTransportOptions.Format(value);

    /// <summary>The error for a value that is none of an enumeration's texts.</summary>
    public static PtConfigError NotOneOf(string name, ReadOnlySpan<char> value, string allowed) =>
        new(PtConfigErrorKind.Env, name, 0, PtConfigText.Quote(value) + ": must be one of " + allowed);

    /// <summary>Element-wise equality of two lists (null equals null).</summary>
    public static bool SameList<T>(IReadOnlyList<T>? a, IReadOnlyList<T>? b) =>
        ReferenceEquals(a, b) || (a is not null && b is not null && a.SequenceEqual(b));

    /// <summary>Equality of two option maps by transport and key/value list, in any transport order.</summary>
    public static bool SameOptions(IReadOnlyDictionary<string, PtKeyValueList>? a, IReadOnlyDictionary<string, PtKeyValueList>? b)
    {
        if (ReferenceEquals(a, b)) return true;
        if (a is null || b is null || a.Count != b.Count) return false;
        foreach (var (transport, list) in a)
        {
            if (!b.TryGetValue(transport, out var other) || !list.Equals(other)) return false;
        }
        return true;
    }

    private static bool TryEndpoint(ReadOnlySpan<char> value, string name, PtConfigText.EndpointRules rules, out PtEndpoint result, out PtConfigError error)
    {
        error = default;
        if (PtConfigText.TryParseEndpoint(value, rules, out result, out int offset, out string message)) return true;
        error = new PtConfigError(PtConfigErrorKind.Env, name, offset, PtConfigText.Quote(value) + ": " + message);
        return false;
    }

    private static bool TryAddress(ReadOnlySpan<char> value, string name, AddressFamily? family, out IPAddress result, out PtConfigError error, ReadOnlySpan<char> shown = default)
    {
        error = default;
        Span<byte> ascii = stackalloc byte[64];
        bool syntax = value.Length <= ascii.Length && !value.ContainsAnyExceptInRange((char)0x21, (char)0x7e);
        if (syntax)
        {
            for (int i = 0; i < value.Length; i++) ascii[i] = (byte)value[i];
            var bytes = ascii[..value.Length];
            syntax = family switch
            {
                AddressFamily.InterNetwork => PtAddressSyntax.IsIPv4(bytes),
                AddressFamily.InterNetworkV6 => PtAddressSyntax.IsIPv6(bytes),
                _ => PtAddressSyntax.IsIPv4(bytes) || PtAddressSyntax.IsIPv6(bytes),
            };
        }
        if (syntax && IPAddress.TryParse(value, out var parsed))
        {
            result = parsed;
            return true;
        }
        result = IPAddress.None;
        string what = family switch
        {
            AddressFamily.InterNetwork => "not an IPv4 address: ",
            AddressFamily.InterNetworkV6 => "not an IPv6 address: ",
            _ => "not an IP string: ",
        };
        error = new PtConfigError(PtConfigErrorKind.Env, name, 0, what + PtConfigText.Quote(shown.IsEmpty ? value : shown));
        return false;
    }
}
