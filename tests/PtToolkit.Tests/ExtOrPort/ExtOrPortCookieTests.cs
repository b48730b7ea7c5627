using System;
using System.IO;
using System.Linq;
using FsCheck.Xunit;
using PtToolkit.ExtOrPort;
using Xunit;

namespace PtToolkit.Tests.ExtOrPort;

/// <summary>The cookie file of ext-orport-spec §2.1.2: exact size, header checked, created owner-only.</summary>
public sealed class ExtOrPortCookieTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("pttoolkit-cookie-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string PathOf(string name) => Path.Combine(_dir.FullName, name);

    [Fact]
    public void A_created_file_is_the_header_then_the_cookie_readable_by_the_owner_only()
    {
        string path = PathOf("cookie");
        File.WriteAllText(path, "an older, world-readable file");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, (UnixFileMode)0b110_100_100);

        byte[] cookie = ExtOrPortCookie.Create(path);

        byte[] file = File.ReadAllBytes(path);
        Assert.Equal(64, file.Length);
        Assert.Equal("! Extended ORPort Auth Cookie !\n"u8.ToArray(), file[..32]);
        Assert.Equal(cookie, file[32..]);
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Single(_dir.GetFiles());
        var read = new byte[32];
        Assert.True(ExtOrPortCookie.TryRead(path, read, out var error), error.ToString());
        Assert.Equal(cookie, read);
        Assert.NotEqual(cookie, ExtOrPortCookie.Create(path));
    }

    [Theory]
    [InlineData(63, "is 63 bytes long, expected 64")]
    [InlineData(65, "is longer than 64 bytes")]
    [InlineData(0, "is 0 bytes long, expected 64")]
    public void A_file_of_the_wrong_size_is_refused(int length, string why)
    {
        string path = PathOf("cookie");
        var bytes = new byte[length];
        "! Extended ORPort Auth Cookie !\n"u8[..Math.Min(32, length)].CopyTo(bytes);
        File.WriteAllBytes(path, bytes);

        Assert.False(ExtOrPortCookie.TryRead(path, new byte[32], out var error));
        Assert.Equal(new ExtOrPortResult(ExtOrPortStatus.CookieFile, $"cookie file {path} {why}"), error);
    }

    [Fact]
    public void A_file_without_the_header_and_a_missing_file_are_refused()
    {
        string path = PathOf("cookie");
        var bytes = new byte[64];
        "! Extended ORPort Auth Cookie !\r"u8.CopyTo(bytes);
        File.WriteAllBytes(path, bytes);
        Assert.False(ExtOrPortCookie.TryRead(path, new byte[32], out var error));
        Assert.Equal($"cookie file {path} does not start with the Extended ORPort cookie header", error.Message);

        Assert.False(ExtOrPortCookie.TryRead(PathOf("absent"), new byte[32], out error));
        Assert.Equal(ExtOrPortStatus.CookieFile, error.Status);
        Assert.Contains("FileNotFoundException", error.Message);
    }

    [Property(MaxTest = 500)]
    public void Contents_parse_exactly_when_they_are_the_header_and_32_bytes(byte[] bytes, bool withHeader)
    {
        byte[] file = withHeader ? [.. "! Extended ORPort Auth Cookie !\n"u8.ToArray(), .. bytes] : bytes;
        var cookie = new byte[32];
        bool ok = ExtOrPortCookie.TryParse(file, cookie, out string error);
        Assert.Equal(file.Length == 64 && file.AsSpan(0, 32).SequenceEqual("! Extended ORPort Auth Cookie !\n"u8), ok);
        if (ok) Assert.Equal(file[32..], cookie);
        else Assert.NotEmpty(error);
    }
}
