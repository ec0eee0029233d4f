namespace Tachyon.Precompiles.Bls12381;

/// <summary>
/// A rational map (x', y') ↦ (x_num/x_den, y'·y_num/y_den) from an isogenous curve to E, as
/// in RFC 9380 Appendix E. Coefficients are given from the constant term up; both
/// denominators are monic, so their leading 1 is implied.
/// </summary>
internal sealed class Isogeny<F>(F[] xNum, F[] xDen, F[] yNum, F[] yDen) where F : unmanaged, ICurveField<F>
{
    public AffinePoint<F> Map(in AffinePoint<F> p)
    {
        if (p.IsInfinity) return p;
        F xd = Horner(xDen, p.X, monic: true);
        F yd = Horner(yDen, p.X, monic: true);
        // A zero denominator means the point lies in the kernel: it maps to infinity.
        if (F.IsZeroElement(xd) || F.IsZeroElement(yd)) return AffinePoint<F>.Infinity;
        F inv = F.Inverse(F.Mul(xd, yd));
        F x = F.Mul(F.Mul(Horner(xNum, p.X, monic: false), yd), inv);
        F y = F.Mul(F.Mul(F.Mul(p.Y, Horner(yNum, p.X, monic: false)), xd), inv);
        return new AffinePoint<F>(x, y);
    }

    private static F Horner(F[] coefficients, in F x, bool monic)
    {
        F acc = monic ? F.One : coefficients[^1];
        for (int i = coefficients.Length - (monic ? 1 : 2); i >= 0; i--)
            acc = F.Add(F.Mul(acc, x), coefficients[i]);
        return acc;
    }
}
