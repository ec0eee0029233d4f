using System.Numerics;
using System.Runtime.CompilerServices;

namespace Tachyon.Core.Numerics;

// Modular arithmetic: ADDMOD and MULMOD with exact 257/512-bit intermediates, and EXP modulo 2^256.
public readonly partial struct UInt256
{
    /// <summary>res = (a + b) mod m computed on the exact 257-bit sum; m == 0 gives 0.</summary>
    [SkipLocalsInit]
    public static unsafe void AddMod(in UInt256 a, in UInt256 b, in UInt256 m, out UInt256 res)
    {
        if (m.IsZero)
        {
            res = default;
            return;
        }

        bool carry = AddOverflow(in a, in b, out UInt256 sum);
        if (LessThan(in a, in m) && LessThan(in b, in m))
        {
            // Common case (both operands already reduced): the sum is below 2m, one subtraction at most.
            if (carry || !LessThan(in sum, in m))
                Subtract(in sum, in m, out sum);
            res = sum;
            return;
        }

        if (m.U3 != 0)
        {
            // A four-limb modulus: each operand reduces with a one-digit quotient (for operands of the
            // modulus's magnitude, one subtraction), cheaper than dividing the 257-bit sum by it.
            UInt256 ar = a, br = b;
            if (!LessThan(in a, in m)) DivRemWide<NativeDivider>(in a, in m, out _, out ar);
            if (!LessThan(in b, in m)) DivRemWide<NativeDivider>(in b, in m, out _, out br);
            if (AddOverflow(in ar, in br, out sum) || !LessThan(in sum, in m))
                Subtract(in sum, in m, out sum);
            res = sum;
            return;
        }
        if (!carry)
        {
            DivRemWide<NativeDivider>(in sum, in m, out _, out res);
            return;
        }
        LimbBuffer u;
        u.L[0] = sum.U0; u.L[1] = sum.U1; u.L[2] = sum.U2; u.L[3] = sum.U3;
        u.L[4] = 1;
        DivRemCore<NativeDivider>(u.L, 5, in m, null, out res);
    }

    /// <summary>res = (a * b) mod m computed on the exact 512-bit product; m == 0 gives 0.</summary>
    public static void MulMod(in UInt256 a, in UInt256 b, in UInt256 m, out UInt256 res) =>
        MulModCore<NativeDivider>(in a, in b, in m, out res);

    /// <summary>MulMod through the portable (reciprocal) word division whatever the platform; for tests.</summary>
    internal static void MulModPortable(in UInt256 a, in UInt256 b, in UInt256 m, out UInt256 res) =>
        MulModCore<PortableDivider>(in a, in b, in m, out res);

    [SkipLocalsInit]
    private static unsafe void MulModCore<TDivider>(in UInt256 a, in UInt256 b, in UInt256 m, out UInt256 res)
        where TDivider : struct, IWordDivider
    {
        if (m.IsZero)
        {
            res = default;
            return;
        }
        if (((a.U1 | a.U2 | a.U3) | (b.U1 | b.U2 | b.U3) | (m.U1 | m.U2 | m.U3)) == 0)
        {
            // Everything in 64 bits: a 128-by-64-bit remainder.
            ulong hi = Math.BigMul(a.U0, b.U0, out ulong lo);
            res = new UInt256(TDivider.UseHardwareDivide
                ? (ulong)(new UInt128(hi, lo) % m.U0)
                : Remainder128By64(hi, lo, m.U0));
            return;
        }

        if ((a.U2 | a.U3 | b.U2 | b.U3) == 0)
        {
            // Both factors below 2^128 (the common EVM case): the product fits 256 bits.
            Multiply(in a, in b, out UInt256 p);
            DivRemWide<TDivider>(in p, in m, out _, out res);
            return;
        }

        LimbBuffer product;
        Multiply512(in a, in b, product.L);
        DivRemCore<TDivider>(product.L, 8, in m, null, out res);
    }

    /// <summary>(hi:lo) mod d for d != 0, by the reciprocal method.</summary>
    private static ulong Remainder128By64(ulong hi, ulong lo, ulong d)
    {
        int s = BitOperations.LeadingZeroCount(d);
        ulong dn = d << s;
        ulong v = Reciprocal(dn);
        // Normalize the 128-bit dividend into three limbs; the top one is below 2^s <= dn.
        ulong n2 = (hi >> 1) >> (63 - s);
        ulong n1 = (hi << s) | ((lo >> 1) >> (63 - s));
        ulong n0 = lo << s;
        Divide2By1(n2, n1, dn, v, out ulong r);
        Divide2By1(r, n0, dn, v, out r);
        return r >> s;
    }

    /// <summary>res = b^e mod 2^256 by left-to-right square-and-multiply, with shortcuts for trivial and even bases.</summary>
    public static void Exp(in UInt256 b, in UInt256 e, out UInt256 res)
    {
        if (e.IsZero)
        {
            res = One;
            return;
        }
        if (b.IsUInt64 && b.U0 <= 1)
        {
            res = b; // 0^e = 0, 1^e = 1 for e >= 1
            return;
        }

        // b = 2^t * odd  =>  b^e = 2^(t*e) * odd^e, which is 0 mod 2^256 once t*e >= 256.
        int t = TrailingZeroCount(in b);
        if (t > 0)
        {
            if (!e.IsUInt64 || e.U0 >= 256 || (ulong)t * e.U0 >= 256)
            {
                res = default;
                return;
            }
            if (b.U0 == 1UL << t && (b.U1 | b.U2 | b.U3) == 0)
            {
                ShiftLeft(in One, t * (int)e.U0, out res); // exact power of two
                return;
            }
        }

        UInt256 baseValue = b;
        UInt256 acc = baseValue;
        int bit = e.BitLength - 2; // the top bit is accounted for by acc = b
        if (e.U3 == 0 && e.U2 == 0 && e.U1 == 0)
        {
            ulong exp = e.U0;
            for (; bit >= 0; bit--)
            {
                Square(in acc, out acc);
                if (((exp >> bit) & 1) != 0) Multiply(in acc, in baseValue, out acc);
            }
        }
        else
        {
            for (; bit >= 0; bit--)
            {
                Square(in acc, out acc);
                if (e.Bit(bit)) Multiply(in acc, in baseValue, out acc);
            }
        }
        res = acc;
    }

    /// <summary>Bit i (0 = least significant) of the value; i must be in [0, 256).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool Bit(int i)
    {
        ulong limb = (i >> 6) switch { 0 => U0, 1 => U1, 2 => U2, _ => U3 };
        return ((limb >> (i & 63)) & 1) != 0;
    }

    /// <summary>Number of trailing zero bits (256 for zero).</summary>
    private static int TrailingZeroCount(in UInt256 x)
    {
        if (x.U0 != 0) return BitOperations.TrailingZeroCount(x.U0);
        if (x.U1 != 0) return 64 + BitOperations.TrailingZeroCount(x.U1);
        if (x.U2 != 0) return 128 + BitOperations.TrailingZeroCount(x.U2);
        if (x.U3 != 0) return 192 + BitOperations.TrailingZeroCount(x.U3);
        return 256;
    }
}
