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

    /// <summary>Receives back-pressure and failure messages.</summary>
    public Action<string>? Log { get; init; }
}
