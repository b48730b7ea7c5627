using System;
using System.Runtime.InteropServices;

namespace PtToolkit.Launch;

/// <summary>
/// Signals by process id through libc's kill(2). <see cref="System.Diagnostics.Process.Kill()"/> only sends SIGKILL;
/// the graceful step of pt-2.2 §1.3 needs SIGTERM. Unix only.
/// </summary>
internal static class PtSignals
{
    /// <summary>SIGKILL (9 on Linux and macOS).</summary>
    public const int SigKill = 9;

    /// <summary>SIGTERM (15 on Linux and macOS).</summary>
    public const int SigTerm = 15;

    /// <summary>True where kill(2) can be called.</summary>
    public static bool Supported => OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD();

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>; false when it could not be sent (no such process, not permitted).</summary>
    public static bool Send(int pid, int signal) => Supported && pid > 0 && Kill(pid, signal) == 0;

    // "libc" is mapped by the runtime to the platform's C library (libc.so.6 on Linux).
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
