using System.Collections.Concurrent;
using System.Diagnostics;
using RocksDbSharp;
using Tachyon.Core.Types;
using Tachyon.State.Layers;
using Tachyon.State.Storage;
using Tachyon.State.Trie;

namespace Tachyon.State;

/// <summary>
/// Write-optimized world state: a RocksDB base plus one in-memory diff layer per recent block.
/// <see cref="Commit"/> only builds the layer; two background stages follow, each in block
/// order: the root stage (incremental MPT, <see cref="DiffLayer.RootTask"/>) and the writer
/// (one atomic WriteBatch per block, then the layer's data is served by the base). Layers stay in
/// memory for the history window so views of recent blocks remain point lookups.
/// </summary>
public sealed class LayeredState : IDisposable
{
    private readonly LayeredStateOptions _options;
    private readonly StateTrie _trie;
    private readonly NodePruner _pruner;
    private readonly List<NodeKey> _prunedKeys = new(); // writer thread only
    private readonly BlockingCollection<DiffLayer> _rootQueue = new();
    private readonly BlockingCollection<DiffLayer> _writeQueue = new();
    private readonly Thread _rootThread, _writerThread;
    private readonly SemaphoreSlim _unpersisted;
    private readonly object _commitLock = new();
    private readonly object _layersLock = new();
    private volatile DiffLayer[] _layers = [];
    private DiffLayer? _head;
    private long _headNumber;
    private long _persistedNumber;
    // Newest block whose batch may already be visible in the base: set before the write, so a
    // reader that sees a block's data in RocksDB and then reads this knows to correct for it.
    private long _baseUpperBound;
    private volatile Exception? _fault;
    private bool _disposed;

    internal StateDb Db { get; }

    /// <summary>Test hook: runs on the writer after a block's batch is written, before it is published.</summary>
    internal Action<ulong>? AfterWriteBeforePublish;

    public LayeredStateStats Stats { get; } = new();

    private LayeredState(StateDb db, LayeredStateOptions options)
    {
        Db = db;
        _options = options;
        if (options.HistoryWindow < 1) throw new ArgumentOutOfRangeException(nameof(options), "HistoryWindow must be at least 1");
        if (options.MaxUnpersistedBlocks < 1) throw new ArgumentOutOfRangeException(nameof(options), "MaxUnpersistedBlocks must be at least 1");
        byte[]? meta = db.Get(db.MetadataCf, ChainHead.Key);
        PersistedHead = meta == null ? null : ChainHead.Decode(meta);
        _baseUpperBound = _persistedNumber = _headNumber = PersistedHead is { } h ? (long)h.Number : -1;
        _trie = new StateTrie(new DbNodeReader(db), PersistedHead?.StateRoot ?? Hash256.EmptyTrieRoot) { Parallel = options.ParallelRoots };
        _pruner = new NodePruner(options.HistoryWindow);
        // RocksDB's flush and compaction threads exist once the database is open.
        ThreadNice.SetThreadsNamed("rocksdb:", options.BackgroundNice);
        _unpersisted = new SemaphoreSlim(options.MaxUnpersistedBlocks);
        _rootThread = new Thread(RootLoop) { IsBackground = true, Name = "state-root" };
        _writerThread = new Thread(WriteLoop) { IsBackground = true, Name = "state-writer" };
        _rootThread.Start();
        _writerThread.Start();
    }

    public static LayeredState Open(string path, LayeredStateOptions? options = null)
    {
        options ??= new LayeredStateOptions();
        return new LayeredState(new StateDb(path, options.Db), options);
    }

    /// <summary>The last block fully persisted when the state was opened (null for an empty database).</summary>
    public ChainHead? PersistedHead { get; }

    /// <summary>Newest committed block; -1 when there is none.</summary>
    public long HeadNumber => Interlocked.Read(ref _headNumber);

    /// <summary>Newest block whose batch is in RocksDB; -1 when there is none.</summary>
    public long PersistedNumber => Interlocked.Read(ref _persistedNumber);

