using System;
using System.Globalization;
using System.Linq;
using FsCheck;
using Microsoft.FSharp.Collections;
using Microsoft.FSharp.Core;

namespace PtToolkit.Testing.Properties;

/// <summary>What running one property gave: how many cases passed, and for a failure what failed and how to replay it.</summary>
/// <param name="Name">The property's name.</param>
/// <param name="Cases">The cases run (the failing one included).</param>
/// <param name="Passed">True when every case passed.</param>
/// <param name="Failure">What failed: the label or exception, and the smallest failing input found; null on success.</param>
/// <param name="Replay">The FsCheck replay seed of the failure, <c>(seed,gamma,size)</c>, for <see cref="PtPropertyRunner.Run"/>; null on success.</param>
public sealed record PtPropertyReport(string Name, int Cases, bool Passed, string? Failure, string? Replay);

/// <summary>Runs a property a given number of times from a given seed and reports instead of throwing (for tools such as <c>ptkit fuzz</c>).</summary>
public static class PtPropertyRunner
{
    /// <summary>
    /// Runs <paramref name="property"/> over <paramref name="cases"/> cases. <paramref name="replay"/> is a seed: a number,
    /// or the <c>(seed,gamma)</c> / <c>(seed,gamma,size)</c> that a report or FsCheck printed; null for a fresh one.
    /// </summary>
    public static PtPropertyReport Run(string name, Property property, int cases, string? replay = null)
    {
        ArgumentNullException.ThrowIfNull(property);
        if (cases < 1) throw new ArgumentOutOfRangeException(nameof(cases), cases, "at least one case");
        var capture = new Capture();
        var config = FsCheck.Config.Quick.WithMaxTest(cases).WithQuietOnSuccess(true).WithRunner(capture).WithName(name);
        if (replay is not null)
        {
            if (!TryParseReplay(replay, out var seed)) throw new FormatException($"not a seed: {replay}");
            config = config.WithReplay(FSharpOption<Replay>.Some(seed));
        }
        Check.One(config, property);
        return capture.Result switch
        {
            TestResult.Failed failed => new PtPropertyReport(name, failed.Item1.NumberOfTests, false, Describe(failed), FormatReplay(failed.Item6, failed.Item7)),
            TestResult.Passed passed => new PtPropertyReport(name, passed.Item1.NumberOfTests, true, null, null),
            TestResult.Exhausted exhausted => new PtPropertyReport(name, exhausted.Item.NumberOfTests, false, "gave up: too many cases discarded", null),
            _ => new PtPropertyReport(name, 0, false, "the property did not run", null),
        };
    }

    /// <summary>Reads a seed: <c>N</c>, <c>(N,G)</c> or <c>(N,G,SIZE)</c> (FsCheck's gamma is odd).</summary>
    public static bool TryParseReplay(string text, out Replay replay)
    {
        ArgumentNullException.ThrowIfNull(text);
        replay = null!;
        var parts = text.Trim().TrimStart('(').TrimEnd(')').Split(',', StringSplitOptions.TrimEntries);
        var numbers = new ulong[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!ulong.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i])) return false;
        }
        switch (numbers.Length)
        {
            case 1:
                replay = new Replay(new Rnd(numbers[0]), FSharpOption<int>.None);
                return true;
            case 2 or 3 when numbers[1] % 2 == 0:
                return false;
            case 2:
                replay = new Replay(new Rnd(numbers[0], numbers[1]), FSharpOption<int>.None);
                return true;
            case 3 when numbers[2] <= int.MaxValue:
                replay = new Replay(new Rnd(numbers[0], numbers[1]), FSharpOption<int>.Some((int)numbers[2]));
                return true;
            default:
                return false;
        }
    }

    private static string FormatReplay(Rnd seed, int size) =>
        string.Create(CultureInfo.InvariantCulture, $"({seed.Seed},{seed.Gamma},{size})");

    private static string Describe(TestResult.Failed failed)
    {
        string why = failed.Item4 is Outcome.Failed { Item: { } exception } ? $"{exception.GetType().Name}: {exception.Message}" : "false";
        var labels = failed.Item1.Labels.ToArray();
        string label = labels.Length > 0 ? string.Join("; ", labels) : why;
        return $"{label} | input: {string.Join(", ", ListModule.ToArray(failed.Item3).Select(a => a?.ToString()))}";
    }

    private sealed class Capture : IRunner
    {
        public TestResult? Result { get; private set; }

        public void OnStartFixture(Type t)
        {
        }

        public void OnArguments(int ntest, FSharpList<object> args, FSharpFunc<int, FSharpFunc<FSharpList<object>, string>> every)
        {
        }

        public void OnShrink(FSharpList<object> args, FSharpFunc<FSharpList<object>, string> everyShrink)
        {
        }

        public void OnFinished(string name, TestResult testResult) => Result = testResult;
    }
}
