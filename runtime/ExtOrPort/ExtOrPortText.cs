using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using PtToolkit.Text;

namespace PtToolkit.ExtOrPort;

/// <summary>The bodies of USERADDR and TRANSPORT (ext-orport-spec §3.2): ASCII, no NUL.</summary>
public static class ExtOrPortText
{
    /// <summary>The longest USERADDR body: <c>[</c>, 45 characters of IPv6, <c>]:</c>, 5 digits.</summary>
    public const int MaxUserAddrLength = 53;

    /// <summary>
    /// The USERADDR body for <paramref name="address"/>: <c>1.2.3.4:5678</c> or <c>[1:2::3:4]:5678</c>, the
    /// only forms §3.2.1 allows. An IPv4-mapped IPv6 address (from a dual-mode socket) is written as IPv4;
    /// an IPv6 scope is dropped (it means nothing to the bridge and the forms have no place for it).
    /// </summary>
    public static string FormatUserAddr(IPEndPoint address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var ip = address.Address;
        if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
        if (ip.AddressFamily == AddressFamily.InterNetwork) return $"{ip}:{address.Port}";
        if (ip.ScopeId != 0) ip = new IPAddress(ip.GetAddressBytes());
        return $"[{ip}]:{address.Port}";
    }

    /// <summary>Parses a USERADDR body in one of the two forms of §3.2.1; false for anything else, NUL included.</summary>
    public static bool TryParseUserAddr(ReadOnlySpan<byte> body, out IPEndPoint? address)
    {
        address = null;
        int colon = body.LastIndexOf((byte)':');
        if (colon < 0 || !PtAddressSyntax.TryParsePort(body[(colon + 1)..], out ushort port)) return false;
        var host = body[..colon];
        bool bracketed = host.Length > 2 && host[0] == (byte)'[' && host[^1] == (byte)']';
        if (bracketed ? !PtAddressSyntax.IsIPv6(host[1..^1]) : !PtAddressSyntax.IsIPv4(host)) return false;
        address = new IPEndPoint(IPAddress.Parse(Encoding.ASCII.GetString(bracketed ? host[1..^1] : host)), port);
        return true;
    }

    /// <summary>True when <paramref name="body"/> is a C identifier, as tor requires of TRANSPORT (§3.2.2).</summary>
    public static bool IsTransportName(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty || !(char.IsAsciiLetter((char)body[0]) || body[0] == (byte)'_')) return false;
        foreach (byte b in body[1..])
        {
            if (!(char.IsAsciiLetterOrDigit((char)b) || b == (byte)'_')) return false;
        }
        return true;
    }
}
