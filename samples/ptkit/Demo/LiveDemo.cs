using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using PtToolkit.Config;
using PtToolkit.Launch;
using PtToolkit.Socks;
using PtToolkit.Text;
using static PtToolkit.Config.PtConfig;

namespace PtToolkit.Cli.Demo;

/// <summary>
/// <c>ptkit demo</c>: a parent built on the runtime. It starts an echo server on 127.0.0.1, launches a transport
/// (<see cref="IDemoTransport"/>: the sample transport, or obfs4proxy) as a server in front of it (ORPort = the echo
/// server) and as a client, takes the per-connection arguments the server's SMETHOD or state gives, connects through
/// the client's CMETHOD with them as SOCKS arguments, checks that the bytes come back and how fast, runs the
/// transport's own checks, and stops both PTs (pt-2.2 §1.3), printing every typed event on the way.
/// </summary>
internal static class LiveDemo
{
    /// <summary>Every step worked.</summary>
    public const int Passed = 0;

    /// <summary>A step failed.</summary>
    public const int Failed = 1;

    /// <summary>The transport's program is not installed: nothing was started.</summary>
    public const int NotInstalled = 2;

    /// <summary>Bytes sent through the transports and echoed back.</summary>
    public const int ExchangeBytes = 1024 * 1024;

    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    /// <summary>Runs the demo with <paramref name="transport"/>; returns <see cref="Passed"/>, <see cref="Failed"/> or <see cref="NotInstalled"/>.</summary>
    public static async Task<int> RunAsync(IDemoTransport transport, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        if (transport.Missing is { } missing)
        {
            errors.WriteLine($"ptkit demo: {missing}");
            return NotInstalled;
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Limit);
        var state = Directory.CreateTempSubdirectory("ptkit-demo-");
        try
        {
            var table = new DemoTable(output);
            bool passed = await RunCoreAsync(transport, table, state, timeout.Token).ConfigureAwait(false);
            output.WriteLine(passed ? $"demo passed ({transport.Name})" : $"demo FAILED ({transport.Name})");
            return passed ? Passed : Failed;
        }
        finally
        {
            state.Delete(recursive: true);
        }
    }

    /// <summary>Reads until <paramref name="count"/> bytes or the end of the stream.</summary>
    public static async Task<byte[]> ReadUpToAsync(Stream stream, int count, CancellationToken token)
    {
        byte[] buffer = new byte[count];
        int read = await stream.ReadAtLeastAsync(buffer, count, throwOnEndOfStream: false, token).ConfigureAwait(false);
        return buffer[..read];
    }

    private static async Task<bool> RunCoreAsync(IDemoTransport transport, DemoTable table, DirectoryInfo state, CancellationToken token)
    {
        await using var echo = new EchoServer();
        table.Note($"echo server listening on {echo.Endpoint}, the ORPort behind the PT server");
        string serverState = Path.Combine(state.FullName, "server");

        var serverConfig = new PtServerConfig
        {
            Versions = ["1"],
            StateLocation = serverState + "/",
            ExitOnStdinClose = true,
            ServerTransports = [transport.Name],
            BindAddresses = [new PtBindAddress(transport.Name, PtEndpoint.IPv4("127.0.0.1", 0))],
            OrPort = PtEndpoint.IPv4("127.0.0.1", (ushort)echo.Endpoint.Port),
            Options = transport.ServerOptions is { } options ? new Dictionary<string, PtKeyValueList> { [transport.Name] = options } : null,
        };
        await using var server = new PtLauncher(transport.ForServer(serverConfig), onEvent: e => table.Event("server", e));
        var serverStart = await server.StartAsync(token).ConfigureAwait(false);
        if (serverStart.ServerMethods.FirstOrDefault(m => m.Transport == transport.Name) is not { } smethod)
        {
            table.Note($"the server did not start: {serverStart}");
            return false;
        }

        var clientConfig = new PtClientConfig
        {
            Versions = ["1"],
            StateLocation = Path.Combine(state.FullName, "client") + "/",
            ExitOnStdinClose = true,
            ClientTransports = [transport.Name],
        };
        await using var client = new PtLauncher(transport.ForClient(clientConfig), onEvent: e => table.Event("client", e));
        var clientStart = await client.StartAsync(token).ConfigureAwait(false);
        if (clientStart.ClientMethods.FirstOrDefault(m => m.Transport == transport.Name) is not { } cmethod)
        {
            table.Note($"the client did not start: {clientStart}");
            return false;
        }

        var socks = ToIp(cmethod.Address);
        var bridge = ToIp(smethod.Address);
        bool passed = transport.TryArguments(table, smethod, serverState, out var args)
            && await ExchangeAsync(table, socks, bridge, args, token).ConfigureAwait(false)
            && await transport.CheckMoreAsync(table, socks, bridge, token).ConfigureAwait(false);

        var clientStop = await client.StopAsync().ConfigureAwait(false);
        var serverStop = await server.StopAsync().ConfigureAwait(false);
        table.Note($"client stopped: {clientStop.Step}, exit {clientStop.Exit?.Description ?? "unknown"}");
        table.Note($"server stopped: {serverStop.Step}, exit {serverStop.Exit?.Description ?? "unknown"}");
        return passed && Graceful(clientStop) && Graceful(serverStop);
    }

    // Through the client's SOCKS port, with the per-connection arguments, to the server and the echo, and back.
    private static async Task<bool> ExchangeAsync(DemoTable table, IPEndPoint socks, IPEndPoint bridge, PtKeyValueList args, CancellationToken token)
    {
        table.Note($"connecting through CMETHOD {socks} to SMETHOD {bridge} with the SOCKS arguments");
        var connected = await PtSocksClient.ConnectAsync(socks, bridge, args, null, token).ConfigureAwait(false);
        if (!connected.IsSuccess)
        {
            table.Note($"SOCKS connection failed: {connected.Error}");
            return false;
        }
        await using var stream = connected.Value;
        byte[] sent = RandomNumberGenerator.GetBytes(ExchangeBytes);
        var clock = Stopwatch.StartNew();
        var reading = ReadUpToAsync(stream, sent.Length, token);
        await stream.WriteAsync(sent, token).ConfigureAwait(false);
        byte[] received = await reading.ConfigureAwait(false);
        double seconds = clock.Elapsed.TotalSeconds;
        bool same = received.AsSpan().SequenceEqual(sent);
        table.Note($"sent {sent.Length} random bytes, {received.Length} came back, {(same ? "identical" : "DIFFERENT")}");
        if (same) table.Note(string.Create(CultureInfo.InvariantCulture, $"throughput {sent.Length / (1024.0 * 1024.0) / seconds:0.0} MiB/s each way ({sent.Length} bytes out and back in {seconds:0.000} s)"));
        return same;
    }

    private static bool Graceful(PtShutdownResult stop) => stop.Step == PtShutdownStep.StdinClosed && stop.Exit?.Code == 0;

    private static IPEndPoint ToIp(PtEndpoint endpoint) => new(IPAddress.Parse(endpoint.Host), endpoint.Port);
}
