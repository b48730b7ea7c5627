using System;
using System.Collections;
using System.Collections.Generic;

namespace PtToolkit.Config;

/// <summary>
/// Where a configuration is bound from: environment variables, dispatcher flags (PT 2.x), or both, plus the
/// PT specification versions the transport supports, most preferred first. A null environment or argument
/// list is a door not used: its names are not read and error messages do not mention them.
/// </summary>
/// <param name="Environment">The variables, for example the process's (<see cref="FromProcess"/>).</param>
/// <param name="Arguments">The command-line arguments after the program name.</param>
/// <param name="SupportedVersions">The versions this transport speaks, most preferred (highest) first.</param>
public sealed record PtConfigSource(
    IReadOnlyDictionary<string, string>? Environment,
    IReadOnlyList<string>? Arguments,
    IReadOnlyList<string> SupportedVersions)
{
    /// <summary>
    /// The parameters of another binder that reads the same arguments, for example a transport's own flags
    /// (<c>-enableLogging</c>) beside the PT 2.x dispatcher flags: each binder skips the other's flags (and their
    /// values) instead of refusing them as undefined. Typically the other spec's generated <c>Parameters</c>:
    /// <c>PtConfigSource.FromProcess(args) with { OtherFlags = MyFlags.Parameters }</c>. Null: every flag that
    /// this binder does not declare is an ENV-ERROR, as Go's flag package says "flag provided but not defined".
    /// </summary>
    public IReadOnlyCollection<PtParameterInfo>? OtherFlags { get; init; }

    /// <summary>The versions a transport built on this toolkit speaks unless it says otherwise: PT 1.0's "1".</summary>
    public static IReadOnlyList<string> DefaultVersions { get; } = new[] { "1" };

    /// <summary>Binds from environment variables only.</summary>
    public static PtConfigSource FromEnvironment(IReadOnlyDictionary<string, string> environment, IReadOnlyList<string>? supportedVersions = null) =>
        new(environment ?? throw new ArgumentNullException(nameof(environment)), null, supportedVersions ?? DefaultVersions);

    /// <summary>Binds from dispatcher flags only.</summary>
    public static PtConfigSource FromArguments(IReadOnlyList<string> arguments, IReadOnlyList<string>? supportedVersions = null) =>
        new(null, arguments ?? throw new ArgumentNullException(nameof(arguments)), supportedVersions ?? DefaultVersions);

    /// <summary>Binds from what a launcher built (<see cref="PtLaunchArguments"/>): its variables and its flags.</summary>
    public static PtConfigSource FromLaunch(PtLaunchArguments launch, IReadOnlyList<string>? supportedVersions = null)
    {
        ArgumentNullException.ThrowIfNull(launch);
        return new(launch.Environment, launch.Arguments, supportedVersions ?? DefaultVersions);
    }

    /// <summary>
    /// The process's environment variables and the given arguments (for example <c>Main</c>'s). No arguments means
    /// no flags door: a PT that tor launches (PT 1.0, no arguments) reports missing variables in goptlib's words.
    /// </summary>
    public static PtConfigSource FromProcess(IReadOnlyList<string>? arguments = null, IReadOnlyList<string>? supportedVersions = null)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string name && entry.Value is string value) environment[name] = value;
        }
        return new(environment, arguments is { Count: > 0 } ? arguments : null, supportedVersions ?? DefaultVersions);
    }
}
