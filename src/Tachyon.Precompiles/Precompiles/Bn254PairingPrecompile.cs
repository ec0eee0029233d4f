using Tachyon.Core.Types;
using Tachyon.Precompiles.Bn254;

namespace Tachyon.Precompiles;

/// <summary>0x08: BN254 pairing check (EIP-197, 45000 + 34000·k gas per EIP-1108). Input is k pairs of
/// 192 bytes (G1 point, 64 | G2 point, 128); output is the 32-byte word 1 when ∏ e(P_i, Q_i) = 1 (also for
/// k = 0), else 0. A length that is not a multiple of 192 or any invalid point fails the call.</summary>
public sealed class Bn254PairingPrecompile : IPrecompile
{
    private const int PairLength = 192;

    public Address Address { get; } = PrecompileAddress.Of(0x08);

    public long RequiredGas(ReadOnlySpan<byte> input) => 45000 + 34000L * (input.Length / PairLength);

    public bool TryRun(ReadOnlySpan<byte> input, out byte[] output)
    {
        output = [];
        if (input.Length % PairLength != 0) return false;
        int k = input.Length / PairLength;
        var ps = new G1Affine[k];
        var qs = new G2Affine[k];
        for (int i = 0; i < k; i++)
        {
            ReadOnlySpan<byte> pair = input.Slice(i * PairLength, PairLength);
            if (!G1Affine.TryRead(pair[..64], out ps[i]) || !G2Affine.TryRead(pair[64..], out qs[i])) return false;
        }
        output = new byte[32];
        if (Pairing.ProductIsOne(ps, qs)) output[31] = 1;
        return true;
    }
}
