using Tachyon.Core.Blocks;
using Tachyon.Core.Numerics;
using Tachyon.Core.Types;

namespace Tachyon.Rpc.Backend;

/// <summary>Something the node publishes for subscriptions.</summary>
public abstract record ChainEvent;

/// <summary>A new canonical head (newHeads).</summary>
public sealed record NewHeadEvent(BlockHeader Header) : ChainEvent;

/// <summary>Logs of newly included transactions, or removed ones after a reorg (logs).</summary>
public sealed record LogsEvent(IReadOnlyList<LogInfo> Logs) : ChainEvent;

/// <summary>A transaction entered the pool (newPendingTransactions).</summary>
public sealed record PendingTransactionEvent(Hash256 Hash) : ChainEvent;

/// <summary>
/// A mini-block: a slice of the block being built, sealed every few milliseconds (miniBlocks).
/// <see cref="Index"/> counts mini-blocks within EVM block <see cref="BlockNumber"/>; <see cref="TimestampUs"/>
/// is microseconds since the Unix epoch (the JSON "timestamp" field).
/// </summary>
public sealed record MiniBlockEvent(ulong BlockNumber, ulong Index, ulong TimestampUs, ulong GasUsed,
    IReadOnlyList<TransactionInfo> Transactions, IReadOnlyList<ReceiptInfo> Receipts) : ChainEvent
{
    /// <summary>Chain-wide mini-block sequence number.</summary>
    public ulong Number { get; init; }
}

/// <summary>Account changes made by a mini-block (stateChanges).</summary>
public sealed record StateChangesEvent(ulong BlockNumber, ulong MiniBlockIndex, IReadOnlyList<AccountChange> Changes) : ChainEvent;

/// <summary>The post-state of one touched account; null fields did not change.</summary>
public sealed record AccountChange(Address Address)
{
    public ulong? Nonce { get; init; }
    public UInt256? Balance { get; init; }
    public Hash256? CodeHash { get; init; }
    public IReadOnlyDictionary<Hash256, Hash256>? Storage { get; init; }
}
