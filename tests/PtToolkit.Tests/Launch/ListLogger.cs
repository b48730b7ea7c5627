using System;
using System.Collections.Generic;
using Microsoft.Extensions.Logging;

namespace PtToolkit.Tests.Launch;

/// <summary>An <see cref="ILogger"/> that keeps every entry (level and formatted text), for assertions.</summary>
internal sealed class ListLogger : ILogger
{
    private readonly List<(LogLevel Level, string Text)> _entries = new();

    /// <summary>A copy of the entries so far.</summary>
    public List<(LogLevel Level, string Text)> Entries
    {
        get { lock (_entries) return new(_entries); }
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_entries) _entries.Add((logLevel, formatter(state, exception)));
    }
}
