using System.Security.Cryptography;
using Tachyon.Core.Types;
using Tachyon.Precompiles;
using Tachyon.Precompiles.Bls12381;

namespace Tachyon.Evm.Precompiles;

/// <summary>
/// 0x0a POINT_EVALUATION (EIP-4844): verifies a KZG proof that p(z) = y for the blob committed to
/// by <c>commitment</c>, whose versioned hash is given. Input: versioned_hash(32) ‖ z(32) ‖ y(32) ‖
/// commitment(48) ‖ proof(48). Output: FIELD_ELEMENTS_PER_BLOB ‖ BLS_MODULUS (two 32-byte words).
/// 50000 gas. Verification: e(C − [y]G₁, −G₂) · e(π, [τ]G₂ − [z]G₂) = 1.
/// </summary>
public sealed class PointEvaluationPrecompile : IPrecompile
{
    private static readonly byte[] BlsModulus = Hex.FromHex("73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001");

    /// <summary>[τ]G₂ from the KZG ceremony (g2_monomial[1] of the Ethereum trusted setup).</summary>
    private static readonly byte[] TauG2Compressed = Hex.FromHex(
        "b5bfd7dd8cdeb128843bc287230af38926187075cbfbefa81009a2ce615ac53d2914e5870cb452d2afaaab24f3499f72" +
        "185cbfee53492714734429b7b38608e23926c911cceceac9a36851477ba4c60b087041de621000edc98edada20c1def2");

    private static readonly Lazy<AffinePoint<Fp2>> TauG2 = new(() =>
        PointCompression.TryDecompressG2(TauG2Compressed, out AffinePoint<Fp2> p) ? p : throw new InvalidOperationException("bad trusted setup point"));

    private static readonly byte[] SuccessOutput = BuildSuccessOutput();

    public Address Address { get; } = Address.Parse("0x000000000000000000000000000000000000000a");

    public long RequiredGas(ReadOnlySpan<byte> input) => 50000;

    public bool TryRun(ReadOnlySpan<byte> input, out byte[] output)
    {
        output = [];
        if (input.Length != 192) return false;
        ReadOnlySpan<byte> versionedHash = input[..32];
        ReadOnlySpan<byte> z = input.Slice(32, 32);
        ReadOnlySpan<byte> y = input.Slice(64, 32);
        ReadOnlySpan<byte> commitment = input.Slice(96, 48);
        ReadOnlySpan<byte> proof = input.Slice(144, 48);

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(commitment, hash);
        hash[0] = ForkSpec.BlobVersionedHashVersion;
        if (!hash.SequenceEqual(versionedHash)) return false;
        if (z.SequenceCompareTo(BlsModulus) >= 0 || y.SequenceCompareTo(BlsModulus) >= 0) return false;

        if (!PointCompression.TryDecompressG1(commitment, out AffinePoint<Fp> c) || !G1.IsInSubgroup(c)) return false;
        if (!PointCompression.TryDecompressG1(proof, out AffinePoint<Fp> pi) || !G1.IsInSubgroup(pi)) return false;

        // P = C − [y]G₁ ; X = [τ]G₂ − [z]G₂
        AffinePoint<Fp> p = JacobianPoint<Fp>.Add(c.ToJacobian(), JacobianPoint<Fp>.Multiply(G1.Generator.ToJacobian(), y).Negate()).ToAffine();
        AffinePoint<Fp2> x = JacobianPoint<Fp2>.Add(TauG2.Value.ToJacobian(), JacobianPoint<Fp2>.Multiply(G2.Generator.ToJacobian(), z).Negate()).ToAffine();

        Span<AffinePoint<Fp>> ps = stackalloc AffinePoint<Fp>[2];
        Span<AffinePoint<Fp2>> qs = stackalloc AffinePoint<Fp2>[2];
        int n = 0;
        AffinePoint<Fp2> negG2 = G2.Generator.Negate();
        if (!p.IsInfinity) { ps[n] = p; qs[n] = negG2; n++; }
        if (!pi.IsInfinity && !x.IsInfinity) { ps[n] = pi; qs[n] = x; n++; }
        if (n > 0 && !Pairing.PairingCheck(ps[..n], qs[..n])) return false;
        output = (byte[])SuccessOutput.Clone();
        return true;
    }

    private static byte[] BuildSuccessOutput()
    {
        var o = new byte[64];
        o[30] = 0x10; // 4096 field elements per blob
        BlsModulus.CopyTo(o.AsSpan(32));
        return o;
    }
}
