using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using FsCheck;
using FsCheck.Fluent;

namespace PtToolkit.Testing.Socks;

/// <summary>
/// FsCheck generators of SOCKS 5 conversations for a PT's client side (RFC 1928, RFC 1929 as tor packs it,
/// pt-2.2 §1.4): <see cref="Valid"/> handshakes, <see cref="NearMiss"/> ones (one field wrong) and
/// <see cref="Hostile"/> ones (stalls, huge lengths, boundary lengths, garbage, early closes), each with what a
/// conforming server must do. A case is built from <see cref="PtSocksCaseParameters"/>, which <see cref="Shrink"/> makes smaller.
/// </summary>
public sealed partial class PtSocksCaseGen
{
    private static readonly PtSocksCaseKind[] ValidKinds = [PtSocksCaseKind.NoAuthentication, PtSocksCaseKind.UserPassword, PtSocksCaseKind.ParameterBlock];

    private static readonly PtSocksCaseKind[] NearMissKinds = Enum.GetValues<PtSocksCaseKind>().Where(k => PtSocksCase.FamilyOf(k) == PtSocksFamily.NearMiss).ToArray();

    private static readonly PtSocksCaseKind[] HostileKinds = Enum.GetValues<PtSocksCaseKind>().Where(k => PtSocksCase.FamilyOf(k) == PtSocksFamily.Hostile).ToArray();

    /// <summary>
    /// A generator whose handshakes carry <paramref name="arguments"/> (with generated extra pairs) and ask for
    /// <paramref name="targets"/> (default <see cref="UnreachableTargets"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The arguments have an empty or repeated key, a NUL, or more than 400 bytes as tor writes them; no target.</exception>
    public PtSocksCaseGen(IReadOnlyList<KeyValuePair<string, string>>? arguments = null, IReadOnlyList<EndPoint>? targets = null)
    {
        Arguments = arguments?.ToArray() ?? [];
        Targets = targets?.ToArray() ?? UnreachableTargets;
        if (!PtSocksWire.AreSendable(Arguments)) throw new ArgumentException("arguments need distinct non-empty keys and no NUL", nameof(arguments));
        if (PtSocksWire.ArgumentsLength(Arguments) > 400) throw new ArgumentException("the base arguments take more than 400 bytes", nameof(arguments));
        if (Targets.Count == 0 || Targets.Any(t => t is not IPEndPoint and not DnsEndPoint)) throw new ArgumentException("IP or DNS endpoints, at least one", nameof(targets));
    }

    /// <summary>127.0.0.1:9, [::1]:9 and localhost:9: one of each address type, where nothing listens on a test machine.</summary>
    public static IReadOnlyList<EndPoint> UnreachableTargets { get; } =
        [new IPEndPoint(IPAddress.Loopback, 9), new IPEndPoint(IPAddress.IPv6Loopback, 9), new DnsEndPoint("localhost", 9)];

    /// <summary>The arguments every handshake with arguments carries.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Arguments { get; }

    /// <summary>The targets requests ask for.</summary>
    public IReadOnlyList<EndPoint> Targets { get; }

    /// <summary>Valid handshakes: X'00', X'02' (arguments in UNAME, or split into PASSWD past 255 bytes), X'09'; CONNECT to each address type.</summary>
    public Gen<PtSocksCase> Valid() => Kinds(ValidKinds);

    /// <summary>Near-misses: one field wrong.</summary>
    public Gen<PtSocksCase> NearMiss() => Kinds(NearMissKinds);

    /// <summary>Hostile cases.</summary>
    public Gen<PtSocksCase> Hostile() => Kinds(HostileKinds);

    /// <summary>All three, weighted 3 valid : 4 near-miss : 3 hostile.</summary>
    public Gen<PtSocksCase> All() => Gen.Frequency((3, Valid()), (4, NearMiss()), (3, Hostile()));

    /// <summary>Cases of one kind.</summary>
    public Gen<PtSocksCase> Of(PtSocksCaseKind kind) => Parameters().Select(p => Build(kind, p));

    /// <summary>FsCheck's arbitrary for <paramref name="cases"/>, shrinking with <see cref="Shrink"/>.</summary>
    public Arbitrary<PtSocksCase> Arbitrary(Gen<PtSocksCase> cases) => Arb.From(cases, Shrink);

    /// <summary>
    /// The handshake that checks a server still serves: X'02' with the arguments when there are any, else X'00', and
    /// a CONNECT to the first target.
    /// </summary>
    public PtSocksCase Probe() =>
        Build(Arguments.Count > 0 ? PtSocksCaseKind.UserPassword : PtSocksCaseKind.NoAuthentication, new PtSocksCaseParameters(0, [], [], 0));

    /// <summary>Smaller cases of the same kind: fewer or shorter extra arguments, less noise, the first target and variant.</summary>
    public IEnumerable<PtSocksCase> Shrink(PtSocksCase failing)
    {
        ArgumentNullException.ThrowIfNull(failing);
        var p = failing.Parameters;
        for (int i = 0; i < p.Extra.Count; i++)
        {
            yield return Build(failing.Kind, p with { Extra = p.Extra.Where((_, k) => k != i).ToArray() });
        }
        for (int i = 0; i < p.Extra.Count; i++)
        {
            if (p.Extra[i].Value.Length == 0) continue;
            var shorter = p.Extra.ToArray();
            shorter[i] = new(shorter[i].Key, shorter[i].Value[..(shorter[i].Value.Length / 2)]);
            yield return Build(failing.Kind, p with { Extra = shorter });
        }
        if (p.Noise.Length > 1) yield return Build(failing.Kind, p with { Noise = p.Noise[..(p.Noise.Length / 2)] });
        if (p.Target != 0) yield return Build(failing.Kind, p with { Target = 0 });
        if (p.Variant != 0) yield return Build(failing.Kind, p with { Variant = 0 });
    }

    private Gen<PtSocksCase> Kinds(PtSocksCaseKind[] kinds) => Gen.Elements(kinds).SelectMany(Of);

    private static Gen<PtSocksCaseParameters> Parameters()
    {
        var key = Gen.Elements("a", "b", "x", "pad", "key-2", "k_3", "mode", "seed").SelectMany(k => Gen.Choose(0, 99), (k, n) => k + n.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var character = Gen.Frequency((12, Gen.Choose('a', 'z').Select(c => (char)c)), (2, Gen.Choose(0x21, 0x7E).Select(c => (char)c)),
            (1, Gen.Elements(';', '\\', '=', ' ')), (1, Gen.Elements('é', 'ß', '€')));
        var value = Gen.Sized(size => Gen.Choose(0, Math.Max(0, Math.Min(size, 60))).SelectMany(n => Gen.ArrayOf(character, n))).Select(cs => new string(cs));
        var pair = key.SelectMany(_ => value, (k, v) => new KeyValuePair<string, string>(k, v));
        var extra = Gen.Choose(0, 4).SelectMany(n => Gen.ListOf(pair, n))
            .Select(pairs => (IReadOnlyList<KeyValuePair<string, string>>)pairs.DistinctBy(p => p.Key, StringComparer.Ordinal).ToArray());
        var noise = Gen.Choose(1, 32).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), n));
        return Gen.Choose(0, 2).SelectMany(_ => extra, (t, e) => (t, e)).SelectMany(_ => noise, (te, n) => (te.t, te.e, n))
            .SelectMany(_ => Gen.Choose(0, 59), (x, v) => new PtSocksCaseParameters(x.t, x.e, x.n, v));
    }
}
