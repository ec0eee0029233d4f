using System.Numerics;
using System.Runtime.CompilerServices;

namespace Tachyon.Precompiles.Bn254;

/// <summary>F_p2 = F_p[u]/(u² + 1): elements C0 + C1·u.</summary>
internal readonly struct Fp2 : IEquatable<Fp2>
{
    public readonly Fp C0, C1;

    public Fp2(in Fp c0, in Fp c1) { C0 = c0; C1 = c1; }

    public static Fp2 Zero => default;
    public static Fp2 One => new(Fp.One, Fp.Zero);

    public bool IsZero => C0.IsZero && C1.IsZero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp2 operator +(in Fp2 a, in Fp2 b) => new(a.C0 + b.C0, a.C1 + b.C1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp2 operator -(in Fp2 a, in Fp2 b) => new(a.C0 - b.C0, a.C1 - b.C1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp2 operator -(in Fp2 a) => new(-a.C0, -a.C1);

    /// <summary>Karatsuba: three base-field products.</summary>
    public static Fp2 operator *(in Fp2 a, in Fp2 b)
    {
        Fp t0 = a.C0 * b.C0;
        Fp t1 = a.C1 * b.C1;
        Fp s = (a.C0 + a.C1) * (b.C0 + b.C1);
        return new Fp2(t0 - t1, s - t0 - t1);
    }

    public static Fp2 operator *(in Fp2 a, in Fp b) => new(a.C0 * b, a.C1 * b);

    /// <summary>(c0 + c1·u)² = (c0 + c1)(c0 - c1) + 2·c0·c1·u.</summary>
    public Fp2 Square()
    {
        Fp t = C0 * C1;
        return new Fp2((C0 + C1) * (C0 - C1), t + t);
    }

    public Fp2 Double() => new(C0.Double(), C1.Double());

    public Fp2 Conjugate() => new(C0, -C1);

    /// <summary>Multiplies by ξ = 9 + u, the non-residue that defines F_p6 (v³ = ξ) and the twist.</summary>
    public Fp2 MulByXi()
    {
        // (c0 + c1·u)(9 + u) = (9·c0 - c1) + (c0 + 9·c1)·u
        Fp c0x8 = C0.Double().Double().Double();
        Fp c1x8 = C1.Double().Double().Double();
        return new Fp2(c0x8 + C0 - C1, c1x8 + C1 + C0);
    }

    /// <summary>1/(c0 + c1·u) = (c0 - c1·u)/(c0² + c1²); zero maps to zero.</summary>
    public Fp2 Inverse()
    {
        Fp inv = (C0.Square() + C1.Square()).Inverse();
        return new Fp2(C0 * inv, -(C1 * inv));
    }

    /// <summary>this^e for a non-negative exponent (setup code only).</summary>
    public Fp2 Pow(BigInteger e)
    {
        Fp2 result = One, b = this;
        while (!e.IsZero)
        {
            if (!e.IsEven) result *= b;
            b = b.Square();
            e >>= 1;
        }
        return result;
    }

    public bool Equals(Fp2 other) => C0.Equals(other.C0) && C1.Equals(other.C1);
    public override bool Equals(object? obj) => obj is Fp2 f && Equals(f);
    public override int GetHashCode() => HashCode.Combine(C0, C1);
    public static bool operator ==(in Fp2 a, in Fp2 b) => a.Equals(b);
    public static bool operator !=(in Fp2 a, in Fp2 b) => !a.Equals(b);
    public override string ToString() => $"({C0} + {C1}·u)";
}
