using System.Numerics;
using Tachyon.Precompiles.Bn254;

namespace Tachyon.Precompiles.Tests.Bn254;

public class FieldTests
{
    private static readonly BigInteger P = ReferenceG1.P;

    private static BigInteger RandomBelowP(Random rng)
    {
        var b = new byte[32];
        rng.NextBytes(b);
        return new BigInteger(b, isUnsigned: true) % P;
    }

    private static Fp2 RandomFp2(Random rng) => new(Fp.FromBigInteger(RandomBelowP(rng)), Fp.FromBigInteger(RandomBelowP(rng)));
    private static Fp6 RandomFp6(Random rng) => new(RandomFp2(rng), RandomFp2(rng), RandomFp2(rng));
    internal static Fp12 RandomFp12(Random rng) => new(RandomFp6(rng), RandomFp6(rng));

    [Fact]
    public void FpMatchesBigIntegerArithmetic()
    {
        var rng = new Random(1);
        BigInteger[] edge = [0, 1, 2, P - 1, P - 2, (P - 1) / 2, BigInteger.Pow(2, 253), BigInteger.Pow(2, 128) - 1];
        var values = edge.Concat(Enumerable.Range(0, 200).Select(_ => RandomBelowP(rng))).ToArray();
        for (int i = 0; i < values.Length; i++)
        {
            BigInteger a = values[i], b = values[(i * 7 + 3) % values.Length];
            Fp fa = Fp.FromBigInteger(a), fb = Fp.FromBigInteger(b);
            Assert.Equal(a, fa.ToBigInteger());
            Assert.Equal((a + b) % P, (fa + fb).ToBigInteger());
            Assert.Equal(((a - b) % P + P) % P, (fa - fb).ToBigInteger());
            Assert.Equal(a * b % P, (fa * fb).ToBigInteger());
            Assert.Equal(a * a % P, fa.Square().ToBigInteger());
            Assert.Equal((P - a) % P, (-fa).ToBigInteger());
            if (!a.IsZero) Assert.Equal(BigInteger.ModPow(a, P - 2, P), fa.Inverse().ToBigInteger());
            Assert.Equal(fa.InverseByFermat(), fa.Inverse());
        }
    }

    [Fact]
    public void FpReadRejectsValuesNotBelowP()
    {
        Assert.False(Fp.TryRead(ReferenceG1.Word(P), out _));
        Assert.False(Fp.TryRead(Enumerable.Repeat((byte)0xff, 32).ToArray(), out _));
        Assert.True(Fp.TryRead(ReferenceG1.Word(P - 1), out Fp x));
        Assert.Equal(P - 1, x.ToBigInteger());
    }

    [Fact]
    public void TowerInversesAndDistributivity()
    {
        var rng = new Random(2);
        for (int i = 0; i < 10; i++)
        {
            Fp2 a2 = RandomFp2(rng), b2 = RandomFp2(rng);
            Assert.Equal(Fp2.One, a2 * a2.Inverse());
            Assert.Equal(a2 * a2, a2.Square());
            Assert.Equal(a2 * new Fp2(Fp.FromUInt(9), Fp.One), a2.MulByXi());
            Assert.Equal(a2.Pow(P), a2.Conjugate());

            Fp6 a6 = RandomFp6(rng), b6 = RandomFp6(rng), c6 = RandomFp6(rng);
            Assert.Equal(Fp6.One, a6 * a6.Inverse());
            Assert.Equal(a6 * a6, a6.Square());
            Assert.Equal(a6 * (b6 + c6), a6 * b6 + a6 * c6);
            Assert.Equal(a6 * b6, b6 * a6);
            Assert.Equal(a6 * new Fp6(b2, a2, Fp2.Zero), a6.MulBy01(b2, a2));
            Assert.Equal(a6 * new Fp6(Fp2.Zero, Fp2.One, Fp2.Zero), a6.MulByV());

            Fp12 a = RandomFp12(rng), b = RandomFp12(rng), c = RandomFp12(rng);
            Assert.Equal(Fp12.One, a * a.Inverse());
            Assert.Equal(a * a, a.Square());
            Assert.Equal((a * b) * c, a * (b * c));
            var line = new Fp12(new Fp6(a2, Fp2.Zero, Fp2.Zero), new Fp6(b2, a2 + b2, Fp2.Zero));
            Assert.Equal(a * line, a.MulByLine(a2, b2, a2 + b2));
        }
    }

    [Fact]
    public void FrobeniusIsPowerOfP()
    {
        var rng = new Random(3);
        Fp12 a = RandomFp12(rng);
        Assert.Equal(a.Pow(P), a.Frobenius(1));
        Assert.Equal(a.Frobenius(1).Frobenius(1), a.Frobenius(2));
        Assert.Equal(a.Frobenius(2).Frobenius(1), a.Frobenius(3));
        Assert.Equal(a.Frobenius(3).Frobenius(3), a.Conjugate());
    }

    [Fact]
    public void CyclotomicSquareMatchesSquareInCyclotomicSubgroup()
    {
        var rng = new Random(4);
        for (int i = 0; i < 5; i++)
        {
            Fp12 f = RandomFp12(rng);
            // The easy part of the final exponentiation maps into the cyclotomic subgroup.
            Fp12 t = f.Conjugate() * f.Inverse();
            t = t.Frobenius(2) * t;
            Assert.Equal(t.Square(), t.CyclotomicSquare());
            Assert.Equal(t.Pow(Pairing.U), t.CyclotomicPow(Pairing.U));
        }
    }

    [Fact]
    public void HardPartDecompositionIsExact()
    {
        BigInteger u = Pairing.U, r = ReferenceG1.R;
        BigInteger l3 = 1, l2 = 6 * u * u + 1;
        BigInteger l1 = -36 * u * u * u - 18 * u * u - 12 * u + 1;
        BigInteger l0 = -36 * u * u * u - 30 * u * u - 18 * u - 2;
        BigInteger hard = BigInteger.Pow(P, 4) - P * P + 1;
        Assert.True((hard % r).IsZero);
        Assert.Equal(hard / r, l0 + l1 * P + l2 * P * P + l3 * P * P * P);
    }

    [Fact]
    public void FinalExponentiationMatchesDirectPower()
    {
        var rng = new Random(5);
        Fp12 f = RandomFp12(rng);
        BigInteger e = (BigInteger.Pow(P, 12) - 1) / ReferenceG1.R;
        Assert.Equal(f.Pow(e), Pairing.FinalExponentiation(f));
    }
}
