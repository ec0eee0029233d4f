using Tachyon.Core.Types;

namespace Tachyon.Precompiles.Bls12381;

/// <summary>
/// EIP-2537 BLS12_G1MSM (0x0c): Σ [kᵢ]Pᵢ over k ≥ 1 pairs of a G1 encoding and a 32-byte scalar
/// (any value, not reduced). Every point must be on the curve and in G1.
/// </summary>
// implements IPrecompile (added at merge)
public sealed class G1MsmPrecompile
{
    public static G1MsmPrecompile Instance { get; } = new();

    public Address Address { get; } = Address.Parse("0x000000000000000000000000000000000000000c");

    public const int PairLength = Eip2537Codec.G1Length + Eip2537Codec.ScalarLength;

    public long RequiredGas(ReadOnlySpan<byte> input) => MsmGas.G1(input.Length / PairLength);

    public bool TryRun(ReadOnlySpan<byte> input, out byte[] output)
    {
        output = [];
        if (input.Length == 0 || input.Length % PairLength != 0) return false;
        int k = input.Length / PairLength;
        var points = new AffinePoint<Fp>[k];
        var scalars = new byte[k * Eip2537Codec.ScalarLength];
        for (int i = 0; i < k; i++)
        {
            ReadOnlySpan<byte> pair = input.Slice(i * PairLength, PairLength);
            if (!Eip2537Codec.TryDecodeG1(pair[..Eip2537Codec.G1Length], out points[i]) || !G1.IsInSubgroup(points[i])) return false;
            pair[Eip2537Codec.G1Length..].CopyTo(scalars.AsSpan(i * Eip2537Codec.ScalarLength));
        }
        output = Eip2537Codec.EncodeG1(MultiScalarMultiplication.Compute<Fp>(points, scalars).ToAffine());
        return true;
    }
}
