using System.Numerics;
using Tachyon.Precompiles.Bls12381;

namespace Tachyon.Precompiles.Tests.Bls12381;

/// <summary>Seeded random field elements and points, and BigInteger views for reference checks.</summary>
internal static class TestData
{
    public static readonly BigInteger P = Bls12381Constants.P;
    public static readonly BigInteger R = Bls12381Constants.R;

    public static Fp RandomFp(Random rng)
    {
        Span<byte> b = stackalloc byte[48];
        while (true)
        {
            rng.NextBytes(b);
            b[0] &= 0x1f;
            if (Fp.TryFromBytes(b, out Fp f)) return f;
        }
    }

    public static Fp2 RandomFp2(Random rng) => new(RandomFp(rng), RandomFp(rng));
    public static Fp6 RandomFp6(Random rng) => new(RandomFp2(rng), RandomFp2(rng), RandomFp2(rng));
    public static Fp12 RandomFp12(Random rng) => new(RandomFp6(rng), RandomFp6(rng));

    public static BigInteger ToBig(in Fp f) => new(f.ToBytes(), isUnsigned: true, isBigEndian: true);

    public static Fp FromBig(BigInteger v)
    {
        v = ((v % P) + P) % P;
        byte[] raw = v.ToByteArray(isUnsigned: true, isBigEndian: true);
        var b = new byte[48];
        raw.CopyTo(b, 48 - raw.Length);
        return Fp.FromBytes(b);
    }

    public static BigInteger RandomScalar(Random rng)
    {
        var b = new byte[32];
        rng.NextBytes(b);
        return new BigInteger(b, isUnsigned: true) % R;
    }

    public static byte[] ScalarBytes(BigInteger k)
    {
        byte[] raw = k.ToByteArray(isUnsigned: true, isBigEndian: true);
        var b = new byte[Math.Max(32, raw.Length)];
        raw.CopyTo(b, b.Length - raw.Length);
        return b;
    }

    /// <summary>A point of E(Fp), almost surely outside G1.</summary>
    public static AffinePoint<Fp> RandomCurvePointG1(Random rng)
    {
        for (int attempt = 0; attempt < 1000; attempt++)
        {
            Fp x = RandomFp(rng);
            if (Fp.TrySqrt(x * Fp.Square(x) + Fp.CurveB, out Fp y)) return new AffinePoint<Fp>(x, y);
        }
        throw new InvalidOperationException("no curve point found");
    }

    /// <summary>A point of E'(Fp2), almost surely outside G2.</summary>
    public static AffinePoint<Fp2> RandomCurvePointG2(Random rng)
    {
        for (int attempt = 0; attempt < 1000; attempt++)
        {
            Fp2 x = RandomFp2(rng);
            if (Fp2.TrySqrt(x * Fp2.Square(x) + Fp2.CurveB, out Fp2 y)) return new AffinePoint<Fp2>(x, y);
        }
        throw new InvalidOperationException("no twist point found");
    }

    public static AffinePoint<Fp> RandomG1(Random rng) => G1.ClearCofactor(RandomCurvePointG1(rng).ToJacobian()).ToAffine();
    public static AffinePoint<Fp2> RandomG2(Random rng) => G2.ClearCofactor(RandomCurvePointG2(rng).ToJacobian()).ToAffine();

    public static AffinePoint<F> Mul<F>(in AffinePoint<F> p, BigInteger k) where F : unmanaged, ICurveField<F> =>
        JacobianPoint<F>.Multiply(p.ToJacobian(), ScalarBytes(k)).ToAffine();
}
