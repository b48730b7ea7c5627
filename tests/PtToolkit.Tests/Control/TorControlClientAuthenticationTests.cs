using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using PtToolkit.Control;
using Xunit;

namespace PtToolkit.Tests.Control;

/// <summary>Authentication chosen from PROTOCOLINFO, against a scripted server that checks what the client proves.</summary>
public sealed class TorControlClientAuthenticationTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private readonly string _directory = Directory.CreateTempSubdirectory("ptk-auth-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string CookieFile(int length, out byte[] cookie)
    {
        cookie = RandomNumberGenerator.GetBytes(length);
        string path = Path.Combine(_directory, "control_auth_cookie");
        File.WriteAllBytes(path, cookie);
        return path;
    }

    private static Task<TorControlClient> Connect(FakeTorServer server) => TorControlClient.ConnectAsync(server.EndPoint).WaitAsync(Wait);

    /// <summary>Answers the client's PROTOCOLINFO with the given methods and cookie file.</summary>
    private static async Task Offer(FakeTorServer server, string methods, string? cookieFile)
    {
        await server.ExpectAsync("PROTOCOLINFO 1");
        string cookie = cookieFile is null ? "" : $" COOKIEFILE=\"{cookieFile.Replace("\\", "\\\\", StringComparison.Ordinal)}\"";
        await server.SendAsync($"250-PROTOCOLINFO 1\n250-AUTH METHODS={methods}{cookie}\n250-VERSION Tor=\"0.4.9.11\"\n250 OK\n");
    }

    private static byte[] Hmac(string key, byte[] cookie, byte[] clientNonce, byte[] serverNonce) =>
        HMACSHA256.HashData(Encoding.ASCII.GetBytes(key), cookie.Concat(clientNonce).Concat(serverNonce).ToArray());

    /// <summary>Answers AUTHCHALLENGE as Tor does (or with a wrong hash) and returns the client nonce.</summary>
    private static async Task<(byte[] ClientNonce, byte[] ServerNonce)> Challenge(FakeTorServer server, byte[] cookie, bool honest)
    {
        string? line = await server.ReadLineAsync();
        Assert.StartsWith("AUTHCHALLENGE SAFECOOKIE ", line, StringComparison.Ordinal);
        byte[] clientNonce = Convert.FromHexString(line!["AUTHCHALLENGE SAFECOOKIE ".Length..]);
        Assert.Equal(32, clientNonce.Length);
        byte[] serverNonce = RandomNumberGenerator.GetBytes(32);
        byte[] serverHash = Hmac("Tor safe cookie authentication server-to-controller hash", honest ? cookie : new byte[32], clientNonce, serverNonce);
        await server.SendAsync($"250 AUTHCHALLENGE SERVERHASH={Convert.ToHexString(serverHash)} SERVERNONCE={Convert.ToHexString(serverNonce)}\n");
        return (clientNonce, serverNonce);
    }

    [Fact]
    public async Task Safecookie_proves_both_sides_and_sends_the_controller_hash()
    {
        string path = CookieFile(32, out byte[] cookie);
        await using var server = FakeTorServer.StartTcp();
        await using var client = await Connect(server);
        var authenticating = client.AuthenticateAsync();
        await Offer(server, "COOKIE,SAFECOOKIE", path);
        var (clientNonce, serverNonce) = await Challenge(server, cookie, honest: true);
        string expected = Convert.ToHexString(Hmac("Tor safe cookie authentication controller-to-server hash", cookie, clientNonce, serverNonce));
        await server.ExpectAsync("AUTHENTICATE " + expected);
        await server.SendAsync("250 OK\n");
        Assert.Equal(TorAuthMethods.SafeCookie, await authenticating.WaitAsync(Wait));
        Assert.Equal("0.4.9.11", (await client.GetProtocolInfoAsync()).TorVersion);
    }

    [Fact]
    public async Task A_wrong_server_hash_stops_before_AUTHENTICATE_and_closes()
    {
        string path = CookieFile(32, out byte[] cookie);
        await using var server = FakeTorServer.StartTcp();
        await using var client = await Connect(server);
        var authenticating = client.AuthenticateAsync();
        await Offer(server, "SAFECOOKIE", path);
        await Challenge(server, cookie, honest: false);
        await Assert.ThrowsAsync<TorAuthenticationException>(() => authenticating.WaitAsync(Wait));
        Assert.Null(await server.ReadLineAsync());
    }

    [Theory]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(0)]
    public async Task A_cookie_file_not_of_32_bytes_is_refused_before_anything_is_sent(int length)
    {
        string path = CookieFile(length, out _);
        await using var server = FakeTorServer.StartTcp();
        await using var client = await Connect(server);
        var authenticating = client.AuthenticateAsync();
        await Offer(server, "COOKIE,SAFECOOKIE", path);
        var error = await Assert.ThrowsAsync<TorAuthenticationException>(() => authenticating.WaitAsync(Wait));
        Assert.Contains("32 bytes", error.Message, StringComparison.Ordinal);
        var next = client.SendAsync("QUIT");
        await server.ExpectAsync("QUIT");
        await server.SendAsync("250 closing connection\n");
        await next.WaitAsync(Wait);
    }

    [Fact]
    public async Task A_missing_cookie_file_is_an_authentication_error()
    {
        await using var server = FakeTorServer.StartTcp();
        await using var client = await Connect(server);
        var authenticating = client.AuthenticateAsync();
        await Offer(server, "COOKIE", Path.Combine(_directory, "absent"));
        var error = await Assert.ThrowsAsync<TorAuthenticationException>(() => authenticating.WaitAsync(Wait));
        Assert.IsType<FileNotFoundException>(error.InnerException);
    }

    [Fact]
    public async Task Cookie_sends_the_cookie_as_hex()
    {
        string path = CookieFile(32, out byte[] cookie);
        await using var server = FakeTorServer.StartTcp();
        await using var client = await Connect(server);
        var authenticating = client.AuthenticateAsync();
        await Offer(server, "COOKIE", path);
        await server.ExpectAsync("AUTHENTICATE " + Convert.ToHexString(cookie));
        await server.SendAsync("250 OK\n");
        Assert.Equal(TorAuthMethods.Cookie, await authenticating.WaitAsync(Wait));
    }

    [Fact]
    public async Task A_given_password_is_preferred_and_sent_as_hex()
    {
        string path = CookieFile(32, out _);
        await using var server = FakeTorServer.StartTcp();
        await using var client = await Connect(server);
        var authenticating = client.AuthenticateAsync("pa\"ss wörd");
        await Offer(server, "COOKIE,SAFECOOKIE,HASHEDPASSWORD", path);
        await server.ExpectAsync("AUTHENTICATE " + Convert.ToHexString(Encoding.UTF8.GetBytes("pa\"ss wörd")));
        await server.SendAsync("250 OK\n");
        Assert.Equal(TorAuthMethods.HashedPassword, await authenticating.WaitAsync(Wait));
    }

    [Fact]
    public async Task A_refused_password_raises_515_without_the_secret_in_the_message()
    {
        await using var server = FakeTorServer.StartTcp();
        await using var client = await Connect(server);
        var authenticating = client.AuthenticateAsync("hunter2");
        await Offer(server, "HASHEDPASSWORD", null);
        Assert.StartsWith("AUTHENTICATE ", await server.ReadLineAsync(), StringComparison.Ordinal);
        await server.SendAsync("515 Authentication failed: Password did not match HashedControlPassword value from configuration\n");
        var error = await Assert.ThrowsAsync<TorCommandException>(() => authenticating.WaitAsync(Wait));
        Assert.Equal(TorStatusCode.BadAuthentication, error.Status);
        Assert.DoesNotContain(Convert.ToHexString("hunter2"u8), error.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("hunter2", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_password_goes_as_an_empty_quoted_string()
    {
        await using var server = FakeTorServer.StartTcp();
        await using var client = await Connect(server);
        var authenticating = client.AuthenticateAsync("");
        await Offer(server, "HASHEDPASSWORD", null);
        await server.ExpectAsync("AUTHENTICATE \"\"");
        await server.SendAsync("250 OK\n");
        Assert.Equal(TorAuthMethods.HashedPassword, await authenticating.WaitAsync(Wait));
    }

    [Fact]
    public async Task A_cookie_path_with_a_NUL_is_an_authentication_error()
    {
        await using var server = FakeTorServer.StartTcp();
        await using var client = await Connect(server);
        var authenticating = client.AuthenticateAsync();
        await Offer(server, "COOKIE", _directory + "/a\\000b");
        await Assert.ThrowsAsync<TorAuthenticationException>(() => authenticating.WaitAsync(Wait));
    }

    [Fact]
    public async Task Null_authentication_sends_a_bare_AUTHENTICATE()
    {
        await using var server = FakeTorServer.StartTcp();
        await using var client = await Connect(server);
        var authenticating = client.AuthenticateAsync("unused");
        await Offer(server, "NULL", null);
        await server.ExpectAsync("AUTHENTICATE");
        await server.SendAsync("250 OK\n");
        Assert.Equal(TorAuthMethods.Null, await authenticating.WaitAsync(Wait));
    }

    [Fact]
    public async Task Without_a_usable_method_nothing_is_sent()
    {
        await using var server = FakeTorServer.StartTcp();
        await using var client = await Connect(server);
        var authenticating = client.AuthenticateAsync();
        await Offer(server, "HASHEDPASSWORD,MAGIC", null);
        var error = await Assert.ThrowsAsync<TorAuthenticationException>(() => authenticating.WaitAsync(Wait));
        Assert.Contains("MAGIC", error.Message, StringComparison.Ordinal);
        var next = client.SendAsync("QUIT");
        await server.ExpectAsync("QUIT");
        await server.SendAsync("250 closing connection\n");
        await next.WaitAsync(Wait);
    }
}
