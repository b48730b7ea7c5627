using System;
using System.IO;
using System.Runtime.Versioning;

namespace PtToolkit.Launch;

/// <summary>
/// Starting a PT as a session leader on Linux: util-linux's <c>setsid</c> calls setsid(2) and then execs the PT in
/// the same process (it forks only when it is already a group leader, which a child of this process never is), so
/// the pid the launcher holds stays the PT's. Every process the PT starts then carries the PT's pid as its session
/// id, which is how <see cref="PtProcessTree.SessionMembers"/> finds the orphans of a PT that crashed.
/// </summary>
internal static class PtSession
{
    /// <summary>The setsid program.</summary>
    public const string Program = "/usr/bin/setsid";

    private const UnixFileMode AnyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    /// <summary>
    /// The full path of <paramref name="executable"/> to hand to setsid, or null when the PT is to be started
    /// directly: not Linux, no setsid, or an executable that cannot be found or run (then the direct start fails
    /// with the error <see cref="System.Diagnostics.Process.Start()"/> gives). The search is the one
    /// <see cref="System.Diagnostics.Process"/> makes on Unix: a rooted path as it is, then the folder of this
    /// program, the current folder and each folder of PATH.
    /// </summary>
    public static string? Resolve(string executable)
    {
        if (!OperatingSystem.IsLinux()) return null;
        if (!File.Exists(Program)) return null;
        if (Path.IsPathRooted(executable)) return Runnable(executable);
        if (Path.GetDirectoryName(Environment.ProcessPath) is { } own && Runnable(Path.Combine(own, executable)) is { } beside) return beside;
        if (Runnable(Path.Combine(Directory.GetCurrentDirectory(), executable)) is { } here) return here;
        if (executable.Contains('/', StringComparison.Ordinal)) return null;
        foreach (string folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            if (Runnable(Path.Combine(folder, executable)) is { } found) return found;
        }
        return null;
    }

    [SupportedOSPlatform("linux")]
    private static string? Runnable(string path)
    {
        try
        {
            return File.Exists(path) && (File.GetUnixFileMode(path) & AnyExecute) != 0 ? Path.GetFullPath(path) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }
}
