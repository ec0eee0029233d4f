using Tachyon.Core.Blocks;
using Tachyon.Core.Numerics;
using Tachyon.Core.Transactions;
using Tachyon.Core.Types;
using Tachyon.Rpc.Backend;
using Tachyon.Sequencer.Chain;
using Tachyon.Sequencer.Execution;
using Tachyon.State;

namespace Tachyon.Sequencer.Backend;

/// <summary>
/// <see cref="IEthBackend"/> over the sequencer. Tags: latest/safe/finalized headers and blocks are
/// the last sealed EVM block (one sequencer: nothing reorgs); pending is the open block. State reads
/// at latest and pending see the open block's executed transactions (as of the last executed one).
/// Receipts of executed transactions exist at once, with the open block's number and block hash
/// zero until the block is sealed.
/// </summary>
internal sealed partial class SequencerBackend(SequencerOptions options, LayeredState state, ChainIndex index, BlockProducer producer, ChainEventHub events) : IEthBackend
{
    public ulong ChainId { get; } = options.Genesis.Config.ChainId;

    public ulong HeadNumber => index.Head.Number;

    /// <summary>For tests: the chain index behind this backend.</summary>
    internal ChainIndex Index => index;

    public IReadOnlyList<DevAccount> DevAccounts => options.DevAccounts;

    public IObservable<ChainEvent> Events => events;

    public ulong? ResolveBlockNumber(BlockSelector block) => block.Kind switch
    {
        BlockSelectorKind.Latest or BlockSelectorKind.Safe or BlockSelectorKind.Finalized => index.Head.Number,
        BlockSelectorKind.Pending => producer.Current.Block.Number,
        BlockSelectorKind.Earliest => 0,
        BlockSelectorKind.Number => block.Number <= index.Head.Number ? block.Number : null,
        _ => index.NumberOf(block.Hash) is ulong n && n <= index.Head.Number ? n : null,
    };

    /// <summary>The sealed block a selector names (pending: null; callers handle it).</summary>
    private BlockData? SealedBlock(BlockSelector block) =>
        block.Kind == BlockSelectorKind.Pending ? null : ResolveBlockNumber(block) is ulong n ? index.Get(n) : null;

    public BlockInfo? GetBlock(BlockSelector block)
    {
        BlockData? data = block.Kind == BlockSelectorKind.Pending ? producer.Current.Block : SealedBlock(block);
        if (data == null) return null;
        BlockHeader header = data.Header ?? PendingHeader(data);
        ReadOnlySpan<ExecutedTransaction> txs = data.Snapshot();
        var infos = new TransactionInfo[txs.Length];
        var encoded = new ReadOnlyMemory<byte>[txs.Length];
        for (int i = 0; i < txs.Length; i++)
        {
            infos[i] = data.TransactionInfo(txs[i]);
            encoded[i] = TransactionEncoder.Encode(txs[i].Transaction);
        }
        var full = new Block(header, new BlockBody(encoded, [], []));
        return new BlockInfo(header, infos) { Withdrawals = [], Size = (ulong)full.RlpLength };
    }

    public BlockHeader? GetHeader(BlockSelector block) =>
        block.Kind == BlockSelectorKind.Pending ? PendingHeader(producer.Current.Block)
        : ResolveBlockNumber(block) is ulong n ? index.GetHeader(n) : null;

    /// <summary>The open block as far as it is known: no state root, transaction or receipt roots yet.</summary>
    private BlockHeader PendingHeader(BlockData open)
    {
        ReadOnlySpan<ExecutedTransaction> txs = open.Snapshot();
        var receipts = new Receipt[txs.Length];
        for (int i = 0; i < txs.Length; i++) receipts[i] = txs[i].Receipt;
        Hash256 parent = index.Head.Number + 1 == open.Number ? index.Head.Hash : Hash256.Zero;
        return BlockProducer.HeaderFor(open, parent, Hash256.Zero, Hash256.Zero, Hash256.Zero, Bloom.FromReceipts(receipts), open.GasUsed);
    }

    public TransactionInfo? GetTransaction(Hash256 hash)
    {
        if (index.FindTransaction(hash) is { } hit) return hit.Block.TransactionInfo(hit.Tx);
        return producer.Pool.Get(hash) is { } pooled ? new TransactionInfo(pooled.Transaction, pooled.Sender) : null;
    }

    public ReceiptInfo? GetReceipt(Hash256 transactionHash) =>
        index.FindTransaction(transactionHash) is { } hit ? hit.Block.ReceiptInfo(hit.Tx) : null;

    public IReadOnlyList<ReceiptInfo>? GetBlockReceipts(BlockSelector block)
    {
        BlockData? data = block.Kind == BlockSelectorKind.Pending ? producer.Current.Block : SealedBlock(block);
        if (data == null) return null;
        ReadOnlySpan<ExecutedTransaction> txs = data.Snapshot();
        var receipts = new ReceiptInfo[txs.Length];
        for (int i = 0; i < txs.Length; i++) receipts[i] = data.ReceiptInfo(txs[i]);
        return receipts;
    }

    public ValueTask<SubmitResult> SubmitTransactionAsync(Transaction transaction, Address sender, CancellationToken cancellationToken) =>
        new(producer.Submit(transaction, sender));

    public ValueTask<ReceiptInfo?> WaitForReceiptAsync(Hash256 transactionHash, TimeSpan timeout, CancellationToken cancellationToken) =>
        producer.WaitForReceiptAsync(transactionHash, timeout, cancellationToken);

    public UInt256 MaxPriorityFeePerGas => options.SuggestedPriorityFee;

    public UInt256 GasPrice => producer.Current.Block.BaseFee + options.SuggestedPriorityFee;
}
