using Tachyon.Core.Transactions;
using Tachyon.Core.Types;

namespace Tachyon.Load.Chain;

/// <summary>A signed transaction's wire bytes and hash.</summary>
public readonly record struct SignedTx(byte[] Raw, Hash256 Hash)
{
    public static SignedTx Sign(Transaction unsigned, byte[] key)
    {
        Transaction signed = TransactionSigner.Sign(unsigned, key);
        return new SignedTx(TransactionEncoder.Encode(signed), signed.Hash);
    }
}