    /// <summary>
    /// Adds the block's layer on top of the head and returns it (its RootTask completes when the
    /// root stage has hashed it). Blocks while more than MaxUnpersistedBlocks are unwritten.
    /// </summary>
    public DiffLayer Commit(BlockStateDiff diff, BlockRecord block)
    {
        lock (_commitLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            ThrowIfFaulted();
            if ((long)block.Number != _headNumber + 1)
                throw new ArgumentException($"block {block.Number} does not follow head {_headNumber}", nameof(block));
            if (!_unpersisted.Wait(0))
            {
                // Back-pressure: the writer is K blocks behind; wait for it rather than grow memory.
                var sw = Stopwatch.StartNew();
                while (!_unpersisted.Wait(100)) ThrowIfFaulted();
                Stats.AddBackPressure(sw.Elapsed);
                _options.Log?.Invoke($"state: commit of block {block.Number} waited {sw.Elapsed.TotalMilliseconds:F1} ms for the writer ({_options.MaxUnpersistedBlocks} blocks unpersisted)");
            }
            var layer = new DiffLayer(_head, diff, block);
            lock (_layersLock) _layers = [.. _layers, layer];
            _head = layer;
            Interlocked.Exchange(ref _headNumber, (long)block.Number);
            _rootQueue.Add(layer);
            _writeQueue.Add(layer);
            return layer;
        }
    }

    /// <summary>The layer of a block still held in memory (committed, possibly not yet persisted), or null.</summary>
    public DiffLayer? GetLayer(ulong blockNumber) => FindLayer(blockNumber);

    /// <summary>A point-lookup view of the state at the end of <paramref name="blockNumber"/>.</summary>
    public IStateView OpenView(ulong blockNumber)
    {
        var layers = _layers;
        foreach (var l in layers)
            if (l.Number == blockNumber) return new LayerView(this, l, blockNumber);
        // The block just below the oldest layer (or the persisted head) is readable from the base.
        long baseBlock = layers.Length > 0 ? (long)layers[0].Number - 1 : PersistedNumber;
        if ((long)blockNumber == baseBlock && baseBlock <= PersistedNumber) return new LayerView(this, null, blockNumber);
        throw new ArgumentOutOfRangeException(nameof(blockNumber), $"block {blockNumber} is outside the readable window");
    }

    public IStateView OpenHeadView() => HeadNumber < 0 ? new LayerView(this, null, 0) : OpenView((ulong)HeadNumber);

    /// <summary>
    /// The layers whose origins correct a base read for a view at <paramref name="block"/>:
    /// those in (block, newest block the base may hold], oldest first. Throws if one was dropped.
    /// </summary>
    internal IEnumerable<DiffLayer> LayersAfter(ulong block)
    {
        long persisted = Interlocked.Read(ref _baseUpperBound); // read after the base read by the caller
        if (persisted <= (long)block) yield break;
        var layers = _layers;
        int i = 0;
        while (i < layers.Length && layers[i].Number <= block) i++;
        if (i == layers.Length || layers[i].Number != block + 1)
            throw new InvalidOperationException($"the view of block {block} left the history window");
        for (; i < layers.Length && (long)layers[i].Number <= persisted; i++) yield return layers[i];
    }

    public byte[]? GetHeader(ulong number) => FindLayer(number)?.Block.Header ?? ReadByNumber(Db.HeadersCf, number);
    public byte[]? GetBody(ulong number) => FindLayer(number)?.Block.Body ?? ReadByNumber(Db.BodiesCf, number);
    public byte[]? GetReceipts(ulong number) => FindLayer(number)?.Block.Receipts ?? ReadByNumber(Db.ReceiptsCf, number);

    /// <summary>The block's senders, 20 bytes per transaction; null for a block stored without them.</summary>
    public byte[]? GetSenders(ulong number) => FindLayer(number)?.Block.Senders ?? ReadByNumber(Db.SendersCf, number);

    /// <summary>Where a transaction is: block number and index in the block.</summary>
    public bool TryGetTransactionLocation(in Hash256 txHash, out ulong blockNumber, out int index)
    {
        foreach (var l in _layers)
        {
            var hashes = l.Block.TransactionHashes;
            for (int i = 0; i < hashes.Count; i++)
                if (hashes[i] == txHash) { blockNumber = l.Number; index = i; return true; }
        }
        byte[]? loc = Db.Get(Db.TxIndexCf, txHash.Bytes);
        blockNumber = loc == null ? 0 : System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(loc);
        index = loc == null ? 0 : System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(loc.AsSpan(8));
        return loc != null;
    }

    private DiffLayer? FindLayer(ulong number)
    {
        foreach (var l in _layers) if (l.Number == number) return l;
        return null;
    }

