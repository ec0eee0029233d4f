using Tachyon.Precompiles.Bls12381;

namespace Tachyon.Precompiles.Kzg;

/// <summary>KZG opening-proof verification for EIP-4844 (consensus-specs deneb polynomial-commitments).</summary>
public static class KzgVerifier
{
    public const int FieldElementLength = 32;

    /// <summary>True when a 32-byte big-endian value is a canonical scalar (below r).</summary>
    public static bool IsCanonicalScalar(ReadOnlySpan<byte> be32) =>
        be32.Length == FieldElementLength && be32.SequenceCompareTo(Bls12381Constants.RBytes) < 0;

    /// <summary>
    /// A commitment or proof: a compressed G1 point in the subgroup (infinity allowed), with
    /// every non-canonical encoding rejected (validate_kzg_g1).
    /// </summary>
    public static bool TryDecodeG1(ReadOnlySpan<byte> compressed, out AffinePoint<Fp> point) =>
        PointCompression.TryDecompressG1(compressed, out point) && G1.IsInSubgroup(point);

    /// <summary>
    /// verify_kzg_proof: does the polynomial committed to by C take value y at z, as proven by π?
    /// The spec checks e(π, [τ - z]₂) = e(C - [y]₁, [1]₂). By bilinearity that equals
    /// e(π, [τ]₂) = e(C - [y]₁ + [z]π, [1]₂), which moves the scalar work from G2 to G1 and
    /// leaves two fixed G2 points whose Miller-loop lines are precomputed.
    /// </summary>
    public static bool VerifyProof(ReadOnlySpan<byte> commitment, ReadOnlySpan<byte> z, ReadOnlySpan<byte> y, ReadOnlySpan<byte> proof)
    {
        if (!IsCanonicalScalar(z) || !IsCanonicalScalar(y)) return false;
        if (!TryDecodeG1(commitment, out AffinePoint<Fp> c) || !TryDecodeG1(proof, out AffinePoint<Fp> pi)) return false;
        return VerifyProof(c, z, y, pi);
    }

    /// <summary>The pairing check on decoded, validated points and canonical scalars.</summary>
    public static bool VerifyProof(in AffinePoint<Fp> commitment, ReadOnlySpan<byte> z, ReadOnlySpan<byte> y, in AffinePoint<Fp> proof)
    {
        // [z]π - [y]G1 as one two-point multi-scalar multiplication: [z]π + [y](-G1).
        Span<byte> scalars = stackalloc byte[2 * FieldElementLength];
        z.CopyTo(scalars);
        y.CopyTo(scalars[FieldElementLength..]);
        JacobianPoint<Fp> sum = MultiScalarMultiplication.Compute<Fp>([proof, G1.Generator.Negate()], scalars);
        AffinePoint<Fp> lhs = JacobianPoint<Fp>.Add(sum, commitment).ToAffine();

        // e(π, [τ]₂) · e(-(C - [y]₁ + [z]π), [1]₂) = 1
        return Pairing.PairingCheck([proof, lhs.Negate()], [KzgTrustedSetup.TauG2Prepared, KzgTrustedSetup.GeneratorPrepared]);
    }
}
