using System.Numerics;
using System.Runtime.CompilerServices;

namespace Tachyon.Core.Numerics;

// Unsigned division and remainder of 256-bit values. Division by zero yields zero (EVM DIV/MOD semantics).
//
// Knuth's algorithm D (TAOCP vol. 2, 4.3.1), unrolled for each divisor width so that every limb stays in
// a register. Two- and three-limb divisors are normalized by their leading-zero count and each quotient
// digit is a 3-by-2 division by the top two divisor limbs through their reciprocal (UInt256.Reciprocal.cs),
// which needs no correction loop. Where there are too few digits to repay a reciprocal, x64 uses its DIV:
// a single-limb divisor runs a chain of DIVs (measured faster than 2-by-1 reciprocal steps on a Zen 4 EPYC:
// 12 vs 17 ns for 256/64, as DIV is fast there), and a four-limb divisor's one digit is estimated by one
// DIV and Knuth's test. Longer dividends (MulMod, AddMod) go through UInt256.LongDivision.cs.
public readonly partial struct UInt256
{
    /// <summary>res = a / b (truncated); b == 0 gives 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Divide(in UInt256 a, in UInt256 b, out UInt256 res)
    {
        if (((a.U1 | a.U2 | a.U3) | (b.U1 | b.U2 | b.U3)) == 0)
        {
            res = b.U0 == 0 ? default : new UInt256(a.U0 / b.U0);
            return;
        }
        DivRemWide<NativeDivider>(in a, in b, out res, out _);
    }

    /// <summary>res = a mod b; b == 0 gives 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Mod(in UInt256 a, in UInt256 b, out UInt256 res)
    {
        if (((a.U1 | a.U2 | a.U3) | (b.U1 | b.U2 | b.U3)) == 0)
        {
            res = b.U0 == 0 ? default : new UInt256(a.U0 % b.U0);
            return;
        }
        DivRemWide<NativeDivider>(in a, in b, out _, out res);
    }

    /// <summary>quotient = a / b, remainder = a mod b; b == 0 gives 0 for both.</summary>
    public static void DivRem(in UInt256 a, in UInt256 b, out UInt256 quotient, out UInt256 remainder)
    {
        if (((a.U1 | a.U2 | a.U3) | (b.U1 | b.U2 | b.U3)) == 0)
        {
            if (b.U0 == 0)
            {
                quotient = default;
                remainder = default;
                return;
            }
            ulong q = a.U0 / b.U0;
            ulong r = a.U0 - q * b.U0; // before the stores: quotient may alias a
            quotient = new UInt256(q);
            remainder = new UInt256(r);
            return;
        }
        DivRemWide<NativeDivider>(in a, in b, out quotient, out remainder);
    }

    /// <summary>DivRem with the portable reciprocal (no hardware divide) whatever the platform; for tests.</summary>
    internal static void DivRemPortable(in UInt256 a, in UInt256 b, out UInt256 quotient, out UInt256 remainder) =>
        DivRemWide<PortableDivider>(in a, in b, out quotient, out remainder);

    /// <summary>Dispatches on the divisor's limb count; b == 0 gives 0 for both results.</summary>
    private static void DivRemWide<TDivider>(in UInt256 a, in UInt256 b, out UInt256 quotient, out UInt256 remainder)
        where TDivider : struct, IWordDivider
    {
        if (LessThan(in a, in b))
        {
            // Quotient 0 (b == 0 never gets here). The remainder is stored first: quotient may alias a.
            remainder = a;
            quotient = default;
            return;
        }
        // A power-of-two divisor (fixed-point scales such as 2^96, 2^128 in EVM code): a shift and a mask.
        if (BitOperations.PopCount(b.U0) + BitOperations.PopCount(b.U1) + BitOperations.PopCount(b.U2) + BitOperations.PopCount(b.U3) == 1)
        {
            DivRemByPowerOfTwo(in a, in b, out quotient, out remainder);
            return;
        }
        // a and b of the same magnitude (the common case for full-width operands): the quotient is 1.
        if (b.U3 != 0)
        {
            if (QuotientIsOne(a.U3, b.U3)) SubtractOnce(in a, in b, out quotient, out remainder);
            else DivRemBy4<TDivider>(in a, in b, out quotient, out remainder);
        }
        else if (b.U2 != 0)
        {
            if (a.U3 == 0 && QuotientIsOne(a.U2, b.U2)) SubtractOnce(in a, in b, out quotient, out remainder);
            else DivRemBy3<TDivider>(in a, in b, out quotient, out remainder);
        }
        else if (b.U1 != 0)
        {
            if ((a.U3 | a.U2) == 0 && QuotientIsOne(a.U1, b.U1)) SubtractOnce(in a, in b, out quotient, out remainder);
            else DivRemBy2<TDivider>(in a, in b, out quotient, out remainder);
        }
        else if (b.U0 != 0) DivRemBy1<TDivider>(in a, b.U0, out quotient, out remainder);
        else
        {
            quotient = default;
            remainder = default;
        }
    }

    /// <summary>
    /// Given a &gt;= b and no dividend limb above the divisor's top limb: true when a &lt; 2b, i.e. the
    /// quotient is 1. Sufficient test: a &lt; (aTop+1)·2^64k &lt;= 2·bTop·2^64k &lt;= 2b when aTop &lt; 2·bTop.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool QuotientIsOne(ulong aTop, ulong bTop) => (aTop >> 1) < bTop;

    /// <summary>b = 2^k: quotient a &gt;&gt; k, remainder a &amp; (b - 1).</summary>
    private static void DivRemByPowerOfTwo(in UInt256 a, in UInt256 b, out UInt256 quotient, out UInt256 remainder)
    {
        int k = b.U0 != 0 ? BitOperations.TrailingZeroCount(b.U0)
            : b.U1 != 0 ? 64 + BitOperations.TrailingZeroCount(b.U1)
            : b.U2 != 0 ? 128 + BitOperations.TrailingZeroCount(b.U2)
            : 192 + BitOperations.TrailingZeroCount(b.U3);
        // Both into locals first: the outputs may alias the inputs.
        ShiftRight(in a, k, out UInt256 q);
        ulong m0 = k >= 64 ? a.U0 : a.U0 & ((1UL << k) - 1);
        ulong m1 = k >= 128 ? a.U1 : k <= 64 ? 0 : a.U1 & ((1UL << (k - 64)) - 1);
        ulong m2 = k >= 192 ? a.U2 : k <= 128 ? 0 : a.U2 & ((1UL << (k - 128)) - 1);
        ulong m3 = k <= 192 ? 0 : a.U3 & ((1UL << (k - 192)) - 1);
        remainder = new UInt256(m0, m1, m2, m3);
        quotient = q;
    }

    private static void SubtractOnce(in UInt256 a, in UInt256 b, out UInt256 quotient, out UInt256 remainder)
    {
        Subtract(in a, in b, out UInt256 r); // into a local first: the outputs may alias the inputs
        remainder = r;
        quotient = new UInt256(1);
    }

    /// <summary>Divisor of one limb d != 0.</summary>
    private static void DivRemBy1<TDivider>(in UInt256 a, ulong d, out UInt256 quotient, out UInt256 remainder)
        where TDivider : struct, IWordDivider
    {
        ulong q3 = 0, q2 = 0, q1, q0, r;
        if (TDivider.UseHardwareDivide)
        {
            // Each step divides (r:limb) with r < d, so the quotient fits a limb: one DIV each.
            r = 0;
            if ((a.U3 | a.U2) != 0)
            {
                q3 = HardwareDivide(0, a.U3, d, out r);
                q2 = HardwareDivide(r, a.U2, d, out r);
            }
            q1 = HardwareDivide(r, a.U1, d, out r);
            q0 = HardwareDivide(r, a.U0, d, out r);
        }
        else
        {
            int s = BitOperations.LeadingZeroCount(d);
            int rs = 63 - s; // x >> (64 - s) is written (x >> 1) >> rs, which is 0 (not x) when s == 0
            ulong dn = d << s;
            ulong v = Reciprocal(dn);
            q3 = Divide2By1((a.U3 >> 1) >> rs, (a.U3 << s) | ((a.U2 >> 1) >> rs), dn, v, out r);
            q2 = Divide2By1(r, (a.U2 << s) | ((a.U1 >> 1) >> rs), dn, v, out r);
            q1 = Divide2By1(r, (a.U1 << s) | ((a.U0 >> 1) >> rs), dn, v, out r);
            q0 = Divide2By1(r, a.U0 << s, dn, v, out r);
            r >>= s;
        }
        quotient = new UInt256(q0, q1, q2, q3);
        remainder = new UInt256(r);
    }

    /// <summary>Divisor of two limbs: three 3-by-2 steps, the remainder of each feeding the next (one digit for a 128-bit dividend).</summary>
    private static void DivRemBy2<TDivider>(in UInt256 a, in UInt256 b, out UInt256 quotient, out UInt256 remainder)
        where TDivider : struct, IWordDivider
    {
        int s = BitOperations.LeadingZeroCount(b.U1);
        int rs = 63 - s;
        ulong d1 = (b.U1 << s) | ((b.U0 >> 1) >> rs);
        ulong d0 = b.U0 << s;
        // Normalized dividend limbs n4..n0; the first step divides (n4:n3:n2), each remainder then takes
        // the next limb down.
        ulong n2 = (a.U1 >> 1) >> rs;
        ulong n1 = (a.U1 << s) | ((a.U0 >> 1) >> rs);
        ulong n0 = a.U0 << s;
        ulong r1, r0;
        if ((a.U3 | a.U2) == 0)
        {
            // A 128-bit dividend (n4 = n3 = 0): a single digit, estimated without a reciprocal.
            ulong q = EstimateDigit<TDivider>(n2, n1, n0, d1, d0);
            ulong c = 0, borrow = 0;
            ulong p0 = MulAdd(q, d0, 0, ref c);
            ulong p1 = MulAdd(q, d1, 0, ref c);
            n0 = SubtractWithBorrow(n0, p0, ref borrow);
            n1 = SubtractWithBorrow(n1, p1, ref borrow);
            SubtractWithBorrow(n2, c, ref borrow);
            if (borrow != 0)
            {
                q--;
                ulong k = 0;
                n0 = AddWithCarry(n0, d0, ref k);
                n1 = AddWithCarry(n1, d1, ref k);
            }
            quotient = new UInt256(q);
            remainder = new UInt256((n0 >> s) | ((n1 << 1) << rs), n1 >> s);
            return;
        }

        ulong v = Reciprocal3By2<TDivider>(d1, d0);
        ulong n4 = (a.U3 >> 1) >> rs;
        ulong n3 = (a.U3 << s) | ((a.U2 >> 1) >> rs);
        n2 |= a.U2 << s;
        ulong q2 = Divide3By2(n4, n3, n2, d1, d0, v, out r1, out r0);
        ulong q1 = Divide3By2(r1, r0, n1, d1, d0, v, out r1, out r0);
        ulong q0 = Divide3By2(r1, r0, n0, d1, d0, v, out r1, out r0);
        quotient = new UInt256(q0, q1, q2, 0);
        remainder = new UInt256((r0 >> s) | ((r1 << 1) << rs), r1 >> s);
    }

    /// <summary>Divisor of three limbs: two Knuth steps.</summary>
    private static void DivRemBy3<TDivider>(in UInt256 a, in UInt256 b, out UInt256 quotient, out UInt256 remainder)
        where TDivider : struct, IWordDivider
    {
        int s = BitOperations.LeadingZeroCount(b.U2);
        int rs = 63 - s;
        ulong d2 = (b.U2 << s) | ((b.U1 >> 1) >> rs);
        ulong d1 = (b.U1 << s) | ((b.U0 >> 1) >> rs);
        ulong d0 = b.U0 << s;
        ulong v = Reciprocal3By2<TDivider>(d2, d1);

        ulong u4 = (a.U3 >> 1) >> rs;
        ulong u3 = (a.U3 << s) | ((a.U2 >> 1) >> rs);
        ulong u2 = (a.U2 << s) | ((a.U1 >> 1) >> rs);
        ulong u1 = (a.U1 << s) | ((a.U0 >> 1) >> rs);
        ulong u0 = a.U0 << s;

        ulong q1 = KnuthStep3(u4, u3, u2, ref u1, d2, d1, d0, v, out u3, out u2);
        ulong q0 = KnuthStep3(u3, u2, u1, ref u0, d2, d1, d0, v, out u2, out u1);
        quotient = new UInt256(q0, q1, 0, 0);
        remainder = new UInt256((u0 >> s) | ((u1 << 1) << rs), (u1 >> s) | ((u2 << 1) << rs), u2 >> s);
    }

    /// <summary>
    /// One digit of (x3:x2:x1:x0) / (d2:d1:d0), normalized, with (x3:x2:x1) &lt; (d2:d1:d0) and
    /// v = Reciprocal3By2(d2, d1). Returns the digit; the remainder is (n2:n1:x0).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong KnuthStep3(ulong x3, ulong x2, ulong x1, ref ulong x0, ulong d2, ulong d1, ulong d0, ulong v,
        out ulong n2, out ulong n1)
    {
        ulong q, r1, r0;
        if (x3 == d2 && x2 == d1)
        {
            // The 3-by-2 step needs (x3:x2) < (d2:d1); here the digit is exactly 2^64 - 1, and
            // (x3:x2:x1) - q*(d2:d1) = (d2:d1) + x1 (mod 2^128; the borrow below is then not a correction).
            q = ulong.MaxValue;
            r0 = d1 + x1;
            r1 = d2 + (r0 < x1 ? 1UL : 0UL);
            ulong ph = MulHigh(q, d0), pl = q * d0;
            ulong bq = 0;
            x0 = SubtractWithBorrow(x0, pl, ref bq);
            n1 = SubtractWithBorrow(r0, ph, ref bq);
            n2 = r1 - bq;
            return q;
        }

        q = Divide3By2(x3, x2, x1, d2, d1, v, out r1, out r0);
        // (r1:r0:x0) -= q * d0; a borrow out means q was one too large.
        ulong hi = MulHigh(q, d0), lo = q * d0;
        ulong borrow = 0;
        x0 = SubtractWithBorrow(x0, lo, ref borrow);
        r0 = SubtractWithBorrow(r0, hi, ref borrow);
        r1 = SubtractWithBorrow(r1, 0, ref borrow);
        if (borrow != 0)
        {
            q--;
            ulong c = 0;
            x0 = AddWithCarry(x0, d0, ref c);
            r0 = AddWithCarry(r0, d1, ref c);
            r1 = AddWithCarry(r1, d2, ref c);
        }
        n2 = r1;
        n1 = r0;
        return q;
    }

    /// <summary>
    /// A lone quotient digit, where a two-limb reciprocal would cost more than it saves: (u2:u1) / d1 by one
    /// word division (u2 &lt; d1), refined with d0 by Knuth's test. The result is exact or one too large.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong EstimateDigit<TDivider>(ulong u2, ulong u1, ulong u0, ulong d1, ulong d0)
        where TDivider : struct, IWordDivider
    {
        ulong rhat;
        ulong q = TDivider.UseHardwareDivide
            ? HardwareDivide(u2, u1, d1, out rhat)
            : Divide2By1(u2, u1, d1, Reciprocal(d1), out rhat);
        ulong ph = MulHigh(q, d0), pl = q * d0;
        if (ph > rhat || (ph == rhat && pl > u0))
        {
            q--;
            ulong rhat2 = rhat + d1;
            if (rhat2 >= rhat)
            {
                ulong nl = pl - d0;
                ulong nh = ph - (pl < d0 ? 1UL : 0UL);
                if (nh > rhat2 || (nh == rhat2 && nl > u0)) q--;
            }
        }
        return q;
    }

    /// <summary>Divisor of four limbs: the quotient is a single digit.</summary>
    private static void DivRemBy4<TDivider>(in UInt256 a, in UInt256 b, out UInt256 quotient, out UInt256 remainder)
        where TDivider : struct, IWordDivider
    {
        int s = BitOperations.LeadingZeroCount(b.U3);
        int rs = 63 - s;
        ulong d3 = (b.U3 << s) | ((b.U2 >> 1) >> rs);
        ulong d2 = (b.U2 << s) | ((b.U1 >> 1) >> rs);
        ulong d1 = (b.U1 << s) | ((b.U0 >> 1) >> rs);
        ulong d0 = b.U0 << s;

        ulong u4 = (a.U3 >> 1) >> rs;
        ulong u3 = (a.U3 << s) | ((a.U2 >> 1) >> rs);
        ulong u2 = (a.U2 << s) | ((a.U1 >> 1) >> rs);
        ulong u1 = (a.U1 << s) | ((a.U0 >> 1) >> rs);
        ulong u0 = a.U0 << s;

        ulong q = EstimateDigit<TDivider>(u4, u3, u2, d3, d2);

        // (u4:u3:u2:u1:u0) -= q * (d3:d2:d1:d0); q is now exact or one too large.
        ulong carry = 0, borrow = 0;
        ulong p0 = MulAdd(q, d0, 0, ref carry);
        ulong p1 = MulAdd(q, d1, 0, ref carry);
        ulong p2 = MulAdd(q, d2, 0, ref carry);
        ulong p3 = MulAdd(q, d3, 0, ref carry);
        u0 = SubtractWithBorrow(u0, p0, ref borrow);
        u1 = SubtractWithBorrow(u1, p1, ref borrow);
        u2 = SubtractWithBorrow(u2, p2, ref borrow);
        u3 = SubtractWithBorrow(u3, p3, ref borrow);
        SubtractWithBorrow(u4, carry, ref borrow);
        if (borrow != 0)
        {
            q--;
            ulong c = 0;
            u0 = AddWithCarry(u0, d0, ref c);
            u1 = AddWithCarry(u1, d1, ref c);
            u2 = AddWithCarry(u2, d2, ref c);
            u3 = AddWithCarry(u3, d3, ref c);
        }
        quotient = new UInt256(q);
        remainder = new UInt256(
            (u0 >> s) | ((u1 << 1) << rs), (u1 >> s) | ((u2 << 1) << rs), (u2 >> s) | ((u3 << 1) << rs), u3 >> s);
    }
}
