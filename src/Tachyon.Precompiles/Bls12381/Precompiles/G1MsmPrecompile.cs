using Tachyon.Core.Types;

namespace Tachyon.Precompiles.Bls12381;

/// <summary>
/// EIP-2537 BLS12_G1MSM (0x0c): Σ [kᵢ]Pᵢ over k ≥ 1 pairs of a G1 encoding and a 32-byte scalar
/// (any value, not reduced). Every point must be on the curve and in G1.
/// </summary>
public sealed class G1MsmPrecompile : IPrecompile
{
    public static G1MsmPrecompile Instance { get; } = new();

    public Address Address { get; } = PrecompileAddress.Of(0x0c);

    public const int PairLength = Eip2537Codec.G1Length + Eip2537Codec.ScalarLength;

    public long RequiredGas(ReadOnlySpan<byte> input) => MsmGas.G1(input.Length / PairLength);

    public bool TryRun(ReadOnlySpan<byte> input, out byte[] output) =>
        Eip2537Msm.TryRun<Fp>(input, Eip2537Codec.G1Length, Eip2537Codec.TryDecodeG1, G1.IsInSubgroup, Eip2537Codec.EncodeG1, out output);
}
