using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Tachyon.Core.Numerics;

// Word-level division by invariant integers (Möller & Granlund, "Improved division by invariant integers",
// IEEE Trans. Computers 60(2), 2011): a normalized divisor's reciprocal is computed once, after which
// every quotient digit costs a few multiplications instead of a hardware DIV. Algorithm numbers below
// are the paper's.
public readonly partial struct UInt256
{
    /// <summary>Selects how a reciprocal (and a lone 128-by-64 division) is computed.</summary>
    internal interface IWordDivider
    {
        /// <summary>True: hardware DIV through UInt128; false: table lookup and Newton steps.</summary>
        static abstract bool UseHardwareDivide { get; }
    }

    /// <summary>The fastest choice for this machine: the hardware divide on x64, the table elsewhere.</summary>
    internal readonly struct NativeDivider : IWordDivider
    {
        public static bool UseHardwareDivide => X86Base.X64.IsSupported;
    }

    /// <summary>Never the hardware divide (what arm64 and others run); lets the tests cover it on x64.</summary>
    internal readonly struct PortableDivider : IWordDivider
    {
        public static bool UseHardwareDivide => false;
    }

    /// <summary>Reciprocal of a normalized d: one DIV on x64 ((2^128-1) - 2^64 d fits as ~d:~0), else the table.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Reciprocal<TDivider>(ulong d) where TDivider : struct, IWordDivider =>
        TDivider.UseHardwareDivide ? HardwareDivide(~d, ulong.MaxValue, d, out _) : Reciprocal(d);

    /// <summary>
    /// (hi:lo) / d with hi &lt; d by one DIV instruction, which also yields the remainder (so it is not
    /// recomputed by a multiply on the critical path). Only called where X86Base.X64 is supported.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong HardwareDivide(ulong hi, ulong lo, ulong d, out ulong rem)
    {
        if (X86Base.X64.IsSupported)
        {
#pragma warning disable SYSLIB5004 // DivRem is marked experimental, but it is the plain DIV instruction
            (ulong q, ulong r) = X86Base.X64.DivRem(lo, hi, d);
#pragma warning restore SYSLIB5004
            rem = r;
            return q;
        }
        ulong q2 = (ulong)(new UInt128(hi, lo) / d);
        rem = lo - q2 * d;
        return q2;
    }

    /// <summary>
    /// floor((2^128 - 1) / d) - 2^64 of a normalized d (top bit set), computed with a table lookup and
    /// Newton steps (algorithm 3) instead of a hardware divide.
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
        ulong v3 = (v2 << 31) + (MulHigh(v2, e) >> 1);
        ulong lo = v3 * d;
        ulong hi = MulHigh(v3, d);
        lo += d;
        hi += lo < d ? 1UL : 0UL;
        return v3 - hi - d;
    }

    /// <summary>
    /// floor((2^192 - 1) / (d1:d0)) - 2^64 for a normalized two-limb divisor (algorithm 6): the reciprocal
    /// that <see cref="Divide3By2"/> takes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Reciprocal3By2<TDivider>(ulong d1, ulong d0) where TDivider : struct, IWordDivider
    {
        // The paper's two corrections, as masks: each condition is close to a coin flip on random
        // divisors, so branches would mispredict half the time.
        ulong v = Reciprocal<TDivider>(d1);
        ulong p = d1 * v + d0;
        ulong carry = p < d0 ? 1UL : 0UL;
        ulong twice = carry & (p >= d1 ? 1UL : 0UL);
        v -= carry + twice;                        // carry: v--, and once more if p >= d1
        p -= (0UL - carry) & d1;                   // carry: p -= d1 ...
        p -= (0UL - twice) & d1;                   // ... twice when p >= d1

        ulong t1 = MulHigh(v, d0);
        ulong t0 = v * d0;
        p += t1;
        carry = p < t1 ? 1UL : 0UL;
        ulong borrow = 0;
        SubtractWithBorrow(t0, d0, ref borrow);
        SubtractWithBorrow(p, d1, ref borrow);     // borrow == 0 iff (p:t0) >= (d1:d0)
        v -= carry + (carry & (borrow ^ 1));
        return v;
    }

    /// <summary>(u1:u0) / d for a normalized d with u1 &lt; d, given v = Reciprocal(d) (algorithm 4).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Divide2By1(ulong u1, ulong u0, ulong d, ulong v, out ulong rem)
    {
        ulong q1 = MulHigh(v, u1);
        ulong q0 = v * u1;
        q0 += u0;
        q1 += u1 + (q0 < u0 ? 1UL : 0UL) + 1;
        ulong r = u0 - q1 * d;
        // r > q0 happens about half the time on random data: a mask instead of a branch.
        ulong mask = r > q0 ? ulong.MaxValue : 0;
        q1 += mask;
        r += mask & d;
        if (r >= d)
        {
            q1++;
            r -= d;
        }
        rem = r;
        return q1;
    }

    /// <summary>
    /// (u2:u1:u0) / (d1:d0) for a normalized divisor with (u2:u1) &lt; (d1:d0), given
    /// v = Reciprocal3By2(d1, d0) (algorithm 5). Returns the quotient digit; (r1:r0) is the remainder.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Divide3By2(ulong u2, ulong u1, ulong u0, ulong d1, ulong d0, ulong v, out ulong r1, out ulong r0)
    {
        ulong q1 = MulHigh(v, u2);
        ulong q0 = v * u2;
        q0 += u1;
        q1 += u2 + (q0 < u1 ? 1UL : 0UL);

        ulong t1 = MulHigh(d0, q1);
        ulong t0 = d0 * q1;
        ulong x1 = u1 - q1 * d1;
        // (x1:x0) = (x1:u0) - (t1:t0) - (d1:d0), modulo 2^128.
        ulong x0 = u0 - t0;
        x1 = x1 - t1 - (u0 < t0 ? 1UL : 0UL);
        ulong borrow = x0 < d0 ? 1UL : 0UL;
        x0 -= d0;
        x1 = x1 - d1 - borrow;
        q1++;

        // x1 >= q0 about half the time: undo the increment and add the divisor back, without a branch.
        ulong mask = x1 >= q0 ? ulong.MaxValue : 0;
        q1 += mask;
        ulong a0 = mask & d0;
        x0 += a0;
        x1 += (mask & d1) + (x0 < a0 ? 1UL : 0UL);

        if (x1 > d1 || (x1 == d1 && x0 >= d0))
        {
            // Rare: the estimate was one too small.
            q1++;
            borrow = x0 < d0 ? 1UL : 0UL;
            x0 -= d0;
            x1 = x1 - d1 - borrow;
        }
        r1 = x1;
        r0 = x0;
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
