using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using PtToolkit.Config;
using PtToolkit.Ipc;
using PtToolkit.Launch;
using PtToolkit.Socks;
using PtToolkit.Text;
using static PtToolkit.Config.PtConfig;

namespace PtToolkit.Cli.Demo;

/// <summary>
/// <c>ptkit demo</c>: a parent built on the runtime. It starts an echo server on 127.0.0.1, launches the sample
/// transport as a server in front of it (ORPort = the echo server, the key in the server's options) and as a client,
/// reads the key from the server's SMETHOD ARGS, connects through the client's CMETHOD with that key as a SOCKS
/// argument, checks that the bytes come back, shows that a wrong key is refused, and stops both PTs (pt-2.2 §1.3),
/// printing every typed event on the way.
/// </summary>
internal static class LiveDemo
{
    /// <summary>Bytes sent through the transports and echoed back.</summary>
    public const int ExchangeBytes = 64 * 1024;

    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    /// <summary>Runs the demo; returns 0 when every step worked.</summary>
    public static async Task<int> RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        if (!File.Exists(SampleTransportLaunch.Dll))
        {
            output.WriteLine($"ptkit demo: {SampleTransportLaunch.Dll} is missing (building samples/ptkit builds it)");
            return 1;
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Limit);
        var state = Directory.CreateTempSubdirectory("ptkit-demo-");
        try
        {
            var table = new DemoTable(output);
            bool passed = await RunCoreAsync(table, state, timeout.Token).ConfigureAwait(false);
            output.WriteLine(passed ? "demo passed" : "demo FAILED");
            return passed ? 0 : 1;
        }
        finally
        {
            state.Delete(recursive: true);
        }
    }

    private static async Task<bool> RunCoreAsync(DemoTable table, DirectoryInfo state, CancellationToken token)
    {
        await using var echo = new EchoServer();
        table.Note($"echo server listening on {echo.Endpoint}, the ORPort behind the PT server");
        string key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

        var serverConfig = new PtServerConfig
        {
            Versions = ["1"],
            StateLocation = Path.Combine(state.FullName, "server") + "/",
            ExitOnStdinClose = true,
            ServerTransports = ["sample"],
            BindAddresses = [new PtBindAddress("sample", PtEndpoint.IPv4("127.0.0.1", 0))],
            OrPort = PtEndpoint.IPv4("127.0.0.1", (ushort)echo.Endpoint.Port),
            Options = new Dictionary<string, PtKeyValueList> { ["sample"] = new(("key", key)) },
        };
        await using var server = new PtLauncher(SampleTransportLaunch.ForServer(serverConfig), onEvent: e => table.Event("server", e));
        var serverStart = await server.StartAsync(token).ConfigureAwait(false);
        if (serverStart.ServerMethods.FirstOrDefault(m => m.Transport == "sample") is not { } smethod)
        {
            table.Note($"the server did not start: {serverStart}");
            return false;
        }

        var clientConfig = new PtClientConfig
        {
            Versions = ["1"],
            StateLocation = Path.Combine(state.FullName, "client") + "/",
            ExitOnStdinClose = true,
            ClientTransports = ["sample"],
        };
        await using var client = new PtLauncher(SampleTransportLaunch.ForClient(clientConfig), onEvent: e => table.Event("client", e));
        var clientStart = await client.StartAsync(token).ConfigureAwait(false);
        if (clientStart.ClientMethods.FirstOrDefault(m => m.Transport == "sample") is not { } cmethod)
        {
            table.Note($"the client did not start: {clientStart}");
            return false;
        }

        var socks = ToIp(cmethod.Address);
        var bridge = ToIp(smethod.Address);
        var args = smethod.Args ?? new PtKeyValueList();
        bool echoed = await ExchangeAsync(table, socks, bridge, args, token).ConfigureAwait(false);
        bool refused = await WrongKeyAsync(table, socks, bridge, token).ConfigureAwait(false);

        var clientStop = await client.StopAsync().ConfigureAwait(false);
        var serverStop = await server.StopAsync().ConfigureAwait(false);
        table.Note($"client stopped: {clientStop.Step}, exit {clientStop.Exit?.Description ?? "unknown"}");
        table.Note($"server stopped: {serverStop.Step}, exit {serverStop.Exit?.Description ?? "unknown"}");
        return echoed && refused && Graceful(clientStop) && Graceful(serverStop);
    }

    // Through the client's SOCKS port, with the server's ARGS as per-connection arguments, to the server and the echo.
    private static async Task<bool> ExchangeAsync(DemoTable table, IPEndPoint socks, IPEndPoint bridge, PtKeyValueList args, CancellationToken token)
    {
        table.Note($"connecting through CMETHOD {socks} to SMETHOD {bridge} with the SMETHOD ARGS as SOCKS arguments");
        var connected = await PtSocksClient.ConnectAsync(socks, bridge, args, null, token).ConfigureAwait(false);
        if (!connected.IsSuccess)
        {
            table.Note($"SOCKS connection failed: {connected.Error}");
            return false;
        }
        await using var stream = connected.Value;
        byte[] sent = RandomNumberGenerator.GetBytes(ExchangeBytes);
        var reading = ReadUpToAsync(stream, sent.Length, token);
        await stream.WriteAsync(sent, token).ConfigureAwait(false);
        byte[] received = await reading.ConfigureAwait(false);
        bool same = received.AsSpan().SequenceEqual(sent);
        table.Note($"sent {sent.Length} random bytes, {received.Length} came back, {(same ? "identical" : "DIFFERENT")}");
        return same;
    }

    // The same with another key: the server checks the client's hello and closes the connection.
    private static async Task<bool> WrongKeyAsync(DemoTable table, IPEndPoint socks, IPEndPoint bridge, CancellationToken token)
    {
        var wrong = new PtKeyValueList(("key", Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32))));
        var connected = await PtSocksClient.ConnectAsync(socks, bridge, wrong, null, token).ConfigureAwait(false);
        if (!connected.IsSuccess)
        {
            table.Note($"with a wrong key: SOCKS connection failed ({connected.Error})");
            return true;
        }
        await using var stream = connected.Value;
        byte[] received;
        try
        {
            var reading = ReadUpToAsync(stream, 16, token);
            await stream.WriteAsync("sixteen bytes..."u8.ToArray(), token).ConfigureAwait(false);
            received = await reading.ConfigureAwait(false);
        }
        catch (IOException)
        {
            received = [];
        }
        bool refused = received.Length == 0;
        table.Note(refused
            ? "with a wrong key: the server refused the hello and closed the connection, nothing came back"
            : $"with a wrong key: {received.Length} bytes came back, the key made NO difference");
        return refused;
    }

    /// <summary>Reads until <paramref name="count"/> bytes or the end of the stream.</summary>
    private static async Task<byte[]> ReadUpToAsync(Stream stream, int count, CancellationToken token)
    {
        byte[] buffer = new byte[count];
        int read = await stream.ReadAtLeastAsync(buffer, count, throwOnEndOfStream: false, token).ConfigureAwait(false);
        return buffer[..read];
    }

    private static bool Graceful(PtShutdownResult stop) => stop.Step == PtShutdownStep.StdinClosed && stop.Exit?.Code == 0;

    private static IPEndPoint ToIp(PtEndpoint endpoint) => new(IPAddress.Parse(endpoint.Host), endpoint.Port);
}
