using System;
using System.Net;
using PtToolkit.Text;

namespace PtToolkit.Socks;

/// <summary>The SOCKS 5 command of a request the server hands to its caller (RFC 1928 §4).</summary>
public enum PtSocksCommand : byte
{
    /// <summary>X'01' CONNECT.</summary>
    Connect = 0x01,
    /// <summary>X'03' UDP ASSOCIATE (only when <see cref="PtSocksServerOptions.AllowUdpAssociate"/> is set).</summary>
    UdpAssociate = 0x03,
}

/// <summary>The authentication method the server chose (RFC 1928 §3, pt-2.2 §1.4).</summary>
public enum PtSocksMethod : byte
{
    /// <summary>X'00' no authentication: no arguments.</summary>
    NoAuthentication = 0x00,
    /// <summary>X'02' username/password (RFC 1929), carrying PT 1.0 <c>k=v;k=v</c> arguments.</summary>
    UsernamePassword = 0x02,
    /// <summary>X'09' JSON parameter block (pt-2.2 §1.4).</summary>
    JsonParameterBlock = 0x09,
}

/// <summary>
/// A SOCKS 5 request accepted by <see cref="PtSocksServer.HandshakeAsync"/>: what to connect to, the per-connection
/// arguments, and the bytes the client sent after its request (already read from the stream, to be forwarded first).
/// </summary>
public sealed class PtSocksRequest
{
    internal PtSocksRequest(PtSocksCommand command, EndPoint target, PtKeyValueList arguments, PtSocksMethod method, byte[] leftover)
    {
        Command = command;
        Target = target;
        Arguments = arguments;
        Method = method;
        Leftover = leftover;
    }

    /// <summary>CONNECT, or UDP ASSOCIATE when enabled.</summary>
    public PtSocksCommand Command { get; }

    /// <summary>
    /// The destination: an <see cref="IPEndPoint"/> (IPv4 or IPv6) or a <see cref="DnsEndPoint"/> (a domain name,
    /// visible US-ASCII). For UDP ASSOCIATE, the address the client expects to send from (often 0.0.0.0:0).
    /// </summary>
    public EndPoint Target { get; }

    /// <summary>The per-connection arguments, in order; empty when the client sent none.</summary>
    public PtKeyValueList Arguments { get; }

    /// <summary>How the arguments came.</summary>
    public PtSocksMethod Method { get; }

    /// <summary>Bytes that followed the request; never dropped: the caller forwards them before anything else.</summary>
    public ReadOnlyMemory<byte> Leftover { get; }

    /// <summary>The command and method, without target or arguments (which may be secret).</summary>
    public override string ToString() => $"{Command} ({Method}, {Arguments.Count} arguments, {Leftover.Length} bytes after the request)";
}
