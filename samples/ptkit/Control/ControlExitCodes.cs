namespace PtToolkit.Cli.Control;

/// <summary>The exit codes of <c>ptkit control</c> (the sysexits.h numbers where one fits).</summary>
internal static class ControlExitCodes
{
    /// <summary>Every command was answered 2yz; or events streamed until Ctrl-C, SIGTERM or the end of stdin.</summary>
    public const int Ok = 0;

    /// <summary>Bad arguments: an option System.CommandLine refuses, no endpoint or two, a command line that cannot be sent.</summary>
    public const int Usage = 1;

    /// <summary>Tor answered a command (or SETEVENTS) with 4yz or 5yz; the other commands still ran.</summary>
    public const int Refused = 2;

    /// <summary>The port file or the password file cannot be read, or the port file names no control port (EX_NOINPUT).</summary>
    public const int NoInput = 66;

    /// <summary>No connection to the control port: refused, unreachable, or not within the timeout (EX_UNAVAILABLE).</summary>
    public const int Unavailable = 69;

    /// <summary>The connection broke or Tor broke the protocol, or a reply did not come within the timeout (EX_PROTOCOL).</summary>
    public const int Protocol = 76;

    /// <summary>Authentication failed: no usable method, a cookie file problem (the message says which), a refused password (EX_NOPERM).</summary>
    public const int NoPermission = 77;

    /// <summary>Ctrl-C or SIGTERM before the commands were done (128 + SIGINT).</summary>
    public const int Interrupted = 130;
}
