using Tachyon.Core.Types;

namespace Tachyon.Precompiles.Bls12381;

/// <summary>EIP-2537 BLS12_G2ADD (0x0d): P + Q for two G2 encodings; curve check only, no subgroup check.</summary>
public sealed class G2AddPrecompile : IPrecompile
{
    public static G2AddPrecompile Instance { get; } = new();

    public Address Address { get; } = PrecompileAddress.Of(0x0d);

    public const long Gas = 600;
    public const int InputLength = 2 * Eip2537Codec.G2Length;

    public long RequiredGas(ReadOnlySpan<byte> input) => Gas;

    public bool TryRun(ReadOnlySpan<byte> input, out byte[] output)
    {
        output = [];
        if (input.Length != InputLength) return false;
        if (!Eip2537Codec.TryDecodeG2(input[..Eip2537Codec.G2Length], out AffinePoint<Fp2> p)) return false;
        if (!Eip2537Codec.TryDecodeG2(input[Eip2537Codec.G2Length..], out AffinePoint<Fp2> q)) return false;
        output = Eip2537Codec.EncodeG2(JacobianPoint<Fp2>.Add(p.ToJacobian(), q).ToAffine());
        return true;
    }
}
