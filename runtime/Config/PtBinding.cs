using System.Collections.Generic;

namespace PtToolkit.Config;

/// <summary>
/// The outcome of binding a configuration: the typed configuration, or the error a PT reports. The version
/// is set as soon as negotiation succeeded, also when a later parameter is bad: a PT then prints
/// <c>VERSION &lt;v&gt;</c> before its <c>ENV-ERROR</c>, as PT 1.0 §3.3.1 orders them (<see cref="Lines"/>).
/// </summary>
/// <typeparam name="TConfig">The generated configuration type.</typeparam>
public readonly struct PtBinding<TConfig>
    where TConfig : class
{
    /// <summary>Creates an outcome.</summary>
    public PtBinding(TConfig? config, string? version, PtConfigError error)
    {
        Config = config;
        Version = version;
        Error = error;
    }

    /// <summary>The configuration, when binding succeeded.</summary>
    public TConfig? Config { get; }

    /// <summary>The negotiated PT version, or null when negotiation failed or did not run.</summary>
    public string? Version { get; }

    /// <summary>What was wrong; <see cref="PtConfigError.IsError"/> is false on success.</summary>
    public PtConfigError Error { get; }

    /// <summary>True when <see cref="Config"/> is set.</summary>
    public bool Succeeded => Config is not null;

    /// <summary>
    /// The exit code a PT uses after printing <see cref="Error"/>: 0 on success, EX_CONFIG (78) after
    /// VERSION-ERROR, EX_USAGE (64) after ENV-ERROR and EX_UNAVAILABLE (69) after PROXY-ERROR (PT 2.2 §1.2.1,
    /// §1.2.2). PT 1.0 allows any code, so the same codes serve both.
    /// </summary>
    public int ExitCode => Error.Kind switch
    {
        PtConfigErrorKind.None => 0,
        PtConfigErrorKind.Version => 78,
        PtConfigErrorKind.Proxy => 69,
        _ => 64,
    };

    /// <summary>The lines a PT prints for this outcome, in order: <c>VERSION</c> when negotiated, then the error line.</summary>
    public IEnumerable<string> Lines()
    {
        if (Version is not null) yield return "VERSION " + Version;
        if (Error.IsError) yield return Error.FormatLine();
    }
}
