using Microsoft.Extensions.Logging;
using Tachyon.Node.Host;

namespace Tachyon.Node.Tests;

public class GcPauseMonitorTests
{
    [Fact]
    public void A_full_collection_longer_than_the_threshold_is_logged_once()
    {
        var log = new ListLogger();
        // Threshold zero: every new collection counts; a long period: only Poll() below runs.
        using var monitor = new GcPauseMonitor(log, TimeSpan.Zero, TimeSpan.FromHours(1));
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);

        Assert.True(monitor.Poll() >= 1);
        Assert.Contains(log.Lines, l => l.Contains("gen2") && l.Contains("FullBlocking") && l.Contains("paused the process"));
        Assert.Equal(0, monitor.Poll()); // the same collection is not reported twice
    }

    [Fact]
    public void Collections_shorter_than_the_threshold_are_not_logged()
    {
        var log = new ListLogger();
        using var monitor = new GcPauseMonitor(log, TimeSpan.FromHours(1), TimeSpan.FromHours(1));
        GC.Collect(2, GCCollectionMode.Forced, blocking: true);

        Assert.Equal(0, monitor.Poll());
        Assert.Empty(log.Lines);
    }

    private sealed class ListLogger : ILogger
    {
        public List<string> Lines { get; } = new();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Lines) Lines.Add($"{logLevel}: {formatter(state, exception)}");
        }
    }
}
