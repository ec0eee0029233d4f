using Tachyon.Core.Numerics;
using static Tachyon.Workloads.Contracts.Op;

namespace Tachyon.Workloads.Contracts;

/// <summary>
/// A stack-only mix of ADD/MUL/SUB/DIV/MOD/EXP, for i = n down to 1 (n = calldata word 0, x0 = word 1):
/// x = x*M + i; acc = acc + x/(i+3) - (x mod 65537)^3. Returns (acc, x) as two words.
/// </summary>
public static class ArithmeticLoop
{
    // An arbitrary odd 128-bit multiplier so x spreads over all four limbs.
    private static readonly UInt256 M = UInt256.Parse("0x9e3779b97f4a7c15f39cc0605cedc835");

    public static byte[] Code() => new EvmAssembler()
        .Op(PUSH0).Push(32).Op(CALLDATALOAD).Op(PUSH0, CALLDATALOAD)   // [acc, x, i]
        .Label("loop")
        .Op(DUP1, ISZERO).JumpIf("end")
        .Op(DUP1).Push(M).Op(DUP4, MUL, ADD, SWAP2, POP)                // x = x*M + i
        .Push(3).Op(DUP2, ADD, DUP3, DIV, DUP4, ADD)                    // [acc, x, i, acc + x/(i+3)]
        .Push(3).Push(65537).Op(DUP5, MOD, EXP, SWAP1, SUB)             // ... - (x % 65537) ** 3
        .Op(SWAP3, POP)                                                 // [acc', x, i]
        .Push(1).Op(SWAP1, SUB).Jump("loop")
        .Label("end")
        .Op(POP).Push(32).Op(MSTORE, PUSH0, MSTORE)                     // mem = acc ‖ x
        .Push(64).Op(PUSH0, RETURN)
        .Build();

    public static byte[] Input(ulong n, UInt256 x0)
    {
        byte[] data = new byte[64];
        new UInt256(n).WriteBigEndian(data.AsSpan(0, 32));
        x0.WriteBigEndian(data.AsSpan(32, 32));
        return data;
    }

    /// <summary>The same recurrence with UInt256 operations.</summary>
    public static (UInt256 Acc, UInt256 X) Native(ulong n, UInt256 x0)
    {
        UInt256 acc = default, x = x0, three = 3, p = 65537;
        for (UInt256 i = n; !i.IsZero; i -= UInt256.One)
        {
            x = x * M + i;
            UInt256.Mod(in x, in p, out UInt256 r);
            UInt256.Exp(in r, in three, out UInt256 e);
            acc = acc + x / (i + three) - e;
        }
        return (acc, x);
    }
}
