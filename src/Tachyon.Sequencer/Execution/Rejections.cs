using Tachyon.Rpc.Backend;

namespace Tachyon.Sequencer.Execution;

/// <summary>Maps the transaction processor's invalid reasons (TransactionException names) to pool rejections.</summary>
internal static class Rejections
{
    public static SubmitResult FromInvalidReason(string reason, ulong? expectedNonce = null) => reason switch
    {
        "TransactionException.NONCE_TOO_LOW" => SubmitResult.Reject(TxRejection.NonceTooLow, expectedNonce: expectedNonce),
        "TransactionException.NONCE_TOO_HIGH" => SubmitResult.Reject(TxRejection.NonceTooHigh, expectedNonce: expectedNonce),
        "TransactionException.INSUFFICIENT_ACCOUNT_FUNDS" => SubmitResult.Reject(TxRejection.InsufficientFunds),
        "TransactionException.INTRINSIC_GAS_TOO_LOW" => SubmitResult.Reject(TxRejection.IntrinsicGasTooLow),
        "TransactionException.INSUFFICIENT_MAX_FEE_PER_GAS" => SubmitResult.Reject(TxRejection.FeeCapBelowBaseFee),
        "TransactionException.PRIORITY_GREATER_THAN_MAX_FEE_PER_GAS" => SubmitResult.Reject(TxRejection.TipAboveFeeCap),
        "TransactionException.GAS_ALLOWANCE_EXCEEDED" => SubmitResult.Reject(TxRejection.ExceedsBlockGasLimit),
        "TransactionException.TYPE_3_TX_PRE_FORK" => SubmitResult.Reject(TxRejection.TypeNotSupported),
        "TransactionException.INITCODE_SIZE_EXCEEDED" => SubmitResult.Reject(TxRejection.Other, "max initcode size exceeded"),
        "TransactionException.SENDER_NOT_EOA" => SubmitResult.Reject(TxRejection.Other, "sender not an eoa"),
        "TransactionException.TYPE_4_EMPTY_AUTHORIZATION_LIST" => SubmitResult.Reject(TxRejection.Other, "EIP-7702 transaction with empty auth list"),
        "TransactionException.TYPE_4_TX_CONTRACT_CREATION" => SubmitResult.Reject(TxRejection.Other, "EIP-7702 transaction cannot be a contract creation"),
        _ => SubmitResult.Reject(TxRejection.Other, "invalid transaction: " + reason),
    };
}
