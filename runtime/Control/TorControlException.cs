using System;

namespace PtToolkit.Control;

/// <summary>A failure of the control connection or of a command. Messages never hold secrets or command arguments.</summary>
public class TorControlException : Exception
{
    /// <summary>Creates an exception with a message.</summary>
    public TorControlException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    public TorControlException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>Tor answered a command with a 4yz or 5yz line (control-spec §4).</summary>
public sealed class TorCommandException : TorControlException
{
    /// <summary>Creates the exception for <paramref name="command"/> (its keyword) from the first failing line.</summary>
    public TorCommandException(string command, int statusCode, string replyText)
        : base($"{command} failed: {statusCode} {replyText}")
    {
        Command = command;
        StatusCode = statusCode;
        ReplyText = replyText;
    }

    /// <summary>The command keyword (never its arguments).</summary>
    public string Command { get; }

    /// <summary>The status code of the first line that is not 2yz.</summary>
    public int StatusCode { get; }

    /// <summary>The status as a known code (other codes keep their number).</summary>
    public TorStatusCode Status => (TorStatusCode)StatusCode;

    /// <summary>The text of that line, as Tor wrote it.</summary>
    public string ReplyText { get; }
}

/// <summary>Tor's bytes broke the reply grammar or a limit, or a reply came that no command was waiting for; the connection is closed.</summary>
public sealed class TorControlProtocolException : TorControlException
{
    /// <summary>Creates the exception from a framing error.</summary>
    public TorControlProtocolException(TorControlError error)
        : base($"control protocol error at {error}")
    {
        Error = error;
    }

    /// <summary>Creates the exception for a reply the protocol does not allow here.</summary>
    public TorControlProtocolException(string message)
        : base(message)
    {
    }

    /// <summary>The framing error, or a default value.</summary>
    public TorControlError Error { get; }
}

/// <summary>
/// Authentication was refused on this side: no usable method, a cookie file missing, unreadable or of the wrong
/// length, or a server hash that does not match the cookie. <see cref="Failure"/> says which.
/// </summary>
public sealed class TorAuthenticationException : TorControlException
{
    /// <summary>Creates the exception.</summary>
    public TorAuthenticationException(TorAuthenticationFailure failure, string message)
        : base(message)
    {
        Failure = failure;
    }

    /// <summary>Creates the exception with its cause.</summary>
    public TorAuthenticationException(TorAuthenticationFailure failure, string message, Exception innerException)
        : base(message, innerException)
    {
        Failure = failure;
    }

    /// <summary>Which check failed.</summary>
    public TorAuthenticationFailure Failure { get; }
}
