using System.Numerics;
using Tachyon.Precompiles.Bls12381;
using static Tachyon.Precompiles.Tests.Bls12381.TestData;

namespace Tachyon.Precompiles.Tests.Bls12381;

public class CurveTests
{
    // Prime factors of the cofactors h1 = #E(Fp)/r and h2 = #E'(Fp2)/r.
    private static readonly BigInteger[] H1Primes = [3, 11, 10177, 859267, 52437899];
    private static readonly BigInteger[] H2Primes =
    [
        13, 23, 2713, 11953, 262069,
        BigInteger.Parse("402096035359507321594726366720466575392706800671181159425656785868777272553337714697862511267018014931937703598282857976535744623203249"),
    ];
    private static readonly BigInteger H1 = Bls12381Constants.Parse("396c8c005555e1568c00aaab0000aaab");
    private static readonly BigInteger H2 = Bls12381Constants.Parse(
        "5d543a95414e7f1091d50792876a202cd91de4547085abaa68a205b2e5a7ddfa628f1cb4d9e82ef21537e293a6691ae1616ec6e786f0c70cf1c38e31c7238e5");

    [Fact]
    public void GeneratorsAreOnCurveAndHaveOrderR()
    {
        Assert.True(G1.Generator.IsOnCurve);
        Assert.True(G2.Generator.IsOnCurve);
        Assert.True(Mul(G1.Generator, R).IsInfinity);
        Assert.True(Mul(G2.Generator, R).IsInfinity);
        Assert.False(Mul(G1.Generator, R - 1).IsInfinity);
        Assert.Equal(G1.Generator.Negate(), Mul(G1.Generator, R - 1));
        Assert.Equal(G2.Generator.Negate(), Mul(G2.Generator, R - 1));
        Assert.True(G1.IsInSubgroup(G1.Generator));
        Assert.True(G2.IsInSubgroup(G2.Generator));
    }

    [Fact]
    public void GroupOrdersAreCofactorTimesR()
    {
        var rng = new Random(20);
        Assert.True(Mul(RandomCurvePointG1(rng), H1 * R).IsInfinity);
        Assert.True(Mul(RandomCurvePointG2(rng), H2 * R).IsInfinity);
    }

    [Fact]
    public void GroupLawConsistency()
    {
        var rng = new Random(21);
        AffinePoint<Fp> p = RandomCurvePointG1(rng), q = RandomCurvePointG1(rng), s = RandomCurvePointG1(rng);
        CheckGroupLaw(p, q, s);
        AffinePoint<Fp2> p2 = RandomCurvePointG2(rng), q2 = RandomCurvePointG2(rng), s2 = RandomCurvePointG2(rng);
        CheckGroupLaw(p2, q2, s2);
    }

    private static void CheckGroupLaw<F>(AffinePoint<F> p, AffinePoint<F> q, AffinePoint<F> s) where F : unmanaged, ICurveField<F>
    {
        JacobianPoint<F> jp = p.ToJacobian(), jq = q.ToJacobian(), js = s.ToJacobian();
        Assert.True(JacobianPoint<F>.Double(jp).IsOnCurve);
        Assert.True((jp + jq).IsOnCurve);
        Assert.Equal(JacobianPoint<F>.Double(jp).ToAffine(), (jp + jp).ToAffine());
        Assert.Equal(JacobianPoint<F>.Double(jp).ToAffine(), JacobianPoint<F>.Add(jp, p).ToAffine());
        Assert.Equal((jp + jq).ToAffine(), (jq + jp).ToAffine());
        Assert.Equal(((jp + jq) + js).ToAffine(), (jp + (jq + js)).ToAffine());
        Assert.Equal((jp + jq).ToAffine(), JacobianPoint<F>.Add(jp, q).ToAffine());
        Assert.True((jp + (-jp)).IsInfinity);
        Assert.True(JacobianPoint<F>.Add(jp, p.Negate()).IsInfinity);
        Assert.Equal(p, (jp + JacobianPoint<F>.Infinity).ToAffine());
        // Mixed addition where the Jacobian input has Z != 1.
        JacobianPoint<F> j2 = JacobianPoint<F>.Double(jq);
        Assert.Equal((j2 + jp).ToAffine(), JacobianPoint<F>.Add(j2, p).ToAffine());
        Assert.True(j2.EqualsPoint((jq + jq)));
    }

