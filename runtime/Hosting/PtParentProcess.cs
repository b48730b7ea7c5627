using System;
using System.Runtime.InteropServices;

namespace PtToolkit.Hosting;

/// <summary>
/// The parent process id through libc's getppid(2): when a PT's parent dies, the PT is re-parented (to init or a
/// subreaper) and the id changes, which pt-2.2 §1.3 suggests PTs watch for. Unix only.
/// </summary>
internal static class PtParentProcess
{
    /// <summary>True where getppid(2) can be called.</summary>
    public static bool Supported => OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD();

    /// <summary>The parent's process id, or 0 where it cannot be known.</summary>
    public static int Id => Supported ? GetParentId() : 0;

    // "libc" is mapped by the runtime to the platform's C library (libc.so.6 on Linux).
    [DllImport("libc", EntryPoint = "getppid")]
    private static extern int GetParentId();
}
