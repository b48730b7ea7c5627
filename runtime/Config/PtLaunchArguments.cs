using System.Collections.Generic;

namespace PtToolkit.Config;

/// <summary>How a parent passes a configuration to a PT.</summary>
public enum PtLaunchStyle
{
    /// <summary>Environment variables wherever a parameter has one (PT 1.0, tor); flags for the rest.</summary>
    Environment,
    /// <summary>Dispatcher flags wherever a parameter has one (PT 2.x); variables for the rest.</summary>
    Flags,
}

/// <summary>What a parent gives a PT at launch: variables to add to its environment and its arguments.</summary>
/// <param name="Environment">The TOR_PT_* variables, by name.</param>
/// <param name="Arguments">The flags and their values, in order.</param>
public sealed record PtLaunchArguments(IReadOnlyDictionary<string, string> Environment, IReadOnlyList<string> Arguments);
