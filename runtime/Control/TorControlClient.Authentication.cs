using System;
using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace PtToolkit.Control;

public sealed partial class TorControlClient
{
    private TorProtocolInfo? _protocolInfo;

    /// <summary>PROTOCOLINFO (§3.21). Tor answers it once before authentication, so the answer is kept and reused.</summary>
    public async Task<TorProtocolInfo> GetProtocolInfoAsync(CancellationToken cancellationToken = default)
    {
        if (_protocolInfo is not null) return _protocolInfo;
        var reply = await SendCheckedAsync(TorEvents.ProtocolInfoCommand.Create([1]), cancellationToken).ConfigureAwait(false);
        return _protocolInfo = TorProtocolInfo.FromReply(reply);
    }

    /// <summary>
    /// Authenticates with the best method PROTOCOLINFO offers (§3.5): NULL; HASHEDPASSWORD when a
    /// <paramref name="password"/> is given; SAFECOOKIE; COOKIE. Secrets go as hex, are wiped after use and
    /// never shown. Returns the method used. Throws <see cref="TorAuthenticationException"/> when no offered
    /// method is usable or the cookie file or SAFECOOKIE check fails (its <see cref="TorAuthenticationException.Failure"/>
    /// says which), and <see cref="TorCommandException"/> (515) when Tor refuses.
    /// </summary>
    public async Task<TorAuthMethods> AuthenticateAsync(string? password = null, CancellationToken cancellationToken = default)
    {
        var info = await GetProtocolInfoAsync(cancellationToken).ConfigureAwait(false);
        var offered = info.Methods;
        if (offered.HasFlag(TorAuthMethods.Null))
        {
            await SendCheckedAsync(TorEvents.AuthenticateCommand.Create(), cancellationToken).ConfigureAwait(false);
            return TorAuthMethods.Null;
        }
        if (password is not null && offered.HasFlag(TorAuthMethods.HashedPassword))
        {
            await AuthenticateWithPasswordAsync(password, cancellationToken).ConfigureAwait(false);
            return TorAuthMethods.HashedPassword;
        }
        if (info.CookieFile is not null && offered.HasFlag(TorAuthMethods.SafeCookie))
        {
            await AuthenticateWithSafeCookieAsync(info.CookieFile, cancellationToken).ConfigureAwait(false);
            return TorAuthMethods.SafeCookie;
        }
        if (info.CookieFile is not null && offered.HasFlag(TorAuthMethods.Cookie))
        {
            await AuthenticateWithCookieAsync(info.CookieFile, cancellationToken).ConfigureAwait(false);
            return TorAuthMethods.Cookie;
        }
        throw new TorAuthenticationException(TorAuthenticationFailure.NoUsableMethod, $"no usable authentication method: Tor offers {offered}"
            + (info.OtherMethods.Count > 0 ? $" and {string.Join(',', info.OtherMethods)}" : "")
            + (password is null ? ", and no password was given" : ""));
    }

    private async Task AuthenticateWithPasswordAsync(string password, CancellationToken cancellationToken)
    {
        byte[] utf8 = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(password.Length));
        try
        {
            int n = Encoding.UTF8.GetBytes(password, utf8);
            await SendCheckedAsync(TorEvents.AuthenticateCommand.Create(utf8.AsMemory(0, n)), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(utf8, clearArray: true);
        }
    }

    private async Task AuthenticateWithCookieAsync(string cookieFile, CancellationToken cancellationToken)
    {
        byte[] cookie = TorSafeCookie.ReadCookie(cookieFile);
        try
        {
            await SendCheckedAsync(TorEvents.AuthenticateCommand.Create(cookie), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(cookie);
        }
    }

    /// <summary>
    /// SAFECOOKIE: AUTHCHALLENGE with a fresh 32-byte nonce; Tor's SERVERHASH is checked in constant time
    /// before anything derived from the cookie is sent, and a wrong or malformed one closes the connection.
    /// </summary>
    private async Task AuthenticateWithSafeCookieAsync(string cookieFile, CancellationToken cancellationToken)
    {
        const int n = TorSafeCookie.Length;
        byte[] cookie = TorSafeCookie.ReadCookie(cookieFile);
        // Client nonce, server nonce, server hash, expected server hash, client hash.
        byte[] secrets = new byte[5 * n];
        try
        {
            RandomNumberGenerator.Fill(secrets.AsSpan(0, n));
            var reply = await SendCheckedAsync(TorEvents.AuthChallengeCommand.Create(secrets.AsMemory(0, n)), cancellationToken).ConfigureAwait(false);
            if (!TorSafeCookie.TryReadChallenge(reply.View, secrets.AsSpan(2 * n, n), secrets.AsSpan(n, n)))
            {
                var malformed = new TorControlProtocolException("AUTHCHALLENGE: the reply has no SERVERHASH and SERVERNONCE of 64 hex digits each");
                Fail(malformed, clean: false);
                throw malformed;
            }
            if (!VerifyServerHash(cookie, secrets))
            {
                var refused = new TorAuthenticationException(TorAuthenticationFailure.CookieMismatch,
                    $"SAFECOOKIE: Tor's SERVERHASH does not match the cookie in {cookieFile}: the file is stale (Tor was restarted, or the file replaced) or the peer is not the Tor that wrote it; AUTHENTICATE not sent");
                Fail(refused, clean: false);
                throw refused;
            }
            TorSafeCookie.ComputeHash(TorSafeCookie.ControllerToServerKey, cookie, secrets.AsSpan(0, n), secrets.AsSpan(n, n), secrets.AsSpan(4 * n, n));
            await SendCheckedAsync(TorEvents.AuthenticateCommand.Create(secrets.AsMemory(4 * n, n)), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(cookie);
            CryptographicOperations.ZeroMemory(secrets);
        }
    }

    /// <summary>Compares the SERVERHASH read into <paramref name="secrets"/> with the one the cookie gives, in constant time.</summary>
    private static bool VerifyServerHash(byte[] cookie, byte[] secrets)
    {
        const int n = TorSafeCookie.Length;
        var expected = secrets.AsSpan(3 * n, n);
        TorSafeCookie.ComputeHash(TorSafeCookie.ServerToControllerKey, cookie, secrets.AsSpan(0, n), secrets.AsSpan(n, n), expected);
        return CryptographicOperations.FixedTimeEquals(expected, secrets.AsSpan(2 * n, n));
    }
}
