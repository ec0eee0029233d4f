using Tachyon.Core.Blocks;
using Tachyon.Core.Numerics;
using Tachyon.Core.Transactions;
using Tachyon.Core.Types;

namespace Tachyon.Rpc.Backend;

/// <summary>
/// A transaction with what the RPC layer cannot derive cheaply: its sender and, once included,
/// where. Block fields are null for a pending transaction.
/// </summary>
public sealed record TransactionInfo(Transaction Transaction, Address Sender)
{
    public Hash256? BlockHash { get; init; }
    public ulong? BlockNumber { get; init; }
    public ulong? TransactionIndex { get; init; }

    /// <summary>Base fee of the including block; gives EIP-1559 transactions their effective gasPrice.</summary>
    public UInt256? BlockBaseFee { get; init; }

    /// <summary>Timestamp of the including block (seconds), when known.</summary>
    public ulong? BlockTimestamp { get; init; }
}

/// <summary>A block with its transactions (always with senders: the formatter picks hashes or full objects).</summary>
public sealed record BlockInfo(BlockHeader Header, IReadOnlyList<TransactionInfo> Transactions)
{
    /// <summary>Null before Shanghai.</summary>
    public IReadOnlyList<Withdrawal>? Withdrawals { get; init; }

    /// <summary>Size of the block's RLP encoding in bytes.</summary>
    public ulong Size { get; init; }

    public IReadOnlyList<Hash256> Uncles { get; init; } = [];
}

/// <summary>A receipt with its position in the chain and the fields eth_getTransactionReceipt reports.</summary>
public sealed record ReceiptInfo(Receipt Receipt, Hash256 TransactionHash, ulong TransactionIndex, Hash256 BlockHash, ulong BlockNumber)
{
    public Address From { get; init; }

    /// <summary>Null for contract creation.</summary>
    public Address? To { get; init; }

    /// <summary>Set for a contract creation.</summary>
    public Address? ContractAddress { get; init; }

    /// <summary>Gas used by this transaction alone.</summary>
    public ulong GasUsed { get; init; }

    public UInt256 EffectiveGasPrice { get; init; }

    /// <summary>Block-wide index of this receipt's first log.</summary>
    public ulong FirstLogIndex { get; init; }

    public ulong? BlockTimestamp { get; init; }

    /// <summary>EIP-4844 transactions only.</summary>
    public ulong? BlobGasUsed { get; init; }

    public UInt256? BlobGasPrice { get; init; }
}

/// <summary>A log with its position, as eth_getLogs and the logs subscription report it.</summary>
public sealed record LogInfo(Log Log, Hash256 BlockHash, ulong BlockNumber, Hash256 TransactionHash, ulong TransactionIndex, ulong LogIndex)
{
    /// <summary>True when the log was dropped by a reorg (subscriptions only).</summary>
    public bool Removed { get; init; }

    public ulong? BlockTimestamp { get; init; }
}

/// <summary>eth_feeHistory's answer. <see cref="BaseFeePerGas"/> has one more entry than blocks (the next block's).</summary>
public sealed record FeeHistory(ulong OldestBlock, IReadOnlyList<UInt256> BaseFeePerGas, IReadOnlyList<double> GasUsedRatio)
{
    /// <summary>Per block, the requested reward percentiles; null when none were asked for.</summary>
    public IReadOnlyList<IReadOnlyList<UInt256>>? Reward { get; init; }

    public IReadOnlyList<UInt256>? BaseFeePerBlobGas { get; init; }
    public IReadOnlyList<double>? BlobGasUsedRatio { get; init; }
}

/// <summary>eth_getProof's answer (EIP-1186).</summary>
public sealed record AccountProof(Address Address, IReadOnlyList<byte[]> Proof, UInt256 Balance, Hash256 CodeHash, ulong Nonce, Hash256 StorageHash, IReadOnlyList<StorageProof> StorageProofs);

public sealed record StorageProof(UInt256 Key, UInt256 Value, IReadOnlyList<byte[]> Proof);

/// <summary>A developer account the node can sign for (eth_accounts / eth_sendTransaction).</summary>
public sealed record DevAccount(Address Address, byte[] PrivateKey);
