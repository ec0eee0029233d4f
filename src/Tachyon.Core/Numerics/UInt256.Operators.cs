namespace Tachyon.Core.Numerics;

// Operator forms of the static in/out methods, for readable code off the hot path.
// Arithmetic wraps modulo 2^256; / and % by zero give 0 (EVM semantics, never an exception).
public readonly partial struct UInt256
{
    public static UInt256 operator +(in UInt256 a, in UInt256 b)
    {
        Add(in a, in b, out UInt256 res);
        return res;
    }

    public static UInt256 operator -(in UInt256 a, in UInt256 b)
    {
        Subtract(in a, in b, out UInt256 res);
        return res;
    }

    public static UInt256 operator *(in UInt256 a, in UInt256 b)
    {
        Multiply(in a, in b, out UInt256 res);
        return res;
    }

    public static UInt256 operator /(in UInt256 a, in UInt256 b)
    {
        Divide(in a, in b, out UInt256 res);
        return res;
    }

    public static UInt256 operator %(in UInt256 a, in UInt256 b)
    {
        Mod(in a, in b, out UInt256 res);
        return res;
    }

    public static UInt256 operator &(in UInt256 a, in UInt256 b) =>
        new(a.U0 & b.U0, a.U1 & b.U1, a.U2 & b.U2, a.U3 & b.U3);

    public static UInt256 operator |(in UInt256 a, in UInt256 b) =>
        new(a.U0 | b.U0, a.U1 | b.U1, a.U2 | b.U2, a.U3 | b.U3);

    public static UInt256 operator ^(in UInt256 a, in UInt256 b) =>
        new(a.U0 ^ b.U0, a.U1 ^ b.U1, a.U2 ^ b.U2, a.U3 ^ b.U3);

    public static UInt256 operator ~(in UInt256 a) => new(~a.U0, ~a.U1, ~a.U2, ~a.U3);

    /// <summary>Left shift; a shift outside [0, 256) gives 0 (unlike the built-in integer types, the count is not masked).</summary>
    public static UInt256 operator <<(in UInt256 a, int shift)
    {
        ShiftLeft(in a, shift, out UInt256 res);
        return res;
    }

    /// <summary>Logical right shift; a shift outside [0, 256) gives 0 (the count is not masked).</summary>
    public static UInt256 operator >>(in UInt256 a, int shift)
    {
        ShiftRight(in a, shift, out UInt256 res);
        return res;
    }
}
