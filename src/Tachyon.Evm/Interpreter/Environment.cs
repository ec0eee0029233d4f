using Tachyon.Core.Numerics;
using Tachyon.Core.Types;

namespace Tachyon.Evm.Interpreter;

/// <summary>The block a transaction executes in.</summary>
public sealed class BlockEnvironment
{
    public Address Coinbase { get; init; }
    public ulong Number { get; init; }
    public ulong Timestamp { get; init; }
    public long GasLimit { get; init; }
    public UInt256 BaseFee { get; init; }
    public UInt256 PrevRandao { get; init; }
    public ulong ExcessBlobGas { get; init; }
    public ulong ChainId { get; init; } = 1;
    /// <summary>Hash of an ancestor block by number (only asked for the 256 most recent).</summary>
    public Func<ulong, Hash256>? BlockHashProvider { get; init; }

    public UInt256 BlobBaseFee(ForkSpec spec) =>
        FakeExponential(ForkSpec.MinBlobBaseFee, ExcessBlobGas, spec.BlobBaseFeeUpdateFraction);

    /// <summary>EIP-4844 fake_exponential(factor, numerator, denominator).</summary>
    public static UInt256 FakeExponential(ulong factor, ulong numerator, ulong denominator)
    {
        System.Numerics.BigInteger i = 1, output = 0, acc = (System.Numerics.BigInteger)factor * denominator;
        while (acc > 0)
        {
            output += acc;
            acc = acc * numerator / (denominator * i);
            i++;
        }
        return UInt256.FromBigInteger(output / denominator);
    }
}

/// <summary>Per-transaction values visible to the code.</summary>
public sealed class TxEnvironment
{
    public Address Origin { get; init; }
    public UInt256 GasPrice { get; init; }
    public Hash256[] BlobVersionedHashes { get; init; } = [];
}
