namespace Tachyon.Precompiles.Bls12381;

/// <summary>
/// The field operations the generic curve code needs, plus the b of y² = x³ + b over that
/// field (4 for G1 over Fp, 4(1 + u) for the G2 twist over Fp2), and the square root and
/// sign that map-to-curve needs. Static members so that the
/// JIT specializes the point arithmetic per field with no interface dispatch.
/// </summary>
public interface ICurveField<T> where T : unmanaged, ICurveField<T>
{
    static abstract T Zero { get; }
    static abstract T One { get; }
    static abstract T CurveB { get; }
    static abstract T Add(in T a, in T b);
    static abstract T Sub(in T a, in T b);
    static abstract T Neg(in T a);
    static abstract T Double(in T a);
    static abstract T Mul(in T a, in T b);
    static abstract T Square(in T a);
    static abstract T Inverse(in T a);
    static abstract bool IsZeroElement(in T a);
    static abstract bool AreEqual(in T a, in T b);
    static abstract bool TrySqrt(in T a, out T root);
    /// <summary>RFC 9380 sgn0.</summary>
    static abstract bool Sgn0Of(in T a);
}
