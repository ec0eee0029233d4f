using System.Globalization;
using RocksDbSharp;

namespace Tachyon.State.Storage;

/// <summary>
/// The RocksDB base: one database, one column family per kind of record. Thread-safe for
/// concurrent reads and a single writer (RocksDB itself is fully thread-safe).
/// </summary>
public sealed unsafe class StateDb : IDisposable
{
    public const string Accounts = "accounts", Storage = "storage", Code = "code", TrieNodes = "trie",
        Headers = "headers", Bodies = "bodies", Receipts = "receipts", Senders = "senders", TxIndex = "txindex", Metadata = "meta";

    private static readonly string[] AllFamilies = [Accounts, Storage, Code, TrieNodes, Headers, Bodies, Receipts, Senders, TxIndex, Metadata];

    private readonly RocksDb _db;
    private readonly DbOptions _options;
    private readonly ReadOptions _read = new();
    private readonly WriteOptions _syncWrite = new WriteOptions().SetSync(true);
    private readonly WriteOptions _asyncWrite = new WriteOptions().SetSync(false);
    // Native option, cache and filter objects must outlive the database: keep them reachable.
    private readonly List<object> _keepAlive = new();

    public ColumnFamilyHandle AccountsCf { get; }
    public ColumnFamilyHandle StorageCf { get; }
    public ColumnFamilyHandle CodeCf { get; }
    public ColumnFamilyHandle TrieCf { get; }
    public ColumnFamilyHandle HeadersCf { get; }
    public ColumnFamilyHandle BodiesCf { get; }
    public ColumnFamilyHandle ReceiptsCf { get; }
    /// <summary>Per block: its transactions' senders, 20 bytes each in order (so reading a block back needs no signature recovery).</summary>
    public ColumnFamilyHandle SendersCf { get; }
    public ColumnFamilyHandle TxIndexCf { get; }
    public ColumnFamilyHandle MetadataCf { get; }

    public string Path { get; }

    public StateDb(string path, StateDbOptions? options = null)
    {
        options ??= new StateDbOptions();
        Path = path;
        Directory.CreateDirectory(path);
        _options = new DbOptions()
            .SetCreateIfMissing(true)
            .SetCreateMissingColumnFamilies(true)
            // Bounded memtable memory across all the families.
            .SetDbWriteBufferSize(options.TotalWriteBufferBytes)
            // Fewer, larger WAL files; memtables are flushed when the WAL reaches this.
            .SetMaxTotalWalSize(1UL << 30)
            // Smooth out page-cache writeback instead of bursts at file close.
            .SetBytesPerSync(1UL << 20)
            .SetInfoLogLevel(InfoLogLevel.Warn)
            // Tickers for the benchmark (bytes written, compaction I/O).
            .EnableStatistics();
        // Flushes and compactions share this many threads; on 2 cores more only adds contention.
        Native.Instance.rocksdb_options_set_max_background_jobs(_options.Handle, options.MaxBackgroundJobs);

        var cache = Cache.CreateLru(options.BlockCacheBytes);
        _keepAlive.Add(cache);
        var families = new ColumnFamilies(Family(options, cache, bloom: false, hot: false, Compression.Lz4));
        _keepAlive.Add(families);
        foreach (string name in AllFamilies)
        {
            bool pointLookups = name is Accounts or Storage or Code or TrieNodes or TxIndex or Metadata;
            bool hot = name is Accounts or Storage or TrieNodes;
            // Trie nodes are mostly hashes: compression costs CPU and saves nothing.
            Compression c = name == TrieNodes ? Compression.No : Compression.Lz4;
            families.Add(name, Family(options, cache, pointLookups, hot, c));
        }
        _db = RocksDb.Open(_options, path, families);
        AccountsCf = _db.GetColumnFamily(Accounts);
        StorageCf = _db.GetColumnFamily(Storage);
        CodeCf = _db.GetColumnFamily(Code);
        TrieCf = _db.GetColumnFamily(TrieNodes);
        HeadersCf = _db.GetColumnFamily(Headers);
        BodiesCf = _db.GetColumnFamily(Bodies);
        ReceiptsCf = _db.GetColumnFamily(Receipts);
        SendersCf = _db.GetColumnFamily(Senders); // created on open in a database from before it existed
        TxIndexCf = _db.GetColumnFamily(TxIndex);
        MetadataCf = _db.GetColumnFamily(Metadata);
    }

