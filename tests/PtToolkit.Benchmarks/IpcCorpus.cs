using System;
using System.Collections.Generic;
using System.Text;

namespace PtToolkit.Benchmarks;

/// <summary>
/// The IPC parse benchmark corpus of TOOLCHAIN.md ("IPC parse benchmark corpus"): weighted draws of whole
/// lines from <c>new Random(42)</c> until the next line would pass 1 MiB; every line ends in LF.
/// </summary>
public static class IpcCorpus
{
    /// <summary>The size limit of the corpus.</summary>
    public const int MaxBytes = 1 << 20;

    /// <summary>The number of lines the recipe yields (checked when the corpus is built).</summary>
    public const int LineCount = 18525;

    /// <summary>The lines of the recipe with their weights.</summary>
    public static readonly IReadOnlyList<(int Weight, string Line)> Lines =
    [
        (2, "VERSION 1"),
        (8, "CMETHOD obfs4 socks5 127.0.0.1:19999"),
        (2, "CMETHOD meek_lite socks5 127.0.0.1:19998"),
        (2, "CMETHODS DONE"),
        (8, "SMETHOD obfs4 198.51.100.1:4444 ARGS:cert=ssH+9rP8dG2NLDN2XuFw63hIO/9MNNinLmxQDpVa+7kTOa9/m+tGWT1SmSYpQ9uTBGa6Hw,iat-mode=0"),
        (2, "SMETHODS DONE"),
        (50, "LOG SEVERITY=debug MESSAGE=\"Connected to bridge A\""),
        (6, "LOG SEVERITY=notice MESSAGE=\"Bootstrapped 100% (done): Done\""),
        (20, "STATUS TRANSPORT=obfs4 ADDRESS=198.51.100.1:4444 CONNECT=Success"),
    ];

    /// <summary>Builds the corpus: one byte array of LF-terminated lines.</summary>
    public static byte[] Build()
    {
        var encoded = new byte[Lines.Count][];
        int total = 0;
        for (int i = 0; i < Lines.Count; i++)
        {
            encoded[i] = Encoding.ASCII.GetBytes(Lines[i].Line + "\n");
            total += Lines[i].Weight;
        }
        var random = new Random(42);
        var corpus = new List<byte>(MaxBytes);
        int lines = 0;
        while (true)
        {
            int draw = random.Next(total);
            int pick = 0;
            while (draw >= Lines[pick].Weight) draw -= Lines[pick++].Weight;
            if (corpus.Count + encoded[pick].Length > MaxBytes) break;
            corpus.AddRange(encoded[pick]);
            lines++;
        }
        if (lines != LineCount) throw new InvalidOperationException($"The corpus has {lines} lines, not {LineCount}: the recipe changed.");
        return corpus.ToArray();
    }

    /// <summary>The lines of <paramref name="corpus"/> whose keyword is <paramref name="keyword"/>, each with its LF.</summary>
    public static byte[] Only(byte[] corpus, string keyword)
    {
        var prefix = Encoding.ASCII.GetBytes(keyword + " ");
        var kept = new List<byte>();
        ReadOnlySpan<byte> rest = corpus;
        while (!rest.IsEmpty)
        {
            int end = rest.IndexOf((byte)'\n') + 1;
            if (rest.StartsWith(prefix)) kept.AddRange(rest[..end]);
            rest = rest[end..];
        }
        return kept.ToArray();
    }
}
