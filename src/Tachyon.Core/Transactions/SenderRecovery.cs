using Tachyon.Core.Crypto;
using Tachyon.Core.Numerics;
using Tachyon.Core.Types;

namespace Tachyon.Core.Transactions;

/// <summary>
/// Recovers a transaction's sender under the rules for transaction signatures: v valid for the
/// type (27/28 without chain id, chainId*2+35/36 with EIP-155, y_parity 0/1 for typed), r and s in
/// [1, n-1], and s at most n/2 (EIP-2). Chain id policy is <see cref="TransactionValidator"/>'s.
/// </summary>
public static class SenderRecovery
{
    public static bool TryRecoverSender(Transaction tx, out Address sender, out string error)
    {
        sender = default;
        if (!TryGetRecoveryId(tx, out int recoveryId, out error)) return false;
        if (!TryCheckSignatureValues(tx.R, tx.S, out error)) return false;

        Span<byte> rs = stackalloc byte[64];
        tx.R.WriteBigEndian(rs[..32]);
        tx.S.WriteBigEndian(rs[32..]);
        Hash256 hash = TransactionEncoder.SigningHash(tx);
        if (!Secp256k1.TryRecoverAddress(hash.Bytes, rs, recoveryId, out sender))
        {
            error = "signature does not recover to a public key (EC recovery failed)";
            return false;
        }
        return true;
    }

    /// <summary>r and s in [1, n-1] and s ≤ n/2.</summary>
    internal static bool TryCheckSignatureValues(in UInt256 r, in UInt256 s, out string error)
    {
        if (!Secp256k1Curve.IsValidScalar(r))
        {
            error = "signature r is zero or not below the secp256k1 order";
            return false;
        }
        if (!Secp256k1Curve.IsValidScalar(s))
        {
            error = "signature s is zero or not below the secp256k1 order";
            return false;
        }
        if (!Secp256k1Curve.IsLowS(s))
        {
            error = "signature s is above secp256k1n/2 (EIP-2)";
            return false;
        }
        error = "";
        return true;
    }

    private static bool TryGetRecoveryId(Transaction tx, out int recoveryId, out string error)
    {
        recoveryId = 0;
        error = "";
        UInt256 v = tx.V;
        if (tx.Type != TransactionType.Legacy)
        {
            if (v.IsUInt64 && v.U0 <= 1)
            {
                recoveryId = (int)v.U0;
                return true;
            }
            error = "y_parity must be 0 or 1";
            return false;
        }
        if (v.IsUInt64 && v.U0 is 27 or 28)
        {
            if (tx.ChainId != null)
            {
                error = $"v {v.U0} has no chain id but the transaction says chain {tx.ChainId}";
                return false;
            }
            recoveryId = (int)(v.U0 - 27);
            return true;
        }
        ulong? fromV = TransactionDecoder.LegacyChainId(v);
        if (fromV is not ulong chainId)
        {
            error = v.IsUInt64 && v.U0 < 35
                ? $"invalid v {v.U0}: expected 27, 28 or chainId*2+35/36 (EIP-155)"
                : "invalid v: the chain id it implies does not fit in 64 bits";
            return false;
        }
        if (tx.ChainId != chainId)
        {
            error = $"v implies chain id {chainId} but the transaction says {tx.ChainId?.ToString() ?? "none"}";
            return false;
        }
        recoveryId = (int)(v.U0 & 1) ^ 1; // v = chainId*2 + 35 + recid, and 35 is odd
        return true;
    }
}
