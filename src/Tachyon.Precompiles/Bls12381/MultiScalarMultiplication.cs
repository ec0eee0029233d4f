namespace Tachyon.Precompiles.Bls12381;

/// <summary>
/// Σ [kᵢ]Pᵢ by Straus' interleaving: one shared chain of doublings and, per point, a table of
/// its 15 nonzero 4-bit multiples converted to affine with a single inversion so that every
/// addition is a mixed one. For the input sizes the EVM can afford this beats bucket methods.
/// </summary>
public static class MultiScalarMultiplication
{
    public const int ScalarLength = 32;

    /// <param name="points">the points; infinity is allowed</param>
    /// <param name="scalars">points.Length big-endian 32-byte scalars, concatenated (need not be below r)</param>
    public static JacobianPoint<F> Compute<F>(ReadOnlySpan<AffinePoint<F>> points, ReadOnlySpan<byte> scalars)
        where F : unmanaged, ICurveField<F>
    {
        int n = points.Length;
        if (scalars.Length != n * ScalarLength) throw new ArgumentException("need one 32-byte scalar per point", nameof(scalars));
        if (n == 0) return JacobianPoint<F>.Infinity;

        // table[16·i + d] = [d]Pᵢ for d = 1..15.
        var jac = new JacobianPoint<F>[16 * n];
        for (int i = 0; i < n; i++)
        {
            int o = 16 * i;
            jac[o] = JacobianPoint<F>.Infinity;
            jac[o + 1] = points[i].ToJacobian();
            jac[o + 2] = JacobianPoint<F>.Double(jac[o + 1]);
            for (int d = 3; d < 16; d++) jac[o + d] = JacobianPoint<F>.Add(jac[o + d - 1], points[i]);
        }
        var table = new AffinePoint<F>[16 * n];
        JacobianPoint<F>.BatchToAffine(jac, table);

        JacobianPoint<F> acc = JacobianPoint<F>.Infinity;
        for (int nibble = 0; nibble < 2 * ScalarLength; nibble++)
        {
            if (!acc.IsInfinity)
            {
                acc = JacobianPoint<F>.Double(acc);
                acc = JacobianPoint<F>.Double(acc);
                acc = JacobianPoint<F>.Double(acc);
                acc = JacobianPoint<F>.Double(acc);
            }
            int shift = (nibble & 1) == 0 ? 4 : 0;
            for (int i = 0; i < n; i++)
            {
                int d = (scalars[i * ScalarLength + nibble / 2] >> shift) & 0xF;
                if (d != 0) acc = JacobianPoint<F>.Add(acc, table[16 * i + d]);
            }
        }
        return acc;
    }
}