    private ColumnFamilyOptions Family(StateDbOptions o, Cache cache, bool bloom, bool hot, Compression compression)
    {
        var table = new BlockBasedTableOptions()
            .SetBlockCache(cache)
            // Index and filter blocks compete for the cache instead of growing without bound.
            .SetCacheIndexAndFilterBlocks(true)
            .SetPinL0FilterAndIndexBlocksInCache(true)
            .SetFormatVersion(5);
        // Point lookups by hash/address: a bloom filter skips SST files that cannot hold the key.
        if (bloom)
        {
            var filter = BloomFilterPolicy.Create(o.BloomBitsPerKey, false);
            _keepAlive.Add(filter);
            table.SetFilterPolicy(filter).SetWholeKeyFiltering(true);
        }
        _keepAlive.Add(table);
        var cf = new ColumnFamilyOptions()
            .SetBlockBasedTableFactory(table)
            // Big memtables on the hot families: fewer flushes, fewer L0 files, less write amplification.
            .SetWriteBufferSize(hot ? o.WriteBufferBytes : 16UL << 20)
            .SetMaxWriteBufferNumber(hot ? 4 : 2)
            // Level sizes follow the data: stable space amplification (~1.1x) as the state grows.
            .SetLevelCompactionDynamicLevelBytes(true)
            .SetCompression(compression);
        _keepAlive.Add(cf);
        return cf;
    }

    public void Write(WriteBatch batch, bool sync) => _db.Write(batch, sync ? _syncWrite : _asyncWrite);

    /// <summary>Point lookup without a managed key array; copies the value into a new array.</summary>
    public byte[]? Get(ColumnFamilyHandle cf, ReadOnlySpan<byte> key)
    {
        fixed (byte* k = key)
        {
            IntPtr slice = Native.Instance.rocksdb_get_pinned_cf(_db.Handle, _read.Handle, cf.Handle, k, (UIntPtr)key.Length, out IntPtr err);
            if (err != IntPtr.Zero) throw new RocksDbException(err);
            if (slice == IntPtr.Zero) return null;
            try
            {
                IntPtr v = Native.Instance.rocksdb_pinnableslice_value(slice, out UIntPtr len);
                return new ReadOnlySpan<byte>((void*)v, (int)len).ToArray();
            }
            finally { Native.Instance.rocksdb_pinnableslice_destroy(slice); }
        }
    }

    /// <summary>Point lookup decoding straight from RocksDB's pinned buffer (no copy).</summary>
    public bool TryGet<T>(ColumnFamilyHandle cf, ReadOnlySpan<byte> key, SpanDecoder<T> decode, out T value)
    {
        fixed (byte* k = key)
        {
            IntPtr slice = Native.Instance.rocksdb_get_pinned_cf(_db.Handle, _read.Handle, cf.Handle, k, (UIntPtr)key.Length, out IntPtr err);
            if (err != IntPtr.Zero) throw new RocksDbException(err);
            if (slice == IntPtr.Zero) { value = default!; return false; }
            try
            {
                IntPtr v = Native.Instance.rocksdb_pinnableslice_value(slice, out UIntPtr len);
                value = decode(new ReadOnlySpan<byte>((void*)v, (int)len));
                return true;
            }
            finally { Native.Instance.rocksdb_pinnableslice_destroy(slice); }
        }
    }

    public Iterator NewIterator(ColumnFamilyHandle cf) => _db.NewIterator(cf, _read);

    public void Put(ColumnFamilyHandle cf, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, bool sync) =>
        _db.Put(key, value, cf, sync ? _syncWrite : _asyncWrite);

    public string? Property(string name) => _db.GetProperty(name);

    /// <summary>Reads one ticker (e.g. "rocksdb.bytes.written") from the statistics dump; 0 if absent.</summary>
    public long Ticker(string name)
    {
        string? stats = _options.GetStatisticsString();
        if (stats == null) return 0;
        foreach (var line in stats.AsSpan().EnumerateLines())
        {
            if (!line.StartsWith(name) || line.Length <= name.Length || line[name.Length] != ' ') continue;
            int c = line.IndexOf("COUNT : ");
            if (c < 0) return 0;
            return long.Parse(line[(c + 8)..].Trim(), CultureInfo.InvariantCulture);
        }
        return 0;
    }

    public void Flush() => _db.Flush(new FlushOptions().SetWaitForFlush(true));

    public void Dispose() => _db.Dispose();
}

public delegate T SpanDecoder<out T>(ReadOnlySpan<byte> value);
