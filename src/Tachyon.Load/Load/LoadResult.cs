using Tachyon.Load.Stats;

namespace Tachyon.Load.Load;

/// <summary>Latency percentiles in milliseconds.</summary>
public readonly record struct LatencySummary(long Count, double P50, double P90, double P99, double Max, double Mean)
{
    public static LatencySummary Of(LatencyHistogram h) =>
        new(h.Count, h.Percentile(50) / 1000.0, h.Percentile(90) / 1000.0, h.Percentile(99) / 1000.0, h.Max / 1000.0, h.Mean / 1000.0);

    public override string ToString() => Count == 0 ? "no samples" : $"p50 {P50:0.###} ms, p90 {P90:0.###} ms, p99 {P99:0.###} ms, max {Max:0.###} ms (mean {Mean:0.###} ms, n={Count})";
}

/// <summary>One second of a run.</summary>
public readonly record struct SecondSample(int Second, long Sent, long Accepted, long Included, long Errors, double LatencyP50Ms, double LatencyP99Ms);

/// <summary>Everything `tachyon load` reports: printed, written as JSON and plotted.</summary>
public sealed record LoadResult
{
    public required string Rpc { get; init; }
    public required string Transport { get; init; }
    public required string Workload { get; init; }
    public required string Mode { get; init; }
    public double? Rate { get; init; }
    public required int Accounts { get; init; }
    /// <summary>The seed the accounts' keys were derived from (--seed reproduces them).</summary>
    public ulong Seed { get; init; }
    public required double DurationSeconds { get; init; }
    public required bool Sync { get; init; }
    public required ulong ChainId { get; init; }
    public required string Fees { get; init; }
    public required string ReceiptSource { get; init; }
    public required bool StatusChecked { get; init; }
    /// <summary>When statuses were not checked per block: how many receipts were sampled, and how many of those failed.</summary>
    public int StatusSampled { get; init; }
    public int RevertedInSample { get; init; }
    public required int Presigned { get; init; }
    public required double PresignSeconds { get; init; }
    public required double SendSeconds { get; init; }
    public required double LastInclusionSeconds { get; init; }
    public required long Sent { get; init; }
    public required long Accepted { get; init; }
    public required long Rejected { get; init; }
    public required long TransportErrors { get; init; }
    public required long Included { get; init; }
    public required long Reverted { get; init; }
    public required long Skipped { get; init; }
    public required int StoppedAccounts { get; init; }
    public required bool BudgetExhausted { get; init; }
    public required long TrackerErrors { get; init; }
    public string? LastTrackerError { get; init; }
    public required LatencySummary Latency { get; init; }
    public required LatencySummary AcceptLatency { get; init; }
    public LatencySummary? ScheduleLag { get; init; }
    public required IReadOnlyList<KeyValuePair<string, long>> Errors { get; init; }
    public required IReadOnlyList<SecondSample> Series { get; init; }

    public long NotIncluded => Accepted - Included;
    public double AcceptedTps => SendSeconds > 0 ? Accepted / SendSeconds : 0;
    /// <summary>Included transactions over the time from the first send to the last inclusion seen (at least the send window).</summary>
    public double IncludedTps
    {
        get
        {
            double window = Math.Max(SendSeconds, LastInclusionSeconds);
            return window > 0 ? Included / window : 0;
        }
    }
}
