using Tachyon.Core.Blocks;
using Tachyon.Core.Numerics;
using Tachyon.Core.Transactions;
using Tachyon.Core.Types;

namespace Tachyon.Sequencer.Chain;

/// <summary>A transaction included in a block, with what its receipt needs beyond the consensus receipt.</summary>
internal sealed record ExecutedTransaction(Transaction Transaction, Address Sender, int Index, Receipt Receipt,
    ulong GasUsed, UInt256 EffectiveGasPrice, Address? ContractAddress, ulong FirstLogIndex)
{
    public Hash256 Hash => Transaction.Hash;

    /// <summary>What the sender paid per gas in a block with <paramref name="baseFee"/>.</summary>
    public static UInt256 EffectivePrice(Transaction tx, in UInt256 baseFee)
    {
        if (tx.Type is TransactionType.Legacy or TransactionType.AccessList) return tx.GasPrice;
        UInt256 headroom = tx.MaxFeePerGas - baseFee;
        return baseFee + (tx.MaxPriorityFeePerGas < headroom ? tx.MaxPriorityFeePerGas : headroom);
    }
}
