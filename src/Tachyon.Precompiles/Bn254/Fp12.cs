using System.Numerics;

namespace Tachyon.Precompiles.Bn254;

/// <summary>
/// F_p12 = F_p6[w]/(w² - v): elements C0 + C1·w. Over F_p2 this is F_p2[w]/(w⁶ - ξ), and the
/// coefficient of w^i sits at: w⁰ C0.C0, w¹ C1.C0, w² C0.C1, w³ C1.C1, w⁴ C0.C2, w⁵ C1.C2.
/// </summary>
internal readonly struct Fp12 : IEquatable<Fp12>
{
    public readonly Fp6 C0, C1;

    public Fp12(in Fp6 c0, in Fp6 c1) { C0 = c0; C1 = c1; }

    public static Fp12 One => new(Fp6.One, Fp6.Zero);

    public bool IsOne => C0.Equals(Fp6.One) && C1.IsZero;

    public static Fp12 operator *(in Fp12 a, in Fp12 b)
    {
        Fp6 t0 = a.C0 * b.C0;
        Fp6 t1 = a.C1 * b.C1;
        Fp6 c1 = (a.C0 + a.C1) * (b.C0 + b.C1) - t0 - t1;
        return new Fp12(t0 + t1.MulByV(), c1);
    }

    /// <summary>Complex squaring: (a + b·w)² = (a + b)(a + v·b) - ab - v·ab + 2ab·w.</summary>
    public Fp12 Square()
    {
        Fp6 ab = C0 * C1;
        Fp6 c0 = (C0 + C1) * (C0 + C1.MulByV()) - ab - ab.MulByV();
        return new Fp12(c0, ab + ab);
    }

    /// <summary>Product with a line value a + b·w + c·w³ (a, b, c in F_p2), i.e. C0 = (a, 0, 0),
    /// C1 = (b, c, 0): thirteen F_p2 products instead of eighteen.</summary>
    public Fp12 MulByLine(in Fp2 a, in Fp2 b, in Fp2 c)
    {
        Fp6 t0 = C0 * a;
        Fp6 t1 = C1.MulBy01(b, c);
        Fp6 c1 = (C0 + C1).MulBy01(a + b, c) - t0 - t1;
        return new Fp12(t0 + t1.MulByV(), c1);
    }

    /// <summary>x^(p⁶): negates the w-odd half. Inverts elements of the cyclotomic subgroup.</summary>
    public Fp12 Conjugate() => new(C0, -C1);

    public Fp12 Inverse()
    {
        Fp6 inv = (C0.Square() - C1.Square().MulByV()).Inverse();
        return new Fp12(C0 * inv, -(C1 * inv));
    }

    /// <summary>x^(p^k) for k = 1, 2, 3: each F_p2 coefficient c of w^i becomes c^(p^k)·ξ^(i(p^k - 1)/6).</summary>
    public Fp12 Frobenius(int k)
    {
        Fp2[] g = FrobeniusCoefficients[k - 1];
        bool conj = (k & 1) == 1;
        Fp2 f0 = Map(C0.C0, conj), f1 = Map(C1.C0, conj), f2 = Map(C0.C1, conj);
        Fp2 f3 = Map(C1.C1, conj), f4 = Map(C0.C2, conj), f5 = Map(C1.C2, conj);
        return new Fp12(new Fp6(f0, f2 * g[2], f4 * g[4]), new Fp6(f1 * g[1], f3 * g[3], f5 * g[5]));

        static Fp2 Map(in Fp2 c, bool conj) => conj ? c.Conjugate() : c;
    }

    private static readonly Fp2[][] FrobeniusCoefficients = BuildFrobeniusCoefficients();

    private static Fp2[][] BuildFrobeniusCoefficients()
    {
        var xi = new Fp2(Fp.FromUInt(9), Fp.One);
        BigInteger p = Fp.Modulus;
        var table = new Fp2[3][];
        for (int k = 1; k <= 3; k++)
        {
            table[k - 1] = new Fp2[6];
            BigInteger step = (BigInteger.Pow(p, k) - 1) / 6;
            for (int i = 0; i < 6; i++) table[k - 1][i] = xi.Pow(step * i);
        }
        return table;
    }

    /// <summary>
    /// Granger–Scott squaring, valid only in the cyclotomic subgroup (after the easy part of the final
    /// exponentiation). View the element as g0 + g1·w + g2·w² over F_p4 = F_p2[s]/(s² - ξ), s = w³; then
    /// the square is (3g0² - 2ḡ0) + (3s·g2² + 2ḡ1)·w + (3g1² - 2ḡ2)·w², with ḡ the conjugate s → -s.
    /// </summary>
    public Fp12 CyclotomicSquare()
    {
        // g0 = (w⁰, w³), g1 = (w¹, w⁴), g2 = (w², w⁵)
        Fp2 x0 = C0.C0, y0 = C1.C1;
        Fp2 x1 = C1.C0, y1 = C0.C2;
        Fp2 x2 = C0.C1, y2 = C1.C2;

        Fp4Square(x0, y0, out Fp2 a0, out Fp2 b0); // g0²
        Fp4Square(x1, y1, out Fp2 a1, out Fp2 b1); // g1²
        Fp4Square(x2, y2, out Fp2 a2, out Fp2 b2); // g2²

        // g0' = 3·g0² - 2·ḡ0
        Fp2 n0x = Triple(a0) - x0.Double();
        Fp2 n0y = Triple(b0) + y0.Double();
        // g1' = 3·s·g2² + 2·ḡ1, s·(a + b·s) = ξ·b + a·s
        Fp2 n1x = Triple(b2.MulByXi()) + x1.Double();
        Fp2 n1y = Triple(a2) - y1.Double();
        // g2' = 3·g1² - 2·ḡ2
        Fp2 n2x = Triple(a1) - x2.Double();
        Fp2 n2y = Triple(b1) + y2.Double();

        return new Fp12(new Fp6(n0x, n2x, n1y), new Fp6(n1x, n0y, n2y));

        static Fp2 Triple(in Fp2 z) => z.Double() + z;
    }

    /// <summary>(x + y·s)² with s² = ξ: (x² + ξ·y²) + 2xy·s, from three squarings.</summary>
    private static void Fp4Square(in Fp2 x, in Fp2 y, out Fp2 a, out Fp2 b)
    {
        Fp2 xx = x.Square();
        Fp2 yy = y.Square();
        a = yy.MulByXi() + xx;
        b = (x + y).Square() - xx - yy;
    }

    /// <summary>x^e by square-and-multiply with cyclotomic squarings; x must be in the cyclotomic subgroup.</summary>
    public Fp12 CyclotomicPow(ulong e)
    {
        Fp12 result = One;
        bool started = false;
        for (int bit = 63; bit >= 0; bit--)
        {
            if (started) result = result.CyclotomicSquare();
            if (((e >> bit) & 1) != 0)
            {
                result = started ? result * this : this;
                started = true;
            }
        }
        return result;
    }

    /// <summary>x^e for any element and exponent (tests and setup only).</summary>
    public Fp12 Pow(BigInteger e)
    {
        Fp12 result = One, b = this;
        while (!e.IsZero)
        {
            if (!e.IsEven) result *= b;
            b = b.Square();
            e >>= 1;
        }
        return result;
    }

    public bool Equals(Fp12 other) => C0.Equals(other.C0) && C1.Equals(other.C1);
    public override bool Equals(object? obj) => obj is Fp12 f && Equals(f);
    public override int GetHashCode() => HashCode.Combine(C0, C1);
}
