namespace Tachyon.State.Storage;

/// <summary>RocksDB tuning knobs; defaults sized for a small (2-4 core) node.</summary>
public sealed class StateDbOptions
{
    /// <summary>Shared LRU block cache for all column families.</summary>
    public ulong BlockCacheBytes { get; init; } = 256UL << 20;

    /// <summary>Memtable size of the hot column families (accounts, storage, trie nodes).</summary>
    public ulong WriteBufferBytes { get; init; } = 64UL << 20;

    /// <summary>Cap on all memtables together, so many column families cannot add up unbounded.</summary>
    public ulong TotalWriteBufferBytes { get; init; } = 512UL << 20;

    public int MaxBackgroundJobs { get; init; } = 4;

    public int BloomBitsPerKey { get; init; } = 10;
}
