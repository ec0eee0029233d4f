using System.Runtime.CompilerServices;

namespace Tachyon.Core.Numerics;

// Two's complement (signed) interpretation used by the EVM's SDIV, SMOD and SIGNEXTEND.
public readonly partial struct UInt256
{
    /// <summary>True when bit 255 is set, i.e. the value is negative as a two's complement integer.</summary>
    public bool IsNegative
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => (long)U3 < 0;
    }

    /// <summary>
    /// EVM SDIV: signed division truncated toward zero; b == 0 gives 0, and -2^255 / -1 gives -2^255
    /// (the overflow wraps).
    /// </summary>
    public static void SignedDivide(in UInt256 a, in UInt256 b, out UInt256 res)
    {
        bool negA = a.IsNegative, negB = b.IsNegative;
        UInt256 absA = a, absB = b;
        if (negA) Negate(in a, out absA);
        if (negB) Negate(in b, out absB);
        Divide(in absA, in absB, out UInt256 q);
        if (negA != negB) Negate(in q, out q);
        res = q;
    }

    /// <summary>EVM SMOD: signed remainder whose sign follows the dividend a; b == 0 gives 0.</summary>
    public static void SignedMod(in UInt256 a, in UInt256 b, out UInt256 res)
    {
        bool negA = a.IsNegative;
        UInt256 absA = a, absB = b;
        if (negA) Negate(in a, out absA);
        if (b.IsNegative) Negate(in b, out absB);
        Mod(in absA, in absB, out UInt256 r);
        if (negA) Negate(in r, out r);
        res = r;
    }

    /// <summary>
    /// EVM SIGNEXTEND: treats byte <paramref name="byteIndex"/> (0 = least significant) of value as the
    /// sign byte of a (byteIndex + 1)-byte two's complement integer and extends its sign bit through bit 255.
    /// byteIndex &gt;= 31 returns value unchanged.
    /// </summary>
    public static void SignExtend(in UInt256 byteIndex, in UInt256 value, out UInt256 res)
    {
        if ((byteIndex.U1 | byteIndex.U2 | byteIndex.U3) != 0 || byteIndex.U0 >= 31)
        {
            res = value;
            return;
        }
        int signBit = (int)byteIndex.U0 * 8 + 7; // 7..247
        int limb = signBit >> 6;
        int bit = signBit & 63;
        ulong u0 = value.U0, u1 = value.U1, u2 = value.U2, u3 = value.U3;
        ulong signLimb = limb switch { 0 => u0, 1 => u1, 2 => u2, _ => u3 };
        ulong fill = (signLimb >> bit & 1) != 0 ? ulong.MaxValue : 0;
        // Within the sign limb keep bits 0..bit and replace the ones above; limbs above take the fill.
        ulong keep = bit == 63 ? ulong.MaxValue : (2UL << bit) - 1;
        ulong merged = (signLimb & keep) | (fill & ~keep);
        switch (limb)
        {
            case 0: u0 = merged; u1 = fill; u2 = fill; u3 = fill; break;
            case 1: u1 = merged; u2 = fill; u3 = fill; break;
            case 2: u2 = merged; u3 = fill; break;
            default: u3 = merged; break;
        }
        res = new UInt256(u0, u1, u2, u3);
    }
}
