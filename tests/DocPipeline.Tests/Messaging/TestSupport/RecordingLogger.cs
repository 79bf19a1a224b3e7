using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace DocPipeline.Tests.Messaging.TestSupport;

/// <summary>A logger that keeps every entry so tests can assert on event ids and text.</summary>
public sealed class RecordingLogger<T> : ILogger<T>
{
    public ConcurrentQueue<LogEntry> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Enqueue(new LogEntry(logLevel, eventId.Id, formatter(state, exception), exception));

    public int Count(int eventId) => Entries.Count(e => e.EventId == eventId);
}

public sealed record LogEntry(LogLevel Level, int EventId, string Message, Exception? Exception);
