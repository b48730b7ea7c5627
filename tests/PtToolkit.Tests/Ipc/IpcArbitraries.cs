using System;
using System.Collections.Generic;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using PtToolkit.Ipc;
using PtToolkit.Text;

namespace PtToolkit.Tests.Ipc;

/// <summary>An owned message whose every field is valid for its type (see <see cref="IpcArbitraries"/>).</summary>
public sealed record ValidMessage(IPtMessage Message)
{
    /// <inheritdoc/>
    public override string ToString() => LineText.Show(Message.ToString() ?? "", 600);
}

/// <summary>A line near the grammar: a valid line with a few bytes changed, or keywords and field-like words put together.</summary>
public sealed record NearMissLine(byte[] Bytes)
{
    /// <inheritdoc/>
    public override string ToString() => LineText.Show(Bytes);
}

/// <summary>Any bytes at all: random, after a message prefix, a mutated valid line, or a huge run of one byte.</summary>
public sealed record ArbitraryLine(byte[] Bytes)
{
    /// <inheritdoc/>
    public override string ToString() => LineText.Show(Bytes);
}

/// <summary>
/// FsCheck generators for the PT IPC protocol: valid owned messages of every kind (with shrinkers), near-miss
/// lines and arbitrary bytes. Field values follow the writer's rules: tokens are visible US-ASCII, texts are
/// non-empty without NUL or LF and do not end in CR, quoted strings (LOG, STATUS) are anything, ARGS keys and values are
/// visible US-ASCII, endpoints are IPv4 or IPv6 (CMETHOD/SMETHOD) and also host names (EVENT CONNECTION).
/// Strings are well-formed UTF-16: a lone surrogate cannot be written (see PtLineWriterTests).
/// </summary>
public static partial class IpcArbitraries
{
    /// <summary>Valid owned messages of every kind.</summary>
    public static Arbitrary<ValidMessage> ValidMessages() => Arb.From(AnyMessage.Select(m => new ValidMessage(m)), Shrink);

    /// <summary>Lines near the grammar.</summary>
    public static Arbitrary<NearMissLine> NearMissLines() =>
        Arb.From(NearMissBytes.Select(b => new NearMissLine(b)), l => ShrinkBytes(l.Bytes).Select(b => new NearMissLine(b)));

    /// <summary>Arbitrary bytes, CR included.</summary>
    public static Arbitrary<ArbitraryLine> ArbitraryLines() =>
        Arb.From(ArbitraryBytes.Select(b => new ArbitraryLine(b)), l => ShrinkBytes(l.Bytes).Select(b => new ArbitraryLine(b)));

    // ---- strings -------------------------------------------------------------------------------------

    private static Gen<string> Concat(Gen<string> piece, int min, int max) =>
        Gen.Sized(size => Gen.Choose(min, Math.Max(min, Math.Min(max, size)))).SelectMany(n => Gen.ArrayOf(piece, n)).Select(string.Concat);

    private static readonly Gen<string> Visible = Gen.Choose(0x21, 0x7E).Select(c => ((char)c).ToString());

    private static readonly Gen<string> Tricky = Gen.Elements("=", ",", "\\", "\"", ":", ";", "'", "[", "]", "%");

    private static readonly Gen<string> NonAscii = Gen.Elements("é", "ж", "中", "😀", "\u00a0", "\u2028", "\ufeff", "ﬃ", "\u0085");

    private static readonly Gen<string> Controls = Gen.Elements("\t", "\u0001", "\u001b", "\u007f", "\u000b", "\u000c");

    private static readonly Gen<string> TextPiece = Gen.Frequency(
        (10, Visible), (3, Gen.Constant(" ")), (3, Tricky), (2, NonAscii), (1, Controls));

    /// <summary>Rest-of-line text: at least one character, no NUL or LF, CR only inside (a final CR is part of the line end).</summary>
    public static readonly Gen<string> Text =
        Concat(Gen.Frequency((30, TextPiece), (1, Gen.Constant("\r"))), 1, 40).Where(t => t[^1] != '\r');

    /// <summary>Any well-formed string, empty included: the value of a quoted String/CString.</summary>
    public static readonly Gen<string> AnyString = Concat(
        Gen.Frequency((20, TextPiece), (1, Gen.Elements("\0", "\n", "\r", "\r\n", "\\\"", "\"\""))), 0, 40);

