using System.Numerics;
using System.Runtime.CompilerServices;

namespace Tachyon.Core.Numerics;

// Knuth's algorithm D over a limb buffer, for dividends longer than 256 bits: the 257-bit sum of ADDMOD and
// the 512-bit product of MULMOD. The divisor's 3-by-2 reciprocal is computed once and serves every
// quotient digit; a one-limb divisor takes a chain of DIVs on x64 and 2-by-1 reciprocal steps elsewhere.
public readonly partial struct UInt256
{
    /// <summary>Scratch limbs on the stack (a plain local, cheaper than stackalloc; up to a normalized 512-bit dividend).</summary>
    private unsafe struct LimbBuffer
    {
        public fixed ulong L[9];
    }

    /// <summary>DivRem of 256-bit values through the long-division path; for tests, which also run it on 4 limbs.</summary>
    [SkipLocalsInit]
    internal static unsafe void DivRemLong<TDivider>(in UInt256 a, in UInt256 b, out UInt256 quotient, out UInt256 remainder)
        where TDivider : struct, IWordDivider
    {
        if (b.IsZero)
        {
            quotient = default;
            remainder = default;
            return;
        }
        LimbBuffer u, q;
        u.L[0] = a.U0; u.L[1] = a.U1; u.L[2] = a.U2; u.L[3] = a.U3;
        q.L[0] = 0; q.L[1] = 0; q.L[2] = 0; q.L[3] = 0;
        DivRemCore<TDivider>(u.L, 4, in b, q.L, out remainder);
        quotient = new UInt256(q.L[0], q.L[1], q.L[2], q.L[3]);
    }

    /// <summary>
    /// Divides the little-endian limbs u[0..uLen) (uLen &lt;= 8) by the nonzero divisor d. When q is not
    /// null it receives the quotient limbs q[0..uLen - limbs(d)] (higher limbs are left untouched, so the
    /// caller zeroes them). The remainder always fits in 256 bits because it is below d. u is not modified.
    /// </summary>
    [SkipLocalsInit]
    internal static unsafe void DivRemCore<TDivider>(ulong* u, int uLen, in UInt256 d, ulong* q, out UInt256 remainder)
        where TDivider : struct, IWordDivider
    {
        while (uLen > 0 && u[uLen - 1] == 0) uLen--;

        int n = d.U3 != 0 ? 4 : d.U2 != 0 ? 3 : d.U1 != 0 ? 2 : 1;
        if (uLen < n)
        {
            // Dividend below the divisor (it has fewer limbs): quotient 0, remainder the dividend.
            remainder = new UInt256(uLen > 0 ? u[0] : 0, uLen > 1 ? u[1] : 0, uLen > 2 ? u[2] : 0, 0);
            return;
        }

        if (n == 1 && TDivider.UseHardwareDivide)
        {
            // As in DivRemBy1: on x64 a chain of DIVs (no normalization) beats 2-by-1 reciprocal steps.
            ulong dLimb = d.U0, rem = 0;
            for (int j = uLen - 1; j >= 0; j--)
            {
                ulong qj = HardwareDivide(rem, u[j], dLimb, out rem);
                if (q != null) q[j] = qj;
            }
            remainder = new UInt256(rem);
            return;
        }

        // Normalize: shift so that the top divisor limb has its high bit set. x >> (64 - s) is written
        // (x >> 1) >> (63 - s), which is 0 (not x) when s == 0.
        LimbBuffer vBuffer, uBuffer;
        ulong* vn = vBuffer.L;
        ulong* un = uBuffer.L;
        int s = BitOperations.LeadingZeroCount(n == 4 ? d.U3 : n == 3 ? d.U2 : n == 2 ? d.U1 : d.U0);
        int rs = 63 - s;
        vn[0] = d.U0 << s;
        vn[1] = (d.U1 << s) | ((d.U0 >> 1) >> rs);
        vn[2] = (d.U2 << s) | ((d.U1 >> 1) >> rs);
        vn[3] = (d.U3 << s) | ((d.U2 >> 1) >> rs);
        un[uLen] = (u[uLen - 1] >> 1) >> rs;
        for (int i = uLen - 1; i > 0; i--)
            un[i] = (u[i] << s) | ((u[i - 1] >> 1) >> rs);
        un[0] = u[0] << s;

        if (n == 1)
        {
            ulong dn = vn[0];
            ulong v1 = Reciprocal<TDivider>(dn);
            ulong r = un[uLen];
            for (int j = uLen - 1; j >= 0; j--)
            {
                ulong qj = Divide2By1(r, un[j], dn, v1, out r);
                if (q != null) q[j] = qj;
            }
            remainder = new UInt256(r >> s);
            return;
        }

        ulong d1 = vn[n - 1], d0 = vn[n - 2];
        ulong v = Reciprocal3By2<TDivider>(d1, d0);
        int top = uLen - n;
        if (un[uLen] == 0 && un[uLen - 1] < d1)
        {
            // The top digit is 0 (the top window is below the divisor): skip its step. This is the usual
            // case for MULMOD of reduced operands, whose product is below m^2.
            if (q != null) q[top] = 0;
            top--;
        }
        if (n == 4)
        {
            for (int j = top; j >= 0; j--)
            {
                ulong qj = KnuthStep4(un + j, vn, d1, d0, v);
                if (q != null) q[j] = qj;
            }
        }
        else
        {
            for (int j = top; j >= 0; j--)
            {
                ulong qj = KnuthStep(un + j, vn, n, d1, d0, v);
                if (q != null) q[j] = qj;
            }
        }

        // The remainder is in un[0..n), still shifted left by s; un[n] is zero now.
        ulong r0 = (un[0] >> s) | ((un[1] << 1) << rs);
        ulong r1 = (un[1] >> s) | ((un[2] << 1) << rs);
        ulong r2 = n > 2 ? (un[2] >> s) | ((un[3] << 1) << rs) : 0;
        ulong r3 = n > 3 ? (un[3] >> s) | ((un[4] << 1) << rs) : 0;
        remainder = new UInt256(r0, r1, r2, r3);
    }

    /// <summary><see cref="KnuthStep"/> for n == 4 (MULMOD by a full-width modulus), with the lower limbs unrolled.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe ulong KnuthStep4(ulong* w, ulong* vn, ulong d1, ulong d0, ulong v)
    {
        ulong u2 = w[4], u1 = w[3];
        if (u2 == d1 && u1 == d0) return KnuthStep(w, vn, 4, d1, d0, v); // the rare exact 2^64 - 1 digit

        ulong qhat = Divide3By2(u2, u1, w[2], d1, d0, v, out ulong r1, out ulong r0);
        ulong c = 0;
        ulong p0 = MulAdd(qhat, vn[0], 0, ref c);
        ulong p1 = MulAdd(qhat, vn[1], 0, ref c);
        ulong borrow = 0;
        ulong x0 = SubtractWithBorrow(w[0], p0, ref borrow);
        ulong x1 = SubtractWithBorrow(w[1], p1, ref borrow);
        r0 = SubtractWithBorrow(r0, c, ref borrow);
        r1 = SubtractWithBorrow(r1, 0, ref borrow);
        if (borrow != 0)
        {
            qhat--;
            ulong k = 0;
            x0 = AddWithCarry(x0, vn[0], ref k);
            x1 = AddWithCarry(x1, vn[1], ref k);
            r0 = AddWithCarry(r0, d0, ref k);
            r1 = AddWithCarry(r1, d1, ref k);
        }
        w[0] = x0;
        w[1] = x1;
        w[2] = r0;
        w[3] = r1;
        w[4] = 0;
        return qhat;
    }

    /// <summary>
    /// One digit of Knuth's algorithm D: divides w[0..n] (with w[1..n] below the divisor) by the n &gt;= 2
    /// normalized limbs vn, whose top two limbs are (d1:d0) with v = Reciprocal3By2(d1, d0). Leaves the
    /// remainder in w[0..n), zeroes w[n] and returns the digit.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe ulong KnuthStep(ulong* w, ulong* vn, int n, ulong d1, ulong d0, ulong v)
    {
        ulong u2 = w[n], u1 = w[n - 1], u0 = w[n - 2];
        ulong qhat, carry = 0;
        if (u2 == d1 && u1 == d0)
        {
            // The 3-by-2 step needs (u2:u1) < (d1:d0); here the digit is exactly 2^64 - 1.
            qhat = ulong.MaxValue;
            for (int i = 0; i < n; i++)
            {
                ulong p = MulAdd(qhat, vn[i], 0, ref carry);
                ulong t = w[i];
                w[i] = t - p;
                carry += t < p ? 1UL : 0UL;
            }
            w[n] = 0; // u2 - carry, which the exact digit makes zero
            return qhat;
        }

        // The top three limbs by the top two divisor limbs give the digit, at most one too large, and the
        // top two remainder limbs; the lower divisor limbs are then subtracted with their borrow.
        qhat = Divide3By2(u2, u1, u0, d1, d0, v, out ulong r1, out ulong r0);
        for (int i = 0; i < n - 2; i++)
        {
            ulong p = MulAdd(qhat, vn[i], 0, ref carry);
            ulong t = w[i];
            w[i] = t - p;
            carry += t < p ? 1UL : 0UL;
        }
        ulong borrow = r0 < carry ? 1UL : 0UL;
        r0 -= carry;
        ulong negative = r1 < borrow ? 1UL : 0UL;
        r1 -= borrow;
        w[n - 2] = r0;
        w[n - 1] = r1;
        w[n] = 0;
        if (negative != 0)
        {
            qhat--;
            ulong c = 0;
            for (int i = 0; i < n; i++) w[i] = AddWithCarry(w[i], vn[i], ref c);
        }
        return qhat;
    }
}
