using System;
using System.CommandLine;
using System.Globalization;
using PtToolkit.Testing.Config;

namespace PtToolkit.Cli.Fuzz;

/// <summary><c>ptkit fuzz</c>: grammar properties against the reference (<c>grammar</c>) and a real PT against generated configurations (<c>pt</c>).</summary>
internal static class FuzzCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create() => new("fuzz", "Property-based fuzzing from the spec files (PtToolkit.Testing).")
    {
        Grammar(),
        Pt(),
        SocksFuzzCommand.Create(),
    };

    private static Option<string?> Seed() => new("--seed")
    {
        Description = "Start from this seed: a number, or the (seed,gamma,size) a failure printed. Default: a fresh one, printed.",
        HelpName = "seed",
    };

    private static string FreshSeed() => ((ulong)Random.Shared.NextInt64(1, long.MaxValue)).ToString(CultureInfo.InvariantCulture);

    private static Command Grammar()
    {
        var spec = new Option<string>("--spec") { Description = "ipc (the generated parsers), config (the generated binders) or control (the generated event views).", Required = true };
        spec.AcceptOnlyFromAmong(GrammarFuzz.Specs);
        var cases = new Option<int>("--cases") { Description = "Cases per property.", DefaultValueFactory = _ => 1000, HelpName = "N" };
        var seed = Seed();
        var property = new Option<string?>("--property") { Description = "Run only this property (as printed).", HelpName = "name" };
        var command = new Command("grammar", """
            Runs the ready-made properties of PtToolkit.Testing against the generated code of a spec: for ipc,
            PtIpc.Dispatch/ParseOwned against the Pidgin reference built from PtIpc.Grammar on valid lines,
            near-misses and arbitrary bytes, format/parse round trips, and no exception; for config, the client and
            server binders against the presence rules read from PtConfig.Parameters, and no exception; for control,
            the TorEvents views against the Pidgin reference built from TorEvents.EventGrammar on valid event lines,
            near-misses and arbitrary bytes, read-back of written values, and no exception. Prints the
            cases run, the failures, and the replay seed of the first failure; exits 1 when a property failed.
            """)
        {
            spec, cases, seed, property,
        };
        command.SetAction(parse =>
        {
            int n = parse.GetValue(cases);
            if (n < 1)
            {
                Console.Error.WriteLine("ptkit fuzz grammar: --cases must be at least 1");
                return 2;
            }
            string start = parse.GetValue(seed) ?? FreshSeed();
            if (!PtToolkit.Testing.Properties.PtPropertyRunner.TryParseReplay(start, out _))
            {
                Console.Error.WriteLine("ptkit fuzz grammar: --seed is a number, (seed,gamma) or (seed,gamma,size)");
                return 2;
            }
            return GrammarFuzz.Run(parse.GetValue(spec)!, n, start, parse.GetValue(property), Console.Out);
        });
        return command;
    }

    private static Command Pt()
    {
        var cases = new Option<int>("--cases") { Description = "How many launches.", DefaultValueFactory = _ => 40, HelpName = "N" };
        var seed = Seed();
        var doors = new Option<string>("--doors") { Description = "env (PT 1.0: variables only), flags (PT 2.x dispatcher flags) or both.", DefaultValueFactory = _ => "env" };
        doors.AcceptOnlyFromAmong("env", "flags", "both");
        var side = new Option<string>("--side") { Description = "client, server or both.", DefaultValueFactory = _ => "both" };
        side.AcceptOnlyFromAmong("client", "server", "both");
        var timeout = new Option<double>("--timeout") { Description = "Seconds a launch may take to finish configuring or to exit after an error.", DefaultValueFactory = _ => 5, HelpName = "seconds" };
        var always = new Option<string[]>("--always") { Description = "Give this parameter (spec name, e.g. StateLocation) in every launch: for a PT that needs one the spec makes optional.", HelpName = "parameter", AllowMultipleArgumentsPerToken = true };
        var program = new Argument<string[]>("command") { Description = "The PT and its own arguments, after --.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("pt", """
            Launches a PT (any binary, after --) with generated valid and near-miss configurations, each in a clean
            environment and its own temporary directory, and checks each answer: every stdout line well-formed,
            VERSION or VERSION-ERROR first, CMETHOD on loopback, an error line and an exit for a configuration the
            spec refuses, DONE or an error within the timeout. Prints a conformance table; exits 1 when a check failed.
            A PT that refuses what the spec accepts gets a note. Listeners are loopback port 0; nothing leaves the machine.
            """)
        {
            cases, seed, doors, side, always, timeout, program,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            int n = parse.GetValue(cases);
            double seconds = parse.GetValue(timeout);
            if (n < 1 || seconds <= 0 || seconds > 600)
            {
                Console.Error.WriteLine("ptkit fuzz pt: --cases must be at least 1 and --timeout from 0 to 600 seconds");
                return 2;
            }
            var door = parse.GetValue(doors) switch { "flags" => PtConfigDoors.Flags, "both" => PtConfigDoors.Both, _ => PtConfigDoors.Variables };
            string sides = parse.GetValue(side) == "both" ? "client,server" : parse.GetValue(side)!;
            return await FuzzPt.RunAsync(parse.GetValue(program)!, n, parse.GetValue(seed) ?? FreshSeed(), door, sides, parse.GetValue(always) ?? [], TimeSpan.FromSeconds(seconds), Console.Out).ConfigureAwait(false);
        });
        return command;
    }
}
