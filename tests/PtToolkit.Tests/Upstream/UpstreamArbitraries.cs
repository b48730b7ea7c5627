using System.Linq;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using PtToolkit.Config;
using PtToolkit.Tests.Ipc;

namespace PtToolkit.Tests.Upstream;

/// <summary>What a proxy answers: bytes for a scheme, then the end of the stream or silence.</summary>
public sealed record ProxyReply(PtProxyScheme Scheme, byte[] Bytes, bool Silent)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Scheme} {LineText.Show(Bytes)}{(Silent ? " (then silent)" : "")}";
}

/// <summary>A well-formed reply granting the request, and the tunnel's first bytes after it.</summary>
public sealed record GrantingReply(PtProxyScheme Scheme, byte[] Reply, byte[] Tail)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Scheme} {LineText.Show(Reply)} + {LineText.Show(Tail)}";
}

/// <summary>Generators of proxy replies: well-formed ones, near misses (one byte changed, cut short) and noise.</summary>
public static class UpstreamArbitraries
{
    private static readonly Gen<PtProxyScheme> Schemes = Gen.Elements(PtProxyScheme.Socks4a, PtProxyScheme.Socks5, PtProxyScheme.Http);

    private static readonly Gen<byte[]> Noise = Gen.Choose(0, 255).Select(b => (byte)b).ListOf().Select(l => l.Take(64).ToArray());

    private static readonly Gen<string> Token = Gen.Elements("Via", "Server", "Proxy-Agent", "Date", "Content-Length", "X-Y");

    private static readonly Gen<string> Text = Gen.Elements("OK", "Connection established", "", "tunnel ready", "d\u00e9j\u00e0", "a\tb");

    private static Gen<byte[]> Granting(PtProxyScheme scheme) => scheme switch
    {
        PtProxyScheme.Socks4a => Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), 6).Select(rest => new byte[] { 0, 90 }.Concat(rest).ToArray()),
        PtProxyScheme.Socks5 =>
            from atyp in Gen.Elements<byte>(1, 3, 4)
            from name in Gen.Choose(1, 40)
            let length = atyp == 1 ? 4 : atyp == 4 ? 16 : 1 + name
            from address in Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), length)
            let fixedAddress = atyp == 3 ? new[] { (byte)name }.Concat(address.Skip(1)).ToArray() : address
            select new byte[] { 5, 2, 1, 0, 5, 0, 0, atyp }.Concat(fixedAddress).Concat(new byte[] { 1, 187 }).ToArray(),
        _ =>
            from minor in Gen.Elements('0', '1')
            from status in Gen.Choose(200, 299)
            from reason in Text
            from headers in Gen.ListOf(from name in Token from value in Text select $"{name}: {value}\r\n").Select(l => l.Take(4))
            select Encoding.UTF8.GetBytes($"HTTP/1.{minor} {status}{(reason.Length == 0 ? "" : " " + reason)}\r\n{string.Concat(headers)}\r\n"),
    };

    /// <summary>Replies for any scheme: noise, a granting reply damaged or cut, or one followed by noise.</summary>
    public static Arbitrary<ProxyReply> ProxyReplies() => Arb.From(
        from scheme in Schemes
        from granting in Granting(scheme)
        from noise in Noise
        from at in Gen.Choose(0, 1000)
        from value in Gen.Choose(0, 255)
        from bytes in Gen.Elements(
            noise,
            Damaged(granting, at, (byte)value),
            granting[..(at % (granting.Length + 1))],
            granting.Concat(noise).ToArray(),
            Encoding.ASCII.GetBytes("HTTP/1.1 ").Concat(noise).ToArray())
        from silent in Gen.Frequency((9, Gen.Constant(false)), (1, Gen.Constant(true)))
        select new ProxyReply(scheme, bytes, silent));

    /// <summary>Well-formed granting replies for any scheme, each with a tail of tunnel bytes.</summary>
    public static Arbitrary<GrantingReply> GrantingReplies() => Arb.From(
        from scheme in Schemes
        from reply in Granting(scheme)
        from tail in Noise
        select new GrantingReply(scheme, reply, tail));

    private static byte[] Damaged(byte[] bytes, int at, byte value)
    {
        byte[] copy = bytes.ToArray();
        copy[at % copy.Length] = value;
        return copy;
    }
}
