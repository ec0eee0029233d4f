using Tachyon.Core.Types;

namespace Tachyon.Precompiles.Bls12381;

/// <summary>EIP-2537 BLS12_MAP_FP_TO_G1 (0x10): RFC 9380 map_to_curve then clear_cofactor for one Fp element.</summary>
public sealed class MapFpToG1Precompile : IPrecompile
{
    public static MapFpToG1Precompile Instance { get; } = new();

    public Address Address { get; } = PrecompileAddress.Of(0x10);

    public const long Gas = 5500;

    public long RequiredGas(ReadOnlySpan<byte> input) => Gas;

    public bool TryRun(ReadOnlySpan<byte> input, out byte[] output)
    {
        output = [];
        if (!Eip2537Codec.TryDecodeFp(input, out Fp u)) return false;
        output = Eip2537Codec.EncodeG1(MapToCurveG1.MapToG1(u));
        return true;
    }
}
