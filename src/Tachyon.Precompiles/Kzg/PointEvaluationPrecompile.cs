using System.Security.Cryptography;
using Tachyon.Core.Types;
using Tachyon.Precompiles.Bls12381;

namespace Tachyon.Precompiles.Kzg;

/// <summary>
/// EIP-4844 point evaluation precompile at 0x0a. Input (192 bytes): versioned_hash ‖ z ‖ y ‖
/// commitment (48) ‖ proof (48). On success returns FIELD_ELEMENTS_PER_BLOB and BLS_MODULUS as
/// two 32-byte big-endian words; any failed check fails the call.
/// </summary>
public sealed class PointEvaluationPrecompile : IPrecompile
{
    public const long Gas = 50_000;
    public const int InputLength = 192;
    public const int FieldElementsPerBlob = 4096;
    public const byte VersionedHashVersionKzg = 0x01;

    public static PointEvaluationPrecompile Instance { get; } = new();

    public Address Address { get; } = PrecompileAddress.Of(0x0a);

    public long RequiredGas(ReadOnlySpan<byte> input) => Gas;

    public bool TryRun(ReadOnlySpan<byte> input, out byte[] output)
    {
        output = [];
        if (input.Length != InputLength) return false;
        ReadOnlySpan<byte> versionedHash = input[..32];
        ReadOnlySpan<byte> z = input.Slice(32, 32);
        ReadOnlySpan<byte> y = input.Slice(64, 32);
        ReadOnlySpan<byte> commitment = input.Slice(96, 48);
        ReadOnlySpan<byte> proof = input.Slice(144, 48);

        if (!VersionedHashMatches(commitment, versionedHash)) return false;
        if (!KzgVerifier.VerifyProof(commitment, z, y, proof)) return false;

        output = new byte[64];
        output[30] = FieldElementsPerBlob >> 8;
        output[31] = FieldElementsPerBlob & 0xFF;
        Bls12381Constants.RBytes.CopyTo(output.AsSpan(32));
        return true;
    }

    /// <summary>kzg_to_versioned_hash: 0x01 ‖ sha256(commitment)[1..].</summary>
    public static bool VersionedHashMatches(ReadOnlySpan<byte> commitment, ReadOnlySpan<byte> versionedHash)
    {
        Span<byte> h = stackalloc byte[32];
        SHA256.HashData(commitment, h);
        h[0] = VersionedHashVersionKzg;
        return h.SequenceEqual(versionedHash);
    }
}
