using System;
using System.Collections.Generic;
using System.Text;

namespace PtToolkit.Control;

/// <summary>
/// The answer to PROTOCOLINFO (control-spec §3.21): the authentication methods, the cookie file, Tor's
/// version. InfoLines with unknown keywords, unknown methods and extra arguments are ignored as the spec
/// says, and kept: unknown method names in <see cref="OtherMethods"/>, everything in <see cref="Reply"/>.
/// </summary>
public sealed class TorProtocolInfo
{
    private TorProtocolInfo(TorReply reply) => Reply = reply;

    /// <summary>The PIVERSION of the reply (1 today), or 0 when absent.</summary>
    public int ProtocolInfoVersion { get; private set; }

    /// <summary>The known methods offered.</summary>
    public TorAuthMethods Methods { get; private set; }

    /// <summary>Method names offered that this code does not know, as sent.</summary>
    public IReadOnlyList<string> OtherMethods { get; private set; } = [];

    /// <summary>The cookie file's path (its CString escapes decoded), or null when none was given.</summary>
    public string? CookieFile { get; private set; }

    /// <summary>Tor's version (<c>VERSION Tor="..."</c>), or null when absent.</summary>
    public string? TorVersion { get; private set; }

    /// <summary>The whole reply.</summary>
    public TorReply Reply { get; }

    /// <summary>
    /// Reads a PROTOCOLINFO reply through the generated <see cref="TorEvents.ProtocolInfoReply"/>. Never throws: a
    /// reply that breaks §3.21's grammar (no <c>PROTOCOLINFO</c> line, a PIVERSION that is not a number, an
    /// AUTH line without METHODS) leaves everything empty (no methods, no cookie file), so authentication then
    /// finds no usable method and says so.
    /// </summary>
    public static TorProtocolInfo FromReply(TorReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var info = new TorProtocolInfo(reply);
        if (!TorEvents.ProtocolInfoReply.TryParse(reply.View, out var view, out _)) return info;
        var others = new List<string>();
        info.ProtocolInfoVersion = view.Version <= int.MaxValue ? (int)view.Version : 0;
        if (view.HasMethods) info.Methods = ReadMethods(view.Methods.Value, others);
        if (view.HasCookieFile) info.CookieFile = view.CookieFile.ToString();
        if (view.HasTorVersion) info.TorVersion = view.TorVersion.ToString();
        info.OtherMethods = others;
        return info;
    }

    private static TorAuthMethods ReadMethods(ReadOnlySpan<byte> list, List<string> others)
    {
        var methods = TorAuthMethods.None;
        foreach (var range in list.Split((byte)','))
        {
            var name = list[range];
            if (name.SequenceEqual("NULL"u8)) methods |= TorAuthMethods.Null;
            else if (name.SequenceEqual("HASHEDPASSWORD"u8)) methods |= TorAuthMethods.HashedPassword;
            else if (name.SequenceEqual("COOKIE"u8)) methods |= TorAuthMethods.Cookie;
            else if (name.SequenceEqual("SAFECOOKIE"u8)) methods |= TorAuthMethods.SafeCookie;
            else if (!name.IsEmpty) others.Add(Encoding.UTF8.GetString(name));
        }
        return methods;
    }
}
