namespace Tachyon.Core.Crypto;

/// <summary>
/// One implementation of the secp256k1 operations Ethereum needs. Both backends must give
/// byte-identical results: RFC 6979 deterministic nonces, low-s signatures, same recovery.
/// Spans are fixed-size: hash 32, private key 32, rs 64 (r||s big-endian), public key 64 (x||y).
/// </summary>
public interface ISecp256k1Backend
{
    /// <summary>Short name for logs: "native" or "managed".</summary>
    string Name { get; }

    /// <summary>
    /// Recovers the public key (x||y) that signed <paramref name="messageHash32"/>. Accepts any s in
    /// [1, n-1] (ecrecover semantics); false for r or s out of range, recovery id outside 0..3, or no point.
    /// </summary>
    bool TryRecoverPublicKey(ReadOnlySpan<byte> messageHash32, ReadOnlySpan<byte> rs64, int recoveryId, Span<byte> publicKey64);

    /// <summary>Signs with an RFC 6979 nonce; the result is low-s with the matching recovery id (0 or 1).</summary>
    /// <exception cref="ArgumentException">The private key is zero or not below n.</exception>
    void Sign(ReadOnlySpan<byte> hash32, ReadOnlySpan<byte> privateKey32, Span<byte> rs64, out int recoveryId);

    /// <summary>Derives the public key (x||y); false for an invalid private key.</summary>
    bool TryGetPublicKey(ReadOnlySpan<byte> privateKey32, Span<byte> publicKey64);
}
