using Tachyon.Core.Types;
using Tachyon.Precompiles.Bn254;

namespace Tachyon.Precompiles;

/// <summary>0x07: BN254 G1 scalar multiplication (EIP-196, 6000 gas per EIP-1108). Input x | y | k,
/// right-padded with zeros to 96 bytes; k is any 256-bit integer. Output x | y.</summary>
public sealed class Bn254MulPrecompile : IPrecompile
{
    public Address Address { get; } = PrecompileAddress.Of(0x07);

    public long RequiredGas(ReadOnlySpan<byte> input) => 6000;

    public bool TryRun(ReadOnlySpan<byte> input, out byte[] output)
    {
        output = [];
        Span<byte> data = stackalloc byte[96];
        Bn254Input.CopyPadded(input, data);
        if (!G1Affine.TryRead(data[..64], out G1Affine p)) return false;
        G1Affine product = G1Jacobian.Multiply(p, data[64..]).ToAffine();
        output = new byte[64];
        product.Write(output);
        return true;
    }
}
