using Tachyon.Precompiles.Bls12381;
using Xunit;
using static Tachyon.Precompiles.Tests.Bls12381.TestData;

namespace Tachyon.Precompiles.Tests.Bls12381;

/// <summary>The endomorphism cofactor clearing must equal the plain [h_eff] multiplication.</summary>
public class G2CofactorTests
{
    [Fact]
    public void EndomorphismClearingEqualsScalarMultiplicationOnRandomTwistPoints()
    {
        var rng = new Random(8);
        for (int i = 0; i < 200; i++)
        {
            // Random twist points are almost surely outside G2, so the full cofactor is exercised.
            AffinePoint<Fp2> p = RandomCurvePointG2(rng);
            JacobianPoint<Fp2> j = p.ToJacobian();
            if (i % 2 == 1) j = j + j + j; // a non-trivial Z, so the Jacobian ψ is exercised too
            AffinePoint<Fp2> fast = G2.ClearCofactor(j).ToAffine();
            Assert.Equal(G2.ClearCofactorByScalar(j).ToAffine(), fast);
            Assert.True(G2.IsInSubgroupByOrder(fast));
        }
    }

    [Fact]
    public void EndomorphismClearingAgreesOnG2PointsAndInfinity()
    {
        var rng = new Random(9);
        for (int i = 0; i < 20; i++)
        {
            JacobianPoint<Fp2> g = RandomG2(rng).ToJacobian();
            Assert.Equal(G2.ClearCofactorByScalar(g).ToAffine(), G2.ClearCofactor(g).ToAffine());
        }
        Assert.True(G2.ClearCofactor(JacobianPoint<Fp2>.Infinity).IsInfinity);
    }

    [Fact]
    public void PsiSatisfiesFrobeniusCharacteristicEquation()
    {
        // ψ² − [t]ψ + [p] = O on the whole twist, with trace t = x + 1, i.e. ψ²(P) − [x+1]ψ(P) + [p]P = O.
        var rng = new Random(10);
        for (int i = 0; i < 5; i++)
        {
            JacobianPoint<Fp2> p = RandomCurvePointG2(rng).ToJacobian();
            JacobianPoint<Fp2> psi = G2.Psi(p);
            // x + 1 is negative: −[x+1]ψ(P) = [|x|−1]ψ(P).
            JacobianPoint<Fp2> tPsi = JacobianPoint<Fp2>.Multiply(psi, Bls12381Constants.AbsX - 1);
            JacobianPoint<Fp2> pP = JacobianPoint<Fp2>.Multiply(p, ScalarBytes(Bls12381Constants.P));
            Assert.True((G2.Psi(psi) + tPsi + pP).IsInfinity);
        }
    }
}
