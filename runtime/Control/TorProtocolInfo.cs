using System;
using System.Buffers.Text;
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
    /// Reads a PROTOCOLINFO reply. Never throws: what is missing or malformed stays empty (no methods, no
    /// cookie file), so authentication then finds no usable method and says so.
    /// </summary>
    public static TorProtocolInfo FromReply(TorReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var info = new TorProtocolInfo(reply);
        var others = new List<string>();
        foreach (var line in reply.View.Lines)
        {
            if (!line.IsSuccess || !line.TryGetPositional(0, out var keyword)) continue;
            if (keyword.Value.SequenceEqual("PROTOCOLINFO"u8))
            {
                if (line.TryGetPositional(1, out var version) && Utf8Parser.TryParse(version.Value, out int v, out int used) && used == version.Value.Length)
                    info.ProtocolInfoVersion = v;
            }
            else if (keyword.Value.SequenceEqual("AUTH"u8))
            {
                if (line.TryGetArgument("METHODS"u8, out var methods)) info.Methods |= ReadMethods(methods.Value, others);
                if (line.TryGetArgument("COOKIEFILE"u8, out var cookie)) info.CookieFile ??= cookie.ToString();
            }
            else if (keyword.Value.SequenceEqual("VERSION"u8))
            {
                if (line.TryGetArgument("Tor"u8, out var tor)) info.TorVersion ??= tor.ToString();
            }
        }
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
