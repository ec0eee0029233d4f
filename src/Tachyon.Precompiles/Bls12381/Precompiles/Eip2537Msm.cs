namespace Tachyon.Precompiles.Bls12381;

internal delegate bool PointDecoder<F>(ReadOnlySpan<byte> input, out AffinePoint<F> point) where F : unmanaged, ICurveField<F>;

internal delegate bool SubgroupCheck<F>(in AffinePoint<F> point) where F : unmanaged, ICurveField<F>;

internal delegate byte[] PointEncoder<F>(in AffinePoint<F> point) where F : unmanaged, ICurveField<F>;

/// <summary>The shared body of G1MSM and G2MSM: parse k ≥ 1 (point, scalar) pairs, check each point, sum.</summary>
internal static class Eip2537Msm
{
    public static bool TryRun<F>(ReadOnlySpan<byte> input, int pointLength, PointDecoder<F> decode,
        SubgroupCheck<F> inSubgroup, PointEncoder<F> encode, out byte[] output) where F : unmanaged, ICurveField<F>
    {
        output = [];
        int pairLength = pointLength + Eip2537Codec.ScalarLength;
        if (input.Length == 0 || input.Length % pairLength != 0) return false;
        int k = input.Length / pairLength;
        var points = new AffinePoint<F>[k];
        var scalars = new byte[k * Eip2537Codec.ScalarLength];
        for (int i = 0; i < k; i++)
        {
            ReadOnlySpan<byte> pair = input.Slice(i * pairLength, pairLength);
            if (!decode(pair[..pointLength], out points[i]) || !inSubgroup(points[i])) return false;
            pair[pointLength..].CopyTo(scalars.AsSpan(i * Eip2537Codec.ScalarLength));
        }
        output = encode(MultiScalarMultiplication.Compute<F>(points, scalars).ToAffine());
        return true;
    }
}
