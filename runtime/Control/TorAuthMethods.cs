using System;

namespace PtToolkit.Control;

/// <summary>Authentication methods a Tor offers in PROTOCOLINFO (control-spec §3.21, §5.1; SAFECOOKIE from current torspec).</summary>
[Flags]
public enum TorAuthMethods
{
    /// <summary>None known.</summary>
    None = 0,
    /// <summary><c>NULL</c>: no authentication required.</summary>
    Null = 1,
    /// <summary><c>HASHEDPASSWORD</c>: the controller sends the password.</summary>
    HashedPassword = 2,
    /// <summary><c>COOKIE</c>: the controller sends the contents of the cookie file.</summary>
    Cookie = 4,
    /// <summary><c>SAFECOOKIE</c>: the controller proves it knows the cookie through AUTHCHALLENGE, after Tor proves it.</summary>
    SafeCookie = 8,
}
