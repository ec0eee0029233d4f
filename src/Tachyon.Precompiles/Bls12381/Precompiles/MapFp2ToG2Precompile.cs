using Tachyon.Core.Types;

namespace Tachyon.Precompiles.Bls12381;

/// <summary>EIP-2537 BLS12_MAP_FP2_TO_G2 (0x11): RFC 9380 map_to_curve then clear_cofactor for one Fp2 element.</summary>
public sealed class MapFp2ToG2Precompile : IPrecompile
{
    public static MapFp2ToG2Precompile Instance { get; } = new();

    public Address Address { get; } = PrecompileAddress.Of(0x11);

    public const long Gas = 23800;

    public long RequiredGas(ReadOnlySpan<byte> input) => Gas;

    public bool TryRun(ReadOnlySpan<byte> input, out byte[] output)
    {
        output = [];
        if (!Eip2537Codec.TryDecodeFp2(input, out Fp2 u)) return false;
        output = Eip2537Codec.EncodeG2(MapToCurveG2.MapToG2(u));
        return true;
    }
}
