using Tachyon.Core.Crypto;
using Tachyon.Core.Types;

namespace Tachyon.Precompiles;

/// <summary>
/// 0x01: recovers the signer address of (hash, v, r, s). Unlike transaction signatures, high s is
/// accepted. Any invalid input is not a failure: the call succeeds with empty output.
/// </summary>
public sealed class EcRecoverPrecompile : IPrecompile
{
    private const long Gas = 3000;

    public Address Address { get; } = PrecompileAddress.Of(0x01);

    public long RequiredGas(ReadOnlySpan<byte> input) => Gas;

    public bool TryRun(ReadOnlySpan<byte> input, out byte[] output)
    {
        Span<byte> padded = stackalloc byte[128];
        padded.Clear();
        input[..Math.Min(input.Length, 128)].CopyTo(padded);

        output = [];
        // v is a full 32-byte word that must equal 27 or 28.
        ReadOnlySpan<byte> v = padded.Slice(32, 32);
        if (v[..31].ContainsAnyExcept((byte)0)) return true;
        int recoveryId = v[31] - 27;
        if (recoveryId is not (0 or 1)) return true;

        // TryRecoverAddress rejects r or s outside [1, n-1].
        if (!Secp256k1.TryRecoverAddress(padded[..32], padded.Slice(64, 64), recoveryId, out Address signer))
            return true;

        output = new byte[32];
        signer.Bytes.CopyTo(output.AsSpan(12));
        return true;
    }
}
