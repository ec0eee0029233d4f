using Tachyon.State.Storage;

namespace Tachyon.State;

public sealed class LayeredStateOptions
{
    public DurabilityMode Durability { get; init; } = DurabilityMode.Sync;

    /// <summary>Blocks readable through <see cref="LayeredState.OpenView"/> (N): head-N+1 .. head.</summary>
    public int HistoryWindow { get; init; } = 128;

    /// <summary>
    /// Back-pressure bound (K): at most this many committed blocks may be waiting for the
    /// writer; Commit blocks beyond it. In async mode this is also the most blocks a crash
    /// can lose beyond what the OS had not yet written.
    /// </summary>
    public int MaxUnpersistedBlocks { get; init; } = 8;

    /// <summary>Use Parallel.For for storage tries and account subtries.</summary>
    public bool ParallelRoots { get; init; } = true;

    public StateDbOptions Db { get; init; } = new();

    /// <summary>
    /// Nice value for the writer thread and RocksDB's background threads (Linux; 0 leaves them
    /// alone), so the root stage wins a core when they compete. `tachyon bench storage`, 1M
    /// accounts, 2-core box: root p50 70-76 -> 51-53 ms, p99 114-137 -> 70-83 ms, updates/s
    /// unchanged, commit p50 +10% (docs/benchmarks.md, Storage); nice 19 measured no better.
    /// Processes without privileges can only raise it.
    /// </summary>
    public int BackgroundNice { get; init; } = 10;

    /// <summary>Receives back-pressure and failure messages.</summary>
    public Action<string>? Log { get; init; }
}
