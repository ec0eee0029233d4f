using System.Buffers.Binary;
using System.Numerics;

namespace Tachyon.Precompiles.Bn254;

/// <summary>Scalars for the BN254 groups.</summary>
internal static class Scalar
{
    /// <summary>Group order r = 21888242871839275222246405745257275088548364400416034343698204186575808495617.</summary>
    public static readonly BigInteger Order = BigInteger.Parse("21888242871839275222246405745257275088548364400416034343698204186575808495617");

    // r as little-endian limbs.
    public const ulong R0 = 0x43e1f593f0000001, R1 = 0x2833e84879b97091, R2 = 0xb85045b68181585d, R3 = 0x30644e72e131a029;

    /// <summary>Reads a 256-bit big-endian scalar and reduces it mod r into little-endian limbs.
    /// 2^256 &lt; 6r, so a few conditional subtractions suffice.</summary>
    public static void ReduceModR(ReadOnlySpan<byte> be32, Span<ulong> limbs)
    {
        limbs[3] = BinaryPrimitives.ReadUInt64BigEndian(be32);
        limbs[2] = BinaryPrimitives.ReadUInt64BigEndian(be32[8..]);
        limbs[1] = BinaryPrimitives.ReadUInt64BigEndian(be32[16..]);
        limbs[0] = BinaryPrimitives.ReadUInt64BigEndian(be32[24..]);
        while (!LessThanR(limbs)) SubtractR(limbs);
    }

    private static bool LessThanR(ReadOnlySpan<ulong> x)
    {
        if (x[3] != R3) return x[3] < R3;
        if (x[2] != R2) return x[2] < R2;
        if (x[1] != R1) return x[1] < R1;
        return x[0] < R0;
    }

    private static void SubtractR(Span<ulong> x)
    {
        UInt128 borrow = 0;
        ReadOnlySpan<ulong> r = [R0, R1, R2, R3];
        for (int i = 0; i < 4; i++)
        {
            UInt128 d = (UInt128)x[i] - r[i] - borrow;
            x[i] = (ulong)d;
            borrow = (d >> 64) != 0 ? 1u : 0u;
        }
    }
}
