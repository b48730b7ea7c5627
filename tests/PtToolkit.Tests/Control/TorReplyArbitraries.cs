using System;
using System.Linq;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using PtToolkit.Control;
using PtToolkit.Tests.Ipc;

namespace PtToolkit.Tests.Control;

/// <summary>A PROTOCOLINFO answer as values; <see cref="Format"/> writes it the way Tor does, info lines in any order.</summary>
public sealed record ProtocolInfoCase(ulong Version, string[] Methods, string? CookieFile, string? TorVersion, string[] OtherLines, int[] Order, bool ExtraArguments)
{
    /// <summary>The reply text, LF line ends (the tests turn them into CRLF).</summary>
    public string Format()
    {
        string extra = ExtraArguments ? " EXTRA=1 more" : "";
        var info = new System.Collections.Generic.List<string>();
        if (Methods.Length > 0) info.Add($"250-AUTH METHODS={string.Join(',', Methods)}" + (CookieFile is null ? "" : $" COOKIEFILE={TorReplyArbitraries.Quote(CookieFile)}") + extra + "\n");
        if (TorVersion is not null) info.Add($"250-VERSION Tor={TorReplyArbitraries.Quote(TorVersion)}" + extra + "\n");
        info.AddRange(OtherLines.Select(l => $"250-{l}\n"));
        var ordered = info.Select((line, i) => (line, key: Order.Length == 0 ? i : Order[i % Order.Length])).OrderBy(x => x.key).Select(x => x.line);
        return $"250-PROTOCOLINFO {Version}{extra}\n" + string.Concat(ordered) + "250 OK\n";
    }
}

/// <summary>An ADD_ONION answer as values.</summary>
public sealed record AddOnionCase(string ServiceId, string? PrivateKey, string[] ClientAuth, bool KeyFirst)
{
    /// <summary>The reply text, LF line ends.</summary>
    public string Format()
    {
        string id = $"250-ServiceID={ServiceId}\n";
        string key = PrivateKey is null ? "" : $"250-PrivateKey={PrivateKey}\n";
        return (KeyFirst ? key + id : id + key) + string.Concat(ClientAuth.Select(c => $"250-ClientAuth={c}\n")) + "250 OK\n";
    }
}

/// <summary>Generators of replies the generated views read.</summary>
public static class TorReplyArbitraries
{
    /// <summary>A QuotedString holding <paramref name="value"/> (control-spec §2.1 escapes).</summary>
    public static string Quote(string value)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(value);
        byte[] quoted = new byte[TorQuotedString.GetEncodedLength(utf8)];
        TorQuotedString.Write(utf8, quoted);
        return Encoding.UTF8.GetString(quoted);
    }

    /// <summary>A bare value: visible US-ASCII without a double quote, at least one byte.</summary>
    public static readonly Gen<string> Bare =
        Gen.Choose(0x21, 0x7E).Select(i => (char)i).Where(c => c != '"').NonEmptyListOf().Select(l => new string(l.Take(20).ToArray()));

    private static readonly Gen<string> Keyword =
        Gen.Elements("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".ToCharArray()).NonEmptyListOf().Select(l => new string(l.Take(10).ToArray()));

    private static readonly Gen<string> Method = Gen.Frequency(
        (4, Gen.Elements("NULL", "HASHEDPASSWORD", "COOKIE", "SAFECOOKIE")),
        (1, Gen.Elements("ABCDEFGHIJKLMNOPQRSTUVWXYZ_".ToCharArray()).NonEmptyListOf().Select(l => new string(l.Take(10).ToArray()))));

    /// <summary>PROTOCOLINFO answers: any version, methods, cookie path and Tor version, with lines a later Tor might add.</summary>
    public static Arbitrary<ProtocolInfoCase> ProtocolInfoCases() => Arb.From(
        from version in Gen.Frequency((3, Gen.Constant(1UL)), (1, ArbMap.Default.GeneratorFor<ulong>()))
        from methods in Method.ListOf().Select(l => l.Take(5).ToArray())
        from cookie in Gen.Frequency((1, Gen.Constant<string?>(null)), (3, IpcArbitraries.AnyString.Select(s => (string?)s)))
        from tor in Gen.Frequency((1, Gen.Constant<string?>(null)), (3, IpcArbitraries.AnyString.Select(s => (string?)s)))
        from others in (from k in Keyword.Where(k => k is not "AUTH" and not "VERSION" and not "PROTOCOLINFO") from v in Bare select $"{k} x={v}").ListOf().Select(l => l.Take(3).ToArray())
        from order in Gen.Choose(0, 9).ListOf().Select(l => l.Take(5).ToArray())
        from extra in ArbMap.Default.GeneratorFor<bool>()
        select new ProtocolInfoCase(version, methods, methods.Length > 0 ? cookie : null, tor, others, order, extra));

    /// <summary>ADD_ONION answers.</summary>
    public static Arbitrary<AddOnionCase> AddOnionCases() => Arb.From(
        from id in Bare.Where(s => !s.Contains(' '))
        from key in Gen.Frequency((1, Gen.Constant<string?>(null)), (2, Bare.Select(s => (string?)("ED25519-V3:" + s))))
        from auth in Bare.ListOf().Select(l => l.Take(3).ToArray())
        from keyFirst in ArbMap.Default.GeneratorFor<bool>()
        select new AddOnionCase(id, key, auth, keyFirst));
}
