using System.Numerics;
using Tachyon.Precompiles.Bls12381;
using static Tachyon.Precompiles.Tests.Bls12381.TestData;

namespace Tachyon.Precompiles.Tests.Bls12381;

public class ExtensionFieldTests
{
    [Fact]
    public void Fp2AxiomsInverseAndSqrt()
    {
        var rng = new Random(10);
        for (int i = 0; i < 100; i++)
        {
            Fp2 a = RandomFp2(rng), b = RandomFp2(rng), c = RandomFp2(rng);
            Assert.Equal((a * b) * c, a * (b * c));
            Assert.Equal(a * b, b * a);
            Assert.Equal(a * (b + c), a * b + a * c);
            Assert.Equal(a * a, Fp2.Square(a));
            Assert.True((a * Fp2.Inverse(a)).IsOne);
            Assert.Equal(Fp2.MulByXi(a), a * Fp2.Xi);
            Assert.True(Fp2.TrySqrt(Fp2.Square(a), out Fp2 s));
            Assert.Equal(Fp2.Square(a), Fp2.Square(s));
        }
        // u² = -1
        var u = new Fp2(Fp.Zero, Fp.One);
        Assert.Equal(-Fp2.One, Fp2.Square(u));
    }

    [Fact]
    public void Fp2ProductMatchesTheTextbookFormulaIncludingExtremes()
    {
        var rng = new Random(18);
        Fp max = FromBig(P - 1);
        Fp[] special = [Fp.Zero, Fp.One, max, FromBig(P - 2), FromBig((P - 1) / 2)];
        var values = new List<Fp2>();
        foreach (Fp x in special)
            foreach (Fp y in special)
                values.Add(new Fp2(x, y));
        for (int i = 0; i < 40; i++) values.Add(RandomFp2(rng));
        foreach (Fp2 a in values)
        {
            foreach (Fp2 b in values)
            {
                var expected = new Fp2(a.C0 * b.C0 - a.C1 * b.C1, a.C0 * b.C1 + a.C1 * b.C0);
                Assert.Equal(expected, a * b);
            }
        }
    }

    [Fact]
    public void Fp2SqrtOfBaseFieldValues()
    {
        var rng = new Random(11);
        for (int i = 0; i < 20; i++)
        {
            var a = new Fp2(RandomFp(rng), Fp.Zero);
            Assert.True(Fp2.TrySqrt(a, out Fp2 s)); // every Fp element is a square in Fp2
            Assert.Equal(a, Fp2.Square(s));
        }
    }

    [Fact]
    public void Fp2NonSquaresAreRejected()
    {
        var rng = new Random(12);
        int rejected = 0;
        for (int i = 0; i < 60; i++)
        {
            Fp2 a = RandomFp2(rng);
            if (!Fp2.TrySqrt(a, out _)) rejected++;
        }
        Assert.InRange(rejected, 15, 45);
    }

    [Fact]
    public void Fp6AxiomsAndInverse()
    {
        var rng = new Random(13);
        for (int i = 0; i < 30; i++)
        {
            Fp6 a = RandomFp6(rng), b = RandomFp6(rng), c = RandomFp6(rng);
            Assert.Equal((a * b) * c, a * (b * c));
            Assert.Equal(a * b, b * a);
            Assert.Equal(a * (b + c), a * b + a * c);
            Assert.Equal(a * a, Fp6.Square(a));
            Assert.Equal(Fp6.One, a * Fp6.Inverse(a));
            var v = new Fp6(Fp2.Zero, Fp2.One, Fp2.Zero);
            Assert.Equal(a * v, Fp6.MulByV(a));
            Fp2 x0 = RandomFp2(rng), x1 = RandomFp2(rng);
            Assert.Equal(a * new Fp6(x0, x1, Fp2.Zero), Fp6.MulBy01(a, x0, x1));
            Assert.Equal(a * new Fp6(Fp2.Zero, x1, Fp2.Zero), Fp6.MulBy1(a, x1));
        }
    }

    [Fact]
    public void Fp12AxiomsInverseAndSparseProduct()
    {
        var rng = new Random(14);
        for (int i = 0; i < 20; i++)
        {
            Fp12 a = RandomFp12(rng), b = RandomFp12(rng), c = RandomFp12(rng);
            Assert.Equal((a * b) * c, a * (b * c));
            Assert.Equal(a * b, b * a);
            Assert.Equal(a * a, Fp12.Square(a));
            Assert.True((a * Fp12.Inverse(a)).IsOne);
            Fp2 l0 = RandomFp2(rng), l1 = RandomFp2(rng), l2 = RandomFp2(rng);
            var line = new Fp12(new Fp6(l0, l1, Fp2.Zero), new Fp6(Fp2.Zero, l2, Fp2.Zero));
            Assert.Equal(a * line, Fp12.MulByLine(a, l0, l1, l2));
        }
    }

    [Fact]
    public void FrobeniusIsPowerOfP()
    {
        var rng = new Random(15);
        Fp12 a = RandomFp12(rng);
        Fp12 f1 = Fp12.Frobenius(a, 1);
        Assert.Equal(Fp12.Pow(a, P), f1);
        Assert.Equal(Fp12.Frobenius(f1, 1), Fp12.Frobenius(a, 2));
        Assert.Equal(Fp12.Frobenius(Fp12.Frobenius(a, 2), 1), Fp12.Frobenius(a, 3));
        // p⁶ is conjugation.
        Assert.Equal(Fp12.Conjugate(a), Fp12.Frobenius(Fp12.Frobenius(a, 3), 3));
    }

    [Fact]
    public void CyclotomicSquareMatchesSquareInCyclotomicSubgroup()
    {
        var rng = new Random(16);
        for (int i = 0; i < 10; i++)
        {
            Fp12 f = RandomFp12(rng);
            Fp12 t = Fp12.Conjugate(f) * Fp12.Inverse(f);
            Fp12 m = Fp12.Frobenius(t, 2) * t;
            Assert.Equal(Fp12.Square(m), Fp12.CyclotomicSquare(m));
        }
    }

    [Fact]
    public void FinalExponentiationIsCubeOfTheDefinition()
    {
        var rng = new Random(17);
        Fp12 f = RandomFp12(rng);
        BigInteger e = 3 * (BigInteger.Pow(P, 12) - 1) / R;
        Assert.Equal(Fp12.Pow(f, e), Pairing.FinalExponentiation(f));
    }
}
