using Tachyon.Core.Types;

namespace Tachyon.Precompiles.Bls12381;

/// <summary>
/// EIP-2537 BLS12_G2MSM (0x0e): Σ [kᵢ]Qᵢ over k ≥ 1 pairs of a G2 encoding and a 32-byte scalar
/// (any value, not reduced). Every point must be on the twist and in G2.
/// </summary>
// implements IPrecompile (added at merge)
public sealed class G2MsmPrecompile
{
    public static G2MsmPrecompile Instance { get; } = new();

    public Address Address { get; } = Address.Parse("0x000000000000000000000000000000000000000e");

    public const int PairLength = Eip2537Codec.G2Length + Eip2537Codec.ScalarLength;

    public long RequiredGas(ReadOnlySpan<byte> input) => MsmGas.G2(input.Length / PairLength);

    public bool TryRun(ReadOnlySpan<byte> input, out byte[] output)
    {
        output = [];
        if (input.Length == 0 || input.Length % PairLength != 0) return false;
        int k = input.Length / PairLength;
        var points = new AffinePoint<Fp2>[k];
        var scalars = new byte[k * Eip2537Codec.ScalarLength];
        for (int i = 0; i < k; i++)
        {
            ReadOnlySpan<byte> pair = input.Slice(i * PairLength, PairLength);
            if (!Eip2537Codec.TryDecodeG2(pair[..Eip2537Codec.G2Length], out points[i]) || !G2.IsInSubgroup(points[i])) return false;
            pair[Eip2537Codec.G2Length..].CopyTo(scalars.AsSpan(i * Eip2537Codec.ScalarLength));
        }
        output = Eip2537Codec.EncodeG2(MultiScalarMultiplication.Compute<Fp2>(points, scalars).ToAffine());
        return true;
    }
}
