using System.Globalization;
using System.Numerics;

namespace Tachyon.Precompiles.Bls12381;

/// <summary>Curve parameters of BLS12-381 as big integers, for precomputation and for tests.</summary>
public static class Bls12381Constants
{
    /// <summary>Base field modulus p.</summary>
    public static readonly BigInteger P = Parse("1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab");

    /// <summary>Prime order r of G1, G2 and GT.</summary>
    public static readonly BigInteger R = Parse("73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001");

    /// <summary>r as 32 big-endian bytes (the EIP-4844 BLS_MODULUS).</summary>
    public static ReadOnlySpan<byte> RBytes =>
    [
        0x73, 0xed, 0xa7, 0x53, 0x29, 0x9d, 0x7d, 0x48, 0x33, 0x39, 0xd8, 0x08, 0x09, 0xa1, 0xd8, 0x05,
        0x53, 0xbd, 0xa4, 0x02, 0xff, 0xfe, 0x5b, 0xfe, 0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x01,
    ];

    /// <summary>|x| for the curve parameter x = -0xd201000000010000.</summary>
    public const ulong AbsX = 0xd201000000010000;

    /// <summary>The curve parameter x is negative.</summary>
    public const bool XIsNegative = true;

    internal static BigInteger Parse(string hex) => BigInteger.Parse("0" + hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    /// <summary>A field element from big-endian hex of up to 96 digits (no 0x prefix needed).</summary>
    internal static Fp FpFromHex(string hex)
    {
        hex = hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? hex[2..] : hex;
        return Fp.FromBytes(Convert.FromHexString(hex.PadLeft(2 * Fp.ByteLength, '0')));
    }

    /// <summary>Little-endian 64-bit limbs of a non-negative integer.</summary>
    internal static ulong[] ToLimbs(BigInteger v)
    {
        if (v.Sign < 0) throw new ArgumentOutOfRangeException(nameof(v));
        byte[] le = v.ToByteArray(isUnsigned: true, isBigEndian: false);
        var limbs = new ulong[Math.Max(1, (le.Length + 7) / 8)];
        for (int i = 0; i < le.Length; i++) limbs[i / 8] |= (ulong)le[i] << (8 * (i % 8));
        return limbs;
    }
}
