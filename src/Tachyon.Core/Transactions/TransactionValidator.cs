using Tachyon.Core.Numerics;
using Tachyon.Core.Types;

namespace Tachyon.Core.Transactions;

/// <summary>Outcome of <see cref="TransactionValidator.Validate"/>. Sender is set when valid.</summary>
public readonly record struct TransactionValidationResult(bool IsValid, string? Error, Address Sender, IntrinsicGasCost IntrinsicGas)
{
    internal static TransactionValidationResult Fail(string error, IntrinsicGasCost gas = default) => new(false, error, default, gas);
}

/// <summary>
/// The stateless checks: type allowed in the fork, chain id, EIP-2681 nonce bound, fee fields,
/// EIP-3860 init code size, intrinsic gas (with the EIP-7623 floor in Prague), type 3 and 4 shape,
/// and the signature (EIP-2 low s). Nonce and balance against state are checked at execution.
/// </summary>
public static class TransactionValidator
{
    public const byte BlobCommitmentVersionKzg = 0x01;

    public static TransactionValidationResult Validate(Transaction tx, TransactionRules rules)
    {
        if (CheckType(tx, rules) is string typeError) return TransactionValidationResult.Fail(typeError);
        if (tx.Type != TransactionType.Legacy || tx.ChainId != null)
        {
            if (tx.ChainId != rules.ChainId)
                return TransactionValidationResult.Fail($"chain id {tx.ChainId?.ToString() ?? "none"} does not match this chain ({rules.ChainId})");
        }
        if (tx.Nonce == ulong.MaxValue) return TransactionValidationResult.Fail("nonce must be below 2^64-1 (EIP-2681)");
        if (CheckFees(tx) is string feeError) return TransactionValidationResult.Fail(feeError);
        if (tx.IsContractCreation && tx.Data.Length > IntrinsicGas.MaxInitCodeSize)
            return TransactionValidationResult.Fail($"init code of {tx.Data.Length} bytes exceeds {IntrinsicGas.MaxInitCodeSize} (EIP-3860)");
        if (CheckShape(tx, rules) is string shapeError) return TransactionValidationResult.Fail(shapeError);

        IntrinsicGasCost gas = IntrinsicGas.Calculate(tx, rules.IsPrague);
        if (tx.GasLimit < gas.Minimum)
        {
            string what = gas.Floor > gas.Standard ? $"the EIP-7623 calldata floor {gas.Floor}" : $"intrinsic gas {gas.Standard}";
            return TransactionValidationResult.Fail($"gas limit {tx.GasLimit} is below {what}", gas);
        }

        if (!SenderRecovery.TryRecoverSender(tx, out Address sender, out string sigError))
            return TransactionValidationResult.Fail("invalid signature: " + sigError, gas);
        return new TransactionValidationResult(true, null, sender, gas);
    }

    private static string? CheckType(Transaction tx, TransactionRules rules) => tx.Type switch
    {
        TransactionType.Legacy or TransactionType.AccessList or TransactionType.DynamicFee => null,
        TransactionType.Blob when !rules.AllowBlobTransactions => "blob transactions (type 3, EIP-4844) are not supported on this L2",
        TransactionType.Blob => null,
        TransactionType.SetCode when !rules.IsPrague => "set-code transactions (type 4, EIP-7702) are not valid before Prague",
        TransactionType.SetCode => null,
        _ => $"unknown transaction type {(int)tx.Type}",
    };

    private static string? CheckFees(Transaction tx)
    {
        if (tx.Type >= TransactionType.DynamicFee && tx.MaxPriorityFeePerGas > tx.MaxFeePerGas)
            return "max priority fee per gas is above max fee per gas";
        // The upfront cost gasLimit * maxFee must be representable (geth/EELS reject the overflow).
        if (MultiplyOverflows(tx.MaxFeeCap, tx.GasLimit))
            return "gas limit × max fee per gas overflows 256 bits";
        return null;
    }

    private static string? CheckShape(Transaction tx, TransactionRules rules)
    {
        if (tx.Type is TransactionType.Blob or TransactionType.SetCode && tx.To is null)
            return $"type {(int)tx.Type} transactions cannot create contracts";
        if (tx.Type == TransactionType.SetCode && tx.AuthorizationList.Count == 0)
            return "set-code transaction with an empty authorization list (EIP-7702)";
        if (tx.Type == TransactionType.Blob)
        {
            int count = tx.BlobVersionedHashes.Count;
            if (count == 0) return "blob transaction without blob versioned hashes";
            if (count > rules.MaxBlobsPerTransaction) return $"{count} blobs exceed the limit of {rules.MaxBlobsPerTransaction}";
            foreach (Hash256 h in tx.BlobVersionedHashes)
                if (h.Bytes[0] != BlobCommitmentVersionKzg) return $"blob versioned hash {h} has version 0x{h.Bytes[0]:x2}, expected 0x01";
        }
        return null;
    }

    private static bool MultiplyOverflows(in UInt256 a, ulong b)
    {
        UInt128 carry = 0;
        carry = ((UInt128)a.U0 * b + carry) >> 64;
        carry = ((UInt128)a.U1 * b + carry) >> 64;
        carry = ((UInt128)a.U2 * b + carry) >> 64;
        carry = ((UInt128)a.U3 * b + carry) >> 64;
        return carry != 0;
    }
}
