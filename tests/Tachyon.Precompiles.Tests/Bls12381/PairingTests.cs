using System.Numerics;
using Tachyon.Precompiles.Bls12381;
using static Tachyon.Precompiles.Tests.Bls12381.TestData;

namespace Tachyon.Precompiles.Tests.Bls12381;

public class PairingTests
{
    [Fact]
    public void PairingIsBilinear()
    {
        var rng = new Random(30);
        AffinePoint<Fp> p = G1.Generator;
        AffinePoint<Fp2> q = G2.Generator;
        BigInteger a = RandomScalar(rng), b = RandomScalar(rng);
        Fp12 e = Pairing.Pair(p, q);
        Fp12 eab = Pairing.Pair(Mul(p, a), Mul(q, b));
        Assert.Equal(eab, Pairing.Pair(Mul(p, a * b % R), q));
        Assert.Equal(eab, Pairing.Pair(p, Mul(q, a * b % R)));
        Assert.Equal(eab, Fp12.Pow(e, a * b % R));
    }

    [Fact]
    public void PairingIsNonDegenerateAndHasOrderR()
    {
        Fp12 e = Pairing.Pair(G1.Generator, G2.Generator);
        Assert.False(e.IsOne);
        Assert.True(Fp12.Pow(e, R).IsOne);
        Assert.True(Pairing.Pair(AffinePoint<Fp>.Infinity, G2.Generator).IsOne);
        Assert.True(Pairing.Pair(G1.Generator, AffinePoint<Fp2>.Infinity).IsOne);
    }

    [Fact]
    public void PairingWithNegationCancels()
    {
        var rng = new Random(31);
        AffinePoint<Fp> p = RandomG1(rng);
        AffinePoint<Fp2> q = RandomG2(rng);
        Assert.Equal(Fp12.One, Pairing.Pair(p, q) * Pairing.Pair(p.Negate(), q));
        Assert.True(Pairing.PairingCheck([p, p.Negate()], [q, q]));
        Assert.True(Pairing.PairingCheck([p, p], [q, q.Negate()]));
        Assert.False(Pairing.PairingCheck([p, p], [q, q]));
    }

    [Fact]
    public void MultiPairingCheckOfRandomRelation()
    {
        var rng = new Random(32);
        BigInteger a = RandomScalar(rng), b = RandomScalar(rng), c = RandomScalar(rng);
        AffinePoint<Fp> p = G1.Generator;
        AffinePoint<Fp2> q = G2.Generator;
        // e(aP, bQ) · e(cP, -Q)^... : a·b = c + (a·b - c)
        BigInteger d = ((a * b - c) % R + R) % R;
        Assert.True(Pairing.PairingCheck(
            [Mul(p, a), Mul(p, c).Negate(), Mul(p, d).Negate()],
            [Mul(q, b), q, q]));
        Assert.False(Pairing.PairingCheck(
            [Mul(p, a), Mul(p, c).Negate(), Mul(p, (d + 1) % R).Negate()],
            [Mul(q, b), q, q]));
        Assert.True(Pairing.PairingCheck(ReadOnlySpan<AffinePoint<Fp>>.Empty, ReadOnlySpan<AffinePoint<Fp2>>.Empty));
    }

    [Fact]
    public void PreparedG2PointsGiveTheSameMillerLoop()
    {
        var rng = new Random(33);
        AffinePoint<Fp> p1 = RandomG1(rng), p2 = RandomG1(rng);
        AffinePoint<Fp2> q1 = RandomG2(rng), q2 = RandomG2(rng);
        Assert.Equal(Pairing.MillerLoop([p1, p2], [q1, q2]), Pairing.MillerLoop([p1, p2], [new G2Prepared(q1), new G2Prepared(q2)]));
        Assert.Equal(Pairing.MillerLoop([p1], [q1]),
            Pairing.MillerLoop([p1, AffinePoint<Fp>.Infinity, p2], [new G2Prepared(q1), new G2Prepared(q2), new G2Prepared(AffinePoint<Fp2>.Infinity)]));
        Assert.True(Pairing.PairingCheck([p1, p1.Negate()], [new G2Prepared(q1), new G2Prepared(q1)]));
        Assert.False(Pairing.PairingCheck([p1, p2], [new G2Prepared(q1), new G2Prepared(q1)]));
    }
}
