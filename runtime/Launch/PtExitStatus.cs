namespace PtToolkit.Launch;

/// <summary>What a PT's exit code means (pt-2.2 §1.2.1, §1.3: the sysexits.h codes of PT 2.x).</summary>
public enum PtExitMeaning : byte
{
    /// <summary>0, EX_OK: a graceful shutdown (pt-2.2 §1.3).</summary>
    Ok,
    /// <summary>64, EX_USAGE: after ENV-ERROR, the configuration could not be used.</summary>
    Usage,
    /// <summary>69, EX_UNAVAILABLE: after PROXY-ERROR, the upstream proxy is unusable.</summary>
    Unavailable,
    /// <summary>78, EX_CONFIG: after VERSION-ERROR, no offered version is supported.</summary>
    Config,
    /// <summary>Above 128: the process was ended by signal (code − 128), as .NET reports it on Unix.</summary>
    Signal,
    /// <summary>Any other code: the PT's own failure.</summary>
    Other,
}

/// <summary>A PT's exit code and what it means.</summary>
public readonly record struct PtExitStatus(int Code)
{
    /// <summary>The meaning of <see cref="Code"/>.</summary>
    public PtExitMeaning Meaning => Code switch
    {
        0 => PtExitMeaning.Ok,
        64 => PtExitMeaning.Usage,
        69 => PtExitMeaning.Unavailable,
        78 => PtExitMeaning.Config,
        > 128 and < 128 + 65 => PtExitMeaning.Signal,
        _ => PtExitMeaning.Other,
    };

    /// <summary>A one-line description, for example <c>64 (EX_USAGE: the PT could not use its configuration, ENV-ERROR)</c>.</summary>
    public string Description => Meaning switch
    {
        PtExitMeaning.Ok => "0 (EX_OK: graceful shutdown)",
        PtExitMeaning.Usage => "64 (EX_USAGE: the PT could not use its configuration, ENV-ERROR)",
        PtExitMeaning.Unavailable => "69 (EX_UNAVAILABLE: the upstream proxy is unusable, PROXY-ERROR)",
        PtExitMeaning.Config => "78 (EX_CONFIG: no offered version is supported, VERSION-ERROR)",
        PtExitMeaning.Signal => $"{Code} (ended by signal {Code - 128})",
        _ => $"{Code} (failure)",
    };

    /// <inheritdoc/>
    public override string ToString() => Description;
}
