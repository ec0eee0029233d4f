namespace Tachyon.Precompiles.Bn254;

/// <summary>F_p6 = F_p2[v]/(v³ - ξ), ξ = 9 + u: elements C0 + C1·v + C2·v².</summary>
internal readonly struct Fp6 : IEquatable<Fp6>
{
    public readonly Fp2 C0, C1, C2;

    public Fp6(in Fp2 c0, in Fp2 c1, in Fp2 c2) { C0 = c0; C1 = c1; C2 = c2; }

    public static Fp6 Zero => default;
    public static Fp6 One => new(Fp2.One, Fp2.Zero, Fp2.Zero);

    public bool IsZero => C0.IsZero && C1.IsZero && C2.IsZero;

    public static Fp6 operator +(in Fp6 a, in Fp6 b) => new(a.C0 + b.C0, a.C1 + b.C1, a.C2 + b.C2);
    public static Fp6 operator -(in Fp6 a, in Fp6 b) => new(a.C0 - b.C0, a.C1 - b.C1, a.C2 - b.C2);
    public static Fp6 operator -(in Fp6 a) => new(-a.C0, -a.C1, -a.C2);

    /// <summary>Karatsuba-style product: six F_p2 products.</summary>
    public static Fp6 operator *(in Fp6 a, in Fp6 b)
    {
        Fp2 t0 = a.C0 * b.C0;
        Fp2 t1 = a.C1 * b.C1;
        Fp2 t2 = a.C2 * b.C2;
        Fp2 c0 = ((a.C1 + a.C2) * (b.C1 + b.C2) - t1 - t2).MulByXi() + t0;
        Fp2 c1 = (a.C0 + a.C1) * (b.C0 + b.C1) - t0 - t1 + t2.MulByXi();
        Fp2 c2 = (a.C0 + a.C2) * (b.C0 + b.C2) - t0 - t2 + t1;
        return new Fp6(c0, c1, c2);
    }

    public static Fp6 operator *(in Fp6 a, in Fp2 s) => new(a.C0 * s, a.C1 * s, a.C2 * s);

    /// <summary>Chung–Hasan squaring (SQR2): two products and three squares in F_p2.</summary>
    public Fp6 Square()
    {
        Fp2 s0 = C0.Square();
        Fp2 ab = C0 * C1;
        Fp2 s1 = ab + ab;
        Fp2 s2 = (C0 - C1 + C2).Square();
        Fp2 bc = C1 * C2;
        Fp2 s3 = bc + bc;
        Fp2 s4 = C2.Square();
        return new Fp6(s0 + s3.MulByXi(), s1 + s4.MulByXi(), s1 + s2 + s3 - s0 - s4);
    }

    /// <summary>Multiplies by v: (c0, c1, c2)·v = (ξ·c2, c0, c1).</summary>
    public Fp6 MulByV() => new(C2.MulByXi(), C0, C1);

    /// <summary>Product with the sparse element b0 + b1·v (what line functions produce).</summary>
    public Fp6 MulBy01(in Fp2 b0, in Fp2 b1)
    {
        Fp2 t0 = C0 * b0;
        Fp2 t1 = C1 * b1;
        Fp2 c0 = ((C1 + C2) * b1 - t1).MulByXi() + t0;
        Fp2 c1 = (C0 + C1) * (b0 + b1) - t0 - t1;
        Fp2 c2 = C2 * b0 + t1;
        return new Fp6(c0, c1, c2);
    }

    public Fp6 Inverse()
    {
        Fp2 a = C0.Square() - (C1 * C2).MulByXi();
        Fp2 b = C2.Square().MulByXi() - C0 * C1;
        Fp2 c = C1.Square() - C0 * C2;
        Fp2 f = C0 * a + (C2 * b + C1 * c).MulByXi();
        Fp2 inv = f.Inverse();
        return new Fp6(a * inv, b * inv, c * inv);
    }

    public bool Equals(Fp6 other) => C0.Equals(other.C0) && C1.Equals(other.C1) && C2.Equals(other.C2);
    public override bool Equals(object? obj) => obj is Fp6 f && Equals(f);
    public override int GetHashCode() => HashCode.Combine(C0, C1, C2);
}