    [Fact]
    public void ScalarMultiplicationIsLinear()
    {
        var rng = new Random(22);
        AffinePoint<Fp> p = RandomG1(rng);
        AffinePoint<Fp2> q = RandomG2(rng);
        for (int i = 0; i < 5; i++)
        {
            BigInteger a = RandomScalar(rng), b = RandomScalar(rng);
            Assert.Equal(Mul(p, (a + b) % R), (Mul(p, a).ToJacobian() + Mul(p, b).ToJacobian()).ToAffine());
            Assert.Equal(Mul(Mul(p, a), b), Mul(p, a * b % R));
            Assert.Equal(Mul(q, (a + b) % R), (Mul(q, a).ToJacobian() + Mul(q, b).ToJacobian()).ToAffine());
        }
        Assert.True(Mul(p, 0).IsInfinity);
        Assert.Equal(p, Mul(p, 1));
        Assert.Equal(JacobianPoint<Fp>.Double(p.ToJacobian()).ToAffine(), Mul(p, 2));
    }

    [Fact]
    public void BatchToAffineMatchesSingleConversions()
    {
        var rng = new Random(23);
        var pts = new JacobianPoint<Fp>[5];
        for (int i = 0; i < pts.Length; i++) pts[i] = JacobianPoint<Fp>.Double(RandomG1(rng).ToJacobian());
        pts[2] = JacobianPoint<Fp>.Infinity;
        var result = new AffinePoint<Fp>[5];
        JacobianPoint<Fp>.BatchToAffine(pts, result);
        for (int i = 0; i < pts.Length; i++) Assert.Equal(pts[i].ToAffine(), result[i]);
    }

    [Fact]
    public void SubgroupChecksAgreeWithOrderCheck()
    {
        var rng = new Random(24);
        for (int i = 0; i < 10; i++)
        {
            AffinePoint<Fp> off = RandomCurvePointG1(rng);
            Assert.False(G1.IsInSubgroupByOrder(off));
            Assert.False(G1.IsInSubgroup(off));
            AffinePoint<Fp> on = G1.ClearCofactor(off.ToJacobian()).ToAffine();
            Assert.True(G1.IsInSubgroupByOrder(on));
            Assert.True(G1.IsInSubgroup(on));

            AffinePoint<Fp2> off2 = RandomCurvePointG2(rng);
            Assert.False(G2.IsInSubgroupByOrder(off2));
            Assert.False(G2.IsInSubgroup(off2));
            AffinePoint<Fp2> on2 = G2.ClearCofactor(off2.ToJacobian()).ToAffine();
            Assert.True(G2.IsInSubgroupByOrder(on2));
            Assert.True(G2.IsInSubgroup(on2));
        }
    }

    [Fact]
    public void SubgroupChecksRejectSmallTorsionAndMixedPoints()
    {
        var rng = new Random(25);
        foreach (BigInteger q in H1Primes)
        {
            // A point of order exactly q (times the identity, retried until nontrivial).
            AffinePoint<Fp> t = TorsionPoint(() => RandomCurvePointG1(rng), H1 * R, q);
            Assert.False(G1.IsInSubgroup(t));
            AffinePoint<Fp> mixed = (t.ToJacobian() + G1.Generator.ToJacobian()).ToAffine();
            Assert.False(G1.IsInSubgroup(mixed));
        }
        foreach (BigInteger q in H2Primes)
        {
            AffinePoint<Fp2> t = TorsionPoint(() => RandomCurvePointG2(rng), H2 * R, q);
            Assert.False(G2.IsInSubgroup(t));
            AffinePoint<Fp2> mixed = (t.ToJacobian() + G2.Generator.ToJacobian()).ToAffine();
            Assert.False(G2.IsInSubgroup(mixed));
        }
    }

    /// <summary>
    /// A point of order exactly q: strip every other prime from a random point, then multiply
    /// by q while that stays nontrivial (the q-part need not be cyclic).
    /// </summary>
    private static AffinePoint<F> TorsionPoint<F>(Func<AffinePoint<F>> random, BigInteger groupOrder, BigInteger q)
        where F : unmanaged, ICurveField<F>
    {
        BigInteger rest = groupOrder;
        while (rest % q == 0) rest /= q;
        // Bounded loops so that broken arithmetic fails the test instead of hanging it.
        for (int attempt = 0; attempt < 100; attempt++)
        {
            AffinePoint<F> t = Mul(random(), rest);
            if (t.IsInfinity) continue;
            for (int power = 0; power < 8; power++)
            {
                AffinePoint<F> next = Mul(t, q);
                if (next.IsInfinity) return t;
                t = next;
            }
        }
        throw new InvalidOperationException($"no point of order {q} found");
    }

    [Fact]
    public void PsiActsAsMultiplicationByXOnG2()
    {
        var rng = new Random(26);
        AffinePoint<Fp2> q = RandomG2(rng);
        BigInteger x = -(BigInteger)Bls12381Constants.AbsX;
        Assert.Equal(Mul(q, ((x % R) + R) % R), G2.Psi(q));
        Assert.True(G2.Psi(RandomCurvePointG2(rng)).IsOnCurve);
    }
}
