namespace Tachyon.Precompiles.Bls12381;

/// <summary>
/// A point of y² = x³ + b in Jacobian coordinates: (X, Y, Z) stands for (X/Z², Y/Z³); Z = 0 is
/// infinity. Formulas are the a = 0 ones of the Explicit-Formulas Database (dbl-2009-l,
/// add-2007-bl, madd-2007-bl). Neither curve has points of order two, so doubling never
/// meets y = 0 outside infinity.
/// </summary>
public readonly struct JacobianPoint<F> where F : unmanaged, ICurveField<F>
{
    public readonly F X, Y, Z;

    public JacobianPoint(in F x, in F y, in F z)
    {
        X = x;
        Y = y;
        Z = z;
    }

    public static JacobianPoint<F> Infinity => new(F.One, F.One, F.Zero);

    public bool IsInfinity => F.IsZeroElement(Z);

    public JacobianPoint<F> Negate() => new(X, F.Neg(Y), Z);

    public static JacobianPoint<F> Double(in JacobianPoint<F> p)
    {
        F a = F.Square(p.X);
        F b = F.Square(p.Y);
        F c = F.Square(b);
        F d = F.Double(F.Sub(F.Sub(F.Square(F.Add(p.X, b)), a), c));
        F e = F.Add(F.Double(a), a);
        F f = F.Square(e);
        F x3 = F.Sub(f, F.Double(d));
        F c8 = F.Double(F.Double(F.Double(c)));
        F y3 = F.Sub(F.Mul(e, F.Sub(d, x3)), c8);
        F z3 = F.Double(F.Mul(p.Y, p.Z));
        return new JacobianPoint<F>(x3, y3, z3);
    }

    public static JacobianPoint<F> Add(in JacobianPoint<F> p, in JacobianPoint<F> q)
    {
        if (p.IsInfinity) return q;
        if (q.IsInfinity) return p;
        F z1z1 = F.Square(p.Z);
        F z2z2 = F.Square(q.Z);
        F u1 = F.Mul(p.X, z2z2);
        F u2 = F.Mul(q.X, z1z1);
        F s1 = F.Mul(F.Mul(p.Y, q.Z), z2z2);
        F s2 = F.Mul(F.Mul(q.Y, p.Z), z1z1);
        F h = F.Sub(u2, u1);
        F r = F.Double(F.Sub(s2, s1));
        if (F.IsZeroElement(h))
            return F.IsZeroElement(r) ? Double(p) : Infinity;
        F i = F.Square(F.Double(h));
        F j = F.Mul(h, i);
        F v = F.Mul(u1, i);
        F x3 = F.Sub(F.Sub(F.Square(r), j), F.Double(v));
        F y3 = F.Sub(F.Mul(r, F.Sub(v, x3)), F.Double(F.Mul(s1, j)));
        F z3 = F.Mul(F.Sub(F.Sub(F.Square(F.Add(p.Z, q.Z)), z1z1), z2z2), h);
        return new JacobianPoint<F>(x3, y3, z3);
    }

    /// <summary>Mixed addition with an affine point (its Z is 1), which saves several products.</summary>
    public static JacobianPoint<F> Add(in JacobianPoint<F> p, in AffinePoint<F> q)
    {
        if (q.IsInfinity) return p;
        if (p.IsInfinity) return q.ToJacobian();
        F z1z1 = F.Square(p.Z);
        F u2 = F.Mul(q.X, z1z1);
        F s2 = F.Mul(F.Mul(q.Y, p.Z), z1z1);
        F h = F.Sub(u2, p.X);
        F r = F.Double(F.Sub(s2, p.Y));
        if (F.IsZeroElement(h))
            return F.IsZeroElement(r) ? Double(p) : Infinity;
        F hh = F.Square(h);
        F i = F.Double(F.Double(hh));
        F j = F.Mul(h, i);
        F v = F.Mul(p.X, i);
        F x3 = F.Sub(F.Sub(F.Square(r), j), F.Double(v));
        F y3 = F.Sub(F.Mul(r, F.Sub(v, x3)), F.Double(F.Mul(p.Y, j)));
        F z3 = F.Sub(F.Sub(F.Square(F.Add(p.Z, h)), z1z1), hh);
        return new JacobianPoint<F>(x3, y3, z3);
    }

    /// <summary>
    /// [k]P for a big-endian scalar of any length (no reduction mod r, so cofactor multiples
    /// work too), with a fixed 4-bit window. Variable time: every caller's scalars are public.
    /// </summary>
    public static JacobianPoint<F> Multiply(in JacobianPoint<F> p, ReadOnlySpan<byte> scalarBigEndian)
    {
        int start = 0;
        while (start < scalarBigEndian.Length && scalarBigEndian[start] == 0) start++;
        if (start == scalarBigEndian.Length || p.IsInfinity) return Infinity;

        Span<JacobianPoint<F>> table = stackalloc JacobianPoint<F>[16];
        table[0] = Infinity;
        table[1] = p;
        table[2] = Double(p);
        for (int i = 3; i < 16; i++) table[i] = Add(table[i - 1], p);

        JacobianPoint<F> acc = Infinity;
        bool first = true;
        for (int i = start; i < scalarBigEndian.Length; i++)
        {
            byte b = scalarBigEndian[i];
            for (int shift = 4; shift >= 0; shift -= 4)
            {
                if (!first)
                {
                    acc = Double(acc);
                    acc = Double(acc);
                    acc = Double(acc);
                    acc = Double(acc);
                }
                int nib = (b >> shift) & 0xF;
                if (nib != 0) acc = first ? table[nib] : Add(acc, table[nib]);
                first = first && nib == 0;
            }
        }
        return acc;
    }

    /// <summary>[k]P by plain double-and-add, cheapest for sparse 64-bit scalars such as |x|.</summary>
    public static JacobianPoint<F> MultiplyDoubleAndAdd(in JacobianPoint<F> p, ulong k)
    {
        if (k == 0 || p.IsInfinity) return Infinity;
        JacobianPoint<F> acc = p;
        for (int bit = 62 - System.Numerics.BitOperations.LeadingZeroCount(k); bit >= 0; bit--)
        {
            acc = Double(acc);
            if (((k >> bit) & 1) != 0) acc = Add(acc, p);
        }
        return acc;
    }

    public static JacobianPoint<F> Multiply(in JacobianPoint<F> p, ulong scalar)
    {
        Span<byte> be = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(be, scalar);
        return Multiply(p, be);
    }

    public AffinePoint<F> ToAffine()
    {
        if (IsInfinity) return AffinePoint<F>.Infinity;
        F zInv = F.Inverse(Z);
        F zInv2 = F.Square(zInv);
        return new AffinePoint<F>(F.Mul(X, zInv2), F.Mul(Y, F.Mul(zInv2, zInv)));
    }

    /// <summary>Converts many points with one inversion (Montgomery's trick).</summary>
    public static void BatchToAffine(ReadOnlySpan<JacobianPoint<F>> points, Span<AffinePoint<F>> result)
    {
        if (result.Length < points.Length) throw new ArgumentException("result too short", nameof(result));
        var prefix = new F[points.Length];
        F acc = F.One;
        for (int i = 0; i < points.Length; i++)
        {
            prefix[i] = acc;
            if (!points[i].IsInfinity) acc = F.Mul(acc, points[i].Z);
        }
        F inv = F.Inverse(acc);
        for (int i = points.Length - 1; i >= 0; i--)
        {
            if (points[i].IsInfinity)
            {
                result[i] = AffinePoint<F>.Infinity;
                continue;
            }
            F zInv = F.Mul(inv, prefix[i]);
            inv = F.Mul(inv, points[i].Z);
            F zInv2 = F.Square(zInv);
            result[i] = new AffinePoint<F>(F.Mul(points[i].X, zInv2), F.Mul(points[i].Y, F.Mul(zInv2, zInv)));
        }
    }

    public bool IsOnCurve
    {
        get
        {
            if (IsInfinity) return true;
            F z2 = F.Square(Z);
            F z6 = F.Mul(F.Square(z2), z2);
            F rhs = F.Add(F.Mul(F.Square(X), X), F.Mul(F.CurveB, z6));
            return F.AreEqual(F.Square(Y), rhs);
        }
    }

    /// <summary>Projective equality: X1·Z2² = X2·Z1² and Y1·Z2³ = Y2·Z1³.</summary>
    public bool EqualsPoint(in JacobianPoint<F> other)
    {
        if (IsInfinity || other.IsInfinity) return IsInfinity && other.IsInfinity;
        F z1z1 = F.Square(Z);
        F z2z2 = F.Square(other.Z);
        if (!F.AreEqual(F.Mul(X, z2z2), F.Mul(other.X, z1z1))) return false;
        return F.AreEqual(F.Mul(F.Mul(Y, z2z2), other.Z), F.Mul(F.Mul(other.Y, z1z1), Z));
    }

    public static JacobianPoint<F> operator +(in JacobianPoint<F> a, in JacobianPoint<F> b) => Add(a, b);
    public static JacobianPoint<F> operator -(in JacobianPoint<F> a) => a.Negate();
}
