using System.Numerics;

namespace Tachyon.Precompiles.Bn254;

/// <summary>
/// An affine point on the twist E'(F_p2): y² = x³ + 3/ξ (D-type, ξ = 9 + u), which carries G2.
/// (0, 0) is the point at infinity. Unlike G1, E'(F_p2) has a large cofactor, so points must be
/// checked for membership in the order-r subgroup.
/// </summary>
internal readonly struct G2Affine
{
    public readonly Fp2 X, Y;

    public G2Affine(in Fp2 x, in Fp2 y) { X = x; Y = y; }

    public static G2Affine Infinity => default;

    /// <summary>b' = 3/ξ.</summary>
    public static readonly Fp2 B = new Fp2(Fp.FromUInt(3), Fp.Zero) * new Fp2(Fp.FromUInt(9), Fp.One).Inverse();

    /// <summary>The generator fixed by EIP-197.</summary>
    public static G2Affine Generator => new(
        new Fp2(
            Fp.FromBigInteger(BigInteger.Parse("10857046999023057135944570762232829481370756359578518086990519993285655852781")),
            Fp.FromBigInteger(BigInteger.Parse("11559732032986387107991004021392285783925812861821192530917403151452391805634"))),
        new Fp2(
            Fp.FromBigInteger(BigInteger.Parse("8495653923123431417604973247489272438418190587263600148770280649306958101930")),
            Fp.FromBigInteger(BigInteger.Parse("4082367875863433681332203403145435568316851327593401208105741076214120093531"))));

    public bool IsInfinity => X.IsZero && Y.IsZero;

    public bool IsOnCurve => IsInfinity || Y.Square() == X.Square() * X + B;

    /// <summary>
    /// Membership in the order-r subgroup G2, tested as ψ(Q) = [6u²]Q with ψ the twisted Frobenius
    /// endomorphism. Why this suffices: ψ satisfies ψ² - tψ + p = 0 on the twist, so ψ(Q) = [t - 1]Q gives
    /// [(t - 1)² - t(t - 1) + p]Q = [p + 1 - t]Q = [r]Q = O; conversely ψ acts on G2 as [p] = [t - 1] mod r.
    /// For BN curves t - 1 = 6u², a 127-bit scalar: half the work of checking [r]Q = O.
    /// </summary>
    public bool IsInSubgroup
    {
        get
        {
            if (IsInfinity) return true;
            G2Jacobian m = G2Jacobian.MultiplyBySixUSquared(this);
            if (m.IsInfinity) return false; // ψ(Q) ≠ O for Q ≠ O
            G2Affine psi = Frobenius();
            Fp2 zz = m.Z.Square();
            return m.X == psi.X * zz && m.Y == psi.Y * zz * m.Z;
        }
    }

    /// <summary>ψ(x, y) = (x̄·ξ^((p-1)/3), ȳ·ξ^((p-1)/2)): untwist, p-power Frobenius, twist back.</summary>
    public G2Affine Frobenius() => new(X.Conjugate() * FrobeniusX, Y.Conjugate() * FrobeniusY);

    /// <summary>ψ²(x, y) = (x·ξ^((p²-1)/3), y·ξ^((p²-1)/2)).</summary>
    public G2Affine Frobenius2() => new(X * FrobeniusX2, Y * FrobeniusY2);

    private static readonly Fp2 Xi = new(Fp.FromUInt(9), Fp.One);
    private static readonly Fp2 FrobeniusX = Xi.Pow((Fp.Modulus - 1) / 3);
    private static readonly Fp2 FrobeniusY = Xi.Pow((Fp.Modulus - 1) / 2);
    private static readonly Fp2 FrobeniusX2 = Xi.Pow((Fp.Modulus * Fp.Modulus - 1) / 3);
    private static readonly Fp2 FrobeniusY2 = Xi.Pow((Fp.Modulus * Fp.Modulus - 1) / 2);

    public G2Affine Negate() => IsInfinity ? this : new G2Affine(X, -Y);

    /// <summary>Reads 128 bytes x.im | x.re | y.im | y.re (EIP-197 puts the imaginary part first);
    /// false when a coordinate is ≥ p, the point is off the twist, or it is outside the order-r subgroup.</summary>
    public static bool TryRead(ReadOnlySpan<byte> data, out G2Affine point)
    {
        point = default;
        if (!Fp.TryRead(data[..32], out Fp xi) || !Fp.TryRead(data.Slice(32, 32), out Fp xr)
            || !Fp.TryRead(data.Slice(64, 32), out Fp yi) || !Fp.TryRead(data.Slice(96, 32), out Fp yr))
            return false;
        point = new G2Affine(new Fp2(xr, xi), new Fp2(yr, yi));
        return point.IsOnCurve && point.IsInSubgroup;
    }

    public void Write(Span<byte> data)
    {
        X.C1.Write(data[..32]);
        X.C0.Write(data.Slice(32, 32));
        Y.C1.Write(data.Slice(64, 32));
        Y.C0.Write(data.Slice(96, 32));
    }

    public G2Jacobian ToJacobian() => IsInfinity ? G2Jacobian.Infinity : new G2Jacobian(X, Y, Fp2.One);
}

