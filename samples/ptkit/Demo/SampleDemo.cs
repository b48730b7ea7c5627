using System;
using System.IO;
using System.Net;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using PtToolkit.Ipc;
using PtToolkit.Launch;
using PtToolkit.Socks;
using PtToolkit.Text;
using static PtToolkit.Config.PtConfig;

namespace PtToolkit.Cli.Demo;

/// <summary>
/// The sample transport (samples/SampleTransport) in the live demo: the server gets a random key as its option
/// <c>key</c> and announces it in its SMETHOD ARGS; the client passes it on as a SOCKS argument; a connection with
/// another key is refused.
/// </summary>
internal sealed class SampleDemo : IDemoTransport
{
    private readonly string _key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    /// <inheritdoc/>
    public string Name => "sample";

    /// <inheritdoc/>
    public string? Missing => File.Exists(SampleTransportLaunch.Dll) ? null : $"{SampleTransportLaunch.Dll} is missing (building samples/ptkit builds it)";

    /// <inheritdoc/>
    public PtKeyValueList? ServerOptions => new(("key", _key));

    /// <inheritdoc/>
    public PtLaunchOptions ForServer(PtServerConfig config) => SampleTransportLaunch.ForServer(config);

    /// <inheritdoc/>
    public PtLaunchOptions ForClient(PtClientConfig config) => SampleTransportLaunch.ForClient(config);

    /// <summary>The SMETHOD ARGS (<c>key</c>), as the server announced them.</summary>
    public bool TryArguments(DemoTable table, PtIpc.SmethodMessage smethod, string serverState, out PtKeyValueList arguments)
    {
        arguments = smethod.Args ?? new PtKeyValueList();
        table.Note("the SOCKS arguments: the SMETHOD ARGS (key)");
        return true;
    }

    /// <summary>The same connection with another key: the server checks the client's hello and closes the connection.</summary>
    public async Task<bool> CheckMoreAsync(DemoTable table, IPEndPoint socks, IPEndPoint bridge, CancellationToken token)
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
            var reading = LiveDemo.ReadUpToAsync(stream, 16, token);
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
}
