using System.Numerics;

namespace Tachyon.Precompiles.Bn254;

/// <summary>
/// The optimal ate pairing on BN254 (Vercauteren, "Optimal pairings"): a Miller loop over 6u + 2 plus
/// two Frobenius-twisted additions, then the final exponentiation to the power (p¹² - 1)/r.
/// Only products of pairings are needed, so they share one Miller accumulator and one final exponentiation.
/// </summary>
internal static class Pairing
{
    /// <summary>The BN parameter u (p and r are polynomials in it).</summary>
    public const ulong U = 4965661367192848881;

    /// <summary>6u + 2 in non-adjacent form, most significant digit first (fewer additions than binary).</summary>
    private static readonly sbyte[] LoopNaf = ToNaf(6 * (BigInteger)U + 2);

    /// <summary>True when ∏ e(P_i, Q_i) = 1. Pairs with a point at infinity contribute 1 and are skipped.
    /// Points must already be validated (on curve, Q in G2).</summary>
    public static bool ProductIsOne(ReadOnlySpan<G1Affine> ps, ReadOnlySpan<G2Affine> qs)
    {
        Fp12 f = MillerLoop(ps, qs);
        return FinalExponentiation(f).IsOne;
    }

    /// <summary>e(P, Q) itself (tests).</summary>
    public static Fp12 Pair(in G1Affine p, in G2Affine q) =>
        FinalExponentiation(MillerLoop([p], [q]));

    public static Fp12 MillerLoop(ReadOnlySpan<G1Affine> ps, ReadOnlySpan<G2Affine> qs)
    {
        int n = 0;
        Span<int> active = ps.Length <= 64 ? stackalloc int[ps.Length] : new int[ps.Length];
        for (int i = 0; i < ps.Length; i++)
            if (!ps[i].IsInfinity && !qs[i].IsInfinity) active[n++] = i;
        if (n == 0) return Fp12.One;
        active = active[..n];

        var ts = new G2Jacobian[n];
        for (int j = 0; j < n; j++) ts[j] = qs[active[j]].ToJacobian();

        Fp12 f = Fp12.One;
        for (int d = 1; d < LoopNaf.Length; d++)
        {
            if (d > 1) f = f.Square();
            for (int j = 0; j < n; j++)
            {
                ref readonly G1Affine p = ref ps[active[j]];
                f = DoubleStep(ref ts[j], p, f);
                sbyte digit = LoopNaf[d];
                if (digit != 0)
                {
                    G2Affine q = digit > 0 ? qs[active[j]] : qs[active[j]].Negate();
                    f = AddStep(ref ts[j], q, p, f);
                }
            }
        }

        // The two extra lines of the optimal ate pairing: T + π(Q), then (T + π(Q)) - π²(Q).
        for (int j = 0; j < n; j++)
        {
            ref readonly G2Affine q = ref qs[active[j]];
            ref readonly G1Affine p = ref ps[active[j]];
            G2Affine q1 = q.Frobenius();
            G2Affine q2 = q.Frobenius2().Negate();
            f = AddStep(ref ts[j], q1, p, f);
            f = AddStep(ref ts[j], q2, p, f);
        }
        return f;
    }

    /// <summary>
    /// Doubles T and multiplies f by the tangent line at T evaluated at P. Untwisted, the line at
    /// P = (xP, yP) is yP - λ·xP·w + (λ·xT - yT)·w³ with λ the slope on the twist; scaled by the F_p2
    /// factor 2YZ·Z² (which the final exponentiation removes) it is
    /// yP·Z3·Z² - 3X²·Z²·xP·w + (3X³ - 2Y²)·w³.
    /// </summary>
    private static Fp12 DoubleStep(ref G2Jacobian t, in G1Affine p, in Fp12 f)
    {
        Fp2 x = t.X, y = t.Y, z = t.Z;
        Fp2 a = x.Square();
        Fp2 b = y.Square();
        Fp2 c = b.Square();
        Fp2 zz = z.Square();
        Fp2 d = ((x + b).Square() - a - c).Double();
        Fp2 e = a.Double() + a;
        Fp2 x3 = e.Square() - d.Double();
        Fp2 y3 = e * (d - x3) - c.Double().Double().Double();
        Fp2 z3 = (y * z).Double();
        t = new G2Jacobian(x3, y3, z3);

        Fp2 ezz = e * zz;
        Fp2 l0 = z3 * zz * p.Y;
        Fp2 l1 = -(ezz * p.X);
        Fp2 l3 = e * x - b.Double();
        return f.MulByLine(l0, l1, l3);
    }

