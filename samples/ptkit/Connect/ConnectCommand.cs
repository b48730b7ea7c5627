using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Net;
using PtToolkit.Socks;
using PtToolkit.Text;

namespace PtToolkit.Cli.Connect;

/// <summary>
/// <c>ptkit connect --cmethod ip:port --target host:port [--arg k=v ...]</c>: opens a connection through a running PT's
/// SOCKS port with per-connection arguments and pipes stdin to it and it to stdout.
/// </summary>
internal static class ConnectCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var cmethod = new Option<string>("--cmethod") { Description = "The PT's SOCKS address, as its CMETHOD line gives it (ip:port).", HelpName = "ip:port", Required = true };
        var target = new Option<string>("--target") { Description = "Where the PT should connect: the bridge (its SMETHOD address), ip:port or name:port.", HelpName = "host:port", Required = true };
        var arg = new Option<string[]>("--arg") { Description = "A per-connection argument, key=value (repeat it), such as the SMETHOD ARGS.", HelpName = "k=v" };
        var socks = new Option<string>("--socks") { Description = "The CMETHOD's protocol.", DefaultValueFactory = _ => "socks5" };
        socks.AcceptOnlyFromAmong("socks5", "socks4");
        var json = new Option<bool>("--json-args") { Description = "SOCKS 5: send the arguments as the PT 2.2 JSON parameter block (method X'09') instead of RFC 1929." };
        var closeWait = new Option<int>("--close-wait") { Description = "Seconds to wait, after stdin ends, for the other side to close.", DefaultValueFactory = _ => 30, HelpName = "seconds" };
        var command = new Command("connect", """
            Connects through a running PT's SOCKS port (its CMETHOD) to a target with per-connection arguments, then
            copies stdin to the connection and the connection to stdout. The end of stdin half-closes the
            connection; the run ends when the other side closes. Exit codes: 0 the other side closed; 1 the command
            line is wrong; 2 a flag's value cannot be used; 3 the SOCKS connection failed (the reason on stderr);
            4 the connection broke; 5 the other side did not close within --close-wait of the end of stdin.
            """)
        {
            cmethod, target, arg, socks, json, closeWait,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!TryEndpoint(parse.GetValue(cmethod)!, allowName: false, out var proxy))
                return Fail("--cmethod: expected ip:port (an IPv4 address or a bracketed IPv6 address)");
            if (!TryEndpoint(parse.GetValue(target)!, allowName: true, out var to)) return Fail("--target: expected host:port");
            if (!TryArguments(parse.GetValue(arg) ?? [], out var arguments, out string problem)) return Fail(problem);
            var options = new PtSocksClientOptions
            {
                Version = parse.GetValue(socks) == "socks4" ? PtSocksVersion.Socks4 : PtSocksVersion.Socks5,
                ArgumentEncoding = parse.GetValue(json) ? PtSocksArgumentEncoding.JsonParameterBlock : PtSocksArgumentEncoding.UsernamePassword,
            };
            await using var stdin = Console.OpenStandardInput();
            await using var stdout = Console.OpenStandardOutput();
            return await ConnectSession.RunAsync(proxy, to, arguments, options, stdin, stdout, Console.Error,
                TimeSpan.FromSeconds(Math.Max(0, parse.GetValue(closeWait))), cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>Reads <c>host:port</c>: an <see cref="IPEndPoint"/>, or a <see cref="DnsEndPoint"/> for a name when allowed.</summary>
    public static bool TryEndpoint(string text, bool allowName, out EndPoint endpoint)
    {
        endpoint = null!;
        if (!PtEndpoint.TryParse(text, allowName, out var parsed)) return false;
        endpoint = parsed.Kind == PtHostKind.Name ? new DnsEndPoint(parsed.Host, parsed.Port) : new IPEndPoint(IPAddress.Parse(parsed.Host), parsed.Port);
        return true;
    }

    /// <summary>Reads <c>key=value</c> pairs (the key ends at the first <c>=</c>; the value may hold more), in order.</summary>
    public static bool TryArguments(IReadOnlyList<string> pairs, out List<KeyValuePair<string, string>> arguments, out string problem)
    {
        arguments = new List<KeyValuePair<string, string>>(pairs.Count);
        foreach (string pair in pairs)
        {
            int equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                problem = $"--arg {pair}: expected key=value";
                return false;
            }
            arguments.Add(new(pair[..equals], pair[(equals + 1)..]));
        }
        problem = "";
        return true;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine("ptkit connect: " + message);
        return ConnectSession.BadFlags;
    }
}
