using Tachyon.Core.Types;
using Tachyon.Precompiles.Bn254;

namespace Tachyon.Precompiles;

/// <summary>0x06: BN254 G1 addition (EIP-196, repriced to 150 gas by EIP-1108). Input x1 | y1 | x2 | y2,
/// right-padded with zeros to 128 bytes (extra bytes ignored); output x | y.</summary>
public sealed class Bn254AddPrecompile : IPrecompile
{
    public Address Address { get; } = PrecompileAddress.Of(0x06);

    public long RequiredGas(ReadOnlySpan<byte> input) => 150;

    public bool TryRun(ReadOnlySpan<byte> input, out byte[] output)
    {
        output = [];
        Span<byte> data = stackalloc byte[128];
        Bn254Input.CopyPadded(input, data);
        if (!G1Affine.TryRead(data[..64], out G1Affine a) || !G1Affine.TryRead(data[64..], out G1Affine b)) return false;
        G1Affine sum = a.ToJacobian().AddMixed(b).ToAffine();
        output = new byte[64];
        sum.Write(output);
        return true;
    }
}
