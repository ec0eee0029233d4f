namespace Tachyon.Precompiles.Bls12381;

/// <summary>
/// Optimal ate pairing on BLS12-381: a Miller loop over |x| = 0xd201000000010000 (conjugated
/// at the end because x is negative) followed by the final exponentiation. Several pairs share
/// one accumulator and one final exponentiation.
/// </summary>
public static partial class Pairing
{
    /// <summary>e(P, Q) (see <see cref="FinalExponentiation"/> for the exponent used).</summary>
    public static Fp12 Pair(in AffinePoint<Fp> p, in AffinePoint<Fp2> q) =>
        FinalExponentiation(MillerLoop([p], [q]));

    /// <summary>True iff ∏ e(Pᵢ, Qᵢ) = 1. Pairs with a point at infinity contribute 1.</summary>
    public static bool PairingCheck(ReadOnlySpan<AffinePoint<Fp>> ps, ReadOnlySpan<AffinePoint<Fp2>> qs) =>
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
            for (int i = 0; i < n; i++) DoublingStep(ref pairs[i], ref f);
            if (((Bls12381Constants.AbsX >> bit) & 1) != 0)
                for (int i = 0; i < n; i++) AdditionStep(ref pairs[i], ref f);
        }
        return Fp12.Conjugate(f);
    }

    /// <summary>Per-pair loop state: T in homogeneous projective coordinates on the twist, Q and P.</summary>
    private struct PairState(in AffinePoint<Fp> p, in AffinePoint<Fp2> q)
    {
        public Fp2 X = q.X, Y = q.Y, Z = Fp2.One;
        public readonly Fp2 QX = q.X, QY = q.Y;
        public readonly Fp PX = p.X, PY = p.Y, NegPX = -p.X, NegPY = -p.Y;
    }

    /// <summary>
    /// T ← 2T and f ← f·ℓ(P), ℓ the tangent at T. With T = (X, Y, Z) on y² = x³ + b' and the
    /// untwisted line multiplied by w³ and scaled in Fp2 (harmless: the final exponentiation
    /// kills proper-subfield factors): ℓ = (3b'Z² - Y²) + 3X²·xP·w² - 2YZ·yP·w³.
    /// The doubled point is scaled by 4 to avoid halving:
    /// X' = 2XY(Y² - 9b'Z²), Y' = (Y² + 9b'Z²)² - 108b'²Z⁴, Z' = 8Y³Z.
    /// </summary>
    private static void DoublingStep(ref PairState s, ref Fp12 f)
    {
        Fp2 b = Fp2.Square(s.Y);
        Fp2 c = Fp2.Square(s.Z);
        Fp2 e = Fp2.CurveB * (Fp2.Double(c) + c);           // 3b'Z²
        Fp2 f3 = Fp2.Double(e) + e;                         // 9b'Z²
        Fp2 h = Fp2.Square(s.Y + s.Z) - b - c;              // 2YZ
        Fp2 x2 = Fp2.Square(s.X);

        Fp2 l0 = e - b;
        Fp2 l1 = Fp2.MulByFp(Fp2.Double(x2) + x2, s.PX);
        Fp2 l2 = Fp2.MulByFp(h, s.NegPY);

        Fp2 xy = s.X * s.Y;
        Fp2 e2 = Fp2.Square(e);
        Fp2 e2x12 = Fp2.Double(Fp2.Double(Fp2.Double(e2) + e2));
        s.X = Fp2.Double(xy) * (b - f3);
        s.Y = Fp2.Square(b + f3) - e2x12;
        s.Z = Fp2.Double(Fp2.Double(b * h));

        f = Fp12.MulByLine(f, l0, l1, l2);
    }

    /// <summary>
    /// T ← T + Q and f ← f·ℓ(P), ℓ the chord through T and Q. With θ = Y - yQ·Z and
    /// Λ = X - xQ·Z: ℓ = (θ·xQ - Λ·yQ) - θ·xP·w² + Λ·yP·w³.
    /// </summary>
    private static void AdditionStep(ref PairState s, ref Fp12 f)
    {
        Fp2 theta = s.Y - s.QY * s.Z;
        Fp2 lambda = s.X - s.QX * s.Z;

        Fp2 l0 = theta * s.QX - lambda * s.QY;
        Fp2 l1 = Fp2.MulByFp(theta, s.NegPX);
        Fp2 l2 = Fp2.MulByFp(lambda, s.PY);

        Fp2 c = Fp2.Square(theta);
        Fp2 d = Fp2.Square(lambda);
        Fp2 e = lambda * d;
        Fp2 ff = s.Z * c;
        Fp2 g = s.X * d;
        Fp2 h = e + ff - Fp2.Double(g);
        s.X = lambda * h;
        s.Y = theta * (g - h) - e * s.Y;
        s.Z = s.Z * e;

        f = Fp12.MulByLine(f, l0, l1, l2);
    }
}
