using Tachyon.Core.Crypto;
using Tachyon.Core.Numerics;
using Tachyon.Core.Rlp;
using Tachyon.Core.Types;
using RlpSize = Tachyon.Core.Rlp.Rlp;

namespace Tachyon.Core.Transactions;

/// <summary>
/// EIP-7702 authority recovery. A failure here does not invalidate the transaction: the EIP says
/// to skip that authorization and go on. (Chain id must be 0 or the current chain, and the nonce
/// must match the authority's; those need state and are checked at execution.)
/// </summary>
public static class AuthorityRecovery
{
    /// <summary>EIP-7702 MAGIC: the domain byte prefixed to the signed message.</summary>
    public const byte Magic = 0x05;

    /// <summary>keccak(0x05 || rlp([chain_id, address, nonce])).</summary>
    public static Hash256 SigningHash(in UInt256 chainId, in Address address, ulong nonce)
    {
        int content = RlpSize.LengthOf(chainId) + 21 + RlpSize.LengthOf(nonce);
        Span<byte> buffer = stackalloc byte[1 + RlpSize.LengthOfList(content)]; // at most 1 + 2 + 33 + 21 + 9
        buffer[0] = Magic;
        var w = new RlpWriter(buffer[1..]);
        w.WriteListHeader(content);
        w.WriteUInt256(chainId);
        w.WriteAddress(address);
        w.WriteUInt64(nonce);
        return Keccak256.Compute(buffer[..(1 + w.Position)]);
    }

    /// <summary>
    /// The authority (signer) of an authorization; false, with the reason, when y_parity is not
    /// 0/1, r or s is out of range, s is above n/2, or recovery fails.
    /// </summary>
    public static bool TryRecoverAuthority(in AuthorizationTuple auth, out Address authority, out string error)
    {
        authority = default;
        if (auth.YParity > 1)
        {
            error = $"authorization y_parity {auth.YParity} is not 0 or 1";
            return false;
        }
        if (!SenderRecovery.TryCheckSignatureValues(auth.R, auth.S, out error)) return false;
        Span<byte> rs = stackalloc byte[64];
        auth.R.WriteBigEndian(rs[..32]);
        auth.S.WriteBigEndian(rs[32..]);
        Hash256 hash = SigningHash(auth.ChainId, auth.Address, auth.Nonce);
        if (!Secp256k1.TryRecoverAddress(hash.Bytes, rs, auth.YParity, out authority))
        {
            error = "authorization signature does not recover to a public key";
            return false;
        }
        return true;
    }
}
