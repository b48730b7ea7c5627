using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using PtToolkit.ExtOrPort;
using PtToolkit.Text;
using Xunit;

namespace PtToolkit.Tests.ExtOrPort;

/// <summary>Dialling tor's side: the cookie file read at each connection, the plain ORPort, connection failures.</summary>
public sealed class ExtOrPortDialTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("pttoolkit-dial-");
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

    public ExtOrPortDialTests() => _listener.Start();

    private string CookieFile => Path.Combine(_dir.FullName, "extended_orport_auth_cookie");

    private PtEndpoint Listening => PtEndpoint.IPv4("127.0.0.1", (ushort)((IPEndPoint)_listener.LocalEndpoint).Port);

    public void Dispose()
    {
        _listener.Stop();
        _listener.Dispose();
        _dir.Delete(recursive: true);
    }

    [Fact]
    public async Task Each_connection_reads_the_cookie_file_again()
    {
        foreach (int round in new[] { 1, 2 })
        {
            byte[] cookie = ExtOrPortCookie.Create(CookieFile);
            var server = AcceptOneAsync(cookie);

            var connection = await ExtOrPortClient.DialOrAsync(Listening, CookieFile, null, "obfs4", new IPEndPoint(IPAddress.Loopback, 1000 + round)).WaitAsync(Timeout);

            using var socket = connection.Socket;
            Assert.Equal(ExtOrPortResult.Okay, connection.Result);
            Assert.True(connection.Extended);
            Assert.True(socket!.Connected);
            var accepted = await server.WaitAsync(Timeout);
            Assert.Equal(1000 + round, accepted.UserAddress!.Port);
        }
    }

    [Fact]
    public async Task Without_an_extended_port_the_plain_orport_is_dialled()
    {
        var accept = _listener.AcceptSocketAsync();

        var connection = await ExtOrPortClient.DialOrAsync(null, CookieFile, Listening, "obfs4", new IPEndPoint(IPAddress.Loopback, 1)).WaitAsync(Timeout);

        using var client = connection.Socket;
        using var server = await accept.WaitAsync(Timeout);
        Assert.Equal(ExtOrPortResult.Okay, connection.Result);
        Assert.False(connection.Extended);
        await client!.SendAsync("OR"u8.ToArray());
        Assert.Equal("OR"u8.ToArray(), await new ScriptedPeer(server).ReadAsync(2));
    }

    [Fact]
    public async Task A_missing_cookie_file_fails_before_connecting()
    {
        var connection = await ExtOrPortClient.DialOrAsync(Listening, CookieFile, null, "obfs4", null).WaitAsync(Timeout);

        Assert.Null(connection.Socket);
        Assert.Equal(ExtOrPortStatus.CookieFile, connection.Result.Status);
        Assert.False(_listener.Pending());
    }

    [Fact]
    public async Task A_closed_port_is_a_network_error()
    {
        ExtOrPortCookie.Create(CookieFile);
        var closed = Listening;
        _listener.Stop();

        var connection = await ExtOrPortClient.ConnectAsync(closed, CookieFile, "obfs4", null).WaitAsync(Timeout);

        Assert.Null(connection.Socket);
        // Refused as a rule; reset when another test's listener took the freed port meanwhile (tests run in parallel).
        Assert.Equal(ExtOrPortStatus.NetworkError, connection.Result.Status);
        Assert.Matches("^cannot connect to the Extended ORPort: (ConnectionRefused|ConnectionReset)$", connection.Result.Message);
    }

    [Fact]
    public async Task A_denied_connection_returns_no_socket()
    {
        byte[] cookie = ExtOrPortCookie.Create(CookieFile);
        var server = AcceptOneAsync(cookie, admit: false);

        var connection = await ExtOrPortClient.ConnectAsync(Listening, CookieFile, "obfs4", null).WaitAsync(Timeout);

        Assert.Null(connection.Socket);
        Assert.Equal(ExtOrPortStatus.Denied, connection.Result.Status);
        Assert.Equal(ExtOrPortStatus.Denied, (await server.WaitAsync(Timeout)).Result.Status);
    }

    [Fact]
    public void Dialling_needs_one_of_the_ports()
    {
        Assert.Throws<ArgumentException>(() => { _ = ExtOrPortClient.DialOrAsync(null, null, null, "obfs4", null); });
        Assert.Throws<ArgumentException>(() => { _ = ExtOrPortClient.DialOrAsync(Listening, null, null, "obfs4", null); });
    }

    private async Task<ExtOrPortServerResult> AcceptOneAsync(byte[] cookie, bool admit = true)
    {
        using var socket = await _listener.AcceptSocketAsync().WaitAsync(Timeout);
        await using var stream = new NetworkStream(socket);
        return await ExtOrPortServer.AcceptAsync(stream, cookie, (_, _) => admit);
    }
}
