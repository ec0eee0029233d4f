using System.Numerics;
using Tachyon.Core.Types;

namespace Tachyon.Precompiles.Bls12381;

/// <summary>The group G2: the order-r subgroup of the twist E'(Fp2): y² = x³ + 4(1 + u).</summary>
public static class G2
{
    /// <summary>The standard generator; coordinates are c0 + c1·u.</summary>
    public static AffinePoint<Fp2> Generator { get; } = new(
        new Fp2(
            Fp.FromBytes(Hex.FromHex("024aa2b2f08f0a91260805272dc51051c6e47ad4fa403b02b4510b647ae3d1770bac0326a805bbefd48056c8c121bdb8")),
            Fp.FromBytes(Hex.FromHex("13e02b6052719f607dacd3a088274f65596bd0d09920b61ab5da61bbdc7f5049334cf11213945d57e5ac7d055d042b7e"))),
        new Fp2(
            Fp.FromBytes(Hex.FromHex("0ce5d527727d6e118cc9cdc6da2e351aadfd9baa8cbdd3a76d429a695160d12c923ac9cc3baca289e193548608b82801")),
            Fp.FromBytes(Hex.FromHex("0606c4a02ea734cc32acd2b02bc28b99cb3e287e85a763af267492ab572e99ab3f370d275cec1da1aaa9075ff05f79be"))));

    // ψ = twist⁻¹ ∘ Frobenius ∘ twist: (x, y) ↦ (x̄·ξ^-(p-1)/3, ȳ·ξ^-(p-1)/2).
    private static readonly Fp2 PsiX = Fp2.Inverse(Fp2.Pow(Fp2.Xi, Bls12381Constants.ToLimbs((Bls12381Constants.P - 1) / 3)));
    private static readonly Fp2 PsiY = Fp2.Inverse(Fp2.Pow(Fp2.Xi, Bls12381Constants.ToLimbs((Bls12381Constants.P - 1) / 2)));

    private static readonly byte[] OrderBytes = Bls12381Constants.RBytes.ToArray();

    /// <summary>h_eff of RFC 9380 §8.8.2, as big-endian bytes.</summary>
    private static readonly byte[] CofactorBytes = Hex.FromHex(
        "0bc69f08f2ee75b3584c6a0ea91b352888e2a8e9145ad7689986ff031508ffe1329c2f178731db956d82bf015d1212b02ec0ec69d7477c1ae954cbc06689f6a359894c0adebbf6b4e8020005aaa95551");

    public static AffinePoint<Fp2> Psi(in AffinePoint<Fp2> q) =>
        q.IsInfinity ? q : new AffinePoint<Fp2>(Fp2.Conjugate(q.X) * PsiX, Fp2.Conjugate(q.Y) * PsiY);

    /// <summary>
    /// Subgroup membership for a point already on the twist, by Scott's test (ePrint 2021/1130):
    /// Q ∈ G2 iff ψ(Q) = [x]Q, i.e. ψ(Q) + [|x|]Q = O since x is negative.
    /// </summary>
    public static bool IsInSubgroup(in AffinePoint<Fp2> q)
    {
        if (q.IsInfinity) return true;
        JacobianPoint<Fp2> xq = MulByAbsX(q.ToJacobian());
        return JacobianPoint<Fp2>.Add(xq, Psi(q)).IsInfinity;
    }

    /// <summary>Reference membership test [r]Q = O; slower, kept for cross-checking.</summary>
    public static bool IsInSubgroupByOrder(in AffinePoint<Fp2> q) =>
        JacobianPoint<Fp2>.Multiply(q.ToJacobian(), OrderBytes).IsInfinity;

    /// <summary>ψ on Jacobian coordinates: conjugation commutes with division, so Z is just conjugated.</summary>
    public static JacobianPoint<Fp2> Psi(in JacobianPoint<Fp2> q) =>
        new(Fp2.Conjugate(q.X) * PsiX, Fp2.Conjugate(q.Y) * PsiY, Fp2.Conjugate(q.Z));

    /// <summary>
    /// [h_eff]Q by the Budroni–Pintore endomorphism split (RFC 9380 §8.8.2):
    /// h_eff·Q = [x²−x−1]Q + [x−1]ψ(Q) + ψ²(2Q), costing two 64-bit multiplications by |x|
    /// instead of one 636-bit scalar multiplication. x is negative, so [x]R = −[|x|]R.
    /// </summary>
    public static JacobianPoint<Fp2> ClearCofactor(in JacobianPoint<Fp2> q)
    {
        JacobianPoint<Fp2> t1 = MulByAbsX(q).Negate();                 // [x]Q
        JacobianPoint<Fp2> t2 = Psi(q);                                // ψ(Q)
        JacobianPoint<Fp2> t3 = Psi(Psi(JacobianPoint<Fp2>.Double(q))); // ψ²(2Q)
        t3 = t3 + t2.Negate();                                         // ψ²(2Q) − ψ(Q)
        t2 = MulByAbsX(t1 + t2).Negate();                              // [x²]Q + [x]ψ(Q)
        t3 = t3 + t2;
        t3 = t3 + t1.Negate();                                         // − [x]Q
        return t3 + q.Negate();                                        // − Q
    }

    /// <summary>Reference [h_eff]Q by plain scalar multiplication; slow, kept for cross-checking.</summary>
    public static JacobianPoint<Fp2> ClearCofactorByScalar(in JacobianPoint<Fp2> q) => JacobianPoint<Fp2>.Multiply(q, CofactorBytes);

    internal static JacobianPoint<Fp2> MulByAbsX(in JacobianPoint<Fp2> p) =>
        JacobianPoint<Fp2>.MultiplyDoubleAndAdd(p, Bls12381Constants.AbsX);
}
