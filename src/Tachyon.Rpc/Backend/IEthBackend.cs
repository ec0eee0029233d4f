using Tachyon.Core.Blocks;
using Tachyon.Core.Numerics;
using Tachyon.Core.Transactions;
using Tachyon.Core.Types;

namespace Tachyon.Rpc.Backend;

/// <summary>
/// What the node provides to the JSON-RPC layer. Methods taking a <see cref="BlockSelector"/>
/// return null when that block is unknown (the RPC layer answers "header not found"); the
/// "pending" tag means the node's freshest (mini-block) state. Implementations must be thread-safe:
/// requests run concurrently.
/// </summary>
public interface IEthBackend
{
    ulong ChainId { get; }

    /// <summary>Number of the latest block.</summary>
    ulong HeadNumber { get; }

    /// <summary>Resolves a selector to a block number, or null when there is no such block.</summary>
    ulong? ResolveBlockNumber(BlockSelector block);

    BlockInfo? GetBlock(BlockSelector block);

    BlockHeader? GetHeader(BlockSelector block);

    /// <summary>A pending or included transaction; null when unknown.</summary>
    TransactionInfo? GetTransaction(Hash256 hash);

    /// <summary>Null while the transaction is pending or unknown.</summary>
    ReceiptInfo? GetReceipt(Hash256 transactionHash);

    IReadOnlyList<ReceiptInfo>? GetBlockReceipts(BlockSelector block);

    UInt256? GetBalance(Address address, BlockSelector block);

    ulong? GetNonce(Address address, BlockSelector block);

    ReadOnlyMemory<byte>? GetCode(Address address, BlockSelector block);

    /// <summary>The 32-byte storage word.</summary>
    Hash256? GetStorageAt(Address address, UInt256 slot, BlockSelector block);

    AccountProof? GetProof(Address address, IReadOnlyList<UInt256> storageKeys, BlockSelector block);

    /// <summary>Executes without committing. Returns null when the block is unknown.</summary>
    ValueTask<CallResult?> CallAsync(CallRequest call, BlockSelector block, IReadOnlyDictionary<Address, AccountOverride>? overrides, CancellationToken cancellationToken);

    /// <summary>The estimate is <see cref="CallResult.GasUsed"/> of a successful result. Null when the block is unknown.</summary>
    ValueTask<CallResult?> EstimateGasAsync(CallRequest call, BlockSelector block, IReadOnlyDictionary<Address, AccountOverride>? overrides, CancellationToken cancellationToken);

    /// <summary>Suggested legacy gas price (base fee + tip).</summary>
    UInt256 GasPrice { get; }

    UInt256 MaxPriorityFeePerGas { get; }

    /// <summary><paramref name="blockCount"/> is already capped by the RPC layer; null when <paramref name="newest"/> is unknown.</summary>
    FeeHistory? GetFeeHistory(ulong blockCount, BlockSelector newest, IReadOnlyList<double> rewardPercentiles);

    /// <summary>
    /// Hands a decoded, signature-checked transaction (chain id already checked) to the pool /
    /// sequencer. Must not throw for an invalid transaction: return a rejection.
    /// </summary>
    ValueTask<SubmitResult> SubmitTransactionAsync(Transaction transaction, Address sender, CancellationToken cancellationToken);

    /// <summary>Completes with the receipt as soon as the transaction executes (in a mini-block), or null when <paramref name="timeout"/> passes first.</summary>
    ValueTask<ReceiptInfo?> WaitForReceiptAsync(Hash256 transactionHash, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Logs matching <paramref name="query"/> in block order; null when <see cref="LogQuery.BlockHash"/> is unknown.</summary>
    IReadOnlyList<LogInfo>? GetLogs(LogQuery query);

    /// <summary>Accounts the node signs for (eth_accounts, eth_sendTransaction); empty outside dev mode.</summary>
    IReadOnlyList<DevAccount> DevAccounts { get; }

    /// <summary>Chain events for subscriptions; <see cref="ChainEventHub"/> is a ready-made implementation.</summary>
    IObservable<ChainEvent> Events { get; }
}