    private byte[]? ReadByNumber(ColumnFamilyHandle cf, ulong number)
    {
        Span<byte> k = stackalloc byte[8];
        FlatEncoding.BlockNumberKey(number, k);
        return Db.Get(cf, k);
    }

    /// <summary>
    /// Account and storage proofs against the state root of <paramref name="blockNumber"/>, which
    /// must be inside the history window (older roots' nodes may be pruned). Waits for the root.
    /// </summary>
    public StateProof GetProof(ulong blockNumber, in Address address, IReadOnlyList<Tachyon.Core.Numerics.UInt256> slots)
    {
        Hash256 root;
        if (FindLayer(blockNumber) is { } layer) root = layer.RootTask.GetAwaiter().GetResult();
        else if (InProofWindow(blockNumber)) root = PersistedHead!.Value.StateRoot;
        else throw new ArgumentOutOfRangeException(nameof(blockNumber), $"block {blockNumber} is outside the proof window");
        try
        {
            return ReadProof(root, address, slots);
        }
        catch (InvalidDataException) when (!InProofWindow(blockNumber))
        {
            // The window moved on while walking and the writer pruned nodes of this root.
            throw new ArgumentOutOfRangeException(nameof(blockNumber), $"block {blockNumber} left the proof window");
        }
    }

    private bool InProofWindow(ulong blockNumber) =>
        FindLayer(blockNumber) is not null || (PersistedHead is { } p && p.Number == blockNumber && _layers.Length == 0);

    private StateProof ReadProof(in Hash256 root, in Address address, IReadOnlyList<Tachyon.Core.Numerics.UInt256> slots)
    {
        var reader = new PendingNodeReader(this);
        var accountProof = new List<byte[]>();
        byte[]? leaf = ProofReader.Walk(reader, [], root, StateTrie.AccountKey(address), accountProof);
        AccountState? account = leaf == null ? null : AccountRlp.Decode(leaf);
        Hash256 storageRoot = account?.StorageRoot ?? Hash256.EmptyTrieRoot;
        var storage = new List<SlotProof>(slots.Count);
        byte[] owner = address.ToArray();
        foreach (var slot in slots)
        {
            var proof = new List<byte[]>();
            byte[]? value = ProofReader.Walk(reader, owner, storageRoot, StateTrie.SlotKey(slot), proof);
            storage.Add(new SlotProof(slot, value == null ? default : new Tachyon.Core.Rlp.RlpReader(value).ReadUInt256(), proof));
        }
        return new StateProof(account, accountProof, storage);
    }

    /// <summary>A caller-owned metadata record (e.g. the chain id); null when absent. Keys must not be "head".</summary>
    public byte[]? GetMetadata(string key) => Db.Get(Db.MetadataCf, MetadataKey(key));

    /// <summary>Writes a caller-owned metadata record at once (synced), outside the block batches.</summary>
    public void PutMetadata(string key, ReadOnlySpan<byte> value) => Db.Put(Db.MetadataCf, MetadataKey(key), value, sync: true);

    private static byte[] MetadataKey(string key)
    {
        byte[] k = System.Text.Encoding.UTF8.GetBytes(key);
        if (k.AsSpan().SequenceEqual(ChainHead.Key)) throw new ArgumentException("\"head\" is the state's own record", nameof(key));
        return k;
    }

    /// <summary>Waits until every committed block is in RocksDB.</summary>
    public void WaitForPersistence()
    {
        while (PersistedNumber < HeadNumber)
        {
            ThrowIfFaulted();
            Thread.Sleep(1);
        }
        ThrowIfFaulted();
    }

    private void RootLoop()
    {
        foreach (var layer in _rootQueue.GetConsumingEnumerable())
        {
            if (_fault != null) { layer.FailRoot(_fault); continue; }
            try
            {
                int gc0 = GC.CollectionCount(0);
                var sw = Stopwatch.StartNew();
                Hash256 root = _trie.Apply(layer.Accounts, layer.Storage, layer.WipedStorage,
                    out var resolved, out var changes, out var originAccounts, out var originStorage);
                Stats.AddRoot(sw.Elapsed);
                Stats.AddRootPhases(_trie.LastPhases, GC.CollectionCount(0) - gc0);
                Stats.SetResidentTrie(_trie.Resident);
                layer.Block.Finish(root);
                layer.SetRoot(root, resolved, changes, sw.Elapsed, originAccounts, originStorage);
            }
            catch (Exception e)
            {
                Fail(e);
                layer.FailRoot(e);
            }
        }
    }

