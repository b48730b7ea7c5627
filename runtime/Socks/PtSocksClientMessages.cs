using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PtToolkit.Socks;

/// <summary>
/// What a SOCKS client sends, built before it connects so that arguments that do not fit are refused first: the
/// greeting, the argument message and the request, one after the other in one pooled buffer.
/// </summary>
internal readonly struct PtSocksClientMessages : IDisposable
{
    /// <summary>RFC 1929 UNAME and PASSWD hold at most 255 bytes each (tor's MAX_SOCKS5_AUTH_FIELD_SIZE).</summary>
    public const int MaxFieldLength = 255;

    private readonly byte[] _buffer;
    private readonly bool _secret;

    private PtSocksClientMessages(byte[] buffer, int greeting, int arguments, int request, PtSocksMethod method, bool secret = false)
    {
        _buffer = buffer;
        _secret = secret;
        GreetingLength = greeting;
        ArgumentsLength = arguments;
        RequestLength = request;
        Method = method;
    }

    public int GreetingLength { get; }

    public int ArgumentsLength { get; }

    public int RequestLength { get; }

    /// <summary>The one method the greeting offers.</summary>
    public PtSocksMethod Method { get; }

    public ReadOnlyMemory<byte> Greeting => _buffer.AsMemory(0, GreetingLength);

    public ReadOnlyMemory<byte> Arguments => _buffer.AsMemory(GreetingLength, ArgumentsLength);

    public ReadOnlyMemory<byte> Request => _buffer.AsMemory(GreetingLength + ArgumentsLength, RequestLength);

    /// <summary>The arguments message followed by the request (the JSON block has no answer of its own).</summary>
    public ReadOnlyMemory<byte> ArgumentsAndRequest => _buffer.AsMemory(GreetingLength, ArgumentsLength + RequestLength);

    /// <summary>True for a domain name SOCKS can carry: 1 to 255 bytes of visible US-ASCII.</summary>
    public static bool IsSocksName(string host) =>
        host.Length is > 0 and <= 255 && !host.AsSpan().ContainsAnyExceptInRange('!', '~');

    /// <summary>Builds the messages, or says why the target or the arguments cannot be sent.</summary>
    /// <exception cref="ArgumentException">An argument key is empty, or a key or value holds a NUL or a lone surrogate, or
    /// arguments come with proxy credentials.</exception>
    public static bool TryBuild(EndPoint target, IReadOnlyList<KeyValuePair<string, string>>? arguments, PtSocksClientOptions options,
        out PtSocksClientMessages messages, out PtSocksError error)
    {
        messages = default;
        error = default;
        bool hasArguments = arguments is { Count: > 0 };
        if (!TryMeasureTarget(target, options.Version, out int addressLength))
            return Fail(PtSocksErrorReason.TargetNotSupported, out error);

        if (options.Version == PtSocksVersion.Socks4)
        {
            int userLength = hasArguments ? FormattedLength(arguments!) : 0;
            byte[] buffer = ArrayPool<byte>.Shared.Rent(8 + userLength + 1 + addressLength + 1);
            int length = WriteSocks4(buffer, target, arguments, userLength);
            messages = new PtSocksClientMessages(buffer, 0, 0, length, PtSocksMethod.NoAuthentication);
            return true;
        }

        if (options.HasCredentials)
        {
            if (hasArguments) throw new ArgumentException("per-connection arguments and proxy credentials both need the RFC 1929 fields; send one or the other", nameof(arguments));
            messages = BuildWithCredentials(target, options.UserName!, options.Password!, addressLength);
            return true;
        }

        var method = !hasArguments ? PtSocksMethod.NoAuthentication
            : options.ArgumentEncoding == PtSocksArgumentEncoding.JsonParameterBlock ? PtSocksMethod.JsonParameterBlock
            : PtSocksMethod.UsernamePassword;
        byte[]? json = method == PtSocksMethod.JsonParameterBlock ? PtSocksJson.Format(arguments!) : null;
        int argumentsLength = 0;
        if (method == PtSocksMethod.UsernamePassword)
        {
            int text = FormattedLength(arguments!);
            if (text > 2 * MaxFieldLength) return Fail(PtSocksErrorReason.ArgumentsTooLong, out error);
            argumentsLength = 3 + text + (text <= MaxFieldLength ? 1 : 0);
        }
        else if (json is not null)
        {
            argumentsLength = json.Length;
        }
        int requestLength = 4 + addressLength + 2;
        byte[] all = ArrayPool<byte>.Shared.Rent(3 + argumentsLength + requestLength);
        all[0] = 5;
        all[1] = 1;
        all[2] = (byte)method;
        if (method == PtSocksMethod.UsernamePassword) WriteUserPassword(all.AsSpan(3, argumentsLength), arguments!);
        json?.CopyTo(all, 3);
        WriteSocks5Request(all.AsSpan(3 + argumentsLength), target);
        messages = new PtSocksClientMessages(all, 3, argumentsLength, requestLength, method);
        return true;
    }

    /// <summary>Returns the buffer to the pool, cleared first when it held credentials.</summary>
    public void Dispose()
    {
        if (_buffer is not null) ArrayPool<byte>.Shared.Return(_buffer, clearArray: _secret);
    }

    // RFC 1929 §2: VER(1) | ULEN | UNAME | PLEN | PASSWD, after a greeting that offers X'02' alone. The lengths were
    // checked by PtSocksClientOptions.Validate.
    private static PtSocksClientMessages BuildWithCredentials(EndPoint target, string user, string password, int addressLength)
    {
        var utf8 = PtSocksClientOptions.Strict;
        int u = utf8.GetByteCount(user), p = utf8.GetByteCount(password);
        int argumentsLength = 3 + u + p, requestLength = 4 + addressLength + 2;
        byte[] all = ArrayPool<byte>.Shared.Rent(3 + argumentsLength + requestLength);
        all[0] = 5;
        all[1] = 1;
        all[2] = (byte)PtSocksMethod.UsernamePassword;
        all[3] = 1;
        all[4] = (byte)u;
        utf8.GetBytes(user, all.AsSpan(5, u));
        all[5 + u] = (byte)p;
        utf8.GetBytes(password, all.AsSpan(6 + u, p));
        WriteSocks5Request(all.AsSpan(3 + argumentsLength), target);
        return new PtSocksClientMessages(all, 3, argumentsLength, requestLength, PtSocksMethod.UsernamePassword, secret: true);
    }

    private static bool Fail(PtSocksErrorReason reason, out PtSocksError error)
    {
        error = new PtSocksError(reason, 0);
        return false;
    }

    private static int FormattedLength(IReadOnlyList<KeyValuePair<string, string>> arguments)
    {
        int length = PtSocksArgs.GetFormattedLength(arguments);
        if (length < 0) throw new ArgumentException("an argument key is empty, or a key or value holds a NUL or a lone surrogate", nameof(arguments));
        return length;
    }

    /// <summary>The DST.ADDR length (the name's length byte included for SOCKS 5; the name without its NUL for SOCKS 4a).</summary>
    private static bool TryMeasureTarget(EndPoint target, PtSocksVersion version, out int length)
    {
        length = target switch
        {
            IPEndPoint { AddressFamily: AddressFamily.InterNetwork } => 4,
            IPEndPoint { AddressFamily: AddressFamily.InterNetworkV6 } when version == PtSocksVersion.Socks5 => 16,
            DnsEndPoint dns when IsSocksName(dns.Host) => version == PtSocksVersion.Socks5 ? 1 + dns.Host.Length : dns.Host.Length,
            _ => -1,
        };
        return length >= 0;
    }

    // pt-spec §3.5 and tor's connection_read_proxy_handshake: up to 255 bytes all in UNAME with PASSWD a single
    // NUL; longer, the first 255 bytes in UNAME and the rest in PASSWD.
    private static void WriteUserPassword(Span<byte> message, IReadOnlyList<KeyValuePair<string, string>> arguments)
    {
        Span<byte> text = stackalloc byte[2 * MaxFieldLength];
        PtSocksArgs.TryFormat(arguments, text, out int length);
        int user = Math.Min(length, MaxFieldLength);
        message[0] = 1;
        message[1] = (byte)user;
        text[..user].CopyTo(message[2..]);
        if (length <= MaxFieldLength)
        {
            message[2 + user] = 1;
            message[3 + user] = 0;
            return;
        }
        message[2 + user] = (byte)(length - user);
        text[user..length].CopyTo(message[(3 + user)..]);
    }

    // RFC 1928 §4: VER | CMD | RSV | ATYP | DST.ADDR | DST.PORT.
    private static void WriteSocks5Request(Span<byte> message, EndPoint target)
    {
        message[0] = 5;
        message[1] = (byte)PtSocksCommand.Connect;
        message[2] = 0;
        int at;
        if (target is IPEndPoint ip)
        {
            message[3] = ip.AddressFamily == AddressFamily.InterNetwork ? (byte)0x01 : (byte)0x04;
            ip.Address.TryWriteBytes(message[4..], out int written);
            at = 4 + written;
        }
        else
        {
            string host = ((DnsEndPoint)target).Host;
            message[3] = 0x03;
            message[4] = (byte)host.Length;
            at = 5 + Encoding.ASCII.GetBytes(host, message[5..]);
        }
        BinaryPrimitives.WriteUInt16BigEndian(message[at..], (ushort)Port(target));
    }

    // SOCKS 4: VN(4) | CD(1) | DSTPORT | DSTIP | USERID | NUL; SOCKS 4a sends DSTIP 0.0.0.1 and the name, NUL-ended,
    // after USERID. tor puts the PT arguments in USERID (pt-spec §3.5).
    private static int WriteSocks4(byte[] message, EndPoint target, IReadOnlyList<KeyValuePair<string, string>>? arguments, int userLength)
    {
        message[0] = 4;
        message[1] = 1;
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(2), (ushort)Port(target));
        if (target is IPEndPoint ip) ip.Address.TryWriteBytes(message.AsSpan(4), out _);
        else
        {
            message.AsSpan(4, 3).Clear();
            message[7] = 1;
        }
        int at = 8;
        if (userLength > 0) PtSocksArgs.TryFormat(arguments!, message.AsSpan(at, userLength), out _);
        at += userLength;
        message[at++] = 0;
        if (target is DnsEndPoint dns)
        {
            at += Encoding.ASCII.GetBytes(dns.Host, message.AsSpan(at));
            message[at++] = 0;
        }
        return at;
    }

    private static int Port(EndPoint target) => target is IPEndPoint ip ? ip.Port : ((DnsEndPoint)target).Port;
}
