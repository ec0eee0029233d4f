namespace Tachyon.Precompiles.Bls12381;

/// <summary>Algorithms shared by the base field and its quadratic extension.</summary>
internal static class FieldMath
{
    /// <summary>a^e, square-and-multiply over little-endian exponent limbs (variable time; inputs are public).</summary>
    public static F Pow<F>(in F a, ReadOnlySpan<ulong> exponent) where F : unmanaged, ICurveField<F>
    {
        F result = F.One;
        for (int i = exponent.Length - 1; i >= 0; i--)
        {
            ulong limb = exponent[i];
            for (int bit = 63; bit >= 0; bit--)
            {
                result = F.Square(result);
                if (((limb >> bit) & 1) != 0) result = F.Mul(result, a);
            }
        }
        return result;
    }
}