    /// <summary>
    /// Sets T = T + Q (Q affine) and multiplies f by the line through them at P: with λ = R/Z3,
    /// R = yQ·Z³ - Y, Z3 = Z·H, the line scaled by Z3 is yP·Z3 - R·xP·w + (R·xQ - yQ·Z3)·w³.
    /// Inside the loop T ≠ ±Q because T = kQ with 1 &lt; k &lt; r - 1.
    /// </summary>
    private static Fp12 AddStep(ref G2Jacobian t, in G2Affine q, in G1Affine p, in Fp12 f)
    {
        Fp2 z1z1 = t.Z.Square();
        Fp2 u2 = q.X * z1z1;
        Fp2 s2 = q.Y * t.Z * z1z1;
        Fp2 h = u2 - t.X;
        Fp2 r = s2 - t.Y;
        Fp2 hh = h.Square();
        Fp2 hhh = h * hh;
        Fp2 v = t.X * hh;
        Fp2 x3 = r.Square() - hhh - v.Double();
        Fp2 y3 = r * (v - x3) - t.Y * hhh;
        Fp2 z3 = t.Z * h;
        t = new G2Jacobian(x3, y3, z3);

        Fp2 l0 = z3 * p.Y;
        Fp2 l1 = -(r * p.X);
        Fp2 l3 = r * q.X - q.Y * z3;
        return f.MulByLine(l0, l1, l3);
    }

    /// <summary>
    /// f^((p¹² - 1)/r). Easy part f^((p⁶ - 1)(p² + 1)) lands in the cyclotomic subgroup; the hard part
    /// (p⁴ - p² + 1)/r = λ3·p³ + λ2·p² + λ1·p + λ0 with λ3 = 1, λ2 = 6u² + 1, λ1 = -36u³ - 18u² - 12u + 1,
    /// λ0 = -36u³ - 30u² - 18u - 2 uses the addition chain of Scott et al. ("On the final exponentiation
    /// for calculating pairings on ordinary elliptic curves", 2009).
    /// </summary>
    public static Fp12 FinalExponentiation(in Fp12 f)
    {
        Fp12 t = f.Conjugate() * f.Inverse();
        t = t.Frobenius(2) * t;

        Fp12 fu = PowU(t);
        Fp12 fu2 = PowU(fu);
        Fp12 fu3 = PowU(fu2);

        Fp12 y0 = t.Frobenius(1) * t.Frobenius(2) * t.Frobenius(3);
        Fp12 y1 = t.Conjugate();
        Fp12 y2 = fu2.Frobenius(2);
        Fp12 y3 = fu.Frobenius(1).Conjugate();
        Fp12 y4 = (fu * fu2.Frobenius(1)).Conjugate();
        Fp12 y5 = fu2.Conjugate();
        Fp12 y6 = (fu3 * fu3.Frobenius(1)).Conjugate();

        // y0 · y1² · y2⁶ · y3¹² · y4¹⁸ · y5³⁰ · y6³⁶
        Fp12 t0 = y6.CyclotomicSquare() * y4 * y5;
        Fp12 t1 = y3 * y5 * t0;
        t0 *= y2;
        t1 = (t1.CyclotomicSquare() * t0).CyclotomicSquare();
        t0 = t1 * y1;
        t1 *= y0;
        t0 = t0.CyclotomicSquare() * t1;
        return t0;
    }

    /// <summary>u in non-adjacent form: inverses are free (conjugation) in the cyclotomic subgroup, so
    /// signed digits save multiplications.</summary>
    private static readonly sbyte[] UNaf = ToNaf(U);

    /// <summary>x^u for x in the cyclotomic subgroup.</summary>
    private static Fp12 PowU(in Fp12 x)
    {
        Fp12 inv = x.Conjugate();
        Fp12 result = x; // leading NAF digit is 1
        for (int i = 1; i < UNaf.Length; i++)
        {
            result = result.CyclotomicSquare();
            if (UNaf[i] > 0) result *= x;
            else if (UNaf[i] < 0) result *= inv;
        }
        return result;
    }

    private static sbyte[] ToNaf(BigInteger k)
    {
        var digits = new List<sbyte>(); // least significant first
        while (!k.IsZero)
        {
            sbyte d = 0;
            if (!k.IsEven)
            {
                d = (sbyte)(2 - (int)(k % 4));
                k -= d;
            }
            digits.Add(d);
            k >>= 1;
        }
        digits.Reverse();
        return digits.ToArray();
    }
}
