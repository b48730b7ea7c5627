using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using PtToolkit.Text;

namespace PtToolkit.Config;

/// <summary>
/// <c>-optionsFile</c> (PT 2.2 §1.1.1): a file holding what <c>-options</c> would hold, read with a size limit.
/// </summary>
/// <remarks>
/// The file must be UTF-8 (a byte order mark is skipped); trailing line breaks and spaces are removed before the
/// text is parsed with <see cref="PtServerTransportOptions.TryParse"/>, since an editor ends files with a newline
/// that the 1.0 form would otherwise take into the last value. A file larger than the limit is refused without
/// reading it all.
/// </remarks>
public static class PtOptionsFile
{
    /// <summary>The flag name used in errors.</summary>
    public const string Flag = "-optionsFile";

    /// <summary>The default size limit: 1 MiB.</summary>
    public const int DefaultMaxBytes = 1 << 20;

    /// <summary>Reads and parses the options file at <paramref name="path"/>. Never throws.</summary>
    public static bool TryRead(string path, out IReadOnlyDictionary<string, PtKeyValueList> options, out PtConfigError error, int maxBytes = DefaultMaxBytes)
    {
        options = new Dictionary<string, PtKeyValueList>();
        error = default;
        if (string.IsNullOrEmpty(path)) return Fail("empty path", out error);
        byte[] buffer;
        int length = 0;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            if (stream.CanSeek && stream.Length > maxBytes) return TooLarge(path, maxBytes, out error);
            buffer = new byte[Math.Min(maxBytes + 1L, stream.CanSeek ? stream.Length + 1 : maxBytes + 1L)];
            int read;
            while (length < buffer.Length && (read = stream.Read(buffer, length, buffer.Length - length)) > 0) length += read;
            if (length > maxBytes) return TooLarge(path, maxBytes, out error);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException or System.Security.SecurityException)
        {
            return Fail("cannot read " + PtConfigText.Quote(path) + ": " + e.Message.ReplaceLineEndings(" "), out error);
        }
        var bytes = buffer.AsSpan(0, length);
        if (bytes.StartsWith("\uFEFF"u8)) bytes = bytes[3..];
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Fail(PtConfigText.Quote(path) + " is not UTF-8 text", out error);
        }
        return PtServerTransportOptions.TryParse(text.AsSpan().TrimEnd(), out options, out error, Flag);
    }

    private static bool TooLarge(string path, int maxBytes, out PtConfigError error) =>
        Fail(PtConfigText.Quote(path) + " is larger than the limit of " + maxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture) + " bytes", out error);

    private static bool Fail(string message, out PtConfigError error)
    {
        error = new PtConfigError(PtConfigErrorKind.Env, Flag, 0, message);
        return false;
    }
}
