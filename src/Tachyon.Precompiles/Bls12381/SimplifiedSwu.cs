namespace Tachyon.Precompiles.Bls12381;

/// <summary>
/// RFC 9380 §6.6.2 simplified SWU map onto y² = x³ + A·x + B (A, B ≠ 0): the isogenous curves
/// used for BLS12-381, whose own A is zero. Variable time: inputs are public.
/// </summary>
internal readonly struct SimplifiedSwu<F> where F : unmanaged, ICurveField<F>
{
    private readonly F _a, _b, _z, _minusBOverA, _bOverZa;

    public SimplifiedSwu(in F a, in F b, in F z)
    {
        _a = a;
        _b = b;
        _z = z;
        _minusBOverA = F.Neg(F.Mul(b, F.Inverse(a)));
        _bOverZa = F.Mul(b, F.Inverse(F.Mul(z, a)));
    }

    public AffinePoint<F> Map(in F u)
    {
        F zu2 = F.Mul(_z, F.Square(u));
        F tv1 = F.Inverse(F.Add(F.Square(zu2), zu2));   // inv0(Z²u⁴ + Zu²)
        // Exceptional u (tv1 = 0) takes x1 = B/(Z·A), for which g(x1) is square by the choice of Z.
        F x1 = F.IsZeroElement(tv1) ? _bOverZa : F.Mul(_minusBOverA, F.Add(F.One, tv1));
        F x = x1;
        if (!F.TrySqrt(G(x1), out F y))
        {
            x = F.Mul(zu2, x1);
            if (!F.TrySqrt(G(x), out y))
                throw new InvalidOperationException("simplified SWU: neither candidate is on the curve");
        }
        if (F.Sgn0Of(u) != F.Sgn0Of(y)) y = F.Neg(y);
        return new AffinePoint<F>(x, y);
    }

    private F G(in F x) => F.Add(F.Mul(F.Add(F.Square(x), _a), x), _b);
}