    /// <summary>A token: visible US-ASCII, at least one byte.</summary>
    public static readonly Gen<string> Token = Gen.Frequency(
        (3, Gen.Elements("obfs4", "meek_lite", "snowflake", "webtunnel", "trebuchet", "rot_by_N", "x")),
        (2, Concat(Gen.Frequency((5, Visible), (1, Tricky)), 1, 12)));

    private static readonly Gen<string> VersionText = Gen.Frequency(
        (3, Gen.Elements("1", "2", "2.1", "2.2")),
        (1, Concat(Visible.Where(c => c != ","), 1, 8)));

    private const string KeywordChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private static Gen<string> UnknownEnumText(Func<string, bool> isKnown) =>
        Concat(Gen.Elements(KeywordChars.Select(c => c.ToString()).ToArray()), 1, 12).Where(t => !isKnown(t));

    private static readonly Gen<string> ArgsChar = Gen.Frequency(
        (6, Gen.Elements("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/-_".Select(c => c.ToString()).ToArray())),
        (3, Gen.Elements("=", ",", "\\")),
        (1, Visible));

    private static readonly Gen<KeyValuePair<string, string>> ArgsPair =
        from key in Concat(ArgsChar, 1, 12)
        from value in Concat(ArgsChar, 0, 16)
        select new KeyValuePair<string, string>(key, value);

    private static readonly Gen<KeyValuePair<string, string>> StatusPair =
        from key in Gen.Frequency(
            (2, Gen.Elements("ADDRESS", "CONNECT", "PERCENT", "ERRSTR", "FINGERPRINT")),
            (1, Concat(Visible.Where(c => c != "="), 1, 10)))
        from value in AnyString
        select new KeyValuePair<string, string>(key, value);

    // ---- addresses -----------------------------------------------------------------------------------

    private static readonly Gen<int> Octet = Gen.Frequency((1, Gen.Constant(0)), (1, Gen.Constant(255)), (6, Gen.Choose(0, 255)));

    /// <summary>Dotted-quad IPv4 addresses (no leading zeros).</summary>
    public static readonly Gen<string> IPv4 = Gen.ArrayOf(Octet, 4).Select(o => string.Join('.', o));

    private static readonly Gen<string> HexGroup =
        from len in Gen.Choose(1, 4)
        from digits in Gen.ArrayOf(Gen.Elements("0123456789abcdefABCDEF".ToCharArray()), len)
        select new string(digits);

    /// <summary>
    /// IPv6 addresses without brackets: eight groups, or six and a trailing dotted quad, with or without one
    /// <c>::</c> standing for one or more groups.
    /// </summary>
    public static readonly Gen<string> IPv6 =
        from embed in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
        from groups in Gen.ArrayOf(HexGroup, embed ? 6 : 8)
        from quad in IPv4
        from compress in Gen.Frequency((1, Gen.Constant(false)), (3, Gen.Constant(true)))
        from start in Gen.Choose(0, groups.Length - 1)
        from count in Gen.Choose(1, groups.Length - start)
        select Ipv6Text(groups, embed ? quad : null, compress ? start : -1, count);

    private static string Ipv6Text(string[] groups, string? quad, int start, int count)
    {
        var tail = quad is null ? new List<string>() : new List<string> { quad };
        if (start < 0) return string.Join(':', groups.Concat(tail));
        return string.Join(':', groups[..start]) + "::" + string.Join(':', groups[(start + count)..].Concat(tail));
    }

    private static readonly Gen<string> Label =
        from first in Gen.Elements("abcdefghijklmnopqrstuvwxyz0123456789".ToCharArray())
        from rest in Concat(Gen.Elements("abcdefghijklmnopqrstuvwxyz0123456789-_".Select(c => c.ToString()).ToArray()), 0, 10)
        from last in Gen.Elements("abcdefghijklmnopqrstuvwxyz0123456789".ToCharArray())
        select rest.Length == 0 ? first.ToString() : first + rest + last;

    /// <summary>DNS host names whose last label has a letter.</summary>
    public static readonly Gen<string> HostName =
        from labels in Gen.Choose(0, 3).SelectMany(n => Gen.ArrayOf(Label, n))
        from top in Gen.Elements("com", "org", "example", "onion", "localhost", "x1")
        select string.Join('.', labels.Append(top));

