using System;
using System.IO;
using PtToolkit.Text;

namespace PtToolkit.Cli.Demo;

/// <summary>
/// The bridge line an obfs4proxy server writes into its state directory (<c>obfs4_bridgeline.txt</c>): comment lines
/// (<c>#</c>), blank lines, and one <c>Bridge obfs4 &lt;IP ADDRESS&gt;:&lt;PORT&gt; &lt;FINGERPRINT&gt; cert=... iat-mode=...</c>.
/// Its <c>cert</c> and <c>iat-mode</c> are the per-connection arguments a client gives the obfs4 SOCKS port.
/// </summary>
internal static class Obfs4BridgeLine
{
    /// <summary>The file's name in the server's state directory.</summary>
    public const string FileName = "obfs4_bridgeline.txt";

    /// <summary>The largest file read (obfs4proxy writes about 600 bytes).</summary>
    public const int MaxFileBytes = 64 * 1024;

    private const string Prefix = "Bridge obfs4 ";

    /// <summary>
    /// Reads <see cref="FileName"/> in <paramref name="stateDirectory"/>: its <c>cert</c> and <c>iat-mode</c>, or false
    /// with a message naming what was wrong.
    /// </summary>
    public static bool TryRead(string stateDirectory, out PtKeyValueList arguments, out string error)
    {
        arguments = new PtKeyValueList();
        string path = Path.Combine(stateDirectory, FileName);
        string text;
        try
        {
            using var file = File.OpenRead(path);
            if (file.Length > MaxFileBytes) return Fail($"{path}: longer than {MaxFileBytes} bytes", out error);
            using var reader = new StreamReader(file);
            text = reader.ReadToEnd();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail($"{path}: {e.Message}", out error);
        }
        if (TryParse(text, out arguments, out error)) return true;
        error = $"{path}: {error}";
        return false;
    }

    /// <summary>
    /// The <c>cert</c> and <c>iat-mode</c> (0, 1 or 2) of the file's one <c>Bridge obfs4</c> line, in that order; false
    /// with a message (which line, which word) when there is not exactly one such line, or a word of it is not
    /// <c>cert=</c> with a value or <c>iat-mode=</c> with 0, 1 or 2, or either is missing or repeated.
    /// </summary>
    public static bool TryParse(string text, out PtKeyValueList arguments, out string error)
    {
        arguments = new PtKeyValueList();
        string? bridge = null;
        int number = 0, bridgeNumber = 0;
        foreach (string raw in text.Split('\n'))
        {
            number++;
            string line = raw.TrimEnd('\r');
            if (!line.StartsWith(Prefix, StringComparison.Ordinal)) continue;
            if (bridge is not null) return Fail($"line {number}: a second Bridge obfs4 line (the first is line {bridgeNumber})", out error);
            bridge = line;
            bridgeNumber = number;
        }
        if (bridge is null) return Fail("no line starts with \"Bridge obfs4 \"", out error);

        string? cert = null, iatMode = null;
        // The address and fingerprint are placeholders with no '=' ("<IP ADDRESS>:<PORT> <FINGERPRINT>"); the rest are pairs.
        foreach (string word in bridge[Prefix.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = word.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0) continue;
            string key = word[..equals], value = word[(equals + 1)..];
            bool isCert = key == "cert";
            if (!isCert && key != "iat-mode") return Fail($"line {bridgeNumber}: unexpected argument \"{key}\" (only cert and iat-mode)", out error);
            if ((isCert ? cert : iatMode) is not null) return Fail($"line {bridgeNumber}: {key} is given twice", out error);
            if (value.Length == 0) return Fail($"line {bridgeNumber}: {key} has no value", out error);
            if (isCert) cert = value;
            else iatMode = value;
        }
        if (cert is null) return Fail($"line {bridgeNumber}: no cert=", out error);
        if (iatMode is null) return Fail($"line {bridgeNumber}: no iat-mode=", out error);
        if (iatMode is not ("0" or "1" or "2")) return Fail($"line {bridgeNumber}: iat-mode is \"{iatMode}\", not 0, 1 or 2", out error);
        arguments = new PtKeyValueList(("cert", cert), ("iat-mode", iatMode));
        error = "";
        return true;
    }

    private static bool Fail(string message, out string error)
    {
        error = message;
        return false;
    }
}
