using System;

namespace PtToolkit.Text;

/// <summary>
/// Validates the textual forms of hosts and ports without allocating: IPv4 dotted quads (no leading
/// zeros, which some parsers read as octal), IPv6 (RFC 4291 §2.2, with an optional trailing IPv4 part
/// and no zone), DNS names (RFC 1123 labels) and decimal ports 0-65535.
/// </summary>
public static class PtAddressSyntax
{
    /// <summary>True when <paramref name="s"/> is a dotted-quad IPv4 address.</summary>
    public static bool IsIPv4(ReadOnlySpan<byte> s)
    {
        if ((uint)(s.Length - 7) > 15 - 7) return false;
        int parts = 0, digits = 0, value = 0;
        foreach (byte b in s)
        {
            uint d = (uint)(b - '0');
            if (d <= 9)
            {
                // A leading zero is refused: some readers take 010 for octal.
                if (digits == 1 && value == 0) return false;
                value = value * 10 + (int)d;
                if (++digits > 3 || value > 255) return false;
            }
            else if (b == '.' && digits > 0 && parts < 3)
            {
                parts++;
                digits = 0;
                value = 0;
            }
            else
            {
                return false;
            }
        }
        return parts == 3 && digits > 0;
    }

    /// <summary>True when <paramref name="s"/> is an IPv6 address without brackets and without a zone.</summary>
    public static bool IsIPv6(ReadOnlySpan<byte> s)
    {
        if (s.Length < 2 || s.Length > 45) return false;
        int groups = 0, i = 0;
        bool compressed = false;
        if (s[0] == ':')
        {
            if (s[1] != ':') return false;
            compressed = true;
            i = 2;
            if (i == s.Length) return true;
        }
        while (i < s.Length)
        {
            int start = i;
            while (i < s.Length && PtByteClasses.Hex.Contains(s[i]) && i - start < 5) i++;
            int len = i - start;
            if (i < s.Length && s[i] == '.')
            {
                // A trailing dotted quad stands for the last two groups.
                if (!IsIPv4(s[start..])) return false;
                groups += 2;
                return compressed ? groups <= 7 : groups == 8;
            }
            if (len == 0 || len > 4) return false;
            groups++;
            if (i == s.Length) break;
            if (s[i] != ':') return false;
            i++;
            if (i < s.Length && s[i] == ':')
            {
                if (compressed) return false;
                compressed = true;
                i++;
                if (i == s.Length) break;
            }
            else if (i == s.Length)
            {
                return false;
            }
        }
        return compressed ? groups <= 7 : groups == 8;
    }

    /// <summary>
    /// True when <paramref name="s"/> is a DNS host name: dot-separated labels of 1 to 63 letters, digits,
    /// dashes or underscores, not starting or ending with a dash, 253 bytes at most, and not all-numeric
    /// in its last label (so that a malformed IPv4 address is not taken for a name).
    /// </summary>
    public static bool IsHostName(ReadOnlySpan<byte> s)
    {
        if (s.Length == 0 || s.Length > 253 || s.IndexOfAnyExcept(PtByteClasses.HostName) >= 0) return false;
        bool lastAllDigits = false;
        foreach (var range in s.Split((byte)'.'))
        {
            var label = s[range];
            if (label.Length == 0 || label.Length > 63 || label[0] == '-' || label[^1] == '-') return false;
            lastAllDigits = label.IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0;
        }
        return !lastAllDigits;
    }

    /// <summary>Classifies a host written without brackets, or returns false.</summary>
    public static bool TryClassifyHost(ReadOnlySpan<byte> s, bool allowName, out PtHostKind kind)
    {
        if (IsIPv4(s)) { kind = PtHostKind.IPv4; return true; }
        if (s.IndexOf((byte)':') >= 0)
        {
            kind = PtHostKind.IPv6;
            return IsIPv6(s);
        }
        kind = PtHostKind.Name;
        return allowName && IsHostName(s);
    }

    /// <summary>Parses a decimal port from 0 to 65535 (one to five digits).</summary>
    public static bool TryParsePort(ReadOnlySpan<byte> s, out ushort port)
    {
        port = 0;
        if (s.Length == 0 || s.Length > 5) return false;
        int value = 0;
        foreach (byte b in s)
        {
            if ((uint)(b - '0') > 9) return false;
            value = value * 10 + (b - '0');
        }
        if (value > ushort.MaxValue) return false;
        port = (ushort)value;
        return true;
    }
}
