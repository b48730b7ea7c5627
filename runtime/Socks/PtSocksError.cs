namespace PtToolkit.Socks;

/// <summary>Why a SOCKS handshake failed.</summary>
public enum PtSocksErrorReason : byte
{
    /// <summary>No error.</summary>
    None,
    /// <summary>The handshake did not finish within its time limit.</summary>
    Timeout,
    /// <summary>The peer closed the connection before the handshake finished.</summary>
    Closed,
    /// <summary>Reading or writing failed (the connection was reset or could not be made).</summary>
    IOError,
    /// <summary>A VER field holds the wrong version.</summary>
    BadVersion,
    /// <summary>The client offered no authentication method (NMETHODS is 0).</summary>
    NoMethods,
    /// <summary>No method both sides accept (the server answered X'FF', or chose one that was not offered).</summary>
    NoAcceptableMethod,
    /// <summary>The per-connection arguments are malformed; <see cref="PtSocksError.ArgumentError"/> says how.</summary>
    BadArguments,
    /// <summary>The server refused the username/password sub-negotiation (RFC 1929 STATUS not X'00').</summary>
    AuthenticationRejected,
    /// <summary>The JSON parameter block is larger than the limit (pt-2.2 §1.4, X'10').</summary>
    SettingsTooLarge,
    /// <summary>The JSON parameter block is not a JSON object of string values (pt-2.2 §1.4, X'12').</summary>
    BadSettings,
    /// <summary>The RSV byte of a request or reply is not X'00'.</summary>
    BadReserved,
    /// <summary>An ATYP the protocol does not define.</summary>
    BadAddressType,
    /// <summary>An empty domain name, or one with bytes outside visible US-ASCII.</summary>
    BadAddress,
    /// <summary>A command the server does not serve (BIND, or UDP ASSOCIATE unless enabled, or unknown).</summary>
    CommandNotSupported,
    /// <summary>The server replied with a failure; <see cref="PtSocksError.Reply"/> holds its code.</summary>
    Refused,
    /// <summary>The arguments do not fit the protocol: more than 510 bytes once escaped, for RFC 1929.</summary>
    ArgumentsTooLong,
    /// <summary>The protocol cannot carry the target (IPv6 over SOCKS 4, a domain name over 255 bytes).</summary>
    TargetNotSupported,
    /// <summary>The server's reply is malformed.</summary>
    BadReply,
}

/// <summary>
/// What went wrong in a SOCKS handshake and where: the reason, the byte offset in what the peer sent since the
/// start of the handshake (for a timeout or a closed connection, how many bytes had arrived; 0 for problems found
/// before anything was sent), and the reply code sent (server side) or received (client side), if any.
/// A default value means no error. Messages never hold arguments or addresses.
/// </summary>
public readonly struct PtSocksError : System.IEquatable<PtSocksError>
{
    /// <summary>Creates an error value.</summary>
    public PtSocksError(PtSocksErrorReason reason, long offset, PtSocksReply? reply = null, Text.PtParseError argumentError = default)
    {
        Reason = reason;
        Offset = offset;
        Reply = reply;
        ArgumentError = argumentError;
    }

    /// <summary>What was wrong.</summary>
    public PtSocksErrorReason Reason { get; }

    /// <summary>Byte offset in the peer's handshake bytes where the problem was found.</summary>
    public long Offset { get; }

    /// <summary>The reply code sent to the client (server side) or received from the server (client side), or null.</summary>
    public PtSocksReply? Reply { get; }

    /// <summary>For <see cref="PtSocksErrorReason.BadArguments"/>: the codec's error, its offset counted in the argument text.</summary>
    public Text.PtParseError ArgumentError { get; }

    /// <summary>True when this value holds an error.</summary>
    public bool IsError => Reason != PtSocksErrorReason.None;

    /// <inheritdoc/>
    public override string ToString()
    {
        if (!IsError) return "no error";
        string text = $"{Reason} at offset {Offset}";
        if (ArgumentError.IsError) text += $" (arguments: {ArgumentError})";
        return Reply is { } reply ? $"{text}, reply 0x{(byte)reply:x2} {reply}" : text;
    }

    /// <inheritdoc/>
    public bool Equals(PtSocksError other) =>
        Reason == other.Reason && Offset == other.Offset && Reply == other.Reply && ArgumentError == other.ArgumentError;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is PtSocksError other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => System.HashCode.Combine(Reason, Offset, Reply, ArgumentError);

    /// <summary>Equality.</summary>
    public static bool operator ==(PtSocksError left, PtSocksError right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(PtSocksError left, PtSocksError right) => !left.Equals(right);
}
