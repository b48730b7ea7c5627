using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Net;
using PtToolkit.Control;

namespace PtToolkit.Cli.Control;

/// <summary>
/// <c>ptkit control</c>: talks to Tor's control port. Runs the commands given as arguments (one command line per
/// argument) and prints each reply, or with <c>--events</c> streams events as JSON lines.
/// </summary>
internal static class ControlCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var endpoint = new Option<string?>("--endpoint") { Description = "The control port: HOST:PORT (an IP address or localhost), or a Unix socket path (unix:PATH, or any path with a /).", HelpName = "endpoint" };
        var portFile = new Option<string?>("--port-file") { Description = "Read the control port from the file tor's ControlPortWriteToFile writes.", HelpName = "file" };
        var passwordFile = new Option<string?>("--password-file") { Description = $"The control password (HASHEDPASSWORD) is this file's text; otherwise ${ControlPassword.EnvironmentVariable}. Never given on the command line.", HelpName = "file" };
        var events = new Option<string?>("--events") { Description = "Stream these events (comma-separated, as SETEVENTS names them) as JSON lines until Ctrl-C or the end of stdin.", HelpName = "names" };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for the connection and for each reply.", DefaultValueFactory = _ => 30, HelpName = "seconds" };
        var commands = new Argument<string[]>("commands") { Description = "Command lines to send, one per argument (for example \"GETINFO version\").", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("control", """
            Connects to Tor's control port and authenticates on its own from PROTOCOLINFO: NULL, the password
            (--password-file or $PTKIT_CONTROL_PASSWORD) when Tor offers HASHEDPASSWORD, else SAFECOOKIE or COOKIE
            with the cookie file Tor names. Then sends each command argument in turn and prints its reply as Tor
            sent it (LF for CRLF). With --events, streams events instead, one JSON object per line:
            {"event":NAME,"kind":KIND,"fields":{...},"raw":TEXT}, KIND being the event's kind in spec/control.spec
            with its typed fields, "Unknown", or "Invalid" (with "expected", "error", "offset", "field").
            Exit codes: 0 done; 1 usage; 2 Tor refused a command (4yz/5yz); 66 port or password file unreadable;
            69 cannot connect; 76 connection lost, protocol error or timeout; 77 authentication failed;
            130 interrupted.
            """)
        {
            endpoint, portFile, passwordFile, events, timeout, commands,
        };
        command.SetAction(async (parse, stop) =>
        {
            int exit = TryCreateSettings(
                parse.GetValue(endpoint), parse.GetValue(portFile), parse.GetValue(passwordFile), parse.GetValue(events),
                parse.GetValue(timeout), parse.GetValue(commands) ?? [], Environment.GetEnvironmentVariable(ControlPassword.EnvironmentVariable),
                Console.Error, out var settings);
            if (settings is null) return exit;
            using var stdin = Console.OpenStandardInput();
            using var stdout = Console.OpenStandardOutput();
            return await ControlRunner.RunAsync(settings, stdin, stdout, Console.Error, stop).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>
    /// Checks the arguments and resolves the endpoint and password. Returns <see cref="ControlExitCodes.Ok"/>
    /// with <paramref name="settings"/>, or the exit code after writing why to <paramref name="error"/>.
    /// </summary>
    public static int TryCreateSettings(string? endpoint, string? portFile, string? passwordFile, string? events, int timeoutSeconds,
        string[] commands, string? environmentPassword, TextWriter error, out ControlSettings? settings)
    {
        settings = null;
        if ((endpoint is null) == (portFile is null)) return Fail(error, ControlExitCodes.Usage, "give exactly one of --endpoint and --port-file");
        if (timeoutSeconds <= 0) return Fail(error, ControlExitCodes.Usage, "--timeout must be a positive number of seconds");
        string[]? names = null;
        if (events is not null)
        {
            if (commands.Length > 0) return Fail(error, ControlExitCodes.Usage, "--events streams events; give commands in another run");
            names = events.Split(',', StringSplitOptions.TrimEntries);
            if (names.Any(n => n.Length == 0 || !n.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')))
                return Fail(error, ControlExitCodes.Usage, $"--events: \"{events}\" is not a comma-separated list of event names");
        }
        for (int i = 0; i < commands.Length; i++)
        {
            if (!TorCommandBuilder.TryCreateRaw(commands[i], out _, out var bad))
                return Fail(error, ControlExitCodes.Usage, $"command {i + 1} cannot be sent as one line: {bad}");
        }
        EndPoint? target;
        string why;
        if (endpoint is not null)
        {
            if (!ControlEndpoint.TryParse(endpoint, out target, out why)) return Fail(error, ControlExitCodes.Usage, "--endpoint: " + why);
        }
        else if (!ControlEndpoint.TryReadPortFile(portFile!, out target, out why))
        {
            return Fail(error, ControlExitCodes.NoInput, why);
        }
        if (!ControlPassword.TryRead(passwordFile, environmentPassword, out string? password, out why)) return Fail(error, ControlExitCodes.NoInput, why);
        settings = new ControlSettings(target!, password, commands, names, TimeSpan.FromSeconds(timeoutSeconds));
        return ControlExitCodes.Ok;
    }

    private static int Fail(TextWriter error, int exit, string message)
    {
        error.WriteLine("ptkit control: " + message);
        return exit;
    }
}
