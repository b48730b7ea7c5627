using System;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Threading.Tasks;
using PtToolkit.ExtOrPort;
using Xunit;

namespace PtToolkit.Tests.ExtOrPort;

/// <summary>
/// Our client against the real bridge side: tor 0.4.9's ext_orport.c. After OKAY, tor starts the OR link's
/// TLS handshake; completing one proves the exchange left the stream exactly at the start of OR traffic.
/// </summary>
public sealed class ExtOrPortTorTests(TorFixture tor) : IClassFixture<TorFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("198.51.100.7", 41000)]
    [InlineData("2001:db8::7", 41001)]
    public async Task Tor_accepts_our_authentication_and_metadata_then_speaks_tls(string address, int port)
    {
        var connection = await ExtOrPortClient.DialOrAsync(tor.ExtendedOrPort, tor.CookieFile, tor.OrPort, "obfs4",
            new IPEndPoint(IPAddress.Parse(address), port)).WaitAsync(Timeout);

        using var socket = connection.Socket;
        Assert.True(connection.Result.IsOkay, connection.ToString());
        Assert.True(connection.Extended);
        await AssertTlsHandshakeAsync(socket!);
    }

    [Fact]
    public async Task Tor_proves_it_holds_the_cookie_and_a_wrong_one_is_caught()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, tor.ExtendedOrPort.Port).WaitAsync(Timeout);
        await using var stream = new NetworkStream(socket);

        var result = await ExtOrPortClient.HandshakeAsync(stream, RandomNumberGenerator.GetBytes(32), "obfs4", null).WaitAsync(Timeout);

        Assert.Equal(ExtOrPortStatus.ServerHashMismatch, result.Status);
    }

    [Fact]
    public async Task Without_an_extended_port_the_plain_orport_speaks_tls()
    {
        var connection = await ExtOrPortClient.DialOrAsync(null, null, tor.OrPort, "obfs4", null).WaitAsync(Timeout);

        using var socket = connection.Socket;
        Assert.True(connection.Result.IsOkay, connection.ToString());
        Assert.False(connection.Extended);
        await AssertTlsHandshakeAsync(socket!);
    }

    private static async Task AssertTlsHandshakeAsync(Socket socket)
    {
        await using var tls = new SslStream(new NetworkStream(socket), leaveInnerStreamOpen: false);
        // tor's link certificate is self-signed; the OR protocol authenticates it later, in CERTS cells.
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = "www.example.com",
            RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null,
        };
        await tls.AuthenticateAsClientAsync(options).WaitAsync(Timeout);
        Assert.True(tls.IsAuthenticated);
    }
}
