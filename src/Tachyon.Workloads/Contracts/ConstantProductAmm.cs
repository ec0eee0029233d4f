using Tachyon.Core.Crypto;
using Tachyon.Core.Numerics;
using Tachyon.Core.Types;
using static Tachyon.Workloads.Contracts.Op;

namespace Tachyon.Workloads.Contracts;

/// <summary>
/// A constant-product AMM (x·y = k, 0.3% fee) holding many pools in one contract. Calldata is three
/// words: pool id, amountIn, direction (0: token0 in, 1: token1 in). Pool p keeps reserve0 at slot 2p and
/// reserve1 at slot 2p+1; the swapper's output is credited at keccak(pad32(caller) ‖ pad32(outSlot)).
/// Emits LOG2(Swap, caller) with the output amount and returns it. Reverts on value, a bad direction or a
/// zero output. Independent pools touch disjoint slots, a shared pool is a true conflict.
/// </summary>
public static class ConstantProductAmm
{
    public static readonly Hash256 SwapTopic = Keccak256.Compute("Swap(address,uint256)"u8);
    private const Op LOG2 = (Op)0xa2;

    public static byte[] Code() => new EvmAssembler()
        .Op(CALLVALUE).JumpIf("fail")
        .Op(PUSH0, CALLDATALOAD).Push(1).Op(SHL)                  // [base = 2·pool]
        .Push(64).Op(CALLDATALOAD)                                  // [base, dir]
        .Push(1).Op(DUP2, GT).JumpIf("fail")                        // dir > 1
        .Op(DUP2, DUP2, ADD)                                        // [base, dir, inSlot]
        .Op(SWAP1, ISZERO, DUP3, ADD)                               // [base, inSlot, outSlot]
        .Op(SWAP2, POP)                                             // [outSlot, inSlot]
        .Op(DUP2, SLOAD, DUP2, SLOAD)                               // [outSlot, inSlot, rOut, rIn]
        .Push(32).Op(CALLDATALOAD)                                  // [.., rOut, rIn, amountIn]
        .Op(DUP1).Push(997).Op(MUL)                                 // [.., amountIn, aF]
        .Op(DUP1, DUP5, MUL)                                        // [.., amountIn, aF, aF·rOut]
        .Op(SWAP1, DUP4).Push(1000).Op(MUL, ADD)                    // [.., amountIn, num, rIn·1000 + aF]
        .Op(SWAP1, DIV)                                             // [outSlot, inSlot, rOut, rIn, amountIn, out]
        .Op(DUP1, ISZERO).JumpIf("fail")
        .Op(SWAP2, ADD, DUP4, SSTORE)                               // reserveIn += amountIn   [outSlot, inSlot, rOut, out]
        .Op(DUP1, SWAP2, SUB, DUP4, SSTORE)                         // reserveOut -= out       [outSlot, inSlot, out]
        .Op(CALLER, PUSH0, MSTORE, DUP3).Push(32).Op(MSTORE)
        .Push(64).Op(PUSH0, KECCAK256)                              // [outSlot, inSlot, out, userSlot]
        .Op(DUP1, SLOAD, DUP3, ADD, SWAP1, SSTORE)                  // balance[caller][outSlot] += out
        .Op(DUP1, PUSH0, MSTORE, CALLER).Push(UInt256.FromBigEndian(SwapTopic.Bytes))
        .Push(32).Op(PUSH0, LOG2)
        .Push(32).Op(PUSH0, RETURN)
        .Label("fail")
        .Op(PUSH0, PUSH0, REVERT)
        .Build();

    public static UInt256 Reserve0Slot(int pool) => (ulong)pool * 2;
    public static UInt256 Reserve1Slot(int pool) => (ulong)pool * 2 + 1;

    public static byte[] SwapData(int pool, UInt256 amountIn, bool oneForZero)
    {
        byte[] data = new byte[96];
        new UInt256((ulong)pool).WriteBigEndian(data.AsSpan(0, 32));
        amountIn.WriteBigEndian(data.AsSpan(32, 32));
        data[95] = oneForZero ? (byte)1 : (byte)0;
        return data;
    }

    /// <summary>The output of one swap (what the contract computes).</summary>
    public static UInt256 AmountOut(UInt256 amountIn, UInt256 reserveIn, UInt256 reserveOut)
    {
        UInt256 withFee = amountIn * 997;
        return withFee * reserveOut / (reserveIn * 1000 + withFee);
    }
}
