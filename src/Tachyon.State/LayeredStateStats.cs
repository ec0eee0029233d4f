namespace Tachyon.State;

/// <summary>Pipeline counters (thread-safe; read them for logging or benchmarks).</summary>
public sealed class LayeredStateStats
{
    private long _buildTicks, _dbWriteTicks;
    private long _backPressureWaits, _backPressureTicks, _roots, _rootTicks, _writes, _writeTicks, _pruned;

    public long BackPressureWaits => Interlocked.Read(ref _backPressureWaits);
    public TimeSpan BackPressureTime => TimeSpan.FromTicks(Interlocked.Read(ref _backPressureTicks));
    public long RootsComputed => Interlocked.Read(ref _roots);
    public TimeSpan RootTime => TimeSpan.FromTicks(Interlocked.Read(ref _rootTicks));
    public long BlocksWritten => Interlocked.Read(ref _writes);
    public TimeSpan WriteTime => TimeSpan.FromTicks(Interlocked.Read(ref _writeTicks));
    public long NodesPruned => Interlocked.Read(ref _pruned);

    /// <summary>Writer time split: building batches, RocksDB Write.</summary>
    public TimeSpan BatchBuildTime => TimeSpan.FromTicks(Interlocked.Read(ref _buildTicks));
    public TimeSpan DbWriteTime => TimeSpan.FromTicks(Interlocked.Read(ref _dbWriteTicks));

    internal void AddWriterPhases(TimeSpan build, TimeSpan write)
    {
        Interlocked.Add(ref _buildTicks, build.Ticks);
        Interlocked.Add(ref _dbWriteTicks, write.Ticks);
    }

    internal void AddBackPressure(TimeSpan t)
    {
        Interlocked.Increment(ref _backPressureWaits);
        Interlocked.Add(ref _backPressureTicks, t.Ticks);
    }

    internal void AddRoot(TimeSpan t)
    {
        Interlocked.Increment(ref _roots);
        Interlocked.Add(ref _rootTicks, t.Ticks);
    }

    internal void AddWrite(TimeSpan t)
    {
        Interlocked.Increment(ref _writes);
        Interlocked.Add(ref _writeTicks, t.Ticks);
    }

    private long _phStorage, _phEncode, _phApply, _phHash, _rootGcs;

    /// <summary>Root-stage time split (summed over blocks): storage tries, account encoding, account trie update, account trie hashing.</summary>
    public (TimeSpan Storage, TimeSpan Encode, TimeSpan Apply, TimeSpan Hash) RootPhaseTimes => (
        System.Diagnostics.Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _phStorage)),
        System.Diagnostics.Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _phEncode)),
        System.Diagnostics.Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _phApply)),
        System.Diagnostics.Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _phHash)));

    /// <summary>Garbage collections (any generation) that started while a root was being computed.</summary>
    public long RootGcs => Interlocked.Read(ref _rootGcs);

    internal void AddRootPhases(Trie.RootPhases p, int gcs)
    {
        Interlocked.Add(ref _phStorage, p.Storage);
        Interlocked.Add(ref _phEncode, p.Encode);
        Interlocked.Add(ref _phApply, p.Apply);
        Interlocked.Add(ref _phHash, p.Hash);
        Interlocked.Add(ref _rootGcs, gcs);
    }

    internal void AddPruned(int n) => Interlocked.Add(ref _pruned, n);

    private long _trieNodes, _trieBytes;

    /// <summary>The live trie after the last root: resident nodes and the bytes of their arena.</summary>
    public (long Nodes, long Bytes) ResidentTrie => (Interlocked.Read(ref _trieNodes), Interlocked.Read(ref _trieBytes));

    internal void SetResidentTrie((int Nodes, long Bytes) t)
    {
        Interlocked.Exchange(ref _trieNodes, t.Nodes);
        Interlocked.Exchange(ref _trieBytes, t.Bytes);
    }
}
