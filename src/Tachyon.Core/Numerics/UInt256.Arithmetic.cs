using System.Runtime.Intrinsics.X86;
using System.Runtime.CompilerServices;

namespace Tachyon.Core.Numerics;

// Addition, subtraction, negation and multiplication modulo 2^256 (plus the overflow-reporting variants).
// All methods read their inputs into locals before writing the result, so `res` may alias `a` or `b`.
public readonly partial struct UInt256
{
    /// <summary>res = (a + b) mod 2^256.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Add(in UInt256 a, in UInt256 b, out UInt256 res) => AddOverflow(in a, in b, out res);

    /// <summary>res = (a + b) mod 2^256; returns true when the true sum is 2^256 or more.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AddOverflow(in UInt256 a, in UInt256 b, out UInt256 res)
    {
        ulong r0 = a.U0 + b.U0;
        ulong carry = r0 < a.U0 ? 1UL : 0UL;
        ulong r1 = AddWithCarry(a.U1, b.U1, ref carry);
        ulong r2 = AddWithCarry(a.U2, b.U2, ref carry);
        ulong r3 = AddWithCarry(a.U3, b.U3, ref carry);
        res = new UInt256(r0, r1, r2, r3);
        return carry != 0;
    }

    /// <summary>res = (a - b) mod 2^256.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Subtract(in UInt256 a, in UInt256 b, out UInt256 res) => SubtractUnderflow(in a, in b, out res);

    /// <summary>res = (a - b) mod 2^256; returns true when b &gt; a (a borrow out of the top limb).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool SubtractUnderflow(in UInt256 a, in UInt256 b, out UInt256 res)
    {
        ulong r0 = a.U0 - b.U0;
        ulong borrow = a.U0 < b.U0 ? 1UL : 0UL;
        ulong r1 = SubtractWithBorrow(a.U1, b.U1, ref borrow);
        ulong r2 = SubtractWithBorrow(a.U2, b.U2, ref borrow);
        ulong r3 = SubtractWithBorrow(a.U3, b.U3, ref borrow);
        res = new UInt256(r0, r1, r2, r3);
        return borrow != 0;
    }

    /// <summary>Two's complement negation: res = (2^256 - a) mod 2^256.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Negate(in UInt256 a, out UInt256 res)
    {
        ulong r0 = 0UL - a.U0;
        ulong borrow = a.U0 != 0 ? 1UL : 0UL;
        ulong r1 = SubtractWithBorrow(0, a.U1, ref borrow);
        ulong r2 = SubtractWithBorrow(0, a.U2, ref borrow);
        ulong r3 = SubtractWithBorrow(0, a.U3, ref borrow);
        res = new UInt256(r0, r1, r2, r3);
    }

    /// <summary>res = (a * b) mod 2^256 (the low 256 bits of the product).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Multiply(in UInt256 a, in UInt256 b, out UInt256 res)
    {
        ulong a0 = a.U0, a1 = a.U1, a2 = a.U2, a3 = a.U3;
        ulong b0 = b.U0, b1 = b.U1, b2 = b.U2, b3 = b.U3;

        // Row a0 (all four columns), then rows a1, a2, a3 truncated to the columns below 2^256.
        ulong carry = MulHigh(a0, b0);
        ulong r0 = a0 * b0;
        ulong r1 = MulAdd(a0, b1, 0, ref carry);
        ulong r2 = MulAdd(a0, b2, 0, ref carry);
        ulong r3 = a0 * b3 + carry;

        carry = 0;
        r1 = MulAdd(a1, b0, r1, ref carry);
        r2 = MulAdd(a1, b1, r2, ref carry);
        r3 += a1 * b2 + carry;

        carry = 0;
        r2 = MulAdd(a2, b0, r2, ref carry);
        r3 += a2 * b1 + carry + a3 * b0;

        res = new UInt256(r0, r1, r2, r3);
    }

    /// <summary>res = (a * b) mod 2^256; returns true when the full product does not fit in 256 bits.</summary>
    [SkipLocalsInit]
    public static unsafe bool MultiplyOverflow(in UInt256 a, in UInt256 b, out UInt256 res)
    {
        LimbBuffer product;
        ulong* p = product.L;
        Multiply512(in a, in b, p);
        res = new UInt256(p[0], p[1], p[2], p[3]);
        return (p[4] | p[5] | p[6] | p[7]) != 0;
    }

    /// <summary>The full 512-bit product a * b written to p[0..7], least significant limb first.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static unsafe void Multiply512(in UInt256 a, in UInt256 b, ulong* p)
    {
        ulong a0 = a.U0, a1 = a.U1, a2 = a.U2, a3 = a.U3;
        ulong b0 = b.U0, b1 = b.U1, b2 = b.U2, b3 = b.U3;

        ulong carry = MulHigh(a0, b0);
        ulong r0 = a0 * b0;
        ulong r1 = MulAdd(a0, b1, 0, ref carry);
        ulong r2 = MulAdd(a0, b2, 0, ref carry);
        ulong r3 = MulAdd(a0, b3, 0, ref carry);
        ulong r4 = carry;

        carry = 0;
        r1 = MulAdd(a1, b0, r1, ref carry);
        r2 = MulAdd(a1, b1, r2, ref carry);
        r3 = MulAdd(a1, b2, r3, ref carry);
        r4 = MulAdd(a1, b3, r4, ref carry);
        ulong r5 = carry;

        carry = 0;
        r2 = MulAdd(a2, b0, r2, ref carry);
        r3 = MulAdd(a2, b1, r3, ref carry);
        r4 = MulAdd(a2, b2, r4, ref carry);
        r5 = MulAdd(a2, b3, r5, ref carry);
        ulong r6 = carry;

        carry = 0;
        r3 = MulAdd(a3, b0, r3, ref carry);
        r4 = MulAdd(a3, b1, r4, ref carry);
        r5 = MulAdd(a3, b2, r5, ref carry);
        r6 = MulAdd(a3, b3, r6, ref carry);

        p[0] = r0; p[1] = r1; p[2] = r2; p[3] = r3;
        p[4] = r4; p[5] = r5; p[6] = r6; p[7] = carry;
    }

    /// <summary>res = a * a mod 2^256, using the symmetry of the cross products (6 multiplications, not 10).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Square(in UInt256 a, out UInt256 res)
    {
        ulong a0 = a.U0, a1 = a.U1, a2 = a.U2, a3 = a.U3;

        // Cross products a_i*a_j (i < j) below column 4: a0a1 (col 1), a0a2 (col 2), a0a3 + a1a2 (col 3, low only).
        ulong carry = Math.BigMul(a0, a1, out ulong c1);
        ulong c2 = MulAdd(a0, a2, 0, ref carry);
        ulong c3 = a0 * a3 + a1 * a2 + carry;

        // Double them.
        c3 = (c3 << 1) | (c2 >> 63);
        c2 = (c2 << 1) | (c1 >> 63);
        c1 <<= 1;

        // Add the squares a0^2 (cols 0,1) and a1^2 (cols 2,3).
        ulong h0 = Math.BigMul(a0, a0, out ulong r0);
        ulong h1 = Math.BigMul(a1, a1, out ulong l1);
        ulong k = 0;
        ulong r1 = AddWithCarry(c1, h0, ref k);
        ulong r2 = AddWithCarry(c2, l1, ref k);
        ulong r3 = c3 + h1 + k;
        res = new UInt256(r0, r1, r2, r3);
    }

    /// <summary>x + y + carry (carry in {0,1}); carry receives the carry out.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong AddWithCarry(ulong x, ulong y, ref ulong carry)
    {
        ulong s = x + y + carry;
        carry = ((x & y) | ((x | y) & ~s)) >> 63;
        return s;
    }

    /// <summary>x - y - borrow (borrow in {0,1}); borrow receives the borrow out.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong SubtractWithBorrow(ulong x, ulong y, ref ulong borrow)
    {
        ulong d = x - y - borrow;
        borrow = ((~x & y) | (~(x ^ y) & d)) >> 63;
        return d;
    }

    /// <summary>Low limb of x*y + add + carry; carry receives the high limb (never overflows: the sum is below 2^128).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong MulAdd(ulong x, ulong y, ulong add, ref ulong carry)
    {
        ulong hi = MulHigh(x, y);
        ulong lo = x * y;
        lo += add;
        hi += lo < add ? 1UL : 0UL;
        lo += carry;
        hi += lo < carry ? 1UL : 0UL;
        carry = hi;
        return lo;
    }

    /// <summary>
    /// The high 64 bits of x*y. The low half is better taken as a plain x*y: Math.BigMul's low output goes
    /// through a stack slot (a store and reload on the critical path, and a zeroed frame), while two
    /// independent multiplies run in parallel. MULX's high-only form keeps everything in registers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong MulHigh(ulong x, ulong y) =>
        Bmi2.X64.IsSupported ? Bmi2.X64.MultiplyNoFlags(x, y) : Math.BigMul(x, y, out _);
}
