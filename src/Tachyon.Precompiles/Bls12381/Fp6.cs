namespace Tachyon.Precompiles.Bls12381;

/// <summary>Fp6 = Fp2[v]/(v³ - ξ) with ξ = 1 + u; an element is C0 + C1·v + C2·v².</summary>
public readonly struct Fp6 : IEquatable<Fp6>
{
    public readonly Fp2 C0, C1, C2;

    public Fp6(in Fp2 c0, in Fp2 c1, in Fp2 c2)
    {
        C0 = c0;
        C1 = c1;
        C2 = c2;
    }

    public static Fp6 Zero => default;
    public static Fp6 One => new(Fp2.One, Fp2.Zero, Fp2.Zero);

    public bool IsZero => C0.IsZero && C1.IsZero && C2.IsZero;

    public static Fp6 Add(in Fp6 a, in Fp6 b) => new(a.C0 + b.C0, a.C1 + b.C1, a.C2 + b.C2);
    public static Fp6 Sub(in Fp6 a, in Fp6 b) => new(a.C0 - b.C0, a.C1 - b.C1, a.C2 - b.C2);
    public static Fp6 Neg(in Fp6 a) => new(-a.C0, -a.C1, -a.C2);

    /// <summary>Karatsuba-style product with six Fp2 multiplications.</summary>
    public static Fp6 Mul(in Fp6 a, in Fp6 b)
    {
        Fp2 t0 = a.C0 * b.C0;
        Fp2 t1 = a.C1 * b.C1;
        Fp2 t2 = a.C2 * b.C2;
        Fp2 c0 = Fp2.MulByXi((a.C1 + a.C2) * (b.C1 + b.C2) - t1 - t2) + t0;
        Fp2 c1 = (a.C0 + a.C1) * (b.C0 + b.C1) - t0 - t1 + Fp2.MulByXi(t2);
        Fp2 c2 = (a.C0 + a.C2) * (b.C0 + b.C2) - t0 - t2 + t1;
        return new Fp6(c0, c1, c2);
    }

    /// <summary>Chung–Hasan squaring (SQR2): two squarings and three products replaced by five cheaper ops.</summary>
    public static Fp6 Square(in Fp6 a)
    {
        Fp2 s0 = Fp2.Square(a.C0);
        Fp2 ab = a.C0 * a.C1;
        Fp2 s1 = ab + ab;
        Fp2 s2 = Fp2.Square(a.C0 - a.C1 + a.C2);
        Fp2 bc = a.C1 * a.C2;
        Fp2 s3 = bc + bc;
        Fp2 s4 = Fp2.Square(a.C2);
        return new Fp6(s0 + Fp2.MulByXi(s3), s1 + Fp2.MulByXi(s4), s1 + s2 + s3 - s0 - s4);
    }

    /// <summary>Multiplication by v: (c0, c1, c2) ↦ (ξ·c2, c0, c1).</summary>
    public static Fp6 MulByV(in Fp6 a) => new(Fp2.MulByXi(a.C2), a.C0, a.C1);

    public static Fp6 MulByFp2(in Fp6 a, in Fp2 b) => new(a.C0 * b, a.C1 * b, a.C2 * b);

    /// <summary>Product with the sparse element x0 + x1·v (five Fp2 multiplications).</summary>
    public static Fp6 MulBy01(in Fp6 a, in Fp2 x0, in Fp2 x1)
    {
        Fp2 t0 = a.C0 * x0;
        Fp2 t1 = a.C1 * x1;
        Fp2 c0 = Fp2.MulByXi(a.C2 * x1) + t0;
        Fp2 c1 = (a.C0 + a.C1) * (x0 + x1) - t0 - t1;
        Fp2 c2 = a.C2 * x0 + t1;
        return new Fp6(c0, c1, c2);
    }

    /// <summary>Product with x1·v (three Fp2 multiplications).</summary>
    public static Fp6 MulBy1(in Fp6 a, in Fp2 x1) => new(Fp2.MulByXi(a.C2 * x1), a.C0 * x1, a.C1 * x1);

    /// <summary>Inverse through the norm to Fp2.</summary>
    public static Fp6 Inverse(in Fp6 a)
    {
        Fp2 t0 = Fp2.Square(a.C0) - Fp2.MulByXi(a.C1 * a.C2);
        Fp2 t1 = Fp2.MulByXi(Fp2.Square(a.C2)) - a.C0 * a.C1;
        Fp2 t2 = Fp2.Square(a.C1) - a.C0 * a.C2;
        Fp2 norm = a.C0 * t0 + Fp2.MulByXi(a.C2 * t1 + a.C1 * t2);
        Fp2 inv = Fp2.Inverse(norm);
        return new Fp6(t0 * inv, t1 * inv, t2 * inv);
    }

    public static Fp6 operator +(in Fp6 a, in Fp6 b) => Add(a, b);
    public static Fp6 operator -(in Fp6 a, in Fp6 b) => Sub(a, b);
    public static Fp6 operator -(in Fp6 a) => Neg(a);
    public static Fp6 operator *(in Fp6 a, in Fp6 b) => Mul(a, b);

    public bool Equals(Fp6 other) => C0.Equals(other.C0) && C1.Equals(other.C1) && C2.Equals(other.C2);
    public override bool Equals(object? obj) => obj is Fp6 f && Equals(f);
    public override int GetHashCode() => HashCode.Combine(C0, C1, C2);
    public static bool operator ==(in Fp6 a, in Fp6 b) => a.Equals(b);
    public static bool operator !=(in Fp6 a, in Fp6 b) => !a.Equals(b);
}
