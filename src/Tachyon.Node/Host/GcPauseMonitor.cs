using Microsoft.Extensions.Logging;

namespace Tachyon.Node.Host;

/// <summary>
/// Logs garbage collections that paused the process for long: a stalled sequencer otherwise looks
/// the same as a slow disk or a busy machine. Polls the runtime's record of the last collection of
/// each kind (full blocking, background, ephemeral); between two polls only the newest collection of a
/// kind is seen, which catches the rare long full collections but may miss an ephemeral one.
/// </summary>
public sealed class GcPauseMonitor : IDisposable
{
    private static readonly GCKind[] Kinds = [GCKind.FullBlocking, GCKind.Background, GCKind.Ephemeral];

    private readonly ILogger _log;
    private readonly TimeSpan _threshold;
    private readonly long[] _lastIndex = new long[Kinds.Length];
    private readonly Timer _timer;

    public GcPauseMonitor(ILogger log, TimeSpan threshold, TimeSpan period)
    {
        _log = log;
        _threshold = threshold;
        for (int k = 0; k < Kinds.Length; k++) _lastIndex[k] = GC.GetGCMemoryInfo(Kinds[k]).Index;
        _timer = new Timer(_ => Poll(), null, period, period);
    }

    /// <summary>Checks for new collections now; returns how many long ones it logged.</summary>
    public int Poll()
    {
        int logged = 0;
        lock (_lastIndex)
        {
            for (int k = 0; k < Kinds.Length; k++)
            {
                GCMemoryInfo info = GC.GetGCMemoryInfo(Kinds[k]);
                if (info.Index <= _lastIndex[k]) continue;
                _lastIndex[k] = info.Index;
                TimeSpan pause = TimeSpan.Zero;
                foreach (TimeSpan p in info.PauseDurations) pause += p;
                if (pause < _threshold) continue;
                logged++;
                _log.LogWarning("GC #{Index} (gen{Generation}, {Kind}{Compacting}) paused the process {Pause:F0} ms; heap {Heap} MiB, {Promoted} MiB promoted",
                    info.Index, info.Generation, Kinds[k], info.Compacted ? ", compacting" : "", pause.TotalMilliseconds,
                    info.HeapSizeBytes >> 20, info.PromotedBytes >> 20);
            }
        }
        return logged;
    }

    public void Dispose() => _timer.Dispose();
}
