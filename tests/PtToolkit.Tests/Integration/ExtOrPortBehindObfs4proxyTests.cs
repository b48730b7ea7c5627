using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using PtToolkit.Config;
using PtToolkit.ExtOrPort;
using PtToolkit.Launch;
using PtToolkit.Socks;
using PtToolkit.Text;
using Xunit;

namespace PtToolkit.Tests.Integration;

/// <summary>
/// An application behind a server PT (project issue 6 §5): the runtime's Extended ORPort server with a cookie
/// it created, real obfs4proxy launched as server in front of it and as client, a connection through both
/// with the server's cert as SOCKS arguments. The application learns each client's transport and address and
/// the bytes arrive intact both ways.
/// </summary>
public sealed class ExtOrPortBehindObfs4proxyTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private readonly DirectoryInfo _state = Directory.CreateTempSubdirectory("pttoolkit-extor-obfs4-");

    public void Dispose() => _state.Delete(recursive: true);

    [Fact]
    public async Task The_application_learns_the_transport_and_address_of_a_client_and_relays_its_bytes()
    {
        string cookiePath = Path.Combine(_state.FullName, "extended_orport_auth_cookie");
        byte[] cookie = ExtOrPortCookie.Create(cookiePath);
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var extOrPort = (IPEndPoint)listener.LocalEndpoint;
        using var stop = new CancellationTokenSource(Wait * 2);
        var application = ServeOneAsync(listener, cookie, stop.Token);

        var serverConfig = Peers.Obfs4Server(_state) with
        {
            OrPort = null,
            ExtendedServerPort = new PtEndpoint("127.0.0.1", PtHostKind.IPv4, (ushort)extOrPort.Port),
            AuthCookieFile = cookiePath,
        };
        Assert.False(serverConfig.Validate().IsError, serverConfig.Validate().ToString());
        await using var server = new PtLauncher(PtLaunchOptions.ForServer(Peers.Obfs4proxy(), serverConfig) with { StartupTimeout = Wait });
        var served = await server.StartAsync().WaitAsync(Wait);
        Assert.True(served.Succeeded, served.ToString());
        var smethod = Assert.Single(served.ServerMethods);

        var clientState = _state.CreateSubdirectory("client");
        await using var client = new PtLauncher(PtLaunchOptions.ForClient(Peers.Obfs4proxy(), Peers.Obfs4Client(clientState)) with { StartupTimeout = Wait });
        var started = await client.StartAsync().WaitAsync(Wait);
        Assert.True(started.Succeeded, started.ToString());
        var socks = Assert.Single(started.ClientMethods).Address;

        var arguments = smethod.Args!.Where(a => a.Key is "cert" or "iat-mode").ToList();
        var connected = await PtSocksClient.ConnectAsync(new IPEndPoint(IPAddress.Parse(socks.Host), socks.Port),
            new IPEndPoint(IPAddress.Parse(smethod.Address.Host), smethod.Address.Port), arguments, cancellationToken: stop.Token);
        Assert.True(connected.IsSuccess, connected.Error.ToString());
        await using (var stream = connected.Value!)
        {
            byte[] sent = RandomNumberGenerator.GetBytes(256 * 1024);
            var write = stream.WriteAsync(sent, stop.Token).AsTask();
            byte[] echoed = new byte[sent.Length];
            await stream.ReadExactlyAsync(echoed, stop.Token);
            await write;
            Assert.Equal(sent, echoed);
        }

        var (transport, address) = await application.WaitAsync(Wait);
        Assert.Equal("obfs4", transport);
        Assert.NotNull(address);
        Assert.True(IPAddress.IsLoopback(address!.Address), "the client's address as obfs4proxy saw it");
        Assert.Equal(PtShutdownStep.StdinClosed, (await client.StopAsync().WaitAsync(Wait)).Step);
        Assert.Equal(PtShutdownStep.StdinClosed, (await server.StopAsync().WaitAsync(Wait)).Step);
    }

    /// <summary>Accepts one Extended ORPort connection, admits it, echoes its bytes until the peer closes; returns what it learnt.</summary>
    private static async Task<(string? Transport, IPEndPoint? Address)> ServeOneAsync(TcpListener listener, byte[] cookie, CancellationToken cancellationToken)
    {
        using var socket = await listener.AcceptSocketAsync(cancellationToken);
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        var accepted = await ExtOrPortServer.AcceptAsync(stream, cookie, cancellationToken: cancellationToken);
        Assert.True(accepted.Result.IsOkay, accepted.ToString());
        byte[] buffer = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0) await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        return (accepted.Transport, accepted.UserAddress);
    }
}
