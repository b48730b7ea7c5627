using System;
using System.Security.Cryptography;
using System.Text;

namespace PtToolkit.Control;

/// <summary>
/// One encoded command, ready to send: its bytes end in CRLF (and, for a multi-line command, in the data
/// block and its closing <c>.</c> line). Build one with <see cref="TorCommandBuilder"/>. A command that
/// carries a secret shows only its keyword in <see cref="ToString"/>, and the client wipes its bytes once sent.
/// </summary>
public sealed class TorCommand
{
    private readonly byte[] _encoded;

    internal TorCommand(string keyword, byte[] encoded, bool isSensitive)
    {
        Keyword = keyword;
        _encoded = encoded;
        IsSensitive = isSensitive;
    }

    /// <summary>The command keyword, for example <c>GETINFO</c>.</summary>
    public string Keyword { get; }

    /// <summary>The bytes sent to Tor.</summary>
    public ReadOnlyMemory<byte> Encoded => _encoded;

    /// <summary>True when the command carries a password, cookie, hash or private key.</summary>
    public bool IsSensitive { get; }

    /// <summary>Overwrites the bytes of a sensitive command with zeros (the client does so after sending it).</summary>
    internal void WipeIfSensitive()
    {
        if (IsSensitive) CryptographicOperations.ZeroMemory(_encoded);
    }

    /// <summary>The first line without its CRLF, or only the keyword when the command is sensitive.</summary>
    public override string ToString()
    {
        if (IsSensitive) return $"{Keyword} [redacted]";
        int end = _encoded.AsSpan().IndexOf((byte)'\r');
        return Encoding.UTF8.GetString(_encoded, 0, end);
    }
}
