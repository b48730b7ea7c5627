using System.Linq;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using PtToolkit.Tests.Ipc;

namespace PtToolkit.Tests.Control;

/// <summary>How a pair gives its value (control-spec §3.3, §3.9).</summary>
public enum PairForm
{
    /// <summary><c>key=value</c>, the value bare (spaces inside allowed).</summary>
    Bare,
    /// <summary><c>key="..."</c>, one QuotedString with escapes.</summary>
    Quoted,
    /// <summary><c>NNN+key=</c> and a data block.</summary>
    Data,
    /// <summary><c>key</c> alone (GETCONF: the option at its default).</summary>
    KeyAlone,
}

/// <summary>One pair as values: its key, the form of its value, the value (the data's lines joined by LF).</summary>
public sealed record PairCase(string Key, PairForm Form, string Value, string[] DataLines)
{
    /// <summary>The value the view decodes: a quoted one goes through UTF-8 (lone surrogates become U+FFFD).</summary>
    public string? Expected => Form switch
    {
        PairForm.KeyAlone => null,
        PairForm.Data => string.Join('\n', DataLines),
        _ => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(Value)),
    };

    /// <summary>The line (or data line and block) with status 250 and <paramref name="separator"/> ('-' or ' '), LF ends.</summary>
    public string Format(char separator) => Form switch
    {
        PairForm.Bare => $"250{separator}{Key}={Value}\n",
        PairForm.Quoted => $"250{separator}{Key}={TorReplyArbitraries.Quote(Value)}\n",
        PairForm.Data => $"250+{Key}=\n" + string.Concat(DataLines.Select(l => (l.StartsWith('.') ? "." : "") + l + "\n")) + ".\n",
        _ => $"250{separator}{Key}\n",
    };
}

/// <summary>A reply of pairs: GETINFO's (<c>250 OK</c> last) or GETCONF's and MAPADDRESS's (the last pair's line is <c>250 </c>).</summary>
public sealed record PairsCase(PairCase[] Pairs)
{
    /// <summary>GETINFO's form: every pair on a mid or data line, then <c>250 OK</c>.</summary>
    public string FormatWithOk() => string.Concat(Pairs.Select(p => p.Format('-'))) + "250 OK\n";

    /// <summary>GETCONF's form: the last pair (never a data line here) on the end line.</summary>
    public string FormatEndingWithAPair() =>
        string.Concat(Pairs.Take(Pairs.Length - 1).Select(p => p.Format('-'))) + Pairs[^1].Format(' ');
}

/// <summary>Generators of pairs replies.</summary>
public static class TorPairsArbitraries
{
    /// <summary>A key: visible US-ASCII without a double quote or '=' (any GETINFO key, any address).</summary>
    public static readonly Gen<string> Key = Gen.Frequency(
        (2, Gen.Elements("version", "config-text", "desc/name/moria1", "127.192.10.10", "OK", "ns/id/$A200", "SocksPort")),
        (3, Gen.Choose(0x21, 0x7E).Select(i => (char)i).Where(c => c is not '"' and not '=').NonEmptyListOf().Select(l => new string(l.Take(16).ToArray()))));

    private static readonly Gen<string> BareValue =
        TorReplyArbitraries.Bare.NonEmptyListOf().Select(words => string.Join(' ', words.Take(3)));

    private static readonly Gen<string> DataLine = Gen.Frequency(
        (4, TorReplyArbitraries.Bare),
        (1, Gen.Elements(".", "..", ".hidden", "", "a line with spaces")));

    private static Gen<PairCase> Pair(bool keyAlone, bool data) =>
        from key in Key
        from form in Gen.Elements(new[] { PairForm.Bare, PairForm.Quoted, PairForm.Data, PairForm.KeyAlone }
            .Where(f => (keyAlone || f != PairForm.KeyAlone) && (data || f != PairForm.Data)).ToArray())
        from value in form == PairForm.Quoted ? IpcArbitraries.AnyString : BareValue
        from lines in DataLine.ListOf().Select(l => l.Take(5).ToArray())
        select new PairCase(key, form, value, lines);

    /// <summary>GETINFO answers: values bare, quoted or data blocks.</summary>
    public static Arbitrary<PairsCase> PairsCases() => Arb.From(
        from pairs in Pair(keyAlone: false, data: true).NonEmptyListOf()
        select new PairsCase(pairs.Take(6).ToArray()));

    /// <summary>GETCONF answers: keys alone too; the last pair not a data line.</summary>
    public static Arbitrary<GetConfCase> GetConfCases() => Arb.From(
        from pairs in Pair(keyAlone: true, data: true).ListOf()
        from last in Pair(keyAlone: true, data: false)
        select new GetConfCase(new PairsCase(pairs.Take(5).Append(last).ToArray())));
}

/// <summary>A GETCONF answer (its own type, so that FsCheck picks its generator).</summary>
public sealed record GetConfCase(PairsCase Case);
