using Tachyon.Core.Numerics;

namespace Tachyon.Sequencer.Chain;

/// <summary>EIP-1559 base fee of the next block (elasticity 2, max change 1/8), never below a floor.</summary>
public static class BaseFee
{
    public static UInt256 Next(in UInt256 parentBaseFee, ulong parentGasUsed, ulong parentGasLimit, in UInt256 floor)
    {
        ulong target = parentGasLimit / 2;
        UInt256 next = parentBaseFee;
        if (target > 0 && parentGasUsed > target)
        {
            UInt256 delta = parentBaseFee * (parentGasUsed - target) / target / 8;
            next = parentBaseFee + (delta.IsZero ? UInt256.One : delta);
        }
        else if (target > 0 && parentGasUsed < target)
        {
            next = parentBaseFee - parentBaseFee * (target - parentGasUsed) / target / 8;
        }
        return next < floor ? floor : next;
    }
}
