using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Tachyon.Core.Numerics;

// Unsigned division and remainder. Division by zero yields zero (EVM DIV/MOD semantics).
//
// The core is Knuth's algorithm D (TAOCP vol. 2, 4.3.1) on 64-bit limbs; it also serves the 512- and
// 257-bit reductions of MulMod/AddMod. Each quotient digit is estimated with one 128-by-64-bit division:
//  - on x64 the hardware DIV, reached through UInt128 / ulong (which the JIT turns into a single DIV when
//    the high half is below the divisor, as it always is here);
//  - elsewhere (arm64 has no 128/64 divide) a multiplication by a precomputed reciprocal of the normalized
//    divisor limb (Möller & Granlund, "Improved division by invariant integers", IEEE Trans. Computers
//    60(2), 2011, algorithms 3 and 4).
// The choice is a generic struct parameter, so each variant is compiled without a runtime test and the
// tests can run the portable variant on x64 too.
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
        DivRemSlow(in a, in b, out res, out _);
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
        DivRemSlow(in a, in b, out _, out res);
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
            ulong r = a.U0 - q * b.U0;
            quotient = new UInt256(q);
            remainder = new UInt256(r);
            return;
        }
        DivRemSlow(in a, in b, out quotient, out remainder);
    }

    [SkipLocalsInit]
    private static unsafe void DivRemSlow(in UInt256 a, in UInt256 b, out UInt256 quotient, out UInt256 remainder)
    {
        if (b.IsZero)
        {
            quotient = default;
            remainder = default;
            return;
        }
        if (LessThan(in a, in b))
        {
            remainder = a;
            quotient = default;
            return;
        }
        LimbBuffer u, q;
        u.L[0] = a.U0; u.L[1] = a.U1; u.L[2] = a.U2; u.L[3] = a.U3;
        q.L[0] = 0; q.L[1] = 0; q.L[2] = 0; q.L[3] = 0;
        DivRemCore<NativeDivider>(u.L, 4, in b, q.L, out remainder);
        quotient = new UInt256(q.L[0], q.L[1], q.L[2], q.L[3]);
    }

    /// <summary>DivRem through the portable (reciprocal) word division whatever the platform; for tests.</summary>
    [SkipLocalsInit]
    internal static unsafe void DivRemPortable(in UInt256 a, in UInt256 b, out UInt256 quotient, out UInt256 remainder)
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
        DivRemCore<PortableDivider>(u.L, 4, in b, q.L, out remainder);
        quotient = new UInt256(q.L[0], q.L[1], q.L[2], q.L[3]);
    }

    /// <summary>Selects how <see cref="DivRemCore{TDivider}"/> divides a 128-bit value by one limb.</summary>
    internal interface IWordDivider
    {
        /// <summary>True: hardware DIV through UInt128; false: reciprocal multiplication.</summary>
        static abstract bool UseHardwareDivide { get; }
    }

    /// <summary>The fastest choice for this machine: the hardware divide on x64, the reciprocal elsewhere.</summary>
    internal readonly struct NativeDivider : IWordDivider
    {
        public static bool UseHardwareDivide => X86Base.X64.IsSupported;
    }

    /// <summary>Always the reciprocal method (what arm64 and others run).</summary>
    internal readonly struct PortableDivider : IWordDivider
    {
        public static bool UseHardwareDivide => false;
    }

    /// <summary>Scratch limbs on the stack (a plain local, cheaper than stackalloc; up to a normalized 512-bit dividend).</summary>
    private unsafe struct LimbBuffer
    {
        public fixed ulong L[9];
    }

    /// <summary>
    /// Divides the little-endian limbs u[0..uLen) (uLen &lt;= 8) by the nonzero divisor d. When q is not
    /// null it receives the quotient limbs q[0..uLen - limbs(d)] (higher limbs are left untouched, so the
    /// caller zeroes them). The remainder always fits in 256 bits because it is below d.
    /// u is not modified.
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
            remainder = new UInt256(
                uLen > 0 ? u[0] : 0, uLen > 1 ? u[1] : 0, uLen > 2 ? u[2] : 0, 0);
            return;
        }

        if (n == 1)
        {
            ulong r = DivRemByLimb<TDivider>(u, uLen, d.U0, q);
            remainder = new UInt256(r);
            return;
        }

        // Normalize: shift so that the top divisor limb has its high bit set. The shifts below use
        // (x >> 1) >> (63 - s) for x >> (64 - s), which is 0 (not x) when s == 0.
        LimbBuffer vBuffer, uBuffer;
        ulong* vn = vBuffer.L;
        ulong* un = uBuffer.L;
        int s = BitOperations.LeadingZeroCount(n == 4 ? d.U3 : n == 3 ? d.U2 : d.U1);
        int rs = 63 - s;
        vn[0] = d.U0 << s;
        vn[1] = (d.U1 << s) | ((d.U0 >> 1) >> rs);
        vn[2] = (d.U2 << s) | ((d.U1 >> 1) >> rs);
        vn[3] = (d.U3 << s) | ((d.U2 >> 1) >> rs);

        un[uLen] = (u[uLen - 1] >> 1) >> rs;
        for (int i = uLen - 1; i > 0; i--)
            un[i] = (u[i] << s) | ((u[i - 1] >> 1) >> rs);
        un[0] = u[0] << s;

        KnuthDivide<TDivider>(un, uLen - n, vn, n, q);

        // The remainder is in un[0..n), still shifted left by s; un[n] is zero now.
        ulong r0 = (un[0] >> s) | ((un[1] << 1) << rs);
        ulong r1 = (un[1] >> s) | ((un[2] << 1) << rs);
        ulong r2 = n > 2 ? (un[2] >> s) | ((un[3] << 1) << rs) : 0;
        ulong r3 = n > 3 ? (un[3] >> s) | ((un[4] << 1) << rs) : 0;
        remainder = new UInt256(r0, r1, r2, r3);
    }

    /// <summary>Divides u[0..uLen) by the single limb d != 0; writes q[0..uLen) when q is not null; returns the remainder.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe ulong DivRemByLimb<TDivider>(ulong* u, int uLen, ulong d, ulong* q)
        where TDivider : struct, IWordDivider
    {
        if (TDivider.UseHardwareDivide)
        {
            // The hardware divide needs no normalization; each step divides (r:limb) with r < d.
            ulong rem = 0;
            for (int i = uLen - 1; i >= 0; i--)
            {
                ulong limb = u[i];
                ulong qi = (ulong)(new UInt128(rem, limb) / d);
                rem = limb - qi * d;
                if (q != null) q[i] = qi;
            }
            return rem;
        }

        int s = BitOperations.LeadingZeroCount(d);
        int rs = 63 - s;
        ulong dn = d << s;
        ulong v = Reciprocal(dn);
        // Running remainder starts as the bits shifted out of the top limb (below 2^s <= dn).
        ulong r = (u[uLen - 1] >> 1) >> rs;
        for (int i = uLen - 1; i >= 0; i--)
        {
            ulong limb = (u[i] << s) | (i > 0 ? (u[i - 1] >> 1) >> rs : 0);
            ulong qi = Divide2By1(r, limb, dn, v, out r);
            if (q != null) q[i] = qi;
        }
        return r >> s;
    }

    /// <summary>
    /// Knuth's algorithm D. un holds m + n + 1 normalized dividend limbs, vn the n &gt;= 2 normalized divisor
    /// limbs (top bit of vn[n-1] set). Writes the m + 1 quotient limbs to q (if not null) and leaves the
    /// (normalized) remainder in un[0..n).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void KnuthDivide<TDivider>(ulong* un, int m, ulong* vn, int n, ulong* q)
        where TDivider : struct, IWordDivider
    {
        ulong d1 = vn[n - 1];
        ulong d0 = vn[n - 2];
        ulong v = TDivider.UseHardwareDivide ? 0 : Reciprocal(d1);

        for (int j = m; j >= 0; j--)
        {
            ulong u2 = un[j + n];
            ulong u1 = un[j + n - 1];
            ulong u0 = un[j + n - 2];

            // Estimate qhat = floor((u2:u1) / d1), capped at 2^64 - 1. The loop invariant gives u2 <= d1.
            ulong qhat, rhat;
            bool rhatFits;
            if (u2 >= d1)
            {
                qhat = ulong.MaxValue;
                rhat = u1 + d1; // (u2:u1) - qhat*d1 when u2 == d1
                rhatFits = rhat >= u1;
            }
            else
            {
                qhat = DivideWord<TDivider>(u2, u1, d1, v, out rhat);
                rhatFits = true;
            }

            // Refine with the second divisor limb: while qhat*d0 > (rhat:u0), qhat--, rhat += d1.
            // Afterwards qhat is exact or one too large (at most two corrections are needed).
            if (rhatFits)
            {
                ulong ph = MulHigh(qhat, d0);
                ulong pl = qhat * d0;
                if (ph > rhat || (ph == rhat && pl > u0))
                {
                    qhat--;
                    ulong rhat2 = rhat + d1;
                    if (rhat2 >= rhat)
                    {
                        ulong nl = pl - d0;
                        ulong nh = ph - (pl < d0 ? 1UL : 0UL);
                        if (nh > rhat2 || (nh == rhat2 && nl > u0)) qhat--;
                    }
                }
            }

            // un[j .. j+n] -= qhat * vn.
            ulong carry = 0;
            ulong* w = un + j;
            for (int i = 0; i < n; i++)
            {
                ulong vi = vn[i];
                ulong hi = MulHigh(qhat, vi);
                ulong lo = qhat * vi;
                lo += carry;
                hi += lo < carry ? 1UL : 0UL;
                ulong t = w[i];
                w[i] = t - lo;
                carry = hi + (t < lo ? 1UL : 0UL);
            }
            ulong top = w[n];
            w[n] = top - carry;

            if (top < carry)
            {
                // qhat was one too large: add the divisor back.
                qhat--;
                ulong c = 0;
                for (int i = 0; i < n; i++) w[i] = AddWithCarry(w[i], vn[i], ref c);
                w[n] += c;
            }

            if (q != null) q[j] = qhat;
        }
    }

    /// <summary>
    /// The reciprocal floor((2^128 - 1) / d) - 2^64 of a normalized d (top bit set), computed with a table
    /// lookup and Newton steps (Möller &amp; Granlund, algorithm 3) instead of a hardware divide.
    /// </summary>
    internal static ulong Reciprocal(ulong d)
    {
        ulong d0 = d & 1;
        int d9 = (int)(d >> 55); // 256 <= d9 < 512
        ulong d40 = (d >> 24) + 1;
        ulong d63 = (d >> 1) + d0;
        ulong v0 = ReciprocalTable[d9 - 256];
        ulong v1 = (v0 << 11) - ((v0 * v0 * d40) >> 40) - 1;
        ulong v2 = (v1 << 13) + ((v1 * ((1UL << 60) - v1 * d40)) >> 47);
        ulong e = ((v2 >> 1) & (0UL - d0)) - v2 * d63;
        ulong v3 = (v2 << 31) + (Math.BigMul(v2, e, out _) >> 1);
        ulong hi = Math.BigMul(v3, d, out ulong lo);
        lo += d;
        hi += lo < d ? 1UL : 0UL;
        return v3 - hi - d;
    }

    /// <summary>
    /// (u1:u0) / d for a normalized d with u1 &lt; d, given v = Reciprocal(d) (Möller &amp; Granlund, algorithm 4).
    /// </summary>
    /// <summary>(u1:u0) / d for a normalized d with u1 &lt; d; v is Reciprocal(d) unless the hardware divide is used.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong DivideWord<TDivider>(ulong u1, ulong u0, ulong d, ulong v, out ulong rem)
        where TDivider : struct, IWordDivider
    {
        if (TDivider.UseHardwareDivide)
        {
            ulong q = (ulong)(new UInt128(u1, u0) / d);
            rem = u0 - q * d;
            return q;
        }
        return Divide2By1(u1, u0, d, v, out rem);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Divide2By1(ulong u1, ulong u0, ulong d, ulong v, out ulong rem)
    {
        ulong q1 = Math.BigMul(v, u1, out ulong q0);
        q0 += u0;
        q1 += u1 + (q0 < u0 ? 1UL : 0UL) + 1;
        ulong r = u0 - q1 * d;
        if (r > q0)
        {
            q1--;
            r += d;
        }
        if (r >= d)
        {
            q1++;
            r -= d;
        }
        rem = r;
        return q1;
    }

    /// <summary>floor((2^19 - 3*2^8) / i) for i = 256..511: the 11-bit seed of <see cref="Reciprocal"/>.</summary>
    private static ReadOnlySpan<ushort> ReciprocalTable =>
    [
        2045, 2037, 2029, 2021, 2013, 2005, 1998, 1990, 1983, 1975, 1968, 1960, 1953, 1946, 1938, 1931,
        1924, 1917, 1910, 1903, 1896, 1889, 1883, 1876, 1869, 1863, 1856, 1849, 1843, 1836, 1830, 1824,
        1817, 1811, 1805, 1799, 1792, 1786, 1780, 1774, 1768, 1762, 1756, 1750, 1745, 1739, 1733, 1727,
        1722, 1716, 1710, 1705, 1699, 1694, 1688, 1683, 1677, 1672, 1667, 1661, 1656, 1651, 1646, 1641,
        1636, 1630, 1625, 1620, 1615, 1610, 1605, 1600, 1596, 1591, 1586, 1581, 1576, 1572, 1567, 1562,
        1558, 1553, 1548, 1544, 1539, 1535, 1530, 1526, 1521, 1517, 1513, 1508, 1504, 1500, 1495, 1491,
        1487, 1483, 1478, 1474, 1470, 1466, 1462, 1458, 1454, 1450, 1446, 1442, 1438, 1434, 1430, 1426,
        1422, 1418, 1414, 1411, 1407, 1403, 1399, 1396, 1392, 1388, 1384, 1381, 1377, 1374, 1370, 1366,
        1363, 1359, 1356, 1352, 1349, 1345, 1342, 1338, 1335, 1332, 1328, 1325, 1322, 1318, 1315, 1312,
        1308, 1305, 1302, 1299, 1295, 1292, 1289, 1286, 1283, 1280, 1276, 1273, 1270, 1267, 1264, 1261,
        1258, 1255, 1252, 1249, 1246, 1243, 1240, 1237, 1234, 1231, 1228, 1226, 1223, 1220, 1217, 1214,
        1211, 1209, 1206, 1203, 1200, 1197, 1195, 1192, 1189, 1187, 1184, 1181, 1179, 1176, 1173, 1171,
        1168, 1165, 1163, 1160, 1158, 1155, 1153, 1150, 1148, 1145, 1143, 1140, 1138, 1135, 1133, 1130,
        1128, 1125, 1123, 1121, 1118, 1116, 1113, 1111, 1109, 1106, 1104, 1102, 1099, 1097, 1095, 1092,
        1090, 1088, 1086, 1083, 1081, 1079, 1077, 1074, 1072, 1070, 1068, 1066, 1064, 1061, 1059, 1057,
        1055, 1053, 1051, 1049, 1047, 1044, 1042, 1040, 1038, 1036, 1034, 1032, 1030, 1028, 1026, 1024,
    ];
}
