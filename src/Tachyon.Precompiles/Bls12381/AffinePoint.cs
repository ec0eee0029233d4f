namespace Tachyon.Precompiles.Bls12381;

/// <summary>A point (x, y) of y² = x³ + b over <typeparamref name="F"/>, or the point at infinity.</summary>
public readonly struct AffinePoint<F> : IEquatable<AffinePoint<F>> where F : unmanaged, ICurveField<F>
{
    public readonly F X, Y;
    public readonly bool IsInfinity;

    public AffinePoint(in F x, in F y)
    {
        X = x;
        Y = y;
        IsInfinity = false;
    }

    private AffinePoint(bool infinity)
    {
        X = default;
        Y = default;
        IsInfinity = infinity;
    }

    public static AffinePoint<F> Infinity => new(true);

    /// <summary>True for infinity and for (x, y) satisfying the curve equation.</summary>
    public bool IsOnCurve
    {
        get
        {
            if (IsInfinity) return true;
            F rhs = F.Add(F.Mul(F.Square(X), X), F.CurveB);
            return F.AreEqual(F.Square(Y), rhs);
        }
    }

    public AffinePoint<F> Negate() => IsInfinity ? this : new AffinePoint<F>(X, F.Neg(Y));

    public JacobianPoint<F> ToJacobian() => IsInfinity ? JacobianPoint<F>.Infinity : new JacobianPoint<F>(X, Y, F.One);

    public bool Equals(AffinePoint<F> other) =>
        IsInfinity ? other.IsInfinity : !other.IsInfinity && F.AreEqual(X, other.X) && F.AreEqual(Y, other.Y);

    public override bool Equals(object? obj) => obj is AffinePoint<F> p && Equals(p);
    public override int GetHashCode() => IsInfinity ? 0 : HashCode.Combine(X, Y);
    public static bool operator ==(in AffinePoint<F> a, in AffinePoint<F> b) => a.Equals(b);
    public static bool operator !=(in AffinePoint<F> a, in AffinePoint<F> b) => !a.Equals(b);
    public override string ToString() => IsInfinity ? "infinity" : $"({X}, {Y})";
}
