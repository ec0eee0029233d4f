using System.Buffers;
using Microsoft.Extensions.Logging;
using Tachyon.Core.Blocks;
using Tachyon.Core.Numerics;
using Tachyon.Core.Transactions;
using Tachyon.Core.Trie;
using Tachyon.Core.Types;
using Tachyon.Evm.State;
using Tachyon.Rpc.Backend;
using Tachyon.Sequencer.Chain;
using Tachyon.State;

namespace Tachyon.Sequencer.Execution;

internal sealed partial class BlockProducer
{
    private readonly List<ExecutedTransaction> _miniTxs = new();
    private readonly List<StateWriteSet> _miniWrites = new();
    private ulong _miniIndex;   // within the open block
    private ulong _miniNumber;  // since this node started

    /// <summary>Publishes the transactions executed since the last mini-block (nothing when there are none).</summary>
    private void SealMiniBlock()
    {
        // A stream outlives mini-blocks: what has committed is in this one, the rest lands in the next.
        if (StreamOpen) CommitStreamed();
        _contended = false;
        _chainedWaits = 0;
        if (_miniTxs.Count == 0) return;
        if (_events.ObserverCount > 0) PublishMiniBlock();
        _miniTxs.Clear();
        _miniWrites.Clear();
        _miniIndex++;
        _miniNumber++;
    }

    private void PublishMiniBlock()
    {
        BlockData block = _open.Block;
        var txs = new TransactionInfo[_miniTxs.Count];
        var receipts = new ReceiptInfo[_miniTxs.Count];
        var logs = new List<LogInfo>();
        ulong gas = 0;
        for (int i = 0; i < txs.Length; i++)
        {
            ExecutedTransaction e = _miniTxs[i];
            txs[i] = block.TransactionInfo(e);
            receipts[i] = block.ReceiptInfo(e);
            block.AddLogs(e, null, logs);
            gas += e.GasUsed;
        }
        ulong nowUs = (ulong)((DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) / (TimeSpan.TicksPerMillisecond / 1000));
        _events.Publish(new MiniBlockEvent(block.Number, _miniIndex, nowUs, gas, txs, receipts) { Number = _miniNumber });
        if (logs.Count > 0) _events.Publish(new LogsEvent(logs));
        _events.Publish(new StateChangesEvent(block.Number, _miniIndex, StateChanges(_miniWrites)));
    }

    /// <summary>Post-state of every account the mini-block touched (later writes win, slots merge).</summary>
    private static List<AccountChange> StateChanges(List<StateWriteSet> writes)
    {
        var order = new List<Address>();
        var latest = new Dictionary<Address, (AccountWrite Write, Dictionary<Hash256, Hash256>? Slots)>();
        foreach (StateWriteSet ws in writes)
        {
            foreach (AccountWrite w in ws.Accounts)
            {
                if (!latest.TryGetValue(w.Address, out var entry)) order.Add(w.Address);
                Dictionary<Hash256, Hash256>? slots = w.Deleted || w.StorageCleared ? null : entry.Slots;
                foreach (var kv in w.Storage)
                {
                    slots ??= new Dictionary<Hash256, Hash256>();
                    slots[Word(kv.Key)] = Word(kv.Value);
                }
                latest[w.Address] = (w, slots);
            }
        }
        var changes = new List<AccountChange>(order.Count);
        foreach (Address a in order)
        {
            var (w, slots) = latest[a];
            changes.Add(new AccountChange(a)
            {
                Nonce = w.Deleted ? 0 : w.Nonce,
                Balance = w.Deleted ? UInt256.Zero : w.Balance,
                CodeHash = w.Deleted ? Hash256.EmptyKeccak : w.CodeHash,
                Storage = slots,
            });
        }
        return changes;
    }

    private static Hash256 Word(in UInt256 v)
    {
        Hash256 h = default;
        v.WriteBigEndian(h.AsWritableSpan());
        return h;
    }

    /// <summary>
    /// Closes the open block: commits its state diff to LayeredState, then opens the next block at once.
    /// Everything else waits for the state root on the root stage (<see cref="Build"/>): encoding,
    /// transaction and receipt roots, bloom and header took 47-71 ms for 12-20k transactions, and
    /// under the gate that held every submitter up once per block. The sealer publishes the header
    /// when the root is known, off this thread.
    /// </summary>
    private void SealBlock()
    {
        CloseStream(); // the block's state diff needs everything streamed so far
        SealMiniBlock();
        OpenBlock open = _open;
        BlockData block = open.Block;
        ReadOnlySpan<ExecutedTransaction> txs = block.Snapshot();
        var hashes = new Hash256[txs.Length];
        for (int i = 0; i < txs.Length; i++) hashes[i] = txs[i].Hash;
        var record = new BlockRecord(block.Number, BuildLater(block, _parentRecord, _startParentHash), hashes);
        var layer = _state.Commit(open.State.ToDiff(), record);
        _parentRecord = record;
        _sealing.Writer.TryWrite((block, layer));
        Open(block);
    }

    /// <summary>
    /// The root stage's builder for a block: it captures only the block and its parent's record (whose
    /// own builder is dropped once used), and reads the block's transactions then (a sealed block gets
    /// no more appends). The root stage runs in block order, so the parent's hash is known by then.
    /// </summary>
    private static Func<Hash256, BuiltBlock> BuildLater(BlockData block, BlockRecord? parent, Hash256 startParentHash) =>
        root => Build(block, parent?.Hash ?? startParentHash, root);

