using System;
using System.CommandLine;
using System.Globalization;
using System.Net;
using PtToolkit.Cli.Connect;

namespace PtToolkit.Cli.Fuzz;

/// <summary><c>ptkit fuzz socks HOST:PORT</c>: generated SOCKS 5 handshakes against a PT's SOCKS port (<see cref="SocksFuzz"/>).</summary>
internal static class SocksFuzzCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var server = new Argument<string>("socks") { Description = "The PT's SOCKS port, as its CMETHOD line gives it (ip:port or name:port)." };
        var cases = new Option<int>("--cases") { Description = "How many generated cases.", DefaultValueFactory = _ => 200, HelpName = "N" };
        var seed = new Option<string?>("--seed")
        {
            Description = "Start from this seed: a number, or the (seed,gamma) a failure printed. Default: a fresh one, printed.",
            HelpName = "seed",
        };
        var timeout = new Option<double>("--timeout") { Description = "Seconds each read waits for the server.", DefaultValueFactory = _ => 2, HelpName = "seconds" };
        var every = new Option<int>("--every") { Description = "Check that the PT still serves after every N cases (and at the end).", DefaultValueFactory = _ => 25, HelpName = "N" };
        var arg = new Option<string[]>("--arg") { Description = "An argument every handshake with arguments carries, key=value (repeat it): obfs4 needs cert and iat-mode.", HelpName = "k=v" };
        var parallel = new Option<int>("--parallel") { Description = "How many connections are open at once.", DefaultValueFactory = _ => 4, HelpName = "N" };
        var target = new Option<string?>("--target") { Description = "A real echo target (host:port): valid CONNECTs then must succeed and echo. Default: unreachable targets (127.0.0.1:9, [::1]:9, localhost:9).", HelpName = "host:port" };
        var command = new Command("socks", """
            Sends generated SOCKS 5 handshakes to a PT's SOCKS port, one TCP connection each: valid ones (methods X'00',
            X'02' with k=v arguments packed into RFC 1929 as tor packs them, X'09' with a JSON parameter block; CONNECT
            to IPv4, IPv6 and a domain), near-misses (one field wrong) and hostile ones (stalls, a block of 4 GiB,
            arguments of 254-511 bytes, garbage, early closes). Checks that every answer is well-formed and allowed for
            the case, and that a valid handshake still gets a reply after every N cases and at the end. Prints a table
            by kind, the failures and the replay seed of the first; exits 1 when a check failed, 2 for bad arguments.
            """)
        {
            server, cases, seed, timeout, every, parallel, arg, target,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            int n = parse.GetValue(cases), interval = parse.GetValue(every), atOnce = parse.GetValue(parallel);
            double seconds = parse.GetValue(timeout);
            if (n < 1 || interval < 1 || atOnce is < 1 or > 64 || seconds <= 0 || seconds > 600)
                return Fail("--cases and --every must be at least 1, --parallel from 1 to 64, --timeout from 0 to 600 seconds");
            if (!ConnectCommand.TryEndpoint(parse.GetValue(server)!, allowName: true, out var socks)) return Fail("expected the SOCKS port as host:port");
            if (!ConnectCommand.TryArguments(parse.GetValue(arg) ?? [], out var arguments, out string problem)) return Fail(problem);
            EndPoint? echo = null;
            if (parse.GetValue(target) is { } text && !ConnectCommand.TryEndpoint(text, allowName: true, out echo)) return Fail("--target: expected host:port");
            if (socks is DnsEndPoint name)
            {
                var addresses = await Dns.GetHostAddressesAsync(name.Host, cancellationToken).ConfigureAwait(false);
                if (addresses.Length == 0) return Fail($"{name.Host} has no address");
                socks = new IPEndPoint(addresses[0], name.Port);
            }
            string start = parse.GetValue(seed) ?? ((ulong)Random.Shared.NextInt64(1, long.MaxValue)).ToString(CultureInfo.InvariantCulture);
            try
            {
                var options = new SocksFuzzOptions(socks, n, start, TimeSpan.FromSeconds(seconds), interval, arguments, echo, atOnce);
                return await SocksFuzz.RunAsync(options, Console.Out, cancellationToken).ConfigureAwait(false);
            }
            catch (ArgumentException e)
            {
                return Fail(e.Message);
            }
        });
        return command;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine("ptkit fuzz socks: " + message);
        return 2;
    }
}
