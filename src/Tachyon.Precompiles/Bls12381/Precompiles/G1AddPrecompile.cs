using Tachyon.Core.Types;

namespace Tachyon.Precompiles.Bls12381;

/// <summary>EIP-2537 BLS12_G1ADD (0x0b): P + Q for two G1 encodings; curve check only, no subgroup check.</summary>
public sealed class G1AddPrecompile : IPrecompile
{
    public static G1AddPrecompile Instance { get; } = new();

    public Address Address { get; } = PrecompileAddress.Of(0x0b);

    public const long Gas = 375;
    public const int InputLength = 2 * Eip2537Codec.G1Length;

    public long RequiredGas(ReadOnlySpan<byte> input) => Gas;

    public bool TryRun(ReadOnlySpan<byte> input, out byte[] output)
    {
        output = [];
        if (input.Length != InputLength) return false;
        if (!Eip2537Codec.TryDecodeG1(input[..Eip2537Codec.G1Length], out AffinePoint<Fp> p)) return false;
        if (!Eip2537Codec.TryDecodeG1(input[Eip2537Codec.G1Length..], out AffinePoint<Fp> q)) return false;
        output = Eip2537Codec.EncodeG1(JacobianPoint<Fp>.Add(p.ToJacobian(), q).ToAffine());
        return true;
    }
}
