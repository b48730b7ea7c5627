using System;
using System.IO;
using System.Runtime.InteropServices;
using PtToolkit.Launch;
using static PtToolkit.Config.PtConfig;

namespace PtToolkit.Cli.Demo;

/// <summary>
/// How to launch the sample transport that is built with ptkit (its ProjectReference copies sample-transport.dll
/// beside ptkit.dll): the <c>dotnet</c> host of the running runtime with the dll as its first argument, so that no
/// apphost has to find a runtime through variables the launcher does not pass.
/// </summary>
internal static class SampleTransportLaunch
{
    /// <summary>The sample transport's dll beside this program.</summary>
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "sample-transport.dll");

    /// <summary>The <c>dotnet</c> host of the runtime this program runs on (<c>&lt;root&gt;/shared/Microsoft.NETCore.App/&lt;version&gt;/</c> → <c>&lt;root&gt;/dotnet</c>).</summary>
    public static string DotnetHost
    {
        get
        {
            string runtime = RuntimeEnvironment.GetRuntimeDirectory().TrimEnd(Path.DirectorySeparatorChar);
            string root = Path.GetFullPath(Path.Combine(runtime, "..", "..", ".."));
            return Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
        }
    }

    /// <summary>Launch options for the sample transport as a client with <paramref name="config"/>.</summary>
    public static PtLaunchOptions ForClient(PtClientConfig config) => WithDll(PtLaunchOptions.ForClient(DotnetHost, config));

    /// <summary>Launch options for the sample transport as a server with <paramref name="config"/>.</summary>
    public static PtLaunchOptions ForServer(PtServerConfig config) => WithDll(PtLaunchOptions.ForServer(DotnetHost, config));

    private static PtLaunchOptions WithDll(PtLaunchOptions options) => options with { Arguments = [Dll, .. options.Arguments] };
}
