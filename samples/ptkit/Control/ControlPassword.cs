using System;
using System.IO;
using System.Text;

namespace PtToolkit.Cli.Control;

/// <summary>
/// The control password for HASHEDPASSWORD: from <c>--password-file</c>, else from the environment. Never from
/// the command line, where other users of the machine can read it (<c>ps</c>, <c>/proc/PID/cmdline</c>).
/// </summary>
internal static class ControlPassword
{
    /// <summary>The variable read when no password file is given.</summary>
    public const string EnvironmentVariable = "PTKIT_CONTROL_PASSWORD";

    /// <summary>A larger password file is refused.</summary>
    public const int MaxFileBytes = 4096;

    /// <summary>
    /// The password: the file's text (UTF-8) without one final LF or CRLF when <paramref name="file"/> is
    /// given, else <paramref name="environmentValue"/>; null when neither is. False when the file cannot be read.
    /// </summary>
    public static bool TryRead(string? file, string? environmentValue, out string? password, out string error)
    {
        error = "";
        password = environmentValue;
        if (file is null) return true;
        password = null;
        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read);
            byte[] bytes = new byte[MaxFileBytes + 1];
            int read = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
            if (read > MaxFileBytes)
            {
                error = $"the password file {file} is larger than {MaxFileBytes} bytes";
                return false;
            }
            int end = read;
            if (end > 0 && bytes[end - 1] == (byte)'\n') end--;
            if (end > 0 && end < read && bytes[end - 1] == (byte)'\r') end--;
            password = Encoding.UTF8.GetString(bytes, 0, end);
            Array.Clear(bytes);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            error = $"cannot read the password file {file}: {e.Message}";
            return false;
        }
    }
}
