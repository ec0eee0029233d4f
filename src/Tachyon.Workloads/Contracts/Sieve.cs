using Tachyon.Core.Numerics;
using static Tachyon.Workloads.Contracts.Op;

namespace Tachyon.Workloads.Contracts;

/// <summary>Sieve of Eratosthenes over a byte array in memory; returns the count of primes below n (calldata word 0).</summary>
public static class Sieve
{
    public static byte[] Code() => new EvmAssembler()
        .Op(PUSH0).Push(2)                                              // [count, i]
        .Label("loop")
        .Op(PUSH0, CALLDATALOAD, DUP2, LT, ISZERO).JumpIf("end")        // i < n
        .Op(DUP1, MLOAD, PUSH0, BYTE).JumpIf("next")                    // mem[i] != 0: composite
        .Op(SWAP1).Push(1).Op(ADD, SWAP1)                               // count++
        .Op(DUP1, DUP1, MUL)                                            // [count, i, j = i*i]
        .Label("mark")
        .Op(PUSH0, CALLDATALOAD, DUP2, LT, ISZERO).JumpIf("marked")     // j < n
        .Push(1).Op(DUP2, MSTORE8, DUP2, ADD).Jump("mark")              // mem[j] = 1; j += i
        .Label("marked")
        .Op(POP)
        .Label("next")
        .Push(1).Op(ADD).Jump("loop")
        .Label("end")
        .Op(POP, PUSH0, MSTORE).Push(32).Op(PUSH0, RETURN)
        .Build();

    /// <summary>The same sieve with UInt256 counters and indices (flags in a byte array, like EVM memory).</summary>
    public static ulong Native(ulong n)
    {
        byte[] flags = new byte[n];
        UInt256 count = default, limit = n, one = UInt256.One;
        for (UInt256 i = 2; i < limit; i += one)
        {
            if (flags[i.U0] != 0) continue;
            count += one;
            for (UInt256 j = i * i; j < limit; j += i) flags[j.U0] = 1;
        }
        return count.U0;
    }
}
