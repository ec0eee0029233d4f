using Tachyon.State.Storage;

namespace Tachyon.State.Bench;

public sealed class StorageBenchmarkOptions
{
    public int Accounts { get; init; } = 1_000_000;
    public int Blocks { get; init; } = 20;
    public int UpdatesPerBlock { get; init; } = 10_000;
    /// <summary>Contracts that receive the slot updates (30% of the updates).</summary>
    public int Contracts { get; init; } = 1_000;
    public string DataDir { get; init; } = Path.Combine(Path.GetTempPath(), "tachyon-bench-storage");
    public string? JsonPath { get; init; }
    public DurabilityMode Durability { get; init; } = DurabilityMode.Async;
    /// <summary>Accounts in the naive baseline (a full root recompute per block does not scale to 1M here).</summary>
    public int BaselineAccounts { get; init; } = 100_000;
    public int BaselineBlocks { get; init; } = 3;
    public int Seed { get; init; } = 1;
    public bool KeepData { get; init; }
}
