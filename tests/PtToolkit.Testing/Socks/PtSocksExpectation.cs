using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace PtToolkit.Testing.Socks;

/// <summary>How a SOCKS 5 conversation ended, as the client saw it.</summary>
[Flags]
public enum PtSocksEnd
{
    /// <summary>Nothing.</summary>
    None = 0,
    /// <summary>The method selection answered X'FF' (RFC 1928 §3: no acceptable method).</summary>
    MethodRefused = 1,
    /// <summary>The RFC 1929 reply had a STATUS other than X'00'.</summary>
    AuthRefused = 2,
    /// <summary>A reply to the request (RFC 1928 §6), with its REP code.</summary>
    Reply = 4,
    /// <summary>The server closed (or reset) the connection where an answer was awaited.</summary>
    Closed = 8,
    /// <summary>Nothing came within the client's timeout where an answer was awaited.</summary>
    Silence = 16,
    /// <summary>The server picked a method although the client had not sent a whole greeting, or had nothing more to send.</summary>
    Selected = 32,
    /// <summary>The RFC 1929 reply had STATUS X'00' although the client had nothing more to send.</summary>
    Accepted = 64,
}

/// <summary>How an ending compares with what the case allows.</summary>
public enum PtSocksVerdict
{
    /// <summary>What a conforming server does.</summary>
    Ok,
    /// <summary>Allowed but weaker than the documents ask (a close where a reply code exists, no X'09'...): a note.</summary>
    Note,
    /// <summary>Not allowed.</summary>
    Fail,
}

/// <summary>
/// What a conforming SOCKS 5 server may do with a case: the endings it allows, the REP codes it may send when it
/// replies, and the endings and codes that are tolerated with a note. Anything else fails.
/// </summary>
/// <param name="Allowed">Endings that are fine.</param>
/// <param name="Codes">REP codes allowed when <see cref="PtSocksEnd.Reply"/> is allowed.</param>
/// <param name="Tolerated">Endings that pass with a note.</param>
/// <param name="TolerableCodes">REP codes that pass with a note.</param>
/// <param name="Why">Why the case expects this (a spec section), for reports.</param>
public sealed record PtSocksExpectation(PtSocksEnd Allowed, IReadOnlyList<byte> Codes, PtSocksEnd Tolerated, IReadOnlyList<byte> TolerableCodes, string Why)
{
    /// <summary>RFC 1928 §6 reply codes X'00' to X'08'.</summary>
    public static IReadOnlyList<byte> RfcCodes { get; } = [0, 1, 2, 3, 4, 5, 6, 7, 8];

    /// <summary>The failure codes of RFC 1928 §6, X'01' to X'08'.</summary>
    public static IReadOnlyList<byte> FailureCodes { get; } = [1, 2, 3, 4, 5, 6, 7, 8];

    /// <summary>Judges an ending (<paramref name="code"/> is the REP code of a <see cref="PtSocksEnd.Reply"/>).</summary>
    public PtSocksVerdict Judge(PtSocksEnd end, byte code)
    {
        if (end == PtSocksEnd.Reply)
        {
            if ((Allowed & end) != 0 && Codes.Contains(code)) return PtSocksVerdict.Ok;
            return TolerableCodes.Contains(code) || ((Tolerated & end) != 0 && Codes.Contains(code)) ? PtSocksVerdict.Note : PtSocksVerdict.Fail;
        }
        if ((Allowed & end) != 0) return PtSocksVerdict.Ok;
        return (Tolerated & end) != 0 ? PtSocksVerdict.Note : PtSocksVerdict.Fail;
    }

    /// <summary>The allowed endings in short: <c>reply 07|08, close</c>.</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        foreach (PtSocksEnd end in Enum.GetValues<PtSocksEnd>())
        {
            if (end == PtSocksEnd.None || (Allowed & end) == 0) continue;
            parts.Add(end == PtSocksEnd.Reply ? "reply " + CodeList(Codes) : Name(end));
        }
        return string.Join(", ", parts);
    }

    /// <summary>An ending's short name: <c>refused method</c>, <c>refused auth</c>, <c>reply XX</c>, <c>close</c>, <c>silence</c>.</summary>
    public static string Name(PtSocksEnd end, byte code = 0) => end switch
    {
        PtSocksEnd.MethodRefused => "refused method",
        PtSocksEnd.AuthRefused => "refused auth",
        PtSocksEnd.Reply => "reply " + code.ToString("X2", CultureInfo.InvariantCulture),
        PtSocksEnd.Closed => "close",
        PtSocksEnd.Silence => "silence",
        PtSocksEnd.Selected => "method picked",
        PtSocksEnd.Accepted => "auth accepted",
        _ => "none",
    };

    /// <summary>The codes with runs of three or more written as ranges: <c>00-08|13</c>.</summary>
    private static string CodeList(IReadOnlyList<byte> codes)
    {
        var parts = new List<string>();
        var sorted = codes.Distinct().Order().ToArray();
        for (int i = 0; i < sorted.Length;)
        {
            int j = i;
            while (j + 1 < sorted.Length && sorted[j + 1] == sorted[j] + 1) j++;
            string from = sorted[i].ToString("X2", CultureInfo.InvariantCulture), to = sorted[j].ToString("X2", CultureInfo.InvariantCulture);
            if (j - i >= 2) parts.Add(from + "-" + to);
            else parts.AddRange(sorted[i..(j + 1)].Select(c => c.ToString("X2", CultureInfo.InvariantCulture)));
            i = j + 1;
        }
        return string.Join('|', parts);
    }
}
