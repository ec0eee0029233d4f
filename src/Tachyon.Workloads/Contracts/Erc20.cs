using Tachyon.Core.Crypto;
using Tachyon.Core.Numerics;
using Tachyon.Core.Types;
using static Tachyon.Workloads.Contracts.Op;

namespace Tachyon.Workloads.Contracts;

/// <summary>
/// A minimal ERC-20-like token: balances at slot keccak(pad32(owner) ‖ pad32(0)) (the Solidity mapping layout),
/// <c>transfer(address,uint256)</c> (non-payable, address and balance/overflow checks, LOG3 Transfer, returns true)
/// and <c>balanceOf(address)</c>. Anything else reverts.
/// </summary>
public static class Erc20
{
    public const uint TransferSelector = 0xa9059cbb;
    public const uint BalanceOfSelector = 0x70a08231;
    public static readonly Hash256 TransferTopic = Keccak256.Compute("Transfer(address,address,uint256)"u8);

    private static UInt256 TopicWord
    {
        get
        {
            Hash256 topic = TransferTopic;
            return UInt256.FromBigEndian(topic.Bytes);
        }
    }

    public static byte[] Code() => new EvmAssembler()
        .Op(CALLVALUE).JumpIf("fail")
        .Op(PUSH0, CALLDATALOAD).Push(224).Op(SHR)                      // [selector]
        .Op(DUP1).Push(TransferSelector).Op(EQ).JumpIf("transfer")
        .Op(DUP1).Push(BalanceOfSelector).Op(EQ).JumpIf("balanceOf")
        .Label("fail")
        .Op(PUSH0, PUSH0, REVERT)

        .Label("transfer")
        .Op(POP).Push(4).Op(CALLDATALOAD)                               // [to]
        .Op(DUP1).Push(160).Op(SHR).JumpIf("fail")                      // not an address
        .Push(36).Op(CALLDATALOAD)                                      // [to, amount]
        .Op(CALLER, PUSH0, MSTORE, PUSH0).Push(32).Op(MSTORE)
        .Push(64).Op(PUSH0, KECCAK256)                                  // [to, amount, fromSlot]
        .Op(DUP1, SLOAD)                                                // [to, amount, fromSlot, fromBal]
        .Op(DUP1, DUP4, GT).JumpIf("fail")                              // amount > fromBal
        .Op(DUP3, SWAP1, SUB, SWAP1, SSTORE)                            // balance[from] -= amount
        .Op(DUP2, PUSH0, MSTORE).Push(64).Op(PUSH0, KECCAK256)          // [to, amount, toSlot]
        .Op(DUP2, DUP2, SLOAD, ADD)                                     // [to, amount, toSlot, toBal + amount]
        .Op(DUP1, DUP4, GT).JumpIf("fail")                              // overflow
        .Op(SWAP1, SSTORE)                                              // balance[to] += amount
        .Op(PUSH0, MSTORE, CALLER).Push(TopicWord)
        .Push(32).Op(PUSH0, LOG3)                                       // Transfer(caller, to, amount)
        .Push(1).Op(PUSH0, MSTORE).Push(32).Op(PUSH0, RETURN)

        .Label("balanceOf")
        .Op(POP).Push(4).Op(CALLDATALOAD, PUSH0, MSTORE, PUSH0).Push(32).Op(MSTORE)
        .Push(64).Op(PUSH0, KECCAK256, SLOAD, PUSH0, MSTORE).Push(32).Op(PUSH0, RETURN)
        .Build();

    /// <summary>The storage slot of <paramref name="owner"/>'s balance.</summary>
    public static UInt256 BalanceSlot(Address owner)
    {
        Span<byte> buf = stackalloc byte[64];
        buf.Clear();
        owner.Bytes.CopyTo(buf[12..32]);
        Hash256 slot = Keccak256.Compute(buf);
        return UInt256.FromBigEndian(slot.Bytes);
    }

    public static byte[] TransferData(Address to, UInt256 amount)
    {
        byte[] data = new byte[68];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(data, TransferSelector);
        to.Bytes.CopyTo(data.AsSpan(16, 20));
        amount.WriteBigEndian(data.AsSpan(36, 32));
        return data;
    }

    public static byte[] BalanceOfData(Address owner)
    {
        byte[] data = new byte[36];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(data, BalanceOfSelector);
        owner.Bytes.CopyTo(data.AsSpan(16, 20));
        return data;
    }
}
