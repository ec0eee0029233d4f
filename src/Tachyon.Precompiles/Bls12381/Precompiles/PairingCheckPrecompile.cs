using Tachyon.Core.Types;

namespace Tachyon.Precompiles.Bls12381;

/// <summary>
/// EIP-2537 BLS12_PAIRING_CHECK (0x0f): for k ≥ 1 slices of G1 ‖ G2 encodings (all points in
/// their subgroups), returns a 32-byte word that is 1 iff ∏ e(Pᵢ, Qᵢ) = 1.
/// </summary>
public sealed class PairingCheckPrecompile : IPrecompile
{
    public static PairingCheckPrecompile Instance { get; } = new();

    public Address Address { get; } = PrecompileAddress.Of(0x0f);

    public const long BaseGas = 37700;
    public const long PerPairGas = 32600;
    public const int PairLength = Eip2537Codec.G1Length + Eip2537Codec.G2Length;

    public long RequiredGas(ReadOnlySpan<byte> input) => PerPairGas * (input.Length / PairLength) + BaseGas;

    public bool TryRun(ReadOnlySpan<byte> input, out byte[] output)
    {
        output = [];
        if (input.Length == 0 || input.Length % PairLength != 0) return false;
        int k = input.Length / PairLength;
        var ps = new AffinePoint<Fp>[k];
        var qs = new AffinePoint<Fp2>[k];
        for (int i = 0; i < k; i++)
        {
            ReadOnlySpan<byte> pair = input.Slice(i * PairLength, PairLength);
            if (!Eip2537Codec.TryDecodeG1(pair[..Eip2537Codec.G1Length], out ps[i]) || !G1.IsInSubgroup(ps[i])) return false;
            if (!Eip2537Codec.TryDecodeG2(pair[Eip2537Codec.G1Length..], out qs[i]) || !G2.IsInSubgroup(qs[i])) return false;
        }
        output = new byte[32];
        if (Pairing.PairingCheck(ps, qs)) output[31] = 1;
        return true;
    }
}
