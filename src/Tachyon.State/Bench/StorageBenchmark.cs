using System.Diagnostics;
using System.Text.Json;
using Tachyon.Core.Crypto;
using Tachyon.Core.Types;
using Tachyon.State.Storage;

namespace Tachyon.State.Bench;

/// <summary>
/// `tachyon bench storage`: the layered state (diff layers, pipelined roots, one batch per block)
/// against a naive baseline (a Put per update, root recomputed from the flat state), same run.
/// </summary>
public static class StorageBenchmark
{
    public static StorageBenchmarkResult Run(StorageBenchmarkOptions o, TextWriter log)
    {
        if (Directory.Exists(o.DataDir)) Directory.Delete(o.DataDir, recursive: true);
        try
        {
            var layered = RunLayered(o, log);
            var baseline = RunBaseline(o, log);
            var result = new StorageBenchmarkResult(o.Accounts, o.Blocks, o.UpdatesPerBlock, o.Durability.ToString().ToLowerInvariant(), Environment.ProcessorCount, layered, baseline);
            Print(result, log);
            if (o.JsonPath != null)
                File.WriteAllText(o.JsonPath, JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true }));
            return result;
        }
        finally
        {
            if (!o.KeepData && Directory.Exists(o.DataDir)) Directory.Delete(o.DataDir, recursive: true);
        }
    }

    private const int HistoryWindow = 16;

    private static BlockRecord Block(ulong n) =>
        new(n, Keccak256.Compute(BitConverter.GetBytes(n)), BitConverter.GetBytes(n), [0xc0], [0xc0], []);

    private static StorageFigures RunLayered(StorageBenchmarkOptions o, TextWriter log)
    {
        var work = new BenchWorkload(o.Accounts, o.Contracts, o.Seed);
        using var state = LayeredState.Open(Path.Combine(o.DataDir, "layered"), new LayeredStateOptions
        {
            Durability = o.Durability,
            HistoryWindow = HistoryWindow,
            MaxUnpersistedBlocks = 4,
            Log = m => log.WriteLine(m),
        });
        // Setup: all accounts in blocks of 100k, contracts get 8 slots each.
        var setup = Stopwatch.StartNew();
        ulong n = 0;
        for (int start = 0; start < o.Accounts; start += 100_000, n++)
        {
            var diff = new BlockStateDiff();
            for (int i = start; i < Math.Min(o.Accounts, start + 100_000); i++)
            {
                diff.SetAccount(work.Accounts[i], work.RandomAccount());
                if (i < o.Contracts)
                    for (int s = 0; s < 8; s++) diff.SetStorage(work.Accounts[i], (ulong)s, (ulong)(i + s + 1));
            }
            state.Commit(diff, Block(n));
        }
        state.WaitForPersistence();
        log.WriteLine($"layered: setup of {o.Accounts:N0} accounts took {setup.Elapsed.TotalSeconds:F1} s");
        // Steady state before timing: a node dying in block B is deleted with block B+window-1, so
        // without this the first timed blocks would delete the setup's garbage (100k-account
        // blocks kill far more nodes than a 10k-update block). A running chain only ever prunes
        // deaths of ordinary blocks, one block's worth per block: that is what the timed part measures.
        var warmup = Stopwatch.StartNew();
        for (int b = 0; b < HistoryWindow; b++, n++)
        {
            var diff = new BlockStateDiff();
            work.FillBlock(diff, o.UpdatesPerBlock);
            state.Commit(diff, Block(n));
        }
        state.WaitForPersistence();
        log.WriteLine($"layered: {HistoryWindow} untimed warm-up blocks (pruning the setup's garbage) took {warmup.Elapsed.TotalSeconds:F1} s");

        var db = state.Db;
        long userBytes0 = db.Ticker("rocksdb.bytes.written");
        long physical0 = PhysicalBytes(db);
        long stall0 = db.Ticker("rocksdb.stall.micros");
        var gcPause0 = GC.GetTotalPauseDuration();
        int gen2_0 = GC.CollectionCount(2);
        long waits0 = state.Stats.BackPressureWaits;
        var waitTime0 = state.Stats.BackPressureTime;
        var (b0, w0, wr0) = (state.Stats.BatchBuildTime, state.Stats.DbWriteTime, state.Stats.BlocksWritten);
        long pruned0 = state.Stats.NodesPruned;
        var phases0 = state.Stats.RootPhaseTimes;
        long rootGcs0 = state.Stats.RootGcs, alloc0 = GC.GetTotalAllocatedBytes();
        var commitMs = new List<double>();
        var buildMs = new List<double>();
        var layers = new List<Layers.DiffLayer>();
        var cpu0 = ThreadCpu.Snapshot();
        var total = Stopwatch.StartNew();
        for (int b = 0; b < o.Blocks; b++, n++)
        {
            var diff = new BlockStateDiff();
            work.FillBlock(diff, o.UpdatesPerBlock);
            var waitBefore = state.Stats.BackPressureTime;
            var c = Stopwatch.StartNew();
            layers.Add(state.Commit(diff, Block(n)));
            commitMs.Add(c.Elapsed.TotalMilliseconds);
            buildMs.Add(c.Elapsed.TotalMilliseconds - (state.Stats.BackPressureTime - waitBefore).TotalMilliseconds);
        }
        double commitPhase = total.Elapsed.TotalSeconds;
        state.WaitForPersistence();
        double sustained = total.Elapsed.TotalSeconds;
        log.WriteLine($"layered: CPU ms per block by thread (commit to persisted): {ThreadCpu.PerBlock(cpu0, ThreadCpu.Snapshot(), o.Blocks)}");
        var ph = state.Stats.RootPhaseTimes;
        double perBlock(TimeSpan a, TimeSpan b) => (a - b).TotalMilliseconds / o.Blocks;
        log.WriteLine($"layered: root stage per block: storage tries {perBlock(ph.Storage, phases0.Storage):F1} ms, account encoding {perBlock(ph.Encode, phases0.Encode):F1} ms, " +
                      $"account trie update {perBlock(ph.Apply, phases0.Apply):F1} ms, hashing {perBlock(ph.Hash, phases0.Hash):F1} ms; {state.Stats.RootGcs - rootGcs0} GCs during roots; " +
                      $"{(GC.GetTotalAllocatedBytes() - alloc0) / o.Blocks / 1e6:F1} MB allocated per block (whole process)");
        var rootMs = layers.Select(l => l.RootElapsed.TotalMilliseconds).ToList();
        long updates = (long)o.Blocks * o.UpdatesPerBlock;
        double written = Math.Max(1, state.Stats.BlocksWritten - wr0);
        log.WriteLine($"layered: writer per block: batch build {(state.Stats.BatchBuildTime - b0).TotalMilliseconds / written:F1} ms, RocksDB write {(state.Stats.DbWriteTime - w0).TotalMilliseconds / written:F1} ms; " +
                      $"{(state.Stats.NodesPruned - pruned0) / written:F0} nodes pruned; RocksDB write stalls {(db.Ticker("rocksdb.stall.micros") - stall0) / 1000.0 / written:F1} ms; " +
                      $"commit without back-pressure p50 {Percentile(buildMs, 50):F2} ms p99 {Percentile(buildMs, 99):F2} ms");
        var f = new StorageFigures(
            Accounts: o.Accounts,
            Blocks: o.Blocks,
            Updates: updates,
            UpdatesPerSecond: updates / sustained,
            UpdatesPerSecondIntoMemory: updates / commitPhase,
            RootMsMean: rootMs.Average(),
            RootMsP50: Percentile(rootMs, 50),
            RootMsP99: Percentile(rootMs, 99),
            CommitMsP50: Percentile(commitMs, 50),
            CommitMsP99: Percentile(commitMs, 99),
            UserBytesPerUpdate: (db.Ticker("rocksdb.bytes.written") - userBytes0) / (double)updates,
            PhysicalBytesPerUpdate: (PhysicalBytes(db) - physical0) / (double)updates,
            BackPressureWaits: state.Stats.BackPressureWaits - waits0,
            BackPressureMs: (state.Stats.BackPressureTime - waitTime0).TotalMilliseconds,
            CommitOnlyMsP50: Percentile(buildMs, 50),
            CommitOnlyMsP99: Percentile(buildMs, 99),
            Note: "commit = building the layer (+ back-pressure wait); root runs on its own stage; updates/s includes waiting until every block is persisted");
        var (trieNodes, trieBytes) = state.Stats.ResidentTrie;
        log.WriteLine($"layered: resident trie {trieNodes:N0} nodes in a {trieBytes >> 20} MiB arena");
        log.WriteLine($"layered: {updates:N0} updates in {sustained:F2} s; GC pauses {(GC.GetTotalPauseDuration() - gcPause0).TotalMilliseconds:F0} ms ({GC.CollectionCount(2) - gen2_0} gen2), heap {GC.GetTotalMemory(false) >> 20} MiB");
        // Correctness check outside the timed part: the pipelined root equals a from-scratch recompute.
        var check = Stopwatch.StartNew();
        Hash256 recomputed = FlatStateRoot.Compute(db);
        Hash256 last = layers[^1].RootTask.GetAwaiter().GetResult();
        log.WriteLine($"layered: final root {last} {(recomputed == last ? "equals" : "DIFFERS FROM")} the SecureTrie recompute of the flat state ({check.Elapsed.TotalSeconds:F1} s)");
        if (recomputed != last) throw new InvalidOperationException("state root mismatch");
        return f with { RootVerified = true };
    }

    /// <summary>WAL + flush + compaction output: what actually hit the disk.</summary>
    private static long PhysicalBytes(StateDb db) =>
        db.Ticker("rocksdb.wal.bytes") + db.Ticker("rocksdb.flush.write.bytes") + db.Ticker("rocksdb.compact.write.bytes");

    private static StorageFigures RunBaseline(StorageBenchmarkOptions o, TextWriter log)
    {
        int accounts = Math.Min(o.Accounts, o.BaselineAccounts);
        var work = new BenchWorkload(accounts, o.Contracts, o.Seed);
        using var db = new StateDb(Path.Combine(o.DataDir, "baseline"));
        bool sync = o.Durability == DurabilityMode.Sync;
        Span<byte> val = stackalloc byte[FlatEncoding.MaxAccountSize];
        Span<byte> key = stackalloc byte[FlatEncoding.StorageKeySize];
        Span<byte> word = stackalloc byte[32];
        for (int i = 0; i < accounts; i++)
        {
            db.Put(db.AccountsCf, work.Accounts[i].Bytes, val[..FlatEncoding.EncodeAccount(work.RandomAccount(), val)], false);
            if (i < o.Contracts)
                for (int s = 0; s < 8; s++)
                {
                    FlatEncoding.StorageKey(work.Accounts[i], (ulong)s, key);
                    db.Put(db.StorageCf, key, [(byte)(s + 1)], false);
                }
        }
        long userBytes0 = db.Ticker("rocksdb.bytes.written");
        long physical0 = PhysicalBytes(db);
        var rootMs = new List<double>();
        var blockMs = new List<double>();
        var total = Stopwatch.StartNew();
        var accBuf = new byte[FlatEncoding.MaxAccountSize];
        var keyBuf = new byte[FlatEncoding.StorageKeySize];
        var wordBuf = new byte[32];
        for (int b = 0; b < o.BaselineBlocks; b++)
        {
            var blockTime = Stopwatch.StartNew();
            // Each update goes straight to RocksDB, one Put (and, in sync mode, one fsync) each.
            work.FillBlock(new BlockStateDiff(), o.UpdatesPerBlock,
                (a, acc) => db.Put(db.AccountsCf, a.Bytes, accBuf.AsSpan(0, FlatEncoding.EncodeAccount(acc, accBuf)), sync),
                (a, slot, v) =>
                {
                    FlatEncoding.StorageKey(a, slot, keyBuf);
                    int len = v.WriteBigEndianMinimal(wordBuf);
                    db.Put(db.StorageCf, keyBuf, wordBuf.AsSpan(0, len), sync);
                });
            var r = Stopwatch.StartNew();
            Hash256 root = FlatStateRoot.Compute(db);
            rootMs.Add(r.Elapsed.TotalMilliseconds);
            blockMs.Add(blockTime.Elapsed.TotalMilliseconds);
            log.WriteLine($"baseline: block {b} root {root} in {r.Elapsed.TotalMilliseconds:F0} ms");
        }
        double seconds = total.Elapsed.TotalSeconds;
        long updates = (long)o.BaselineBlocks * o.UpdatesPerBlock;
        return new StorageFigures(
            Accounts: accounts,
            Blocks: o.BaselineBlocks,
            Updates: updates,
            UpdatesPerSecond: updates / seconds,
            UpdatesPerSecondIntoMemory: 0,
            RootMsMean: rootMs.Average(),
            RootMsP50: Percentile(rootMs, 50),
            RootMsP99: Percentile(rootMs, 99),
            CommitMsP50: Percentile(blockMs, 50),
            CommitMsP99: Percentile(blockMs, 99),
            UserBytesPerUpdate: (db.Ticker("rocksdb.bytes.written") - userBytes0) / (double)updates,
            PhysicalBytesPerUpdate: (PhysicalBytes(db) - physical0) / (double)updates,
            BackPressureWaits: 0,
            BackPressureMs: 0,
            CommitOnlyMsP50: 0,
            CommitOnlyMsP99: 0,
            Note: accounts < o.Accounts
                ? $"baseline at a smaller scale ({accounts:N0} accounts, {o.BaselineBlocks} blocks): a full root recompute per block at {o.Accounts:N0} accounts is too slow to repeat; commit = whole block (puts + root)"
                : "commit = whole block (puts + root)");
    }

    private static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0) return 0;
        var sorted = values.Order().ToList();
        int i = (int)Math.Ceiling(p / 100 * sorted.Count) - 1;
        return sorted[Math.Clamp(i, 0, sorted.Count - 1)];
    }

    private static void Print(StorageBenchmarkResult r, TextWriter log)
    {
        log.WriteLine();
        log.WriteLine($"bench storage: {r.Accounts:N0} accounts, {r.Blocks} blocks x {r.UpdatesPerBlock:N0} updates, durability {r.Durability}, {r.Cores} cores");
        log.WriteLine($"{"",-28}{"layered",16}{"naive baseline",18}");
        void Row(string name, Func<StorageFigures, double> f, string fmt) =>
            log.WriteLine($"{name,-28}{f(r.Layered).ToString(fmt, System.Globalization.CultureInfo.InvariantCulture),16}{f(r.Baseline).ToString(fmt, System.Globalization.CultureInfo.InvariantCulture),18}");
        Row("accounts in state", f => f.Accounts, "N0");
        Row("updates/s (persisted)", f => f.UpdatesPerSecond, "N0");
        Row("state root ms/block p50", f => f.RootMsP50, "F1");
        Row("state root ms/block p99", f => f.RootMsP99, "F1");
        Row("commit latency ms p50", f => f.CommitMsP50, "F2");
        Row("commit latency ms p99", f => f.CommitMsP99, "F2");
        Row("user bytes/update", f => f.UserBytesPerUpdate, "F1");
        Row("disk bytes/update", f => f.PhysicalBytesPerUpdate, "F1");
        log.WriteLine($"layered: updates/s into memory (commit only) {r.Layered.UpdatesPerSecondIntoMemory:N0}; back-pressure waits {r.Layered.BackPressureWaits} ({r.Layered.BackPressureMs:F0} ms)");
        log.WriteLine($"layered: {r.Layered.Note}");
        log.WriteLine($"baseline: {r.Baseline.Note}");
    }
}

public sealed record StorageFigures(
    long Accounts, int Blocks, long Updates, double UpdatesPerSecond, double UpdatesPerSecondIntoMemory,
    double RootMsMean, double RootMsP50, double RootMsP99, double CommitMsP50, double CommitMsP99,
    double UserBytesPerUpdate, double PhysicalBytesPerUpdate, long BackPressureWaits, double BackPressureMs,
    double CommitOnlyMsP50, double CommitOnlyMsP99, string Note)
{
    /// <summary>The final root was checked against a from-scratch SecureTrie of the flat state.</summary>
    public bool RootVerified { get; init; }
}

public sealed record StorageBenchmarkResult(
    int Accounts, int Blocks, int UpdatesPerBlock, string Durability, int Cores, StorageFigures Layered, StorageFigures Baseline);