    private void WriteLoop()
    {
        ThreadNice.SetCurrentThread(_options.BackgroundNice);
        foreach (var layer in _writeQueue.GetConsumingEnumerable())
        {
            if (_fault != null)
            {
                // Never write past a failed block: the database must stay a prefix of the chain.
                _unpersisted.Release();
                continue;
            }
            try
            {
                Hash256 root = layer.RootTask.GetAwaiter().GetResult();
                var sw = Stopwatch.StartNew();
                using (var batch = new WriteBatch())
                {
                    _pruner.Record(layer.Number, layer.TrieChanges!);
                    _prunedKeys.Clear();
                    Stats.AddPruned(_pruner.Prune(layer.Number, _prunedKeys));
                    BatchBuilder.Build(Db, layer, root, _prunedKeys, batch);
                    var built = sw.Elapsed;
                    Interlocked.Exchange(ref _baseUpperBound, (long)layer.Number);
                    Db.Write(batch, _options.Durability == DurabilityMode.Sync);
                    Stats.AddWriterPhases(built, sw.Elapsed - built);
                }
                AfterWriteBeforePublish?.Invoke(layer.Number);
                layer.DropTrieChanges();
                Interlocked.Exchange(ref _persistedNumber, (long)layer.Number);
                layer.Block.ReleaseStored(); // readers fall back to the database, which has it now
                Stats.AddWrite(sw.Elapsed);
                _unpersisted.Release();
                DropOldLayers();
            }
            catch (Exception e)
            {
                Fail(e);
                _unpersisted.Release();
            }
        }
    }

    /// <summary>Persisted layers older than the history window leave memory.</summary>
    private void DropOldLayers()
    {
        lock (_layersLock)
        {
            var layers = _layers;
            long head = HeadNumber, persisted = PersistedNumber;
            int drop = 0;
            while (drop < layers.Length && (long)layers[drop].Number <= persisted &&
                   (long)layers[drop].Number + _options.HistoryWindow <= head)
                drop++;
            if (drop == 0) return;
            if (drop < layers.Length) layers[drop].Parent = null;
            _layers = layers[drop..];
        }
    }

    private void Fail(Exception e)
    {
        _fault ??= e;
        _options.Log?.Invoke($"state: pipeline failed: {e}");
    }

    private void ThrowIfFaulted()
    {
        if (_fault is { } f) throw new InvalidOperationException("the state pipeline failed", f);
    }

    /// <summary>Persists every committed block, stops the pipeline and closes the database.</summary>
    public void Dispose()
    {
        lock (_commitLock)
        {
            if (_disposed) return;
            _disposed = true;
        }
        _rootQueue.CompleteAdding();
        _writeQueue.CompleteAdding();
        _rootThread.Join();
        _writerThread.Join();
        Db.Dispose();
    }

    /// <summary>Trie nodes of layers the writer has not stored yet, then the database.</summary>
    private sealed class PendingNodeReader(LayeredState owner) : INodeReader
    {
        public byte[]? Load(ReadOnlySpan<byte> key)
        {
            // Newest first; a layer's changes are dropped only after its batch is in RocksDB.
            var layers = owner._layers;
            for (int i = layers.Length - 1; i >= 0; i--)
            {
                var layer = layers[i];
                if (Volatile.Read(ref layer.TrieChanges) is not { } changes) continue;
                var nodes = changes.NewNodes;
                for (int j = 0; j < nodes.Count; j++)
                {
                    if (!nodes.StoreKeyAt(j).SequenceEqual(key)) continue;
                    byte[] value = nodes.ValueAt(j).ToArray();
                    // Still published after the copy (full fence: the copy's loads happen first)
                    // means the buffer was not recycled under us.
                    Interlocked.MemoryBarrier();
                    if (Volatile.Read(ref layer.TrieChanges) == changes) return value;
                    return owner.Db.Get(owner.Db.TrieCf, key);
                }
            }
            return owner.Db.Get(owner.Db.TrieCf, key);
        }
    }

    private sealed class DbNodeReader(StateDb db) : INodeReader
    {
        public byte[]? Load(ReadOnlySpan<byte> key) => db.Get(db.TrieCf, key);
    }
}
