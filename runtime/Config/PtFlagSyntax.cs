using System;
using System.Collections.Generic;

namespace PtToolkit.Config;

/// <summary>What one command-line argument is, read as Go's flag package reads it.</summary>
public enum PtFlagToken
{
    /// <summary><c>-name</c>, <c>--name</c> or <c>-name=value</c>.</summary>
    Flag,
    /// <summary><c>--</c>: the flags end; what follows belongs to the PT.</summary>
    End,
    /// <summary>Not a flag (including a lone <c>-</c>): the flags end here.</summary>
    Positional,
    /// <summary>A flag with a bad name (<c>---x</c>, <c>-=x</c>).</summary>
    Malformed,
}

/// <summary>
/// Reads dispatcher flags (PT 2.2 §1.1.4) as shapeshifter-dispatcher and obfs4proxy do, with Go's flag
/// syntax: <c>-name value</c>, <c>-name=value</c>, one or two dashes; a switch takes no value or
/// <c>=true</c>/<c>=false</c>. Used by the generated binders; a flag given twice is an error, since the
/// documents allow one value per parameter.
/// </summary>
public static class PtFlagSyntax
{
    /// <summary>Splits one argument; for a flag, <paramref name="name"/> is without dashes.</summary>
    public static PtFlagToken Read(string argument, out ReadOnlySpan<char> name, out string? inlineValue)
    {
        ArgumentNullException.ThrowIfNull(argument);
        name = default;
        inlineValue = null;
        if (argument.Length < 2 || argument[0] != '-') return PtFlagToken.Positional;
        int start = argument[1] == '-' ? 2 : 1;
        if (start == 2 && argument.Length == 2) return PtFlagToken.End;
        var rest = argument.AsSpan(start);
        if (rest.IsEmpty || rest[0] is '-' or '=') return PtFlagToken.Malformed;
        int eq = rest.IndexOf('=');
        if (eq >= 0)
        {
            inlineValue = argument.Substring(start + eq + 1);
            rest = rest[..eq];
        }
        name = rest;
        return PtFlagToken.Flag;
    }

    /// <summary>Stores the value of a flag that takes one (inline, or the next argument).</summary>
    public static bool TakeValue(IReadOnlyList<string> arguments, ref int index, string? inlineValue, string flag, ref string? slot, out PtConfigError error)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        error = default;
        if (slot is not null)
        {
            error = Usage(flag + " is given more than once");
            return false;
        }
        if (inlineValue is null)
        {
            if (index + 1 >= arguments.Count)
            {
                error = Usage("flag needs an argument: " + flag);
                return false;
            }
            inlineValue = arguments[++index] ?? "";
        }
        slot = inlineValue;
        return true;
    }

    /// <summary>Stores a switch as "1" (set) or "0" (<c>=false</c>).</summary>
    public static bool TakeSwitch(string? inlineValue, string flag, ref string? slot, out PtConfigError error)
    {
        error = default;
        if (slot is not null)
        {
            error = Usage(flag + " is given more than once");
            return false;
        }
        switch (inlineValue)
        {
            case null or "1" or "t" or "T" or "true" or "TRUE" or "True":
                slot = "1";
                return true;
            case "0" or "f" or "F" or "false" or "FALSE" or "False":
                slot = "0";
                return true;
            default:
                error = Usage("invalid boolean value " + PtConfigText.Quote(inlineValue) + " for " + flag);
                return false;
        }
    }

    /// <summary>
    /// Skips a flag that another binder of the same arguments declares (<see cref="PtConfigSource.OtherFlags"/>):
    /// a switch alone, any other flag with its value (after <c>=</c>, or the next argument). False when no
    /// parameter of <paramref name="others"/> has that flag. A missing value is left for the other binder to report.
    /// </summary>
    public static bool SkipOther(IReadOnlyCollection<PtParameterInfo>? others, ReadOnlySpan<char> name, string? inlineValue, IReadOnlyList<string> arguments, ref int index)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (others is null) return false;
        foreach (var other in others)
        {
            if (other is null || other.Flag.Length < 2 || !name.SequenceEqual(other.Flag.AsSpan(1))) continue;
            if (other.Type != "switch" && inlineValue is null && index + 1 < arguments.Count) index++;
            return true;
        }
        return false;
    }

    /// <summary>The error for an argument that is not a flag this spec declares.</summary>
    public static PtConfigError Unknown(string argument) =>
        Usage("flag provided but not defined: " + PtConfigText.Quote(argument.AsSpan(0, Math.Min(argument.Length, 200))));

    /// <summary>The error for a malformed flag.</summary>
    public static PtConfigError Malformed(string argument) => Usage("bad flag syntax: " + PtConfigText.Quote(argument));

    private static PtConfigError Usage(string message) => new(PtConfigErrorKind.Env, "", 0, message);
}
