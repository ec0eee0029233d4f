using System.Collections.Concurrent;

namespace Tachyon.Sequencer.Chain;

/// <summary>
/// Blocks read back from storage (older than the in-memory window), kept decoded for the next reads:
/// a receipt lookup of an old transaction decodes its whole block, and clients tend to read several
/// from the same blocks. Bounded by the transactions held, oldest insertion out first; blocks are
/// sealed, so a cached one never goes stale.
/// </summary>
internal sealed class StoredBlockCache(int maxTransactions)
{
    private readonly ConcurrentDictionary<ulong, BlockData> _blocks = new();
    private readonly ConcurrentQueue<ulong> _order = new();
    private readonly object _evict = new();
    private long _transactions;

    public int Count => _blocks.Count;

    public bool TryGet(ulong number, out BlockData? block) => _blocks.TryGetValue(number, out block);

    public void Add(BlockData block)
    {
        if (!_blocks.TryAdd(block.Number, block)) return; // another reader loaded it meanwhile
        _order.Enqueue(block.Number);
        Interlocked.Add(ref _transactions, block.Count);
        lock (_evict)
        {
            // Always keeps the newest one, however large.
            while (Interlocked.Read(ref _transactions) > maxTransactions && _blocks.Count > 1 && _order.TryDequeue(out ulong old))
                if (_blocks.TryRemove(old, out BlockData? gone)) Interlocked.Add(ref _transactions, -gone.Count);
        }
    }
}
