using System.Numerics;
using Tachyon.Core.Types;

namespace Tachyon.Precompiles.Bls12381;

/// <summary>The group G1: the order-r subgroup of E(Fp): y² = x³ + 4.</summary>
public static class G1
{
    /// <summary>The standard generator (ZCash / IETF pairing-friendly-curves draft).</summary>
    public static AffinePoint<Fp> Generator { get; } = new(
        Fp.FromBytes(Hex.FromHex("17f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb")),
        Fp.FromBytes(Hex.FromHex("08b3f481e3aaa0f1a09e30ed741d8ae4fcf5e095d5d00af600db18cb2c04b3edd03cc744a2888ae40caa232946c5e7e1")));

    /// <summary>
    /// β, a primitive cube root of unity in Fp, chosen so that φ(x, y) = (βx, y) acts on G1 as
    /// multiplication by -x² (the other root gives x² - 1). Picked at start-up by testing the generator.
    /// </summary>
    private static readonly Fp Beta = FindBeta();

    // h_eff = 1 - x (RFC 9380 §8.8.1), as big-endian bytes.
    private static ReadOnlySpan<byte> CofactorBytes => [0xd2, 0x01, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01];

    private static readonly byte[] OrderBytes = Bls12381Constants.RBytes.ToArray();

    /// <summary>
    /// Subgroup membership for a point already known to be on the curve, by Scott's
    /// endomorphism test (ePrint 2021/1130): P ∈ G1 iff φ(P) = [-x²]P.
    /// </summary>
    public static bool IsInSubgroup(in AffinePoint<Fp> p)
    {
        if (p.IsInfinity) return true;
        JacobianPoint<Fp> x2p = MulByAbsX(MulByAbsX(p.ToJacobian()));
        // φ(P) + [x²]P must be infinity.
        var phi = new AffinePoint<Fp>(Beta * p.X, p.Y);
        return JacobianPoint<Fp>.Add(x2p, phi).IsInfinity;
    }

    /// <summary>Reference membership test [r]P = O; slower, kept for cross-checking.</summary>
    public static bool IsInSubgroupByOrder(in AffinePoint<Fp> p) =>
        JacobianPoint<Fp>.Multiply(p.ToJacobian(), OrderBytes).IsInfinity;

    /// <summary>Maps a curve point into G1 by multiplying by h_eff = 1 - x.</summary>
    public static JacobianPoint<Fp> ClearCofactor(in JacobianPoint<Fp> p) => JacobianPoint<Fp>.Multiply(p, CofactorBytes);

    internal static JacobianPoint<Fp> MulByAbsX(in JacobianPoint<Fp> p) =>
        JacobianPoint<Fp>.MultiplyDoubleAndAdd(p, Bls12381Constants.AbsX);

    private static Fp FindBeta()
    {
        BigInteger e = (Bls12381Constants.P - 1) / 3;
        for (ulong c = 2; ; c++)
        {
            Fp beta = Fp.Pow(Fp.FromUInt64(c), Bls12381Constants.ToLimbs(e));
            if (beta.IsOne) continue;
            AffinePoint<Fp> g = Generator;
            JacobianPoint<Fp> x2g = MulByAbsX(MulByAbsX(g.ToJacobian()));
            if (JacobianPoint<Fp>.Add(x2g, new AffinePoint<Fp>(beta * g.X, g.Y)).IsInfinity) return beta;
            return beta * beta;
        }
    }
}
