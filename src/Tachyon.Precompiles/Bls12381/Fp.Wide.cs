using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Tachyon.Precompiles.Bls12381;

/// <summary>
/// An unreduced 768-bit value, e.g. a product of two field elements before Montgomery
/// reduction. Summing such products and reducing once ("lazy reduction") saves reductions
/// in Fp2 arithmetic; every producer keeps the value below p·2^384 so that
/// <see cref="Fp.Reduce"/> returns a fully reduced element.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct FpWide
{
    internal readonly ulong L0, L1, L2, L3, L4, L5, L6, L7, L8, L9, L10, L11;

    internal FpWide(ulong l0, ulong l1, ulong l2, ulong l3, ulong l4, ulong l5,
        ulong l6, ulong l7, ulong l8, ulong l9, ulong l10, ulong l11)
    {
        L0 = l0; L1 = l1; L2 = l2; L3 = l3; L4 = l4; L5 = l5;
        L6 = l6; L7 = l7; L8 = l8; L9 = l9; L10 = l10; L11 = l11;
    }
}

public readonly partial struct Fp
{
    // p² as a 768-bit integer: added back after a subtraction of products that may go negative.
    private static FpWide PSquared => new(0x26aa00001c718e39, 0x7ced6b1d76382eab, 0x162c338362113cfd,
        0x66bf91ed3e71b743, 0x292e85a87091a049, 0x1d68619c86185c7b, 0xf53149330978ef01, 0x50a62cfd16ddca6e,
        0x66e59e49349e8bd0, 0xe2dc90e50e7046b4, 0x4bd278eaa22f25e9, 0x02a437a4b8c35fc7);

    /// <summary>The plain 768-bit product a·b (schoolbook, no reduction).</summary>
    internal static FpWide MulWide(in Fp a, in Fp b)
    {
        ulong r0, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, r11, c, lo, hi;
        hi = MulHigh(a.L0, b.L0); lo = a.L0 * b.L0;
        r0 = lo; c = hi;
        hi = MulHigh(a.L0, b.L1); lo = a.L0 * b.L1;
        lo += c; hi += lo < c ? 1UL : 0UL;
        r1 = lo; c = hi;
        hi = MulHigh(a.L0, b.L2); lo = a.L0 * b.L2;
        lo += c; hi += lo < c ? 1UL : 0UL;
        r2 = lo; c = hi;
        hi = MulHigh(a.L0, b.L3); lo = a.L0 * b.L3;
        lo += c; hi += lo < c ? 1UL : 0UL;
        r3 = lo; c = hi;
        hi = MulHigh(a.L0, b.L4); lo = a.L0 * b.L4;
        lo += c; hi += lo < c ? 1UL : 0UL;
        r4 = lo; c = hi;
        hi = MulHigh(a.L0, b.L5); lo = a.L0 * b.L5;
        lo += c; hi += lo < c ? 1UL : 0UL;
        r5 = lo; c = hi;
        r6 = c;
        hi = MulHigh(a.L1, b.L0); lo = a.L1 * b.L0;
        lo += r1; hi += lo < r1 ? 1UL : 0UL;
        r1 = lo; c = hi;
        hi = MulHigh(a.L1, b.L1); lo = a.L1 * b.L1;
        lo += r2; hi += lo < r2 ? 1UL : 0UL;
        lo += c; hi += lo < c ? 1UL : 0UL;
        r2 = lo; c = hi;
        hi = MulHigh(a.L1, b.L2); lo = a.L1 * b.L2;
        lo += r3; hi += lo < r3 ? 1UL : 0UL;
        lo += c; hi += lo < c ? 1UL : 0UL;
        r3 = lo; c = hi;
        hi = MulHigh(a.L1, b.L3); lo = a.L1 * b.L3;
        lo += r4; hi += lo < r4 ? 1UL : 0UL;
        lo += c; hi += lo < c ? 1UL : 0UL;
        r4 = lo; c = hi;
        hi = MulHigh(a.L1, b.L4); lo = a.L1 * b.L4;
        lo += r5; hi += lo < r5 ? 1UL : 0UL;
        lo += c; hi += lo < c ? 1UL : 0UL;
        r5 = lo; c = hi;
        hi = MulHigh(a.L1, b.L5); lo = a.L1 * b.L5;
        lo += r6; hi += lo < r6 ? 1UL : 0UL;
        lo += c; hi += lo < c ? 1UL : 0UL;
        r6 = lo; c = hi;
        r7 = c;
        hi = MulHigh(a.L2, b.L0); lo = a.L2 * b.L0;
        lo += r2; hi += lo < r2 ? 1UL : 0UL;
        r2 = lo; c = hi;
        hi = MulHigh(a.L2, b.L1); lo = a.L2 * b.L1;
        lo += r3; hi += lo < r3 ? 1UL : 0UL;
        lo += c; hi += lo < c ? 1UL : 0UL;
        r3 = lo; c = hi;
        hi = MulHigh(a.L2, b.L2); lo = a.L2 * b.L2;
        lo += r4; hi += lo < r4 ? 1UL : 0UL;
        lo += c; hi += lo < c ? 1UL : 0UL;
        r4 = lo; c = hi;
        hi = MulHigh(a.L2, b.L3); lo = a.L2 * b.L3;
        lo += r5; hi += lo < r5 ? 1UL : 0UL;
        lo += c; hi += lo < c ? 1UL : 0UL;
        r5 = lo; c = hi;
        hi = MulHigh(a.L2, b.L4); lo = a.L2 * b.L4;
        lo += r6; hi += lo < r6 ? 1UL : 0UL;
        lo += c; hi += lo < c ? 1UL : 0UL;
        r6 = lo; c = hi;
        hi = MulHigh(a.L2, b.L5); lo = a.L2 * b.L5;
        lo += r7; hi += lo < r7 ? 1UL : 0UL;
        lo += c; hi += lo < c ? 1UL : 0UL;
        r7 = lo; c = hi;
        r8 = c;
        hi = MulHigh(a.L3, b.L0); lo = a.L3 * b.L0;
        lo += r3; hi += lo < r3 ? 1UL : 0UL;
        r3 = lo; c = hi;
        hi = MulHigh(a.L3, b.L1); lo = a.L3 * b.L1;
        lo += r4; hi += lo < r4 ? 1UL : 0UL;
        lo += c; hi += lo < c ? 1UL : 0UL;
        r4 = lo; c = hi;
        hi = MulHigh(a.L3, b.L2); lo = a.L3 * b.L2;
        lo += r5; hi += lo < r5 ? 1UL : 0UL;
        lo += c; hi += lo < c ? 1UL : 0UL;
        r5 = lo; c = hi;
        hi = MulHigh(a.L3, b.L3); lo = a.L3 * b.L3;
        lo += r6; hi += lo < r6 ? 1UL : 0UL;
        lo += c; hi += lo < c ? 1UL : 0UL;
        r6 = lo; c = hi;
        hi = MulHigh(a.L3, b.L4); lo = a.L3 * b.L4;
        lo += r7; hi += lo < r7 ? 1UL : 0UL;
        lo += c; hi += lo < c ? 1UL : 0UL;
        r7 = lo; c = hi;
        hi = MulHigh(a.L3, b.L5); lo = a.L3 * b.L5;
        lo += r8; hi += lo < r8 ? 1UL : 0UL;
        lo += c; hi += lo < c ? 1UL : 0UL;
        r8 = lo; c = hi;
        r9 = c;
        hi = MulHigh(a.L4, b.L0); lo = a.L4 * b.L0;
        lo += r4; hi += lo < r4 ? 1UL : 0UL;
        r4 = lo; c = hi;
        hi = MulHigh(a.L4, b.L1); lo = a.L4 * b.L1;
        lo += r5; hi += lo < r5 ? 1UL : 0UL;
        lo += c; hi += lo < c ? 1UL : 0UL;
        r5 = lo; c = hi;
        hi = MulHigh(a.L4, b.L2); lo = a.L4 * b.L2;
        lo += r6; hi += lo < r6 ? 1UL : 0UL;
        lo += c; hi += lo < c ? 1UL : 0UL;
        r6 = lo; c = hi;
        hi = MulHigh(a.L4, b.L3); lo = a.L4 * b.L3;
        lo += r7; hi += lo < r7 ? 1UL : 0UL;
        lo += c; hi += lo < c ? 1UL : 0UL;
        r7 = lo; c = hi;
        hi = MulHigh(a.L4, b.L4); lo = a.L4 * b.L4;
        lo += r8; hi += lo < r8 ? 1UL : 0UL;
        lo += c; hi += lo < c ? 1UL : 0UL;
        r8 = lo; c = hi;
        hi = MulHigh(a.L4, b.L5); lo = a.L4 * b.L5;
        lo += r9; hi += lo < r9 ? 1UL : 0UL;
        lo += c; hi += lo < c ? 1UL : 0UL;
        r9 = lo; c = hi;
        r10 = c;
        hi = MulHigh(a.L5, b.L0); lo = a.L5 * b.L0;
        lo += r5; hi += lo < r5 ? 1UL : 0UL;
        r5 = lo; c = hi;
        hi = MulHigh(a.L5, b.L1); lo = a.L5 * b.L1;
        lo += r6; hi += lo < r6 ? 1UL : 0UL;
        lo += c; hi += lo < c ? 1UL : 0UL;
        r6 = lo; c = hi;
        hi = MulHigh(a.L5, b.L2); lo = a.L5 * b.L2;
        lo += r7; hi += lo < r7 ? 1UL : 0UL;
        lo += c; hi += lo < c ? 1UL : 0UL;
        r7 = lo; c = hi;
        hi = MulHigh(a.L5, b.L3); lo = a.L5 * b.L3;
        lo += r8; hi += lo < r8 ? 1UL : 0UL;
        lo += c; hi += lo < c ? 1UL : 0UL;
        r8 = lo; c = hi;
        hi = MulHigh(a.L5, b.L4); lo = a.L5 * b.L4;
        lo += r9; hi += lo < r9 ? 1UL : 0UL;
        lo += c; hi += lo < c ? 1UL : 0UL;
        r9 = lo; c = hi;
        hi = MulHigh(a.L5, b.L5); lo = a.L5 * b.L5;
        lo += r10; hi += lo < r10 ? 1UL : 0UL;
        lo += c; hi += lo < c ? 1UL : 0UL;
        r10 = lo; c = hi;
        r11 = c;
        return new FpWide(r0, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, r11);
    }

    /// <summary>Montgomery reduction w·2^-384 mod p, for w below p·2^384.</summary>
    internal static Fp Reduce(in FpWide w)
    {
        ulong t0 = w.L0, t1 = w.L1, t2 = w.L2, t3 = w.L3, t4 = w.L4, t5 = w.L5;
        ulong m, c, lo, hi, carry = 0;
        ulong u6 = w.L6, u7 = w.L7, u8 = w.L8, u9 = w.L9, u10 = w.L10, u11 = w.L11;
        m = t0 * Inv;
        hi = MulHigh(m, P0); lo = m * P0; lo += t0; hi += lo < t0 ? 1UL : 0UL; c = hi;
        hi = MulHigh(m, P1); lo = m * P1; lo += t1; hi += lo < t1 ? 1UL : 0UL; lo += c; hi += lo < c ? 1UL : 0UL; t1 = lo; c = hi;
        hi = MulHigh(m, P2); lo = m * P2; lo += t2; hi += lo < t2 ? 1UL : 0UL; lo += c; hi += lo < c ? 1UL : 0UL; t2 = lo; c = hi;
        hi = MulHigh(m, P3); lo = m * P3; lo += t3; hi += lo < t3 ? 1UL : 0UL; lo += c; hi += lo < c ? 1UL : 0UL; t3 = lo; c = hi;
        hi = MulHigh(m, P4); lo = m * P4; lo += t4; hi += lo < t4 ? 1UL : 0UL; lo += c; hi += lo < c ? 1UL : 0UL; t4 = lo; c = hi;
        hi = MulHigh(m, P5); lo = m * P5; lo += t5; hi += lo < t5 ? 1UL : 0UL; lo += c; hi += lo < c ? 1UL : 0UL; t5 = lo; c = hi;
        u6 = AddC(u6, c, ref carry);
        m = t1 * Inv;
        hi = MulHigh(m, P0); lo = m * P0; lo += t1; hi += lo < t1 ? 1UL : 0UL; c = hi;
        hi = MulHigh(m, P1); lo = m * P1; lo += t2; hi += lo < t2 ? 1UL : 0UL; lo += c; hi += lo < c ? 1UL : 0UL; t2 = lo; c = hi;
        hi = MulHigh(m, P2); lo = m * P2; lo += t3; hi += lo < t3 ? 1UL : 0UL; lo += c; hi += lo < c ? 1UL : 0UL; t3 = lo; c = hi;
        hi = MulHigh(m, P3); lo = m * P3; lo += t4; hi += lo < t4 ? 1UL : 0UL; lo += c; hi += lo < c ? 1UL : 0UL; t4 = lo; c = hi;
        hi = MulHigh(m, P4); lo = m * P4; lo += t5; hi += lo < t5 ? 1UL : 0UL; lo += c; hi += lo < c ? 1UL : 0UL; t5 = lo; c = hi;
        hi = MulHigh(m, P5); lo = m * P5; lo += u6; hi += lo < u6 ? 1UL : 0UL; lo += c; hi += lo < c ? 1UL : 0UL; u6 = lo; c = hi;
        u7 = AddC(u7, c, ref carry);
        m = t2 * Inv;
        hi = MulHigh(m, P0); lo = m * P0; lo += t2; hi += lo < t2 ? 1UL : 0UL; c = hi;
        hi = MulHigh(m, P1); lo = m * P1; lo += t3; hi += lo < t3 ? 1UL : 0UL; lo += c; hi += lo < c ? 1UL : 0UL; t3 = lo; c = hi;
        hi = MulHigh(m, P2); lo = m * P2; lo += t4; hi += lo < t4 ? 1UL : 0UL; lo += c; hi += lo < c ? 1UL : 0UL; t4 = lo; c = hi;
        hi = MulHigh(m, P3); lo = m * P3; lo += t5; hi += lo < t5 ? 1UL : 0UL; lo += c; hi += lo < c ? 1UL : 0UL; t5 = lo; c = hi;
        hi = MulHigh(m, P4); lo = m * P4; lo += u6; hi += lo < u6 ? 1UL : 0UL; lo += c; hi += lo < c ? 1UL : 0UL; u6 = lo; c = hi;
        hi = MulHigh(m, P5); lo = m * P5; lo += u7; hi += lo < u7 ? 1UL : 0UL; lo += c; hi += lo < c ? 1UL : 0UL; u7 = lo; c = hi;
        u8 = AddC(u8, c, ref carry);
        m = t3 * Inv;
        hi = MulHigh(m, P0); lo = m * P0; lo += t3; hi += lo < t3 ? 1UL : 0UL; c = hi;
        hi = MulHigh(m, P1); lo = m * P1; lo += t4; hi += lo < t4 ? 1UL : 0UL; lo += c; hi += lo < c ? 1UL : 0UL; t4 = lo; c = hi;
        hi = MulHigh(m, P2); lo = m * P2; lo += t5; hi += lo < t5 ? 1UL : 0UL; lo += c; hi += lo < c ? 1UL : 0UL; t5 = lo; c = hi;
        hi = MulHigh(m, P3); lo = m * P3; lo += u6; hi += lo < u6 ? 1UL : 0UL; lo += c; hi += lo < c ? 1UL : 0UL; u6 = lo; c = hi;
        hi = MulHigh(m, P4); lo = m * P4; lo += u7; hi += lo < u7 ? 1UL : 0UL; lo += c; hi += lo < c ? 1UL : 0UL; u7 = lo; c = hi;
        hi = MulHigh(m, P5); lo = m * P5; lo += u8; hi += lo < u8 ? 1UL : 0UL; lo += c; hi += lo < c ? 1UL : 0UL; u8 = lo; c = hi;
        u9 = AddC(u9, c, ref carry);
        m = t4 * Inv;
        hi = MulHigh(m, P0); lo = m * P0; lo += t4; hi += lo < t4 ? 1UL : 0UL; c = hi;
        hi = MulHigh(m, P1); lo = m * P1; lo += t5; hi += lo < t5 ? 1UL : 0UL; lo += c; hi += lo < c ? 1UL : 0UL; t5 = lo; c = hi;
        hi = MulHigh(m, P2); lo = m * P2; lo += u6; hi += lo < u6 ? 1UL : 0UL; lo += c; hi += lo < c ? 1UL : 0UL; u6 = lo; c = hi;
        hi = MulHigh(m, P3); lo = m * P3; lo += u7; hi += lo < u7 ? 1UL : 0UL; lo += c; hi += lo < c ? 1UL : 0UL; u7 = lo; c = hi;
        hi = MulHigh(m, P4); lo = m * P4; lo += u8; hi += lo < u8 ? 1UL : 0UL; lo += c; hi += lo < c ? 1UL : 0UL; u8 = lo; c = hi;
        hi = MulHigh(m, P5); lo = m * P5; lo += u9; hi += lo < u9 ? 1UL : 0UL; lo += c; hi += lo < c ? 1UL : 0UL; u9 = lo; c = hi;
        u10 = AddC(u10, c, ref carry);
        m = t5 * Inv;
        hi = MulHigh(m, P0); lo = m * P0; lo += t5; hi += lo < t5 ? 1UL : 0UL; c = hi;
        hi = MulHigh(m, P1); lo = m * P1; lo += u6; hi += lo < u6 ? 1UL : 0UL; lo += c; hi += lo < c ? 1UL : 0UL; u6 = lo; c = hi;
        hi = MulHigh(m, P2); lo = m * P2; lo += u7; hi += lo < u7 ? 1UL : 0UL; lo += c; hi += lo < c ? 1UL : 0UL; u7 = lo; c = hi;
        hi = MulHigh(m, P3); lo = m * P3; lo += u8; hi += lo < u8 ? 1UL : 0UL; lo += c; hi += lo < c ? 1UL : 0UL; u8 = lo; c = hi;
        hi = MulHigh(m, P4); lo = m * P4; lo += u9; hi += lo < u9 ? 1UL : 0UL; lo += c; hi += lo < c ? 1UL : 0UL; u9 = lo; c = hi;
        hi = MulHigh(m, P5); lo = m * P5; lo += u10; hi += lo < u10 ? 1UL : 0UL; lo += c; hi += lo < c ? 1UL : 0UL; u10 = lo; c = hi;
        u11 = AddC(u11, c, ref carry);
        return ReduceOnce(u6, u7, u8, u9, u10, u11);
    }

    /// <summary>
    /// a + b without the final subtraction of p: below 2p, so only fit as an input to
    /// <see cref="MulWide"/> (whose product then stays below 4p² &lt; p·2^384).
    /// </summary>
    internal static Fp AddUnreduced(in Fp a, in Fp b)
    {
        ulong c = 0;
        return new Fp(AddC(a.L0, b.L0, ref c), AddC(a.L1, b.L1, ref c), AddC(a.L2, b.L2, ref c),
            AddC(a.L3, b.L3, ref c), AddC(a.L4, b.L4, ref c), AddC(a.L5, b.L5, ref c));
    }

    internal static FpWide AddWide(in FpWide a, in FpWide b)
    {
        ulong c = 0;
        return new FpWide(AddC(a.L0, b.L0, ref c), AddC(a.L1, b.L1, ref c), AddC(a.L2, b.L2, ref c),
            AddC(a.L3, b.L3, ref c), AddC(a.L4, b.L4, ref c), AddC(a.L5, b.L5, ref c),
            AddC(a.L6, b.L6, ref c), AddC(a.L7, b.L7, ref c), AddC(a.L8, b.L8, ref c),
            AddC(a.L9, b.L9, ref c), AddC(a.L10, b.L10, ref c), AddC(a.L11, b.L11, ref c));
    }

    /// <summary>a - b for a ≥ b (the caller guarantees it).</summary>
    internal static FpWide SubWide(in FpWide a, in FpWide b)
    {
        ulong bo = 0;
        return new FpWide(SubB(a.L0, b.L0, ref bo), SubB(a.L1, b.L1, ref bo), SubB(a.L2, b.L2, ref bo),
            SubB(a.L3, b.L3, ref bo), SubB(a.L4, b.L4, ref bo), SubB(a.L5, b.L5, ref bo),
            SubB(a.L6, b.L6, ref bo), SubB(a.L7, b.L7, ref bo), SubB(a.L8, b.L8, ref bo),
            SubB(a.L9, b.L9, ref bo), SubB(a.L10, b.L10, ref bo), SubB(a.L11, b.L11, ref bo));
    }

    /// <summary>a - b + p² when a &lt; b, else a - b: for a, b below p² the result is below p².</summary>
    internal static FpWide SubWideModP2(in FpWide a, in FpWide b)
    {
        ulong bo = 0;
        ulong t0 = SubB(a.L0, b.L0, ref bo), t1 = SubB(a.L1, b.L1, ref bo), t2 = SubB(a.L2, b.L2, ref bo);
        ulong t3 = SubB(a.L3, b.L3, ref bo), t4 = SubB(a.L4, b.L4, ref bo), t5 = SubB(a.L5, b.L5, ref bo);
        ulong t6 = SubB(a.L6, b.L6, ref bo), t7 = SubB(a.L7, b.L7, ref bo), t8 = SubB(a.L8, b.L8, ref bo);
        ulong t9 = SubB(a.L9, b.L9, ref bo), t10 = SubB(a.L10, b.L10, ref bo), t11 = SubB(a.L11, b.L11, ref bo);
        if (bo == 0) return new FpWide(t0, t1, t2, t3, t4, t5, t6, t7, t8, t9, t10, t11);
        FpWide p2 = PSquared;
        ulong c = 0;
        return new FpWide(AddC(t0, p2.L0, ref c), AddC(t1, p2.L1, ref c), AddC(t2, p2.L2, ref c),
            AddC(t3, p2.L3, ref c), AddC(t4, p2.L4, ref c), AddC(t5, p2.L5, ref c),
            AddC(t6, p2.L6, ref c), AddC(t7, p2.L7, ref c), AddC(t8, p2.L8, ref c),
            AddC(t9, p2.L9, ref c), AddC(t10, p2.L10, ref c), AddC(t11, p2.L11, ref c));
    }
}
