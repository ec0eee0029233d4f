using System.Collections.Concurrent;
using Tachyon.Core.Blocks;
using Tachyon.Core.Crypto;
using Tachyon.Core.Types;
using Tachyon.State;

namespace Tachyon.Sequencer.Chain;

/// <summary>
/// Where the node finds blocks and transactions: recent blocks (the open one, those being sealed
/// and the last <c>window</c> sealed ones, fewer once they hold more than <c>maxTransactions</c>
/// and are persisted) in memory, older ones read back from LayeredState.
/// Block hashes of the whole chain are indexed in memory (rebuilt from the stored headers at start).
/// </summary>
internal sealed class ChainIndex
{
    private readonly LayeredState _state;
    private readonly int _window;
    private readonly int _maxTransactions;
    private long _oldest;       // the lowest sealed block number in memory
    private long _transactions; // transactions of the sealed blocks in memory (sealer thread)
    private readonly ConcurrentDictionary<ulong, BlockData> _blocks = new();
    private readonly ConcurrentDictionary<Hash256, ulong> _hashes = new();
    private readonly StoredBlockCache _stored = new(StoredCacheTransactions);
    private volatile BlockData _head;
    private long _newest; // the highest block number in memory (open blocks included)

    /// <summary>How many transactions the decoded blocks read back from storage may hold (~1 KB each).</summary>
    public const int StoredCacheTransactions = 65_536;

    public ChainIndex(LayeredState state, int window, BlockData head, int maxTransactions = SequencerOptions.DefaultRecentTransactions)
    {
        _state = state;
        _window = Math.Max(window, 1);
        _maxTransactions = Math.Max(maxTransactions, 1);
        _head = head;
        _blocks[head.Number] = head;
        _newest = (long)head.Number;
        _oldest = (long)head.Number;
        _transactions = head.Count;
        // Hashes of stored blocks (a restart): one header read each.
        for (ulong n = 0; n <= head.Number; n++)
        {
            byte[]? header = n == head.Number ? null : state.GetHeader(n);
            _hashes[header == null ? head.Hash : Keccak256.Compute(header)] = n;
        }
    }

    /// <summary>The newest sealed block.</summary>
    public BlockData Head => _head;

    public void AddOpen(BlockData block)
    {
        _blocks[block.Number] = block;
        if ((long)block.Number > Interlocked.Read(ref _newest)) Interlocked.Exchange(ref _newest, (long)block.Number);
    }

    /// <summary>Whether a block in memory (open, sealing or in the window) holds the transaction.</summary>
    public bool ContainsTransaction(in Hash256 hash) => FindInMemory(hash) is not null;

    /// <summary>
    /// Probes each block in memory, newest first (each has its own hash table): a hit is usually in the
    /// newest few; a miss costs ~window probes, then the stored index.
    /// </summary>
    private (BlockData Block, ExecutedTransaction Tx)? FindInMemory(in Hash256 hash)
    {
        long newest = Interlocked.Read(ref _newest);
        long oldest = Interlocked.Read(ref _oldest);
        for (long n = newest; n >= oldest; n--)
            if (_blocks.TryGetValue((ulong)n, out BlockData? b) && b.TryFind(hash, out ExecutedTransaction? tx))
                return (b, tx);
        return null;
    }

    /// <summary>
    /// The sealer publishes a block whose header is final. Blocks past the window leave memory, and
    /// so do the oldest persisted ones while the sealed blocks hold more than the transaction budget.
    /// </summary>
    public void Sealed(BlockData block)
    {
        _hashes[block.Hash] = block.Number;
        _head = block;
        _transactions += block.Count;
        long head = (long)block.Number, persisted = _state.PersistedNumber;
        long n = Interlocked.Read(ref _oldest);
        while (n < head && (n <= head - _window || (_transactions > _maxTransactions && n <= persisted)))
        {
            // The bound moves first: a reader that misses a leaving block finds it in the database.
            Interlocked.Exchange(ref _oldest, n + 1);
            if (_blocks.TryRemove((ulong)n, out BlockData? gone)) _transactions -= gone.Count;
            n++;
        }
    }

    /// <summary>A block by number: sealed, or (<paramref name="includeUnsealed"/>) being sealed or open.</summary>
    public BlockData? Get(ulong number, bool includeUnsealed = false)
    {
        if (_blocks.TryGetValue(number, out BlockData? b)) return b.IsSealed || includeUnsealed ? b : null;
        if (number > _head.Number) return null;
        if (_stored.TryGet(number, out BlockData? cached)) return cached;
        byte[]? header = _state.GetHeader(number), body = _state.GetBody(number), receipts = _state.GetReceipts(number);
        if (header == null || body == null || receipts == null) return null;
        BlockData loaded = BlockCodec.Load(header, body, receipts, _state.GetSenders(number));
        _stored.Add(loaded);
        return loaded;
    }

    /// <summary>Only a sealed block's header (no body decoding).</summary>
    public BlockHeader? GetHeader(ulong number)
    {
        if (_blocks.TryGetValue(number, out BlockData? b)) return b.Header;
        if (number > _head.Number) return null;
        byte[]? header = _state.GetHeader(number);
        return header == null ? null : BlockHeader.Decode(header);
    }

    public ulong? NumberOf(in Hash256 blockHash) => _hashes.TryGetValue(blockHash, out ulong n) ? n : null;

    /// <summary>An included transaction (in any block, sealed or not) and its position.</summary>
    public (BlockData Block, ExecutedTransaction Tx)? FindTransaction(in Hash256 hash)
    {
        if (FindInMemory(hash) is { } hit) return hit;
        if (!_state.TryGetTransactionLocation(hash, out ulong number, out int index)) return null;
        BlockData? block = Get(number);
        return block == null || index >= block.Count ? null : (block, block[index]);
    }
}