    /// <summary>Ports 0-65535, the ends weighted.</summary>
    public static readonly Gen<ushort> Port =
        Gen.Frequency((1, Gen.Constant(0)), (1, Gen.Constant(65535)), (6, Gen.Choose(0, 65535))).Select(p => (ushort)p);

    /// <summary>IPv4 or bracketable IPv6 endpoints (no host names: CMETHOD and SMETHOD refuse them).</summary>
    public static readonly Gen<PtEndpoint> Endpoint =
        from v6 in Gen.Elements(false, true)
        from host in v6 ? IPv6 : IPv4
        from port in Port
        select new PtEndpoint(host, v6 ? PtHostKind.IPv6 : PtHostKind.IPv4, port);

    private static readonly Gen<string> AnyHost = Gen.OneOf(IPv4, IPv6, HostName);

    // ---- messages ------------------------------------------------------------------------------------

    private static Gen<IPtMessage> M<T>(Gen<T> gen) where T : IPtMessage => gen.Select(m => (IPtMessage)m);

    private static readonly Gen<PtIpc.CmethodMessage> Cmethod =
        from transport in Token
        from known in Gen.Elements(PtIpc.ClientProxyKind.Socks4, PtIpc.ClientProxyKind.Socks5, PtIpc.ClientProxyKind.TransparentTcp,
            PtIpc.ClientProxyKind.TransparentUdp, PtIpc.ClientProxyKind.Stun, PtIpc.ClientProxyKind.Unknown)
        from unknown in UnknownEnumText(t => PtIpc.ClientProxyKindFromText(t) != PtIpc.ClientProxyKind.Unknown)
        from address in Endpoint
        select known == PtIpc.ClientProxyKind.Unknown
            ? new PtIpc.CmethodMessage(transport, known, address) { MethodText = unknown }
            : new PtIpc.CmethodMessage(transport, known, address);

    private static readonly Gen<PtIpc.SmethodMessage> Smethod =
        from transport in Token
        from address in Endpoint
        from args in Gen.Frequency((1, Gen.Constant<PtKeyValueList?>(null)),
            (3, Gen.Choose(1, 8).SelectMany(n => Gen.ArrayOf(ArgsPair, n)).Select(p => (PtKeyValueList?)new PtKeyValueList(p))))
        from options in Gen.Frequency((2, Gen.Constant<string?>(null)), (1, Text.Select(t => (string?)t)),
            (1, Gen.Elements<string?>("ARGS:x=y", "iat-mode=0", "ARGS:", " ")))
        where args is not null || options is null || !options.StartsWith("ARGS:", StringComparison.Ordinal)
        select new PtIpc.SmethodMessage(transport, address, args, options);

    private static readonly Gen<PtIpc.LogMessage> Log =
        from known in Gen.Elements(Enum.GetValues<PtIpc.LogSeverity>())
        from unknown in UnknownEnumText(t => PtIpc.LogSeverityFromText(t) != PtIpc.LogSeverity.Unknown)
        from message in AnyString
        select known == PtIpc.LogSeverity.Unknown
            ? new PtIpc.LogMessage(known, message) { SeverityText = unknown }
            : new PtIpc.LogMessage(known, message);

    private static readonly Gen<PtIpc.DispatcherLogMessage> DispatcherLog =
        from known in Gen.Elements(Enum.GetValues<PtIpc.LogLevel>())
        from unknown in UnknownEnumText(t => PtIpc.LogLevelFromText(t) != PtIpc.LogLevel.Unknown)
        from message in Text
        select known == PtIpc.LogLevel.Unknown
            ? new PtIpc.DispatcherLogMessage(known, message) { LevelText = unknown }
            : new PtIpc.DispatcherLogMessage(known, message);

    private static readonly Gen<PtIpc.StatusMessage> Status =
        from transport in Gen.OneOf(Token, AnyString)
        from pairs in Gen.Choose(1, 6).SelectMany(n => Gen.ArrayOf(StatusPair, n))
        select new PtIpc.StatusMessage(transport, new PtKeyValueList(pairs));

