
namespace Tachyon.Precompiles.Bn254;

/// <summary>An affine point of G1 = E(F_p), E: y² = x³ + 3. (0, 0) is the point at infinity, as in
/// EIP-196 (it is not on the curve, so the encoding is unambiguous). E(F_p) has prime order r, so every
/// point on the curve is in the group.</summary>
internal readonly struct G1Affine
{
    public readonly Fp X, Y;

    public G1Affine(in Fp x, in Fp y) { X = x; Y = y; }

    public static G1Affine Infinity => default;
    public static G1Affine Generator => new(Fp.One, Fp.FromUInt(2));

    public bool IsInfinity => X.IsZero && Y.IsZero;

    public static Fp B => Fp.FromUInt(3);

    public bool IsOnCurve => IsInfinity || Y.Square() == X.Square() * X + B;

    public G1Affine Negate() => IsInfinity ? this : new G1Affine(X, -Y);

    /// <summary>Reads 64 bytes x | y; false when a coordinate is ≥ p or the point is not on the curve.</summary>
    public static bool TryRead(ReadOnlySpan<byte> data, out G1Affine point)
    {
        point = default;
        if (!Fp.TryRead(data[..32], out Fp x) || !Fp.TryRead(data.Slice(32, 32), out Fp y)) return false;
        point = new G1Affine(x, y);
        return point.IsOnCurve;
    }

    public void Write(Span<byte> data)
    {
        X.Write(data[..32]);
        Y.Write(data.Slice(32, 32));
    }

    public G1Jacobian ToJacobian() => IsInfinity ? G1Jacobian.Infinity : new G1Jacobian(X, Y, Fp.One);
}

/// <summary>A G1 point in Jacobian coordinates (X/Z², Y/Z³); Z = 0 is infinity.</summary>
internal readonly struct G1Jacobian
{
    public readonly Fp X, Y, Z;

    public G1Jacobian(in Fp x, in Fp y, in Fp z) { X = x; Y = y; Z = z; }

    public static G1Jacobian Infinity => new(Fp.One, Fp.One, Fp.Zero);

    public bool IsInfinity => Z.IsZero;

    public G1Affine ToAffine()
    {
        if (IsInfinity) return G1Affine.Infinity;
        Fp zInv = Z.Inverse();
        Fp zInv2 = zInv.Square();
        return new G1Affine(X * zInv2, Y * zInv2 * zInv);
    }

    /// <summary>Doubling for a = 0 (dbl-2009-l): 2M + 5S.</summary>
    public G1Jacobian Double()
    {
        if (IsInfinity || Y.IsZero) return Infinity;
        Fp a = X.Square();
        Fp b = Y.Square();
        Fp c = b.Square();
        Fp d = ((X + b).Square() - a - c).Double();
        Fp e = a.Double() + a;
        Fp f = e.Square();
        Fp x3 = f - d.Double();
        Fp y3 = e * (d - x3) - c.Double().Double().Double();
        Fp z3 = (Y * Z).Double();
        return new G1Jacobian(x3, y3, z3);
    }

    /// <summary>this + q for an affine q; handles infinity, doubling and inverse points.</summary>
    public G1Jacobian AddMixed(in G1Affine q)
    {
        if (q.IsInfinity) return this;
        if (IsInfinity) return q.ToJacobian();
        Fp z1z1 = Z.Square();
        Fp u2 = q.X * z1z1;
        Fp s2 = q.Y * Z * z1z1;
        Fp h = u2 - X;
        Fp r = s2 - Y;
        if (h.IsZero) return r.IsZero ? Double() : Infinity;
        Fp hh = h.Square();
        Fp hhh = h * hh;
        Fp v = X * hh;
        Fp x3 = r.Square() - hhh - v.Double();
        Fp y3 = r * (v - x3) - Y * hhh;
        Fp z3 = Z * h;
        return new G1Jacobian(x3, y3, z3);
    }

    /// <summary>k·p by left-to-right double-and-add. The scalar is reduced mod r first, which is exact
    /// because every point of E(F_p) has order dividing r.</summary>
    public static G1Jacobian Multiply(in G1Affine p, ReadOnlySpan<byte> scalarBe32)
    {
        Span<ulong> k = stackalloc ulong[4];
        Scalar.ReduceModR(scalarBe32, k);
        G1Jacobian acc = Infinity;
        if (p.IsInfinity) return acc;
        for (int limb = 3; limb >= 0; limb--)
        {
            ulong w = k[limb];
            for (int bit = 63; bit >= 0; bit--)
            {
                acc = acc.Double();
                if (((w >> bit) & 1) != 0) acc = acc.AddMixed(p);
            }
        }
        return acc;
    }
}
