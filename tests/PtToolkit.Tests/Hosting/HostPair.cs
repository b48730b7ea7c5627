using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using PtToolkit.Cli.Demo;
using PtToolkit.Hosting;
using PtToolkit.Ipc;
using PtToolkit.Socks;
using PtToolkit.Text;
using Xunit;

namespace PtToolkit.Tests.Hosting;

/// <summary>
/// An echo server, a sample-transport server host in front of it and a client host, all in process on 127.0.0.1, with
/// the addresses their CMETHOD and SMETHOD lines announced.
/// </summary>
internal sealed class HostPair : IAsyncDisposable
{
    private HostPair(EchoServer echo, InProcessHost server, InProcessHost client, IPEndPoint bridge, IPEndPoint socks)
    {
        Echo = echo;
        Server = server;
        Client = client;
        Bridge = bridge;
        Socks = socks;
    }

    public EchoServer Echo { get; }

    public InProcessHost Server { get; }

    public InProcessHost Client { get; }

    /// <summary>The server's SMETHOD address.</summary>
    public IPEndPoint Bridge { get; }

    /// <summary>The client's CMETHOD address.</summary>
    public IPEndPoint Socks { get; }

    /// <summary>The arguments that open the sample transport.</summary>
    public static PtKeyValueList KeyArgument => new(("key", InProcessHost.Key));

    /// <summary>Starts the three; the client gets <paramref name="clientOptions"/> and <paramref name="clientVariables"/>.</summary>
    public static async Task<HostPair> StartAsync(PtHostOptions? clientOptions = null, params (string Name, string Value)[] clientVariables)
    {
        var echo = new EchoServer();
        var server = InProcessHost.Server(InProcessHost.ServerEnvironment(echo.Endpoint));
        var client = InProcessHost.Client(InProcessHost.ClientEnvironment(clientVariables), clientOptions);
        var smethod = Assert.IsType<PtIpc.SmethodMessage>(Owned((await server.LinesThroughAsync("SMETHODS DONE")).Single(l => l.StartsWith("SMETHOD ", StringComparison.Ordinal))));
        var cmethod = Assert.IsType<PtIpc.CmethodMessage>(Owned((await client.LinesThroughAsync("CMETHODS DONE")).Single(l => l.StartsWith("CMETHOD ", StringComparison.Ordinal))));
        Assert.Equal(KeyArgument, smethod.Args);
        return new HostPair(echo, server, client, ToIp(smethod.Address), ToIp(cmethod.Address));
    }

    /// <summary>Connects through the client host to the server host with <paramref name="arguments"/>.</summary>
    public async Task<Stream> ConnectAsync(PtKeyValueList? arguments = null)
    {
        var connected = await PtSocksClient.ConnectAsync(Socks, Bridge, arguments ?? KeyArgument).WaitAsync(InProcessHost.Timeout);
        Assert.True(connected.IsSuccess, connected.ToString());
        return connected.Value;
    }

    /// <summary>Sends <paramref name="count"/> random bytes on <paramref name="stream"/> and checks that the same come back.</summary>
    public static async Task AssertEchoesAsync(Stream stream, int count)
    {
        byte[] sent = RandomNumberGenerator.GetBytes(count);
        byte[] received = new byte[count];
        var reading = stream.ReadExactlyAsync(received).AsTask();
        await stream.WriteAsync(sent).AsTask().WaitAsync(InProcessHost.Timeout);
        await reading.WaitAsync(InProcessHost.Timeout);
        Assert.True(sent.AsSpan().SequenceEqual(received), "the bytes that came back differ from those sent");
    }

    /// <summary>Reads until the end of <paramref name="stream"/> (a reset counts as the end); what was read.</summary>
    public static async Task<int> ReadToEndAsync(Stream stream)
    {
        byte[] buffer = new byte[4096];
        int total = 0;
        try
        {
            int n;
            while ((n = await stream.ReadAsync(buffer).AsTask().WaitAsync(InProcessHost.Timeout)) > 0) total += n;
        }
        catch (IOException)
        {
            // A reset: the connection ended.
        }
        return total;
    }

    public static IPEndPoint ToIp(PtEndpoint endpoint) => new(IPAddress.Parse(endpoint.Host), endpoint.Port);

    public static IPtMessage? Owned(string line) => PtIpc.ParseOwned(Encoding.UTF8.GetBytes(line), out var message).IsMessage ? message : null;

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await Server.DisposeAsync();
        await Echo.DisposeAsync();
    }
}
