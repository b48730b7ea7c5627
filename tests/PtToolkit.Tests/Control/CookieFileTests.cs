using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading.Tasks;
using PtToolkit.Control;
using Xunit;

namespace PtToolkit.Tests.Control;

/// <summary>
/// The cookie file against real tor 0.4.9: a DataDirectory whose path needs CString escapes in PROTOCOLINFO,
/// and a cookie file that is missing, unreadable, of the wrong length or stale, each a typed error that says
/// which; and a malformed AUTHCHALLENGE answer from a scripted server.
/// </summary>
public class CookieFileTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private const string Password = "unused";

    /// <summary>A space, a double quote, a backslash and a non-ASCII letter: tor writes them as <c>\"</c>, <c>\\</c> and octal.</summary>
    private const string AwkwardName = "data dir \"q\" back\\slash é";

    private static async Task<TorAuthenticationException> RefusedAsync(TorProcess tor)
    {
        await using var client = await TorControlClient.ConnectAsync(tor.ControlPort).WaitAsync(Wait);
        return await Assert.ThrowsAsync<TorAuthenticationException>(() => client.AuthenticateAsync().WaitAsync(Wait));
    }

    [Fact]
    public async Task A_cookie_path_with_space_quote_backslash_and_UTF_8_is_unescaped_exactly()
    {
        await using var tor = await TorProcess.StartAsync(Password, AwkwardName);
        await using var client = await TorControlClient.ConnectAsync(tor.ControlPort).WaitAsync(Wait);
        var info = await client.GetProtocolInfoAsync().WaitAsync(Wait);
        Assert.Contains("\\\"q\\\" back\\\\slash \\303\\251", System.Text.Encoding.UTF8.GetString(info.Reply.Raw.Span), StringComparison.Ordinal);
        Assert.Equal(Path.Combine(tor.DataDirectory, "control_auth_cookie"), info.CookieFile);
        Assert.Equal(TorAuthMethods.SafeCookie, await client.AuthenticateAsync().WaitAsync(Wait));
        Assert.StartsWith("0.4.9", await client.GetInfoAsync("version").WaitAsync(Wait), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_unreadable_wrong_length_or_stale_cookie_is_a_typed_error_that_says_which()
    {
        await using var tor = await TorProcess.StartAsync(Password, AwkwardName);
        string path = Path.Combine(tor.DataDirectory, "control_auth_cookie");
        byte[] cookie = File.ReadAllBytes(path);
        string cookieHex = Convert.ToHexString(cookie);

        File.Move(path, path + ".away");
        var missing = await RefusedAsync(tor);
        Assert.Equal(TorAuthenticationFailure.CookieFileMissing, missing.Failure);
        Assert.Contains(path, missing.Message, StringComparison.Ordinal);

        Directory.CreateDirectory(path);
        var unreadable = await RefusedAsync(tor);
        Assert.Equal(TorAuthenticationFailure.CookieFileUnreadable, unreadable.Failure);
        Directory.Delete(path);

        File.WriteAllBytes(path, cookie[..31]);
        var truncated = await RefusedAsync(tor);
        Assert.Equal(TorAuthenticationFailure.CookieFileWrongLength, truncated.Failure);
        Assert.Contains("holds 31 bytes", truncated.Message, StringComparison.Ordinal);

        File.WriteAllBytes(path, [.. cookie, 0]);
        var extended = await RefusedAsync(tor);
        Assert.Equal(TorAuthenticationFailure.CookieFileWrongLength, extended.Failure);
        Assert.Contains("holds more than 32 bytes", extended.Message, StringComparison.Ordinal);

        // A cookie of the right size that tor does not hold: what a file left by an earlier run of tor looks like.
        File.WriteAllBytes(path, RandomNumberGenerator.GetBytes(32));
        await using (var client = await TorControlClient.ConnectAsync(tor.ControlPort).WaitAsync(Wait))
        {
            var stale = await Assert.ThrowsAsync<TorAuthenticationException>(() => client.AuthenticateAsync().WaitAsync(Wait));
            Assert.Equal(TorAuthenticationFailure.CookieMismatch, stale.Failure);
            Assert.Contains("stale", stale.Message, StringComparison.Ordinal);
            await Assert.ThrowsAsync<TorControlException>(() => client.GetInfoAsync("version").WaitAsync(Wait));
        }

        foreach (var error in new[] { missing, unreadable, truncated, extended })
        {
            Assert.DoesNotContain(cookieHex, error.ToString(), StringComparison.OrdinalIgnoreCase);
        }
        File.WriteAllBytes(path, cookie);
        await using (var client = await TorControlClient.ConnectAsync(tor.ControlPort).WaitAsync(Wait))
        {
            Assert.Equal(TorAuthMethods.SafeCookie, await client.AuthenticateAsync().WaitAsync(Wait));
        }
    }

    [Theory]
    [InlineData("250 AUTHCHALLENGE SERVERNONCE=" + "AB")]
    [InlineData("250 AUTHCHALLENGE SERVERHASH=" + "00" + " SERVERNONCE=" + "11")]
    [InlineData("250 OK")]
    public async Task A_malformed_AUTHCHALLENGE_answer_is_a_protocol_error_and_closes(string answer)
    {
        string directory = Directory.CreateTempSubdirectory("ptk-cookie-").FullName;
        try
        {
            string path = Path.Combine(directory, "control_auth_cookie");
            File.WriteAllBytes(path, RandomNumberGenerator.GetBytes(32));
            await using var server = FakeTorServer.StartTcp();
            await using var client = await TorControlClient.ConnectAsync(server.EndPoint).WaitAsync(Wait);
            var authenticating = client.AuthenticateAsync();
            await server.ExpectAsync("PROTOCOLINFO 1");
            await server.SendAsync($"250-PROTOCOLINFO 1\n250-AUTH METHODS=SAFECOOKIE COOKIEFILE=\"{path}\"\n250 OK\n");
            Assert.StartsWith("AUTHCHALLENGE SAFECOOKIE ", await server.ReadLineAsync(), StringComparison.Ordinal);
            await server.SendAsync(answer + "\n");
            await Assert.ThrowsAsync<TorControlProtocolException>(() => authenticating.WaitAsync(Wait));
            Assert.Null(await server.ReadLineAsync());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void A_tor_cookie_path_escaped_as_tor_escapes_it_reads_back_exactly()
    {
        string path = "/var/lib/tor dir/\"q\" \\ é\t'x'/control_auth_cookie";
        // tor's esc_for_log: backslash before \ " ', \t for tab, octal for bytes outside printable ASCII.
        string escaped = string.Concat(System.Text.Encoding.UTF8.GetBytes(path).Select(b => b switch
        {
            (byte)'\\' or (byte)'"' or (byte)'\'' => "\\" + (char)b,
            (byte)'\t' => "\\t",
            < 0x20 or >= 0x7f => "\\" + Convert.ToString(b, 8).PadLeft(3, '0'),
            _ => ((char)b).ToString(),
        }));
        var reply = ControlText.Reply($"250-PROTOCOLINFO 1\n250-AUTH METHODS=COOKIE,SAFECOOKIE COOKIEFILE=\"{escaped}\"\n250 OK\n");
        Assert.Equal(path, TorProtocolInfo.FromReply(reply).CookieFile);
    }
}
