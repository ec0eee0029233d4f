using System.Runtime.CompilerServices;

namespace Tachyon.Precompiles.Bls12381;

/// <summary>Fp2 = Fp[u]/(u² + 1); an element is C0 + C1·u.</summary>
public readonly struct Fp2 : IEquatable<Fp2>, ICurveField<Fp2>
{
    public readonly Fp C0, C1;

    public Fp2(in Fp c0, in Fp c1)
    {
        C0 = c0;
        C1 = c1;
    }

    public static Fp2 Zero => default;
    public static Fp2 One => new(Fp.One, Fp.Zero);

    /// <summary>ξ = 1 + u: the cubic and sextic non-residue the tower and the twist are built on.</summary>
    public static Fp2 Xi => new(Fp.One, Fp.One);

    /// <summary>b' = 4(1 + u) of the G2 twist y² = x³ + 4(1 + u).</summary>
    public static Fp2 CurveB { get; } = new(Fp.FromUInt64(4), Fp.FromUInt64(4));

    static bool ICurveField<Fp2>.IsZeroElement(in Fp2 a) => a.IsZero;
    static bool ICurveField<Fp2>.AreEqual(in Fp2 a, in Fp2 b) => a.Equals(b);
    static bool ICurveField<Fp2>.Sgn0Of(in Fp2 a) => a.Sgn0;

    public bool IsZero => C0.IsZero && C1.IsZero;
    public bool IsOne => C0.IsOne && C1.IsZero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp2 Add(in Fp2 a, in Fp2 b) => new(a.C0 + b.C0, a.C1 + b.C1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp2 Sub(in Fp2 a, in Fp2 b) => new(a.C0 - b.C0, a.C1 - b.C1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp2 Neg(in Fp2 a) => new(-a.C0, -a.C1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp2 Double(in Fp2 a) => new(Fp.Double(a.C0), Fp.Double(a.C1));

    /// <summary>
    /// Karatsuba with lazy reduction: three unreduced base-field products, combined as
    /// 768-bit integers and reduced twice instead of three times. c0 = a0b0 - a1b1 (made
    /// non-negative by adding p²) and c1 = (a0+a1)(b0+b1) - a0b0 - a1b1 = a0b1 + a1b0 both
    /// stay below 2p² &lt; p·2^384, the reduction's input bound. The sums a0+a1, b0+b1 must
    /// not be reduced mod p, or the difference for c1 could go negative.
    /// </summary>
    public static Fp2 Mul(in Fp2 a, in Fp2 b)
    {
        FpWide v0 = Fp.MulWide(a.C0, b.C0);
        FpWide v1 = Fp.MulWide(a.C1, b.C1);
        FpWide s = Fp.MulWide(Fp.AddUnreduced(a.C0, a.C1), Fp.AddUnreduced(b.C0, b.C1));
        Fp c0 = Fp.Reduce(Fp.SubWideModP2(v0, v1));
        Fp c1 = Fp.Reduce(Fp.SubWide(Fp.SubWide(s, v0), v1));
        return new Fp2(c0, c1);
    }

    /// <summary>(a0 + a1u)² = (a0+a1)(a0-a1) + 2a0a1·u: two base-field products.</summary>
    public static Fp2 Square(in Fp2 a)
    {
        Fp c0 = (a.C0 + a.C1) * (a.C0 - a.C1);
        Fp m = a.C0 * a.C1;
        return new Fp2(c0, m + m);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp2 MulByFp(in Fp2 a, in Fp b) => new(a.C0 * b, a.C1 * b);

    /// <summary>Multiplication by ξ = 1 + u: (c0 - c1) + (c0 + c1)u.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp2 MulByXi(in Fp2 a) => new(a.C0 - a.C1, a.C0 + a.C1);

    /// <summary>The Frobenius map x ↦ x^p, which on Fp2 is conjugation.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp2 Conjugate(in Fp2 a) => new(a.C0, -a.C1);

    /// <summary>(a0 + a1u)^-1 = (a0 - a1u)/(a0² + a1²); zero maps to zero.</summary>
    public static Fp2 Inverse(in Fp2 a)
    {
        Fp norm = Fp.Square(a.C0) + Fp.Square(a.C1);
        Fp inv = Fp.Inverse(norm);
        return new Fp2(a.C0 * inv, -(a.C1 * inv));
    }

    public static Fp2 Pow(in Fp2 a, ReadOnlySpan<ulong> exponent) => FieldMath.Pow(a, exponent);

    /// <summary>
    /// Square root through the norm: x0² is a root of t² - a0·t - a1²/4, so
    /// x0² = (a0 ± √(a0² + a1²))/2 and x1 = a1/(2x0). Every candidate is checked by squaring.
    /// </summary>
    public static bool TrySqrt(in Fp2 a, out Fp2 root)
    {
        root = default;
        if (a.IsZero) return true;
        if (a.C1.IsZero)
        {
            // A base-field value: its root is either in Fp or √(-a0)·u.
            if (Fp.TrySqrt(a.C0, out Fp s)) { root = new Fp2(s, Fp.Zero); return true; }
            if (Fp.TrySqrt(-a.C0, out s)) { root = new Fp2(Fp.Zero, s); return true; }
            return false;
        }
        if (!Fp.TrySqrt(Fp.Square(a.C0) + Fp.Square(a.C1), out Fp n)) return false;
        Fp half = HalfOf(a.C0 + n);
        if (!Fp.TrySqrt(half, out Fp x0))
        {
            half = HalfOf(a.C0 - n);
            if (!Fp.TrySqrt(half, out x0)) return false;
        }
        Fp x1 = a.C1 * Fp.Inverse(Fp.Double(x0));
        root = new Fp2(x0, x1);
        return Square(root).Equals(a);
    }

    private static readonly Fp InverseOfTwo = Fp.Inverse(Fp.FromUInt64(2));

    private static Fp HalfOf(in Fp a) => a * InverseOfTwo;

    /// <summary>RFC 9380 sgn0 for m = 2: sign of c0, or of c1 when c0 is zero.</summary>
    public bool Sgn0 => C0.Sgn0 || (C0.IsZero && C1.Sgn0);

    /// <summary>ZCash ordering: compare c1 first, then c0 when c1 is zero.</summary>
    public bool IsLexicographicallyLargest => C1.IsLexicographicallyLargest || (C1.IsZero && C0.IsLexicographicallyLargest);

    public static Fp2 operator +(in Fp2 a, in Fp2 b) => Add(a, b);
    public static Fp2 operator -(in Fp2 a, in Fp2 b) => Sub(a, b);
    public static Fp2 operator -(in Fp2 a) => Neg(a);
    public static Fp2 operator *(in Fp2 a, in Fp2 b) => Mul(a, b);

    public bool Equals(Fp2 other) => C0.Equals(other.C0) && C1.Equals(other.C1);
    public override bool Equals(object? obj) => obj is Fp2 f && Equals(f);
    public override int GetHashCode() => HashCode.Combine(C0, C1);
    public static bool operator ==(in Fp2 a, in Fp2 b) => a.Equals(b);
    public static bool operator !=(in Fp2 a, in Fp2 b) => !a.Equals(b);
    public override string ToString() => $"({C0}, {C1})";
}
