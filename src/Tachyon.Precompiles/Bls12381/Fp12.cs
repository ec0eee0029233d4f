using System.Numerics;

namespace Tachyon.Precompiles.Bls12381;

/// <summary>
/// Fp12 = Fp6[w]/(w² - v); an element is C0 + C1·w. As a vector over Fp2 in the basis
/// 1, w, ..., w⁵ (w⁶ = ξ) the coefficients are C0.C0, C1.C0, C0.C1, C1.C1, C0.C2, C1.C2.
/// </summary>
public readonly struct Fp12 : IEquatable<Fp12>
{
    public readonly Fp6 C0, C1;

    public Fp12(in Fp6 c0, in Fp6 c1)
    {
        C0 = c0;
        C1 = c1;
    }

    public static Fp12 One => new(Fp6.One, Fp6.Zero);

    public bool IsOne => C0.Equals(Fp6.One) && C1.IsZero;

    public static Fp12 Mul(in Fp12 a, in Fp12 b)
    {
        Fp6 t0 = a.C0 * b.C0;
        Fp6 t1 = a.C1 * b.C1;
        Fp6 c1 = (a.C0 + a.C1) * (b.C0 + b.C1) - t0 - t1;
        return new Fp12(t0 + Fp6.MulByV(t1), c1);
    }

    /// <summary>Complex squaring: (a0 + a1w)² = (a0 + a1)(a0 + v·a1) - (1 + v)a0a1 + 2a0a1·w.</summary>
    public static Fp12 Square(in Fp12 a)
    {
        Fp6 ab = a.C0 * a.C1;
        Fp6 c0 = (a.C0 + a.C1) * (a.C0 + Fp6.MulByV(a.C1)) - ab - Fp6.MulByV(ab);
        return new Fp12(c0, ab + ab);
    }

    /// <summary>x ↦ x^(p⁶), the inverse on the cyclotomic subgroup.</summary>
    public static Fp12 Conjugate(in Fp12 a) => new(a.C0, -a.C1);

    /// <summary>(a0 + a1w)^-1 = (a0 - a1w)/(a0² - v·a1²).</summary>
    public static Fp12 Inverse(in Fp12 a)
    {
        Fp6 inv = Fp6.Inverse(Fp6.Square(a.C0) - Fp6.MulByV(Fp6.Square(a.C1)));
        return new Fp12(a.C0 * inv, -(a.C1 * inv));
    }

    /// <summary>
    /// Product with a Miller-loop line l0 + l1·w² + l2·w³, i.e. (l0 + l1·v) + (l2·v)·w:
    /// thirteen Fp2 multiplications instead of eighteen.
    /// </summary>
    public static Fp12 MulByLine(in Fp12 a, in Fp2 l0, in Fp2 l1, in Fp2 l2)
    {
        Fp6 t0 = Fp6.MulBy01(a.C0, l0, l1);
        Fp6 t1 = Fp6.MulBy1(a.C1, l2);
        Fp6 c1 = Fp6.MulBy01(a.C0 + a.C1, l0, l1 + l2) - t0 - t1;
        return new Fp12(t0 + Fp6.MulByV(t1), c1);
    }

    /// <summary>
    /// x ↦ x^(p^power) for power 1..3: each Fp2 coefficient of w^i is conjugated (odd powers)
    /// and multiplied by ξ^(i(p^power - 1)/6).
    /// </summary>
    public static Fp12 Frobenius(in Fp12 a, int power)
    {
        ReadOnlySpan<Fp2> g = FrobeniusCoefficients.For(power);
        bool conj = (power & 1) == 1;
        return new Fp12(
            new Fp6(Map(a.C0.C0, g[0], conj), Map(a.C0.C1, g[2], conj), Map(a.C0.C2, g[4], conj)),
            new Fp6(Map(a.C1.C0, g[1], conj), Map(a.C1.C1, g[3], conj), Map(a.C1.C2, g[5], conj)));

        static Fp2 Map(in Fp2 c, in Fp2 gamma, bool conj) => (conj ? Fp2.Conjugate(c) : c) * gamma;
    }

    /// <summary>
    /// Granger–Scott squaring, valid only in the cyclotomic subgroup (order p⁴ - p² + 1). Seen as
    /// A0 + A1·w + A2·w² over Fp4 = Fp2[s]/(s² - ξ), s = w³:
    /// A0' = 3A0² - 2Ā0, A1' = 3s·A2² + 2Ā1, A2' = 3A1² - 2Ā2.
    /// </summary>
    public static Fp12 CyclotomicSquare(in Fp12 a)
    {
        // A0 = g0 + g3·s, A1 = g1 + g4·s, A2 = g2 + g5·s.
        Fp2 g0 = a.C0.C0, g1 = a.C1.C0, g2 = a.C0.C1, g3 = a.C1.C1, g4 = a.C0.C2, g5 = a.C1.C2;
        Fp4Square(g0, g3, out Fp2 a0, out Fp2 b0);
        Fp4Square(g1, g4, out Fp2 a1, out Fp2 b1);
        Fp4Square(g2, g5, out Fp2 a2, out Fp2 b2);
        // s·(a2 + b2·s) = ξ·b2 + a2·s
        Fp2 n0 = Triple(a0) - Fp2.Double(g0);
        Fp2 n3 = Triple(b0) + Fp2.Double(g3);
        Fp2 n1 = Triple(Fp2.MulByXi(b2)) + Fp2.Double(g1);
        Fp2 n4 = Triple(a2) - Fp2.Double(g4);
        Fp2 n2 = Triple(a1) - Fp2.Double(g2);
        Fp2 n5 = Triple(b1) + Fp2.Double(g5);
        return new Fp12(new Fp6(n0, n2, n4), new Fp6(n1, n3, n5));
    }

    private static Fp2 Triple(in Fp2 x) => Fp2.Double(x) + x;

    // (x + y·s)² = (x² + ξy²) + 2xy·s, from three Fp2 squarings.
    private static void Fp4Square(in Fp2 x, in Fp2 y, out Fp2 c0, out Fp2 c1)
    {
        Fp2 x2 = Fp2.Square(x);
        Fp2 y2 = Fp2.Square(y);
        c0 = x2 + Fp2.MulByXi(y2);
        c1 = Fp2.Square(x + y) - x2 - y2;
    }

    public static Fp12 Pow(in Fp12 a, BigInteger exponent)
    {
        Fp12 result = One;
        for (long i = (long)exponent.GetBitLength() - 1; i >= 0; i--)
        {
            result = Square(result);
            if (!(exponent >> (int)i).IsEven) result = Mul(result, a);
        }
        return result;
    }

    public static Fp12 operator *(in Fp12 a, in Fp12 b) => Mul(a, b);

    public bool Equals(Fp12 other) => C0.Equals(other.C0) && C1.Equals(other.C1);
    public override bool Equals(object? obj) => obj is Fp12 f && Equals(f);
    public override int GetHashCode() => HashCode.Combine(C0, C1);
    public static bool operator ==(in Fp12 a, in Fp12 b) => a.Equals(b);
    public static bool operator !=(in Fp12 a, in Fp12 b) => !a.Equals(b);
}