    private static readonly Gen<PtIpc.ConnectionErrorEventMessage> ConnectionError =
        from transport in Token
        from known in Gen.Elements(Enum.GetValues<PtIpc.ConnectionErrorType>())
        from unknown in UnknownEnumText(t => PtIpc.ConnectionErrorTypeFromText(t) != PtIpc.ConnectionErrorType.Unknown)
        from message in Gen.Frequency((1, Gen.Constant<string?>(null)), (2, Text.Select(t => (string?)t)))
        select known == PtIpc.ConnectionErrorType.Unknown
            ? new PtIpc.ConnectionErrorEventMessage(transport, known, message) { ErrorTypeText = unknown }
            : new PtIpc.ConnectionErrorEventMessage(transport, known, message);

    /// <summary>One generator per message kind, by kind.</summary>
    public static readonly IReadOnlyDictionary<PtIpc.MessageKind, Gen<IPtMessage>> ByKind = new Dictionary<PtIpc.MessageKind, Gen<IPtMessage>>
    {
        [PtIpc.MessageKind.VersionError] = M(Text.Select(t => new PtIpc.VersionErrorMessage(t))),
        [PtIpc.MessageKind.Version] = M(VersionText.Select(v => new PtIpc.VersionMessage(v))),
        [PtIpc.MessageKind.EnvError] = M(Text.Select(t => new PtIpc.EnvErrorMessage(t))),
        [PtIpc.MessageKind.ProxyDone] = M(Gen.Fresh(() => new PtIpc.ProxyDoneMessage())),
        [PtIpc.MessageKind.ProxyError] = M(Text.Select(t => new PtIpc.ProxyErrorMessage(t))),
        [PtIpc.MessageKind.Cmethod] = M(Cmethod),
        [PtIpc.MessageKind.CmethodError] = M(Token.SelectMany(_ => Text, (t, m) => new PtIpc.CmethodErrorMessage(t, m))),
        [PtIpc.MessageKind.CmethodsDone] = M(Gen.Fresh(() => new PtIpc.CmethodsDoneMessage())),
        [PtIpc.MessageKind.Smethod] = M(Smethod),
        [PtIpc.MessageKind.SmethodError] = M(Token.SelectMany(_ => Text, (t, m) => new PtIpc.SmethodErrorMessage(t, m))),
        [PtIpc.MessageKind.SmethodsDone] = M(Gen.Fresh(() => new PtIpc.SmethodsDoneMessage())),
        [PtIpc.MessageKind.Log] = M(Log),
        [PtIpc.MessageKind.DispatcherLog] = M(DispatcherLog),
        [PtIpc.MessageKind.Status] = M(Status),
        [PtIpc.MessageKind.ConnectionEvent] = M(
            from t in Token from h in AnyHost from p in Port select new PtIpc.ConnectionEventMessage(t, h, p)),
        [PtIpc.MessageKind.ConnectionErrorEvent] = M(ConnectionError),
        [PtIpc.MessageKind.ConnectionSuccessEvent] = M(Token.Select(t => new PtIpc.ConnectionSuccessEventMessage(t))),
    };

    /// <summary>A message of any kind, the kinds equally likely.</summary>
    public static readonly Gen<IPtMessage> AnyMessage = Gen.OneOf(ByKind.Values);

    // ---- shrinking messages --------------------------------------------------------------------------

    private static IEnumerable<ValidMessage> Shrink(ValidMessage valid) => ShrinkMessage(valid.Message).Select(m => new ValidMessage(m));

    private static bool IsToken(string s) => s.Length > 0 && s.All(c => c is >= '!' and <= '~');

    private static bool IsText(string s) => s.Length > 0 && s.IndexOfAny(new[] { '\0', '\n' }) < 0 && s[^1] != '\r';

    /// <summary>Shorter strings made of whole runes (so no surrogate pair is split), that pass <paramref name="valid"/>.</summary>
    private static IEnumerable<string> ShrinkString(string s, Func<string, bool> valid)
    {
        var runes = s.EnumerateRunes().Select(r => r.ToString()).ToArray();
        var candidates = new List<string>();
        if (runes.Length > 1)
        {
            candidates.Add(string.Concat(runes[..(runes.Length / 2)]));
            candidates.Add(string.Concat(runes[(runes.Length / 2)..]));
        }
        for (int i = 0; i < Math.Min(runes.Length, 12); i++) candidates.Add(string.Concat(runes.Where((_, k) => k != i)));
        return candidates.Distinct().Where(c => c.Length < s.Length && valid(c));
    }

