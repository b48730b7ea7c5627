using System;
using System.Net;
using System.Text;
using Microsoft.Extensions.Logging;
using PtToolkit.Ipc;
using PtToolkit.Text;

namespace PtToolkit.Launch;

/// <summary>
/// Forwards a launched PT's LOG, STATUS and EVENT lines, its errors, state changes and exit to an
/// <see cref="ILogger"/>. Addresses in STATUS values and EVENT CONNECTION are written as <c>[scrubbed]</c>, as tor
/// does with SafeLogging: they may be bridge or client addresses. The environment is never logged.
/// </summary>
internal static partial class PtLaunchLog
{
    private const string Scrubbed = "[scrubbed]";

    /// <summary>Logs <paramref name="e"/> when it is of a kind that is logged.</summary>
    public static void Forward(ILogger logger, string pt, PtEvent e)
    {
        switch (e)
        {
            case PtMessageEvent { Message: PtIpc.LogMessage m }:
                Says(logger, LevelOf(m.Severity), pt, m.Message);
                break;
            case PtMessageEvent { Message: PtIpc.DispatcherLogMessage m }:
                Says(logger, LevelOf(m.Level), pt, m.Message);
                break;
            case PtMessageEvent { Message: PtIpc.StatusMessage m } when logger.IsEnabled(LogLevel.Information):
                Status(logger, pt, m.Transport, ScrubbedPairs(m.Values));
                break;
            case PtMessageEvent { Message: PtIpc.ConnectionEventMessage m }:
                Connection(logger, LogLevel.Debug, pt, "CONNECTION", m.Transport, "to " + Scrubbed);
                break;
            case PtMessageEvent { Message: PtIpc.ConnectionErrorEventMessage m }:
                Connection(logger, LogLevel.Warning, pt, "CONNECTION-ERROR", m.Transport, m.ErrorTypeText + (m.Message is null ? "" : " " + m.Message));
                break;
            case PtMessageEvent { Message: PtIpc.ConnectionSuccessEventMessage m }:
                Connection(logger, LogLevel.Information, pt, "CONNECTION-SUCCESS", m.Transport, "ready");
                break;
            case PtErrorEvent { Error: var error }:
                Error(logger, error.EndsLaunch ? LogLevel.Error : LogLevel.Warning, pt, error.Kind, error.Message);
                break;
            case PtStateChangedEvent { State: var state }:
                StateChanged(logger, pt, state);
                break;
            case PtExitedEvent { Exit: var exit } x:
                Exited(logger, x.Requested && exit?.Meaning is PtExitMeaning.Ok or PtExitMeaning.Signal ? LogLevel.Information : LogLevel.Warning,
                    pt, x.ProcessId, exit?.Description ?? "no exit (it could not be stopped)");
                break;
            case PtStderrTextEvent x when logger.IsEnabled(LogLevel.Debug):
                Stderr(logger, pt, x.Text);
                break;
            case PtFaultEvent x:
                Fault(logger, pt, x.Source, x.Exception);
                break;
        }
    }

    [LoggerMessage(EventId = 1, Message = "{Pt} says: {Text}")]
    private static partial void Says(ILogger logger, LogLevel level, string pt, string text);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "{Pt} status of {Transport}: {Values}")]
    private static partial void Status(ILogger logger, string pt, string transport, string values);

    [LoggerMessage(EventId = 3, Message = "{Pt} event {Name} on {Transport}: {Detail}")]
    private static partial void Connection(ILogger logger, LogLevel level, string pt, string name, string transport, string detail);

    [LoggerMessage(EventId = 4, Message = "{Pt} launch error {Kind}: {Text}")]
    private static partial void Error(ILogger logger, LogLevel level, string pt, PtLaunchErrorKind kind, string text);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "{Pt} is {State}")]
    private static partial void StateChanged(ILogger logger, string pt, PtLaunchState state);

    [LoggerMessage(EventId = 6, Message = "{Pt} (pid {Pid}) exited: {Exit}")]
    private static partial void Exited(ILogger logger, LogLevel level, string pt, int pid, string exit);

    [LoggerMessage(EventId = 7, Level = LogLevel.Debug, Message = "{Pt} stderr: {Text}")]
    private static partial void Stderr(ILogger logger, string pt, string text);

    /// <summary>User code called by the launcher (<paramref name="source"/>) threw; the launcher goes on.</summary>
    [LoggerMessage(EventId = 8, Level = LogLevel.Error, Message = "{Pt}: user code threw ({Source})")]
    public static partial void Fault(ILogger logger, string pt, PtFaultSource source, Exception exception);

    private static LogLevel LevelOf(PtIpc.LogSeverity severity) => severity switch
    {
        PtIpc.LogSeverity.Error => LogLevel.Error,
        PtIpc.LogSeverity.Warning => LogLevel.Warning,
        PtIpc.LogSeverity.Debug => LogLevel.Debug,
        _ => LogLevel.Information,
    };

    private static LogLevel LevelOf(PtIpc.LogLevel level) => level switch
    {
        PtIpc.LogLevel.Error => LogLevel.Error,
        PtIpc.LogLevel.Warn => LogLevel.Warning,
        PtIpc.LogLevel.Debug => LogLevel.Debug,
        _ => LogLevel.Information,
    };

    // K=V pairs with every value that names an address (by its key or its form) replaced.
    internal static string ScrubbedPairs(PtKeyValueList values)
    {
        var text = new StringBuilder();
        foreach (var (key, value) in values)
        {
            if (text.Length > 0) text.Append(' ');
            bool address = key.Contains("ADDR", StringComparison.OrdinalIgnoreCase)
                || IPAddress.TryParse(value, out _) || PtEndpoint.TryParse(value, allowName: false, out _);
            text.Append(key).Append('=').Append(address ? Scrubbed : value);
        }
        return text.ToString();
    }
}
