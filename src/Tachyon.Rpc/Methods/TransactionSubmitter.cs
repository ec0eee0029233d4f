using Tachyon.Core.Transactions;
using Tachyon.Core.Types;
using Tachyon.Rpc.Backend;
using Tachyon.Rpc.Json;

namespace Tachyon.Rpc.Methods;

/// <summary>The checks every submission path shares (size, decoding, type, chain id, signature) before the backend sees it.</summary>
public static class TransactionSubmitter
{
    public static Transaction Decode(RpcContext c, ReadOnlySpan<byte> raw)
    {
        if (raw.Length > c.Options.MaxTransactionBytes)
            throw TxErrors.Reject(TxRejection.Oversized, $"transaction size {raw.Length}, limit {c.Options.MaxTransactionBytes}");
        if (raw.IsEmpty) throw new RpcException(RpcErrorCodes.ServerError, "typed transaction too short");
        if (!TransactionDecoder.TryDecode(raw, out Transaction? tx, out string error))
            throw new RpcException(RpcErrorCodes.ServerError, $"invalid transaction: {error}");
        return tx;
    }

    /// <summary>Validates what the RPC layer can and submits; throws the geth-style error on rejection.</summary>
    public static async ValueTask<(Transaction Tx, SubmitResult Result)> SubmitAsync(RpcContext c, Transaction tx)
    {
        if (tx.Type == TransactionType.Blob) throw TxErrors.Reject(TxRejection.TypeNotSupported);
        if (tx.ChainId is ulong chainId)
        {
            if (chainId != c.Backend.ChainId)
                throw TxErrors.Reject(TxRejection.WrongChainId, $"have {chainId} want {c.Backend.ChainId}");
        }
        else if (!c.Options.AllowUnprotectedTransactions)
        {
            throw new RpcException(RpcErrorCodes.ServerError, "only replay-protected (EIP-155) transactions allowed over RPC");
        }
        if (!SenderRecovery.TryRecoverSender(tx, out Address sender, out _)) throw TxErrors.Reject(TxRejection.InvalidSignature);
        SubmitResult result = await c.Backend.SubmitTransactionAsync(tx, sender, c.Aborted).ConfigureAwait(false);
        if (!result.Accepted) throw TxErrors.ToException(result, tx);
        if (result.Hash.IsZero) result = result with { Hash = tx.Hash };
        return (tx, result);
    }
}