    private static IEnumerable<PtKeyValueList> ShrinkPairs(PtKeyValueList pairs, Func<string, bool> validKey, Func<string, bool> validValue)
    {
        if (pairs.Count > 1)
        {
            for (int i = 0; i < pairs.Count; i++) yield return new PtKeyValueList(pairs.Where((_, k) => k != i));
        }
        for (int i = 0; i < pairs.Count; i++)
        {
            var pair = pairs[i];
            foreach (var key in ShrinkString(pair.Key, validKey))
                yield return new PtKeyValueList(pairs.Select((p, k) => k == i ? new KeyValuePair<string, string>(key, p.Value) : p));
            foreach (var value in ShrinkString(pair.Value, validValue))
                yield return new PtKeyValueList(pairs.Select((p, k) => k == i ? new KeyValuePair<string, string>(p.Key, value) : p));
        }
    }

    private static IEnumerable<IPtMessage> ShrinkMessage(IPtMessage message)
    {
        static bool Any(string _) => true;
        static bool ArgsPart(string s) => s.All(c => c is >= '!' and <= '~');
        static bool ArgsKey(string s) => s.Length > 0 && ArgsPart(s);
        static bool StatusKey(string s) => IsToken(s) && !s.Contains('=');
        return message switch
        {
            PtIpc.VersionErrorMessage m => ShrinkString(m.Message, IsText).Select(x => m with { Message = x }),
            PtIpc.VersionMessage m => ShrinkString(m.Version, s => IsToken(s) && !s.Contains(',')).Select(x => m with { Version = x }),
            PtIpc.EnvErrorMessage m => ShrinkString(m.Message, IsText).Select(x => m with { Message = x }),
            PtIpc.ProxyErrorMessage m => ShrinkString(m.Message, IsText).Select(x => m with { Message = x }),
            PtIpc.CmethodMessage m => ShrinkString(m.Transport, IsToken).Select(x => m with { Transport = x }),
            PtIpc.CmethodErrorMessage m => ShrinkString(m.Message, IsText).Select(x => m with { Message = x })
                .Concat(ShrinkString(m.Transport, IsToken).Select(x => m with { Transport = x })),
            PtIpc.SmethodMessage m => ShrinkSmethod(m),
            PtIpc.SmethodErrorMessage m => ShrinkString(m.Message, IsText).Select(x => m with { Message = x })
                .Concat(ShrinkString(m.Transport, IsToken).Select(x => m with { Transport = x })),
            PtIpc.LogMessage m => ShrinkString(m.Message, Any).Select(x => m with { Message = x }),
            PtIpc.DispatcherLogMessage m => ShrinkString(m.Message, IsText).Select(x => m with { Message = x }),
            PtIpc.StatusMessage m => ShrinkPairs(m.Values, StatusKey, Any).Select(x => m with { Values = x })
                .Concat(ShrinkString(m.Transport, Any).Select(x => m with { Transport = x })),
            PtIpc.ConnectionEventMessage m => ShrinkString(m.Transport, IsToken).Select(x => m with { Transport = x }),
            PtIpc.ConnectionErrorEventMessage m => (m.Message is null ? Enumerable.Empty<PtIpc.ConnectionErrorEventMessage>() : new[] { m with { Message = null } })
                .Concat(m.Message is null ? Enumerable.Empty<PtIpc.ConnectionErrorEventMessage>() : ShrinkString(m.Message, IsText).Select(x => m with { Message = x })),
            PtIpc.ConnectionSuccessEventMessage m => ShrinkString(m.Transport, IsToken).Select(x => m with { Transport = x }),
            _ => Enumerable.Empty<IPtMessage>(),
        };

        IEnumerable<IPtMessage> ShrinkSmethod(PtIpc.SmethodMessage m)
        {
            if (m.Options is not null) yield return m with { Options = null };
            if (m.Args is not null && (m.Options is null || !m.Options.StartsWith("ARGS:", StringComparison.Ordinal))) yield return m with { Args = null };
            if (m.Args is not null)
            {
                foreach (var args in ShrinkPairs(m.Args, ArgsKey, ArgsPart)) yield return m with { Args = args };
            }
            if (m.Options is not null)
            {
                foreach (var options in ShrinkString(m.Options, s => IsText(s) && (m.Args is not null || !s.StartsWith("ARGS:", StringComparison.Ordinal))))
                    yield return m with { Options = options };
            }
            foreach (var transport in ShrinkString(m.Transport, IsToken)) yield return m with { Transport = transport };
        }
    }
}
