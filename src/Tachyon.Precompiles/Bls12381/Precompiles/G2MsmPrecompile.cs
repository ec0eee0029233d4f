using Tachyon.Core.Types;

namespace Tachyon.Precompiles.Bls12381;

/// <summary>
/// EIP-2537 BLS12_G2MSM (0x0e): Σ [kᵢ]Qᵢ over k ≥ 1 pairs of a G2 encoding and a 32-byte scalar
/// (any value, not reduced). Every point must be on the twist and in G2.
/// </summary>
public sealed class G2MsmPrecompile : IPrecompile
{
    public static G2MsmPrecompile Instance { get; } = new();

    public Address Address { get; } = PrecompileAddress.Of(0x0e);

    public const int PairLength = Eip2537Codec.G2Length + Eip2537Codec.ScalarLength;

    public long RequiredGas(ReadOnlySpan<byte> input) => MsmGas.G2(input.Length / PairLength);

    public bool TryRun(ReadOnlySpan<byte> input, out byte[] output) =>
        Eip2537Msm.TryRun<Fp2>(input, Eip2537Codec.G2Length, Eip2537Codec.TryDecodeG2, G2.IsInSubgroup, Eip2537Codec.EncodeG2, out output);
}
