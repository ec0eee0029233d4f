using Tachyon.Core.Numerics;
using Tachyon.Core.Transactions;
using Tachyon.Core.Types;
using Tachyon.Load.Rpc;

namespace Tachyon.Load.Chain;

/// <summary>
/// The fees every transaction of a run pays: EIP-1559 (max fee = 2 × base fee + tip) when the
/// latest block has a base fee, else legacy (gas price = 2 × eth_gasPrice). The headroom keeps
/// pre-signed transactions valid while the base fee moves during the run.
/// </summary>
public sealed record FeePlan(bool Legacy, UInt256 GasPrice, UInt256 MaxFee, UInt256 Tip)
{
    public UInt256 MaxFeeCap => Legacy ? GasPrice : MaxFee;

    public static async Task<FeePlan> FromNodeAsync(RpcClient client, bool forceLegacy)
    {
        UInt256 gasPrice = await client.GasPriceAsync().ConfigureAwait(false);
        UInt256? baseFee = forceLegacy ? null : await client.BaseFeeAsync().ConfigureAwait(false);
        if (baseFee is not UInt256 bf)
        {
            UInt256 price = gasPrice * 2;
            if (price.IsZero) price = 1;
            return new FeePlan(true, price, price, price);
        }
        UInt256 tip = await client.MaxPriorityFeeAsync().ConfigureAwait(false) ?? UInt256.One;
        return new FeePlan(false, default, bf * 2 + tip, tip);
    }

    public Transaction Unsigned(ulong chainId, ulong nonce, Address? to, UInt256 value, ReadOnlyMemory<byte> data, ulong gas) => Legacy
        ? new Transaction { Type = TransactionType.Legacy, ChainId = chainId, Nonce = nonce, GasPrice = GasPrice, GasLimit = gas, To = to, Value = value, Data = data }
        : new Transaction
        {
            Type = TransactionType.DynamicFee, ChainId = chainId, Nonce = nonce, MaxFeePerGas = MaxFee, MaxPriorityFeePerGas = Tip,
            GasLimit = gas, To = to, Value = value, Data = data,
        };

    public override string ToString() => Legacy
        ? $"legacy, gas price {GasPrice} wei"
        : $"EIP-1559, max fee {MaxFee} wei, tip {Tip} wei";
}
