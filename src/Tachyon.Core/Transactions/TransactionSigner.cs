using Tachyon.Core.Crypto;
using Tachyon.Core.Numerics;
using Tachyon.Core.Types;

namespace Tachyon.Core.Transactions;

/// <summary>Signs transactions and EIP-7702 authorizations (low-s, RFC 6979).</summary>
public static class TransactionSigner
{
    /// <summary>
    /// Returns a copy of <paramref name="tx"/> signed with <paramref name="privateKey32"/>. Legacy
    /// transactions get EIP-155 v when <see cref="Transaction.ChainId"/> is set, else 27/28.
    /// </summary>
    public static Transaction Sign(Transaction tx, ReadOnlySpan<byte> privateKey32)
    {
        Hash256 hash = TransactionEncoder.SigningHash(tx);
        Span<byte> rs = stackalloc byte[64];
        Secp256k1.Sign(hash.Bytes, privateKey32, rs, out int recoveryId);
        UInt256 v;
        if (tx.Type != TransactionType.Legacy) v = (ulong)recoveryId;
        else if (tx.ChainId is ulong chainId)
        {
            UInt128 wide = (UInt128)chainId * 2 + 35 + (uint)recoveryId;
            v = new UInt256((ulong)wide, (ulong)(wide >> 64));
        }
        else v = 27UL + (ulong)recoveryId;
        return tx with { V = v, R = UInt256.FromBigEndian(rs[..32]), S = UInt256.FromBigEndian(rs[32..]) };
    }

    /// <summary>Signs an EIP-7702 authorization: keccak(0x05 || rlp([chain_id, address, nonce])).</summary>
    public static AuthorizationTuple SignAuthorization(UInt256 chainId, Address address, ulong nonce, ReadOnlySpan<byte> privateKey32)
    {
        Hash256 hash = AuthorityRecovery.SigningHash(chainId, address, nonce);
        Span<byte> rs = stackalloc byte[64];
        Secp256k1.Sign(hash.Bytes, privateKey32, rs, out int recoveryId);
        return new AuthorizationTuple(chainId, address, nonce, (byte)recoveryId, UInt256.FromBigEndian(rs[..32]), UInt256.FromBigEndian(rs[32..]));
    }
}
