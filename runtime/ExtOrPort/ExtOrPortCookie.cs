using System;
using System.IO;
using System.Security.Cryptography;

namespace PtToolkit.ExtOrPort;

/// <summary>
/// The Extended ORPort cookie file (ext-orport-spec §2.1.2): the 32-byte header
/// <c>"! Extended ORPort Auth Cookie !\x0a"</c> then the 32-byte cookie, 64 bytes in all. tor writes a new
/// one at each start, so a transport reads it again for each connection.
/// </summary>
public static class ExtOrPortCookie
{
    /// <summary>Length of the cookie.</summary>
    public const int CookieLength = 32;

    /// <summary>Length of the static header.</summary>
    public const int HeaderLength = 32;

    /// <summary>Length of the whole file.</summary>
    public const int FileLength = HeaderLength + CookieLength;

    /// <summary>The static header; clients MUST check it before authenticating (§2.1.2).</summary>
    public static ReadOnlySpan<byte> Header => "! Extended ORPort Auth Cookie !\n"u8;

    /// <summary>
    /// Checks the contents of a cookie file and copies the cookie into <paramref name="cookie"/> (32 bytes).
    /// The message of a failure names what is wrong, never the bytes.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> file, Span<byte> cookie, out string error)
    {
        if (cookie.Length < CookieLength) throw new ArgumentException($"the cookie needs {CookieLength} bytes", nameof(cookie));
        if (file.Length != FileLength)
        {
            error = $"is {file.Length} bytes long, expected {FileLength}";
            return false;
        }
        if (!file[..HeaderLength].SequenceEqual(Header))
        {
            error = "does not start with the Extended ORPort cookie header";
            return false;
        }
        file[HeaderLength..].CopyTo(cookie);
        error = "";
        return true;
    }

    /// <summary>
    /// Reads the cookie file at <paramref name="path"/> into <paramref name="cookie"/> (32 bytes). A missing,
    /// unreadable or malformed file gives false and a <see cref="ExtOrPortStatus.CookieFile"/> result.
    /// </summary>
    public static bool TryRead(string path, Span<byte> cookie, out ExtOrPortResult error)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        // One byte more than a valid file, to tell "exactly 64" from "longer".
        Span<byte> file = stackalloc byte[FileLength + 1];
        try
        {
            int length;
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0))
            {
                length = stream.ReadAtLeast(file, file.Length, throwOnEndOfStream: false);
            }
            if (TryParse(file[..length], cookie, out string why))
            {
                error = ExtOrPortResult.Okay;
                return true;
            }
            error = new ExtOrPortResult(ExtOrPortStatus.CookieFile, $"cookie file {path} {(length > FileLength ? "is longer than " + FileLength + " bytes" : why)}");
            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = new ExtOrPortResult(ExtOrPortStatus.CookieFile, $"cannot read cookie file {path}: {e.GetType().Name}");
            return false;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(file);
        }
    }

    /// <summary>
    /// Writes a new cookie file at <paramref name="path"/> with a random cookie, readable and writable by the
    /// owner only (mode 0600 on Unix), and returns the cookie. The file is written beside the target and
    /// moved over it, so a reader never sees half a file and an old file's mode is not kept.
    /// </summary>
    /// <exception cref="IOException">The file cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The directory is not writable.</exception>
    public static byte[] Create(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = Path.GetFullPath(path);
        string temp = Path.Combine(Path.GetDirectoryName(full) ?? ".", "." + Path.GetFileName(full) + "." + Convert.ToHexString(RandomNumberGenerator.GetBytes(6)) + ".tmp");
        byte[] cookie = RandomNumberGenerator.GetBytes(CookieLength);
        Span<byte> file = stackalloc byte[FileLength];
        Header.CopyTo(file);
        cookie.CopyTo(file[HeaderLength..]);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            using (var stream = new FileStream(temp, options))
            {
                stream.Write(file);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            CryptographicOperations.ZeroMemory(cookie);
            throw;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(file);
        }
        return cookie;
    }
}
