using Tachyon.Core.Transactions;
using Tachyon.Rpc.Backend;
using Tachyon.Rpc.Json;

namespace Tachyon.Rpc.Methods;

/// <summary>geth-compatible -32000 messages for rejected transactions (wallets and libraries match on these prefixes).</summary>
public static class TxErrors
{
    public static string Message(TxRejection rejection) => rejection switch
    {
        TxRejection.NonceTooLow => "nonce too low",
        TxRejection.NonceTooHigh => "nonce too high",
        TxRejection.InsufficientFunds => "insufficient funds for gas * price + value",
        TxRejection.IntrinsicGasTooLow => "intrinsic gas too low",
        TxRejection.ReplacementUnderpriced => "replacement transaction underpriced",
        TxRejection.AlreadyKnown => "already known",
        TxRejection.InvalidSignature => "invalid sender",
        TxRejection.WrongChainId => "invalid chain id for signer",
        TxRejection.ExceedsBlockGasLimit => "exceeds block gas limit",
        TxRejection.FeeCapBelowBaseFee => "max fee per gas less than block base fee",
        TxRejection.TipAboveFeeCap => "max priority fee per gas higher than max fee per gas",
        TxRejection.Underpriced => "transaction underpriced",
        TxRejection.Oversized => "oversized data",
        TxRejection.TypeNotSupported => "transaction type not supported",
        TxRejection.PoolFull => "txpool is full",
        _ => "invalid transaction",
    };

    public static RpcException ToException(SubmitResult result, Transaction tx)
    {
        string message;
        if (result.Rejection is TxRejection.NonceTooLow or TxRejection.NonceTooHigh && result.ExpectedNonce is ulong next)
            message = $"{Message(result.Rejection)}: next nonce {next}, tx nonce {tx.Nonce}";
        else if (result.Rejection == TxRejection.Other)
            message = result.Detail ?? Message(result.Rejection);
        else
            message = result.Detail is { Length: > 0 } detail ? $"{Message(result.Rejection)}: {detail}" : Message(result.Rejection);
        return new RpcException(RpcErrorCodes.ServerError, message);
    }

    public static RpcException Reject(TxRejection rejection, string? detail = null) =>
        new(RpcErrorCodes.ServerError, detail is null ? Message(rejection) : $"{Message(rejection)}: {detail}");
}