    /// <summary>Root stage, in block order: the block's body, receipts, roots, bloom and header once its state root is known.</summary>
    private static BuiltBlock Build(BlockData block, Hash256 parentHash, Hash256 stateRoot)
    {
        ReadOnlySpan<ExecutedTransaction> txs = block.Snapshot();
        int n = txs.Length;
        // Pooled: for a full block each of these is a large-object allocation, and those bring gen2 collections.
        ReadOnlyMemory<byte>[] encodedArray = ArrayPool<ReadOnlyMemory<byte>>.Shared.Rent(n);
        ReadOnlyMemory<byte>[] receiptItemsArray = ArrayPool<ReadOnlyMemory<byte>>.Shared.Rent(n);
        Receipt[] receiptsArray = ArrayPool<Receipt>.Shared.Rent(n);
        // Every transaction's and receipt's encoding lives in one pooled buffer each, not an array apiece.
        int txBytes = 0, receiptBytes = 0;
        for (int i = 0; i < n; i++)
        {
            txBytes += TransactionEncoder.GetLength(txs[i].Transaction);
            receiptBytes += txs[i].Receipt.EncodedLength;
        }
        byte[] txBuffer = ArrayPool<byte>.Shared.Rent(txBytes);
        // Stored with the block, so reading it back later recovers no signatures (~45 µs each).
        byte[] senders = new byte[n * Address.Size];
        byte[] receiptBuffer = ArrayPool<byte>.Shared.Rent(receiptBytes);
        try
        {
            var encoded = new ArraySegment<ReadOnlyMemory<byte>>(encodedArray, 0, n);
            var receiptItems = new ArraySegment<ReadOnlyMemory<byte>>(receiptItemsArray, 0, n);
            var receipts = new ArraySegment<Receipt>(receiptsArray, 0, n);
            for (int i = 0, txAt = 0, receiptAt = 0; i < n; i++)
            {
                int txLength = TransactionEncoder.Encode(txs[i].Transaction, txBuffer.AsSpan(txAt));
                encodedArray[i] = txBuffer.AsMemory(txAt, txLength);
                txAt += txLength;
                receiptsArray[i] = txs[i].Receipt;
                int receiptLength = receiptsArray[i].Encode(receiptBuffer.AsSpan(receiptAt));
                receiptItemsArray[i] = receiptBuffer.AsMemory(receiptAt, receiptLength);
                receiptAt += receiptLength;
                txs[i].Sender.Bytes.CopyTo(senders.AsSpan(i * Address.Size));
            }
            Hash256 txRoot = TrieRoots.OrderedRoot(encoded);
            Hash256 receiptsRoot = TrieRoots.OrderedRoot(receiptItems);
            Bloom bloom = Bloom.FromReceipts(receipts);
            byte[] body = new BlockBody(encoded, [], []).Encode();
            BlockHeader header = HeaderFor(block, parentHash, stateRoot, txRoot, receiptsRoot, bloom, block.GasUsed);
            block.BuiltHeader = header;
            return new BuiltBlock(new EncodedHeader(header.Encode(), header.Hash), body, BlockCodec.EncodeReceiptsFromEncodings(receiptItems), senders);
        }
        finally
        {
            ArrayPool<ReadOnlyMemory<byte>>.Shared.Return(encodedArray, clearArray: true);
            ArrayPool<ReadOnlyMemory<byte>>.Shared.Return(receiptItemsArray, clearArray: true);
            ArrayPool<Receipt>.Shared.Return(receiptsArray, clearArray: true);
            ArrayPool<byte>.Shared.Return(txBuffer);
            ArrayPool<byte>.Shared.Return(receiptBuffer);
        }
    }

    /// <summary>A Prague-shaped header (no withdrawals, no requests, no blobs, zero beacon root).</summary>
    internal static BlockHeader HeaderFor(BlockData block, Hash256 parentHash, Hash256 stateRoot, Hash256 txRoot,
        Hash256 receiptsRoot, Bloom bloom, ulong gasUsed) => new()
    {
        ParentHash = parentHash,
        Coinbase = block.Coinbase,
        StateRoot = stateRoot,
        TransactionsRoot = txRoot,
        ReceiptsRoot = receiptsRoot,
        LogsBloom = bloom,
        Number = block.Number,
        GasLimit = block.GasLimit,
        GasUsed = gasUsed,
        Timestamp = block.Timestamp,
        BaseFeePerGas = block.BaseFee,
        WithdrawalsRoot = Hash256.EmptyTrieRoot,
        BlobGasUsed = 0,
        ExcessBlobGas = 0,
        ParentBeaconBlockRoot = Hash256.Zero,
        RequestsHash = BlockHeader.EmptyRequestsHash,
    };

    /// <summary>In block order: waits for each committed block's root, then publishes it as the new head.</summary>
    private async Task SealLoopAsync()
    {
        await foreach (var (block, layer) in _sealing.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            DateTime committedAt = DateTime.UtcNow;
            try
            {
                await layer.RootTask.ConfigureAwait(false);
            }
            catch (Exception e)
            {
                _log.LogCritical(e, "state root of block {Number} failed; the chain stops here", block.Number);
                return;
            }
            BlockHeader header = block.BuiltHeader!;
            block.Seal(header);
            // Empty blocks are sealed every interval; only blocks with transactions are worth a line.
            LogLevel level = header.GasUsed > 0 ? LogLevel.Information : LogLevel.Debug;
            if (_log.IsEnabled(level))
                _log.Log(level, "sealed block {Number} {Hash}: {Txs} txs, {Gas} gas, root ready {RootMs:F1} ms after commit",
                    header.Number, header.Hash, block.Snapshot().Length, header.GasUsed, (DateTime.UtcNow - committedAt).TotalMilliseconds);
            _index.Sealed(block);
            _events.Publish(new NewHeadEvent(header));
        }
    }
}
