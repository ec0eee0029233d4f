using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using Tachyon.Core.Blocks;
using Tachyon.Core.Numerics;
using Tachyon.Core.Types;
using Tachyon.Rpc.Backend;

namespace Tachyon.Sequencer.Chain;

/// <summary>
/// One block as the node serves it: open (transactions still being appended by the executor),
/// sealing (closed, header waiting for its state root) or sealed (<see cref="Header"/> set).
/// Until sealed, its transactions and receipts report block hash zero. Single writer (the
/// executor appends), any number of readers: an item's slot in the hash table is published after
/// the item, and the count after the slot (whatever a reader counts, it can find by hash).
/// </summary>
internal sealed class BlockData
{
    private ExecutedTransaction[] _txs;
    private volatile int _count;
    private volatile BlockHeader? _header;
    // Transaction hash → index + 1 (0: empty), open addressing at most half full. Per block rather than
    // one map for the chain: no node-wide table to rehash under load, and it leaves memory with the block.
    private int[] _slots;

    public BlockData(ulong number, ulong timestamp, UInt256 baseFee, ulong gasLimit, Address coinbase, int capacity = 16)
    {
        Number = number;
        Timestamp = timestamp;
        BaseFee = baseFee;
        GasLimit = gasLimit;
        Coinbase = coinbase;
        _txs = new ExecutedTransaction[Math.Max(capacity, 1)];
        _slots = new int[SlotsFor(capacity)];
    }

    /// <summary>A sealed block read back from storage.</summary>
    public BlockData(BlockHeader header, ExecutedTransaction[] txs)
        : this(header.Number, header.Timestamp, header.BaseFeePerGas ?? UInt256.Zero, header.GasLimit, header.Coinbase, txs.Length)
    {
        txs.CopyTo(_txs, 0);
        _count = txs.Length;
        for (int i = 0; i < txs.Length; i++) Place(_slots, txs[i].Hash, i);
        GasUsed = header.GasUsed;
        LogCount = txs.Length == 0 ? 0 : txs[^1].FirstLogIndex + (ulong)txs[^1].Receipt.Logs.Count;
        _header = header;
    }

    public ulong Number { get; }
    public ulong Timestamp { get; }
    public UInt256 BaseFee { get; }
    public ulong GasLimit { get; }
    public Address Coinbase { get; }

    /// <summary>Gas used so far (executor-owned while open).</summary>
    public ulong GasUsed { get; private set; }

    /// <summary>Logs so far: the next receipt's first block-wide log index.</summary>
    public ulong LogCount { get; private set; }

    public int Count => _count;

    public BlockHeader? Header => _header;
    public bool IsSealed => _header != null;
    public Hash256 Hash => _header?.Hash ?? Hash256.Zero;

    public ExecutedTransaction this[int index] => index < _count ? _txs[index] : throw new ArgumentOutOfRangeException(nameof(index));

    public void Append(ExecutedTransaction tx)
    {
        int n = _count;
        if (n == _txs.Length) Array.Resize(ref _txs, n * 2); // readers holding the old array still see items < n
        _txs[n] = tx;
        GasUsed = tx.Receipt.CumulativeGasUsed;
        LogCount += (ulong)tx.Receipt.Logs.Count;
        int[] slots = _slots;
        if (2 * (n + 1) > slots.Length)
        {
            // Readers keep probing the old table, which holds every item before this one.
            slots = new int[SlotsFor(n + 1)];
            for (int i = 0; i < n; i++) Place(slots, _txs[i].Hash, i);
            Volatile.Write(ref _slots, slots);
        }
        Place(slots, tx.Hash, n);
        _count = n + 1;
    }

    /// <summary>The transaction with this hash (its <see cref="ExecutedTransaction.Index"/> is its position), if the block has it.</summary>
    public bool TryFind(in Hash256 hash, [NotNullWhen(true)] out ExecutedTransaction? tx)
    {
        int[] slots = Volatile.Read(ref _slots);
        int mask = slots.Length - 1;
        for (int i = hash.GetHashCode() & mask; ; i = (i + 1) & mask)
        {
            int v = Volatile.Read(ref slots[i]);
            if (v == 0) break;
            // The slot was written after the item (and after a grown array): reading it here sees both.
            ExecutedTransaction candidate = Volatile.Read(ref _txs)[v - 1];
            if (candidate.Hash == hash)
            {
                tx = candidate;
                return true;
            }
        }
        tx = null;
        return false;
    }

    private static int SlotsFor(int count) => (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, 4 * count));

    private static void Place(int[] slots, in Hash256 hash, int index)
    {
        int mask = slots.Length - 1;
        int i = hash.GetHashCode() & mask;
        while (slots[i] != 0) i = (i + 1) & mask;
        Volatile.Write(ref slots[i], index + 1);
    }

    public void Seal(BlockHeader header) => _header = header;

    /// <summary>Set by the root stage when it builds the header; published by <see cref="Seal"/>.</summary>
    internal BlockHeader? BuiltHeader { get; set; }

    /// <summary>A consistent snapshot of the transactions appended so far.</summary>
    public ReadOnlySpan<ExecutedTransaction> Snapshot()
    {
        int n = _count;
        return _txs.AsSpan(0, n);
    }

    public TransactionInfo TransactionInfo(ExecutedTransaction e) => new(e.Transaction, e.Sender)
    {
        BlockHash = Hash,
        BlockNumber = Number,
        TransactionIndex = (ulong)e.Index,
        BlockBaseFee = BaseFee,
        BlockTimestamp = Timestamp,
    };

    public ReceiptInfo ReceiptInfo(ExecutedTransaction e) => new(e.Receipt, e.Hash, (ulong)e.Index, Hash, Number)
    {
        From = e.Sender,
        To = e.Transaction.To,
        ContractAddress = e.ContractAddress,
        GasUsed = e.GasUsed,
        EffectiveGasPrice = e.EffectiveGasPrice,
        FirstLogIndex = e.FirstLogIndex,
        BlockTimestamp = Timestamp,
    };

    public void AddLogs(ExecutedTransaction e, LogQuery? query, List<LogInfo> into)
    {
        Hash256 hash = Hash;
        var logs = e.Receipt.Logs;
        for (int i = 0; i < logs.Count; i++)
            if (query is null || query.Matches(logs[i]))
                into.Add(new LogInfo(logs[i], hash, Number, e.Hash, (ulong)e.Index, e.FirstLogIndex + (ulong)i) { BlockTimestamp = Timestamp });
    }
}
