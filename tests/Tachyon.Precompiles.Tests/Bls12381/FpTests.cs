using System.Numerics;
using Tachyon.Core.Types;
using Tachyon.Precompiles.Bls12381;
using static Tachyon.Precompiles.Tests.Bls12381.TestData;

namespace Tachyon.Precompiles.Tests.Bls12381;

public class FpTests
{
    [Fact]
    public void ArithmeticMatchesBigIntegerReference()
    {
        var rng = new Random(1);
        for (int i = 0; i < 500; i++)
        {
            Fp a = RandomFp(rng), b = RandomFp(rng);
            BigInteger ba = ToBig(a), bb = ToBig(b);
            Assert.Equal((ba + bb) % P, ToBig(a + b));
            Assert.Equal(((ba - bb) % P + P) % P, ToBig(a - b));
            Assert.Equal((ba * bb) % P, ToBig(a * b));
            Assert.Equal((P - ba) % P, ToBig(-a));
            Assert.Equal(ba * ba % P, ToBig(Fp.Square(a)));
        }
    }

    [Fact]
    public void EdgeValuesReduceCorrectly()
    {
        Fp max = FromBig(P - 1);
        Assert.Equal(P - 2, ToBig(max + max));
        Assert.Equal(BigInteger.One, ToBig(max * max));
        Assert.True((max + Fp.One).IsZero);
        Assert.True((Fp.Zero - Fp.One).Equals(max));
        Assert.True((-Fp.Zero).IsZero);
        Assert.Equal(BigInteger.One, ToBig(Fp.One));
    }

    [Fact]
    public void FieldAxiomsHold()
    {
        var rng = new Random(2);
        for (int i = 0; i < 100; i++)
        {
            Fp a = RandomFp(rng), b = RandomFp(rng), c = RandomFp(rng);
            Assert.Equal((a * b) * c, a * (b * c));
            Assert.Equal(a * b, b * a);
            Assert.Equal(a * (b + c), a * b + a * c);
            Assert.Equal(a + (b + c), (a + b) + c);
            Assert.Equal(a, a * Fp.One);
            Assert.True((a - a).IsZero);
        }
    }

    [Fact]
    public void InverseAndSqrt()
    {
        var rng = new Random(3);
        int squares = 0;
        for (int i = 0; i < 100; i++)
        {
            Fp a = RandomFp(rng);
            Assert.True((a * Fp.Inverse(a)).IsOne);
            Assert.Equal(Fp.InverseByFermat(a), Fp.Inverse(a));
            Assert.True(Fp.TrySqrt(Fp.Square(a), out Fp s));
            Assert.Equal(Fp.Square(a), Fp.Square(s));
            bool isSquare = Fp.IsSquare(a);
            Assert.Equal(isSquare, Fp.TrySqrt(a, out _));
            if (isSquare) squares++;
        }
        Assert.InRange(squares, 30, 70);
        Assert.True(Fp.Inverse(Fp.Zero).IsZero);
        Assert.True(Fp.Inverse(Fp.One).IsOne);
        Fp max = FromBig(P - 1);
        Assert.Equal(max, Fp.Inverse(max));
        Assert.Equal(BigInteger.ModPow(2, P - 2, P), ToBig(Fp.Inverse(Fp.FromUInt64(2))));
    }

    [Fact]
    public void BytesRoundTripAndRejectNonCanonical()
    {
        var rng = new Random(4);
        for (int i = 0; i < 50; i++)
        {
            Fp a = RandomFp(rng);
            Assert.Equal(a, Fp.FromBytes(a.ToBytes()));
        }
        byte[] p = P.ToByteArray(isUnsigned: true, isBigEndian: true);
        Assert.False(Fp.TryFromBytes(p, out _));
        Assert.False(Fp.TryFromBytes(Hex.FromHex(new string('f', 96)), out _));
        Assert.True(Fp.TryFromBytes((P - 1).ToByteArray(isUnsigned: true, isBigEndian: true), out _));
    }

    [Fact]
    public void SignHelpers()
    {
        Assert.False(Fp.Zero.Sgn0);
        Assert.True(Fp.One.Sgn0);
        Assert.False(FromBig((P - 1) / 2).IsLexicographicallyLargest);
        Assert.True(FromBig((P + 1) / 2).IsLexicographicallyLargest);
    }
}