/// <summary>A twist point in Jacobian coordinates (X/Z², Y/Z³); Z = 0 is infinity.</summary>
internal readonly struct G2Jacobian
{
    public readonly Fp2 X, Y, Z;

    public G2Jacobian(in Fp2 x, in Fp2 y, in Fp2 z) { X = x; Y = y; Z = z; }

    public static G2Jacobian Infinity => new(Fp2.One, Fp2.One, Fp2.Zero);

    public bool IsInfinity => Z.IsZero;

    public G2Affine ToAffine()
    {
        if (IsInfinity) return G2Affine.Infinity;
        Fp2 zInv = Z.Inverse();
        Fp2 zInv2 = zInv.Square();
        return new G2Affine(X * zInv2, Y * zInv2 * zInv);
    }

    public G2Jacobian Double()
    {
        if (IsInfinity || Y.IsZero) return Infinity;
        Fp2 a = X.Square();
        Fp2 b = Y.Square();
        Fp2 c = b.Square();
        Fp2 d = ((X + b).Square() - a - c).Double();
        Fp2 e = a.Double() + a;
        Fp2 f = e.Square();
        Fp2 x3 = f - d.Double();
        Fp2 y3 = e * (d - x3) - c.Double().Double().Double();
        Fp2 z3 = (Y * Z).Double();
        return new G2Jacobian(x3, y3, z3);
    }

    /// <summary>this + q for an affine q; handles infinity, doubling and inverse points (points outside
    /// the subgroup can hit those in the middle of a scalar multiplication).</summary>
    public G2Jacobian AddMixed(in G2Affine q)
    {
        if (q.IsInfinity) return this;
        if (IsInfinity) return q.ToJacobian();
        Fp2 z1z1 = Z.Square();
        Fp2 u2 = q.X * z1z1;
        Fp2 s2 = q.Y * Z * z1z1;
        Fp2 h = u2 - X;
        Fp2 r = s2 - Y;
        if (h.IsZero) return r.IsZero ? Double() : Infinity;
        Fp2 hh = h.Square();
        Fp2 hhh = h * hh;
        Fp2 v = X * hh;
        Fp2 x3 = r.Square() - hhh - v.Double();
        Fp2 y3 = r * (v - x3) - Y * hhh;
        Fp2 z3 = Z * h;
        return new G2Jacobian(x3, y3, z3);
    }

    public static G2Jacobian Multiply(in G2Affine p, BigInteger k)
    {
        G2Jacobian acc = Infinity;
        for (long bit = (long)k.GetBitLength() - 1; bit >= 0; bit--)
        {
            acc = acc.Double();
            if (!(k >> (int)bit).IsEven) acc = acc.AddMixed(p);
        }
        return acc;
    }

    /// <summary>6u² = t - 1 as two 64-bit limbs, little-endian.</summary>
    private static readonly ulong[] SixUSquared = Limbs(6 * (BigInteger)Pairing.U * Pairing.U);

    /// <summary>[6u²]p, for the subgroup check.</summary>
    public static G2Jacobian MultiplyBySixUSquared(in G2Affine p)
    {
        G2Jacobian acc = Infinity;
        for (int limb = SixUSquared.Length - 1; limb >= 0; limb--)
        {
            ulong w = SixUSquared[limb];
            for (int bit = 63; bit >= 0; bit--)
            {
                acc = acc.Double();
                if (((w >> bit) & 1) != 0) acc = acc.AddMixed(p);
            }
        }
        return acc;
    }

    private static ulong[] Limbs(BigInteger x) => [(ulong)(x & ulong.MaxValue), (ulong)(x >> 64)];
}
