namespace Tachyon.Precompiles.Bls12381;

/// <summary>
/// Optimal ate pairing on BLS12-381: a Miller loop over |x| = 0xd201000000010000 (conjugated
/// at the end because x is negative) followed by the final exponentiation. Several pairs share
/// one accumulator and one final exponentiation.
/// </summary>
public static partial class Pairing
{
    /// <summary>Line evaluations per Miller loop: 63 doublings and 5 additions (the set bits of |x| below the top one).</summary>
    internal const int LineCount = 68;

    /// <summary>e(P, Q) (see <see cref="FinalExponentiation"/> for the exponent used).</summary>
    public static Fp12 Pair(in AffinePoint<Fp> p, in AffinePoint<Fp2> q) =>
        FinalExponentiation(MillerLoop([p], [q]));

    /// <summary>True iff ∏ e(Pᵢ, Qᵢ) = 1. Pairs with a point at infinity contribute 1.</summary>
    public static bool PairingCheck(ReadOnlySpan<AffinePoint<Fp>> ps, ReadOnlySpan<AffinePoint<Fp2>> qs) =>
        FinalExponentiation(MillerLoop(ps, qs)).IsOne;

    /// <summary>The same check with G2 points whose line coefficients were computed in advance.</summary>
    public static bool PairingCheck(ReadOnlySpan<AffinePoint<Fp>> ps, ReadOnlySpan<G2Prepared> qs) =>
        FinalExponentiation(MillerLoop(ps, qs)).IsOne;

    /// <summary>∏ f_{|x|,Qᵢ}(Pᵢ), conjugated for the negative x.</summary>
    public static Fp12 MillerLoop(ReadOnlySpan<AffinePoint<Fp>> ps, ReadOnlySpan<AffinePoint<Fp2>> qs)
    {
        if (ps.Length != qs.Length) throw new ArgumentException("need as many G1 as G2 points");
        int n = 0;
        var pairs = new PairState[ps.Length];
        for (int i = 0; i < ps.Length; i++)
        {
            if (ps[i].IsInfinity || qs[i].IsInfinity) continue;
            pairs[n++] = new PairState(ps[i], qs[i]);
        }

        Fp12 f = Fp12.One;
        for (int bit = 62; bit >= 0; bit--)
        {
            f = Fp12.Square(f);
            for (int i = 0; i < n; i++)
            {
                ref PairState s = ref pairs[i];
                f = Evaluate(f, LineFunctions.Double(ref s.T), s.P);
            }
            if (((Bls12381Constants.AbsX >> bit) & 1) != 0)
            {
                for (int i = 0; i < n; i++)
                {
                    ref PairState s = ref pairs[i];
                    f = Evaluate(f, LineFunctions.Add(ref s.T, s.Q), s.P);
                }
            }
        }
        return Fp12.Conjugate(f);
    }

    /// <summary>Miller loop against prepared G2 points: only the Fp12 work remains per call.</summary>
    public static Fp12 MillerLoop(ReadOnlySpan<AffinePoint<Fp>> ps, ReadOnlySpan<G2Prepared> qs)
    {
        if (ps.Length != qs.Length) throw new ArgumentException("need as many G1 as G2 points");
        Fp12 f = Fp12.One;
        int line = 0;
        for (int bit = 62; bit >= 0; bit--)
        {
            f = Fp12.Square(f);
            int steps = ((Bls12381Constants.AbsX >> bit) & 1) != 0 ? 2 : 1;
            for (int step = 0; step < steps; step++, line++)
            {
                for (int i = 0; i < ps.Length; i++)
                {
                    if (ps[i].IsInfinity || qs[i].IsInfinity) continue;
                    f = Evaluate(f, qs[i].Lines[line], ps[i]);
                }
            }
        }
        return Fp12.Conjugate(f);
    }

    /// <summary>f·ℓ(P) for ℓ = c0 + (cx·xP)·w² + (cy·yP)·w³.</summary>
    private static Fp12 Evaluate(in Fp12 f, in LineCoefficients l, in AffinePoint<Fp> p) =>
        Fp12.MulByLine(f, l.C0, Fp2.MulByFp(l.Cx, p.X), Fp2.MulByFp(l.Cy, p.Y));

    private struct PairState(in AffinePoint<Fp> p, in AffinePoint<Fp2> q)
    {
        public ProjectivePoint2 T = new(q.X, q.Y, Fp2.One);
        public readonly AffinePoint<Fp2> Q = q;
        public readonly AffinePoint<Fp> P = p;
    }
}
