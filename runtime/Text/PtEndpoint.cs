using System;
using System.Text;

namespace PtToolkit.Text;

/// <summary>
/// An owned host and port: <c>1.2.3.4:5</c>, <c>[::1]:5</c> or <c>example.com:5</c>. The host is kept as
/// written (IPv6 without its brackets).
/// </summary>
public readonly record struct PtEndpoint(string Host, PtHostKind Kind, ushort Port)
{
    /// <summary>The textual form, with brackets around an IPv6 host.</summary>
    public override string ToString() => Kind == PtHostKind.IPv6 ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

    /// <summary>Parses <c>host:port</c> (IPv4, bracketed IPv6, and a host name when allowed).</summary>
    public static bool TryParse(string text, bool allowName, out PtEndpoint endpoint)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var cursor = new PtLineCursor(bytes);
        if (cursor.Endpoint(allowName, out var view, null) && cursor.End())
        {
            endpoint = view.ToOwned();
            return true;
        }
        endpoint = default;
        return false;
    }

    /// <summary>An IPv4 endpoint.</summary>
    public static PtEndpoint IPv4(string host, ushort port) => new(host, PtHostKind.IPv4, port);
}

/// <summary>A host and port inside a parsed line (no allocation).</summary>
public readonly ref struct PtEndpointView
{
    /// <summary>Creates a view.</summary>
    public PtEndpointView(ReadOnlySpan<byte> host, PtHostKind kind, ushort port)
    {
        Host = host;
        Kind = kind;
        Port = port;
    }

    /// <summary>The host bytes, without brackets.</summary>
    public ReadOnlySpan<byte> Host { get; }

    /// <summary>The kind of host.</summary>
    public PtHostKind Kind { get; }

    /// <summary>The port.</summary>
    public ushort Port { get; }

    /// <summary>Copies the endpoint into an owned value.</summary>
    public PtEndpoint ToOwned() => new(Encoding.ASCII.GetString(Host), Kind, Port);
}

/// <summary>A host without a port inside a parsed line (no allocation).</summary>
public readonly ref struct PtHostView
{
    /// <summary>Creates a view.</summary>
    public PtHostView(ReadOnlySpan<byte> host, PtHostKind kind)
    {
        Host = host;
        Kind = kind;
    }

    /// <summary>The host bytes.</summary>
    public ReadOnlySpan<byte> Host { get; }

    /// <summary>The kind of host.</summary>
    public PtHostKind Kind { get; }

    /// <summary>The host as a string.</summary>
    public override string ToString() => Encoding.ASCII.GetString(Host);
}
