using Tachyon.Core.Crypto;
using static Tachyon.Workloads.Contracts.Op;

namespace Tachyon.Workloads.Contracts;

/// <summary>
/// Hashes the first <c>size</c> bytes of memory into word 0, n times (n = calldata word 0); returns word 0.
/// Memory starts zeroed, so for size 64 the second word stays zero.
/// </summary>
public static class KeccakLoop
{
    public static byte[] Code(int size) => new EvmAssembler()
        .Op(PUSH0, CALLDATALOAD)                                 // [n]
        .Label("loop")
        .Op(DUP1, ISZERO).JumpIf("end")
        .Push((ulong)size).Op(PUSH0, KECCAK256, PUSH0, MSTORE)   // mem[0..32] = keccak(mem[0..size])
        .Push(1).Op(SWAP1, SUB).Jump("loop")                     // n - 1
        .Label("end")
        .Push(32).Op(PUSH0, RETURN)
        .Build();

    /// <summary>The same loop calling Keccak256.Hash directly.</summary>
    public static byte[] Native(int size, int n)
    {
        byte[] mem = new byte[Math.Max(size, 32)];
        for (int i = 0; i < n; i++) Keccak256.Hash(mem.AsSpan(0, size), mem.AsSpan(0, 32));
        return mem[..32];
    }
}
