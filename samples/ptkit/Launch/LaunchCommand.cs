using System;
using System.CommandLine;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using PtToolkit.Config;
using PtToolkit.Launch;
using PtToolkit.Samples.SampleTransport;

namespace PtToolkit.Cli.Launch;

/// <summary>
/// <c>ptkit launch [flags] -- &lt;pt&gt; [args]</c>: launches any managed PT as its parent (<see cref="PtLauncher"/>), with a
/// typed configuration made of ptkit's flags or the TOR_PT_* variables passed through (<c>--raw</c>), writes every
/// event as a JSON line, and stops the PT as pt-2.2 §1.3 says on SIGINT, SIGTERM or the end of ptkit's stdin. With
/// <c>--in-process</c>, the sample transport runs in ptkit's process instead (<see cref="PtLauncher.InProcessClient"/>,
/// <see cref="PtLauncher.InProcessServer"/>), behind the same events, stop and exit codes.
/// </summary>
internal static class LaunchCommand
{
    // As samples/SampleTransport/Program.cs offers them to its host, most preferred first.
    private static readonly string[] SampleVersions = ["1", "2.2"];

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var client = new Option<bool>("--client") { Description = "Launch the PT as a client (TOR_PT_CLIENT_TRANSPORTS)." };
        var server = new Option<bool>("--server") { Description = "Launch the PT as a server (TOR_PT_SERVER_TRANSPORTS)." };
        var transports = new Option<string?>("--transports") { Description = "The transports to launch, comma separated.", HelpName = "names" };
        var bindaddr = new Option<string?>("--bindaddr") { Description = "Server: where each transport listens, transport-ip:port comma separated.", HelpName = "list" };
        var orport = new Option<string?>("--orport") { Description = "Server: the ORPort, ip:port.", HelpName = "ip:port" };
        var extorport = new Option<string?>("--extorport") { Description = "Server: the Extended ORPort, ip:port (with --authcookie).", HelpName = "ip:port" };
        var authcookie = new Option<string?>("--authcookie") { Description = "Server: the Extended ORPort's cookie file.", HelpName = "file" };
        var option = new Option<string[]>("--option") { Description = "Server: a transport option, transport:key=value (repeat it).", HelpName = "t:k=v" };
        var proxy = new Option<string?>("--proxy") { Description = "Client: the upstream proxy URI (socks5://ip:port ...).", HelpName = "uri" };
        var state = new Option<string?>("--state") { Description = "The state directory (default: a new temporary one, deleted at the end).", HelpName = "dir" };
        var version = new Option<string?>("--version") { Description = "The PT versions offered, comma separated: 1, 2.2, 1,2.2 (default 1).", HelpName = "versions" };
        var style = new Option<string>("--style") { Description = "Pass the configuration as TOR_PT_* variables (env, PT 1.0, as tor does) or dispatcher flags (flags, PT 2.x).", DefaultValueFactory = _ => "env" };
        style.AcceptOnlyFromAmong("env", "flags");
        var env = new Option<string[]>("--env") { Description = "An extra variable for the PT, NAME=VALUE (repeat it).", HelpName = "NAME=VALUE" };
        var raw = new Option<bool>("--raw") { Description = "No typed configuration: pass ptkit's own TOR_PT_* variables (and --env) through." };
        var timeout = new Option<int>("--timeout") { Description = "Seconds the PT has to be configured.", DefaultValueFactory = _ => 30, HelpName = "seconds" };
        var ignoreStdin = new Option<bool>("--ignore-stdin") { Description = "Do not stop when ptkit's stdin ends (for runs with stdin at /dev/null)." };
        var inProcess = new Option<bool>("--in-process")
        {
            Description = "Run the sample transport (samples/SampleTransport, built with ptkit) inside ptkit's own process instead of launching a PT: no -- <pt>, --transports sample.",
        };
        var pt = new Argument<string[]>("pt") { Description = "The PT's executable and its arguments, after --.", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("launch", """
            Launches a managed PT as its parent and writes every event as one JSON object per line on stdout
            ({"event":"started"|"state"|"message"|"error"|"exited"|...}, then {"event":"startup",...} with the
            methods it announced). SIGINT (Ctrl-C), SIGTERM or the end of ptkit's stdin stops it as pt-2.2 §1.3
            says: its stdin is closed (TOR_PT_EXIT_ON_STDIN_CLOSE=1 is always set), then SIGTERM, then SIGKILL;
            {"event":"stopped",...} is the last line. Exit codes: 0 configured and exited 0 when stopped; 1 the
            command line is wrong; 2 the flags do not make a configuration; 3 the PT was not configured; 4 the PT
            exited on its own after it was configured; 5 stopped, but it did not exit 0.
            With --in-process no PT is launched: the sample transport (samples/SampleTransport) runs inside ptkit's
            process behind the same launcher, events ("pid":null), stop and exit codes.
            """)
        {
            client, server, transports, bindaddr, orport, extorport, authcookie, option, proxy, state, version, style, env, raw,
            timeout, ignoreStdin, inProcess, pt,
        };
        command.SetAction(parse =>
        {
            var request = new LaunchRequest
            {
                Command = parse.GetValue(pt) ?? [],
                InProcess = parse.GetValue(inProcess),
                Client = parse.GetValue(client),
                Server = parse.GetValue(server),
                Raw = parse.GetValue(raw),
                Versions = parse.GetValue(version),
                Transports = parse.GetValue(transports),
                BindAddr = parse.GetValue(bindaddr),
                OrPort = parse.GetValue(orport),
                ExtOrPort = parse.GetValue(extorport),
                AuthCookie = parse.GetValue(authcookie),
                Proxy = parse.GetValue(proxy),
                State = parse.GetValue(state),
                Options = parse.GetValue(option) ?? [],
                Environment = parse.GetValue(env) ?? [],
                Style = parse.GetValue(style) == "flags" ? PtLaunchStyle.Flags : PtLaunchStyle.Environment,
                StartupTimeout = TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(timeout))),
            };
            return Run(request, watchStdin: !parse.GetValue(ignoreStdin));
        });
        return command;
    }

    // A synchronous action: System.CommandLine then installs no signal handler of its own, whose 2-second limit would
    // cut the shutdown short; SIGINT and SIGTERM are handled here.
    private static int Run(LaunchRequest request, bool watchStdin)
    {
        var temporary = request.State is null ? Directory.CreateTempSubdirectory("ptkit-launch-") : null;
        try
        {
            if (!request.TryBuild(temporary is null ? "" : temporary.FullName + "/", PtConfigSource.FromProcess().Environment!, out var options, out string error))
            {
                Console.Error.WriteLine("ptkit launch: " + error);
                return LaunchSession.BadFlags;
            }
            var stop = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop(stop, "SIGINT"));
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop(stop, "SIGTERM"));
            if (watchStdin) _ = WatchStdinAsync(stop);
            using var stdout = Console.OpenStandardOutput();
            var output = new EventJson(stdout);
            return LaunchSession.RunAsync(Launcher(request, options), output, stop.Task).GetAwaiter().GetResult();
        }
        finally
        {
            temporary?.Delete(recursive: true);
        }
    }

    // The PT as a child process, or the sample transport hosted in ptkit's process with the versions its Program.cs gives.
    private static Func<Action<PtEvent>, PtLauncher> Launcher(LaunchRequest request, PtLaunchOptions options) => onEvent =>
        !request.InProcess ? new PtLauncher(options, onEvent: onEvent)
        : request.Server ? PtLauncher.InProcessServer(new SampleTransport(), options, SampleVersions, onEvent: onEvent)
        : PtLauncher.InProcessClient(new SampleTransport(), options, SampleVersions, onEvent: onEvent);

    private static Action<PosixSignalContext> Stop(TaskCompletionSource<string> stop, string reason) => context =>
    {
        context.Cancel = true;
        stop.TrySetResult(reason);
    };

    // What is typed on ptkit's stdin is read and dropped; its end asks for the stop.
    private static async Task WatchStdinAsync(TaskCompletionSource<string> stop)
    {
        byte[] buffer = new byte[256];
        using var stdin = Console.OpenStandardInput();
        try
        {
            while (await stdin.ReadAsync(buffer).ConfigureAwait(false) > 0)
            {
            }
            stop.TrySetResult("stdin closed");
        }
        catch (IOException)
        {
            stop.TrySetResult("stdin failed");
        }
    }
}
