using System;
using System.Collections.Generic;
using System.Net;

namespace PtToolkit.Cli.Control;

/// <summary>What <c>ptkit control</c> was asked to do, checked and resolved (endpoint found, password read).</summary>
/// <param name="EndPoint">The control port (TCP) or control socket (Unix).</param>
/// <param name="Password">The password for HASHEDPASSWORD, or null to use the cookie (or NULL) only.</param>
/// <param name="Commands">Command lines to send in order, one reply printed for each.</param>
/// <param name="Events">Event names to stream as JSON lines, or null to run <paramref name="Commands"/>.</param>
/// <param name="Timeout">The bound on connecting and on each reply.</param>
internal sealed record ControlSettings(EndPoint EndPoint, string? Password, IReadOnlyList<string> Commands, IReadOnlyList<string>? Events, TimeSpan Timeout)
{
    /// <summary>Never shows the password.</summary>
    public override string ToString() =>
        $"{EndPoint}, password {(Password is null ? "none" : "given")}, {Commands.Count} commands, events {(Events is null ? "none" : string.Join(',', Events))}";
}
