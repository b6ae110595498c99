using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PuqCloud.Tests.Support;

/// <summary>
/// Every error the app under test logs (a circuit that died, an unhandled exception in a page or a handler), kept
/// for a test to assert that a walk through the pages produced none.
/// </summary>
public sealed class ServerErrorLog : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _errors = new();

    /// <summary>The errors logged since the last call, taken out of the log.</summary>
    public IReadOnlyList<string> TakeNew()
    {
        var taken = new List<string>();
        while (_errors.TryDequeue(out var error)) taken.Add(error);
        return taken;
    }

    /// <summary>Adds this log beside the app's own providers (the logger factory takes every registered provider).</summary>
    public void Register(IServiceCollection services) => services.AddSingleton<ILoggerProvider>(this);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(ServerErrorLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            // The exception with its first frames, enough to find the line that threw.
            var trace = exception is null ? "" : "\n    " + string.Join("\n    ", exception.ToString().Split('\n').Take(8).Select(l => l.TrimEnd()));
            log._errors.Enqueue($"{logLevel} {category}: {formatter(state, exception)}{trace}");
        }
    }
}
