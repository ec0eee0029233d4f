using System.Collections.Concurrent;
using System.Diagnostics;
using Tachyon.Load.Stats;

namespace Tachyon.Load.Load;

/// <summary>
/// Counters, histograms and per-second series of one run, updated lock-free from the sender tasks
/// and the inclusion tracker. Times are Stopwatch timestamps; latencies are recorded in µs.
/// </summary>
public sealed class RunMetrics
{
    private readonly long[] _sentAt;
    private readonly int[] _included;
    private readonly ConcurrentDictionary<string, long> _errors = new();

    public long Start { get; private set; }
    public int Seconds { get; }

    public long Sent, Accepted, Rejected, TransportErrors, Included, Reverted;
    /// <summary>Timestamp of the latest inclusion seen (0: none).</summary>
    public long LastIncludedAt;

    /// <summary>send → receipt (inclusion seen, or the sync answer).</summary>
    public LatencyHistogram Latency { get; } = new();
    /// <summary>send → the node's answer to the send (acceptance).</summary>
    public LatencyHistogram AcceptLatency { get; } = new();
    /// <summary>Open loop only: how late a send went out after its scheduled time.</summary>
    public LatencyHistogram ScheduleLag { get; } = new();

    public long[] SentPerSecond { get; }
    public long[] AcceptedPerSecond { get; }
    public long[] IncludedPerSecond { get; }
    public long[] ErrorsPerSecond { get; }
    public LatencyHistogram?[] LatencyPerSecond { get; }

    public RunMetrics(int txCount, int seconds)
    {
        _sentAt = new long[txCount];
        _included = new int[txCount];
        Seconds = seconds;
        SentPerSecond = new long[seconds];
        AcceptedPerSecond = new long[seconds];
        IncludedPerSecond = new long[seconds];
        ErrorsPerSecond = new long[seconds];
        LatencyPerSecond = new LatencyHistogram?[seconds];
    }

    public void Begin() => Start = Stopwatch.GetTimestamp();

    public double ElapsedSeconds(long now) => (now - Start) / (double)Stopwatch.Frequency;

    public int SecondOf(long ts) => Math.Clamp((int)((ts - Start) / Stopwatch.Frequency), 0, Seconds - 1);

    public static long Micros(long fromTs, long toTs) => (toTs - fromTs) * 1_000_000 / Stopwatch.Frequency;

    public long SentAt(int tx) => Volatile.Read(ref _sentAt[tx]);

    public bool IsIncluded(int tx) => Volatile.Read(ref _included[tx]) != 0;

    public void OnSend(int tx, long ts)
    {
        Volatile.Write(ref _sentAt[tx], ts);
        Interlocked.Increment(ref Sent);
        Interlocked.Increment(ref SentPerSecond[SecondOf(ts)]);
    }

    public void OnAccepted(long sentTs, long ts)
    {
        Interlocked.Increment(ref Accepted);
        Interlocked.Increment(ref AcceptedPerSecond[SecondOf(ts)]);
        AcceptLatency.Record(Micros(sentTs, ts));
    }

    public void OnError(string message, bool transport, long ts)
    {
        if (transport) Interlocked.Increment(ref TransportErrors);
        else Interlocked.Increment(ref Rejected);
        Interlocked.Increment(ref ErrorsPerSecond[SecondOf(ts)]);
        // Node messages often embed hashes or nonces; the first 100 characters group them well enough.
        string key = message.Length > 100 ? message[..100] : message;
        _errors.AddOrUpdate(key, 1, static (_, n) => n + 1);
    }

    /// <summary>Records that transaction <paramref name="tx"/>'s receipt was seen at <paramref name="ts"/> (once; later sightings are ignored).</summary>
    public bool OnIncluded(int tx, long ts, bool success)
    {
        long sent = SentAt(tx);
        if (sent == 0 || Interlocked.CompareExchange(ref _included[tx], 1, 0) != 0) return false;
        Interlocked.Increment(ref Included);
        if (!success) Interlocked.Increment(ref Reverted);
        long last = Volatile.Read(ref LastIncludedAt);
        while (ts > last && Interlocked.CompareExchange(ref LastIncludedAt, ts, last) != last) last = Volatile.Read(ref LastIncludedAt);
        int s = SecondOf(ts);
        Interlocked.Increment(ref IncludedPerSecond[s]);
        long us = Micros(sent, ts);
        Latency.Record(us);
        LatencyHistogram? h = Volatile.Read(ref LatencyPerSecond[s]);
        if (h is null)
        {
            Interlocked.CompareExchange(ref LatencyPerSecond[s], new LatencyHistogram(), null);
            h = LatencyPerSecond[s]!;
        }
        h.Record(us);
        return true;
    }

    public IReadOnlyList<KeyValuePair<string, long>> Errors()
    {
        var list = _errors.ToList();
        list.Sort(static (a, b) => b.Value.CompareTo(a.Value));
        return list;
    }
}
