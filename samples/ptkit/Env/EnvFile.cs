using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace PtToolkit.Cli.Env;

/// <summary>
/// Reads <c>NAME=VALUE</c> lines (the format of <c>env</c>'s output): the value is the rest of the line,
/// verbatim; blank lines and lines starting with <c>#</c> are skipped; a CR before the LF is dropped.
/// </summary>
internal static class EnvFile
{
    /// <summary>Files larger than this are refused rather than read.</summary>
    public const int MaxBytes = 1 << 20;

    /// <summary>Reads the file, or returns a message saying which line is wrong.</summary>
    public static bool TryRead(string path, out Dictionary<string, string> variables, out string error)
    {
        variables = new Dictionary<string, string>(StringComparer.Ordinal);
        error = "";
        string text;
        try
        {
            using var stream = File.OpenRead(path);
            if (stream.Length > MaxBytes)
            {
                error = $"{path}: larger than {MaxBytes} bytes";
                return false;
            }
            text = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true)).ReadToEnd();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DecoderFallbackException)
        {
            error = $"{path}: {e.Message}";
            return false;
        }
        int number = 0;
        foreach (string raw in text.Split('\n'))
        {
            number++;
            string line = raw.EndsWith('\r') ? raw[..^1] : raw;
            if (line.Length == 0 || line[0] == '#') continue;
            int eq = line.IndexOf('=');
            if (eq <= 0)
            {
                error = $"{path}:{number}: expected NAME=VALUE";
                return false;
            }
            variables[line[..eq]] = line[(eq + 1)..];
        }
        return true;
    }
}
