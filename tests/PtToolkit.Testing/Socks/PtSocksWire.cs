using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace PtToolkit.Testing.Socks;

/// <summary>
/// SOCKS 5 client messages as bytes, written independently of the runtime (an oracle must not share the code it
/// judges): RFC 1928 greeting and request, RFC 1929 packed as tor packs it, the pt-2.2 §1.4 parameter block.
/// </summary>
public static class PtSocksWire
{
    /// <summary>The longest argument text RFC 1929 can carry: UNAME and PASSWD of 255 bytes each (tor's limit).</summary>
    public const int MaxPackedArguments = 510;

    /// <summary>VER 5 | NMETHODS | METHODS.</summary>
    public static byte[] Greeting(params byte[] methods)
    {
        ArgumentNullException.ThrowIfNull(methods);
        return [5, (byte)methods.Length, .. methods];
    }

    /// <summary>
    /// The argument text as tor writes it (pt-spec §3.5): <c>k=v</c> pairs joined by <c>;</c>, with <c>\</c> and
    /// <c>;</c> escaped by <c>\</c> in keys and values, and <c>=</c> also in keys.
    /// </summary>
    public static byte[] Arguments(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var text = new StringBuilder();
        foreach (var (key, value) in pairs)
        {
            if (text.Length > 0) text.Append(';');
            Escape(text, key, "\\;=");
            text.Append('=');
            Escape(text, value, "\\;");
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>
    /// An RFC 1929 message carrying <paramref name="arguments"/> as tor packs it (connection_read_proxy_handshake): up
    /// to 255 bytes in UNAME with a one-byte NUL PASSWD, else the first 255 bytes in UNAME and the rest in PASSWD.
    /// </summary>
    /// <exception cref="ArgumentException">More than <see cref="MaxPackedArguments"/> bytes.</exception>
    public static byte[] TorPacked(ReadOnlySpan<byte> arguments)
    {
        if (arguments.Length > MaxPackedArguments) throw new ArgumentException("RFC 1929 carries at most 510 bytes of arguments", nameof(arguments));
        return arguments.Length <= 255 ? UserPassword(arguments, [0]) : UserPassword(arguments[..255], arguments[255..]);
    }

    /// <summary>VER 1 | ULEN | UNAME | PLEN | PASSWD (RFC 1929 §2); <paramref name="version"/> other than 1 for near-misses.</summary>
    public static byte[] UserPassword(ReadOnlySpan<byte> user, ReadOnlySpan<byte> password, byte version = 1)
    {
        if (user.Length > 255 || password.Length > 255) throw new ArgumentException("UNAME and PASSWD hold at most 255 bytes each");
        return [version, (byte)user.Length, .. user, (byte)password.Length, .. password];
    }

    /// <summary>The pairs as a JSON object of strings (pt-2.2 §1.4), UTF-8.</summary>
    public static byte[] Json(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in pairs) writer.WriteString(key, value);
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>A parameter block: the 4-byte big-endian <paramref name="announced"/> length (the text's own when null), then <paramref name="text"/>.</summary>
    public static byte[] Block(ReadOnlySpan<byte> text, uint? announced = null)
    {
        byte[] block = new byte[4 + text.Length];
        BinaryPrimitives.WriteUInt32BigEndian(block, announced ?? (uint)text.Length);
        text.CopyTo(block.AsSpan(4));
        return block;
    }

    /// <summary>A request for <paramref name="target"/> (an <see cref="IPEndPoint"/> or a <see cref="DnsEndPoint"/>) with command <paramref name="command"/> (1 CONNECT, 2 BIND, 3 UDP ASSOCIATE).</summary>
    public static byte[] Request(byte command, EndPoint target)
    {
        switch (target)
        {
            case IPEndPoint ip:
                return RawRequest(command, ip.AddressFamily == AddressFamily.InterNetwork ? (byte)1 : (byte)4, ip.Address.GetAddressBytes(), (ushort)ip.Port);
            case DnsEndPoint dns:
                byte[] name = Encoding.ASCII.GetBytes(dns.Host);
                if (name.Length is 0 or > 255) throw new ArgumentException("a SOCKS domain name has 1 to 255 bytes", nameof(target));
                return RawRequest(command, 3, [(byte)name.Length, .. name], (ushort)dns.Port);
            default:
                throw new ArgumentException("an IP endpoint or a DNS endpoint", nameof(target));
        }
    }

    /// <summary>VER 5 | CMD | RSV 0 | ATYP | the address bytes as given | DST.PORT.</summary>
    public static byte[] RawRequest(byte command, byte addressType, ReadOnlySpan<byte> address, ushort port) =>
        [5, command, 0, addressType, .. address, (byte)(port >> 8), (byte)port];

    private static void Escape(StringBuilder text, string value, string special)
    {
        foreach (char c in value)
        {
            if (special.Contains(c, StringComparison.Ordinal)) text.Append('\\');
            text.Append(c);
        }
    }

    /// <summary>The number of bytes <see cref="Arguments"/> writes.</summary>
    public static int ArgumentsLength(IEnumerable<KeyValuePair<string, string>> pairs) => Arguments(pairs).Length;

    /// <summary>True when every key is non-empty and distinct and nothing holds a NUL (what tor can send).</summary>
    public static bool AreSendable(IReadOnlyList<KeyValuePair<string, string>> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        return pairs.All(p => p.Key.Length > 0 && !p.Key.Contains('\0', StringComparison.Ordinal) && !p.Value.Contains('\0', StringComparison.Ordinal))
            && pairs.Select(p => p.Key).Distinct(StringComparer.Ordinal).Count() == pairs.Count;
    }
}
