using System.Runtime.CompilerServices;

namespace Tachyon.Core.Numerics;

// Bitwise logic, EVM BYTE, and shifts. Shift counts outside [0, 256) (negative included) shift
// everything out: 0 for the logical shifts, 0 or all-ones (by sign) for the arithmetic one.
public readonly partial struct UInt256
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void And(in UInt256 a, in UInt256 b, out UInt256 res) =>
        res = new UInt256(a.U0 & b.U0, a.U1 & b.U1, a.U2 & b.U2, a.U3 & b.U3);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Or(in UInt256 a, in UInt256 b, out UInt256 res) =>
        res = new UInt256(a.U0 | b.U0, a.U1 | b.U1, a.U2 | b.U2, a.U3 | b.U3);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Xor(in UInt256 a, in UInt256 b, out UInt256 res) =>
        res = new UInt256(a.U0 ^ b.U0, a.U1 ^ b.U1, a.U2 ^ b.U2, a.U3 ^ b.U3);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Not(in UInt256 a, out UInt256 res) =>
        res = new UInt256(~a.U0, ~a.U1, ~a.U2, ~a.U3);

    /// <summary>
    /// EVM BYTE: the byte at position <paramref name="index"/> counting from the most significant
    /// (index 0 is bits 248..255); index &gt;= 32 gives 0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Byte(in UInt256 index, in UInt256 value, out UInt256 res)
    {
        if ((index.U1 | index.U2 | index.U3) != 0 || index.U0 >= 32)
        {
            res = default;
            return;
        }
        int i = (int)index.U0;
        ulong limb = (i >> 3) switch { 0 => value.U3, 1 => value.U2, 2 => value.U1, _ => value.U0 };
        res = new UInt256((limb >> ((7 - (i & 7)) << 3)) & 0xFF);
    }

    /// <summary>res = (value &lt;&lt; shift) mod 2^256; shift outside [0, 256) gives 0.</summary>
    public static void ShiftLeft(in UInt256 value, int shift, out UInt256 res)
    {
        if ((uint)shift >= 256)
        {
            res = default;
            return;
        }
        ulong a0 = value.U0, a1 = value.U1, a2 = value.U2, a3 = value.U3;
        switch (shift >> 6)
        {
            case 1: a3 = a2; a2 = a1; a1 = a0; a0 = 0; break;
            case 2: a3 = a1; a2 = a0; a1 = 0; a0 = 0; break;
            case 3: a3 = a0; a2 = 0; a1 = 0; a0 = 0; break;
        }
        int s = shift & 63;
        if (s != 0)
        {
            int r = 64 - s;
            a3 = (a3 << s) | (a2 >> r);
            a2 = (a2 << s) | (a1 >> r);
            a1 = (a1 << s) | (a0 >> r);
            a0 <<= s;
        }
        res = new UInt256(a0, a1, a2, a3);
    }

    /// <summary>Logical right shift; shift outside [0, 256) gives 0.</summary>
    public static void ShiftRight(in UInt256 value, int shift, out UInt256 res)
    {
        if ((uint)shift >= 256)
        {
            res = default;
            return;
        }
        ShiftRightFill(in value, shift, 0, out res);
    }

    /// <summary>
    /// Arithmetic (sign-propagating) right shift of the two's complement value (EVM SAR); shift outside
    /// [0, 256) gives 0 for non-negative values and all-ones (-1) for negative ones.
    /// </summary>
    public static void ArithmeticShiftRight(in UInt256 value, int shift, out UInt256 res)
    {
        ulong fill = (ulong)((long)value.U3 >> 63);
        if ((uint)shift >= 256)
        {
            res = new UInt256(fill, fill, fill, fill);
            return;
        }
        ShiftRightFill(in value, shift, fill, out res);
    }

    /// <summary>Right shift by 0 &lt;= shift &lt; 256 bringing in copies of <paramref name="fill"/> (0 or all-ones) at the top.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ShiftRightFill(in UInt256 value, int shift, ulong fill, out UInt256 res)
    {
        ulong a0 = value.U0, a1 = value.U1, a2 = value.U2, a3 = value.U3;
        switch (shift >> 6)
        {
            case 1: a0 = a1; a1 = a2; a2 = a3; a3 = fill; break;
            case 2: a0 = a2; a1 = a3; a2 = fill; a3 = fill; break;
            case 3: a0 = a3; a1 = fill; a2 = fill; a3 = fill; break;
        }
        int s = shift & 63;
        if (s != 0)
        {
            int l = 64 - s;
            a0 = (a0 >> s) | (a1 << l);
            a1 = (a1 >> s) | (a2 << l);
            a2 = (a2 >> s) | (a3 << l);
            a3 = (a3 >> s) | (fill << l);
        }
        res = new UInt256(a0, a1, a2, a3);
    }
}
