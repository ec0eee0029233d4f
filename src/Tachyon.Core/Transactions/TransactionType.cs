namespace Tachyon.Core.Transactions;

/// <summary>EIP-2718 transaction type byte (legacy transactions have none; 0 stands for them).</summary>
public enum TransactionType : byte
{
    Legacy = 0,
    /// <summary>EIP-2930: access lists.</summary>
    AccessList = 1,
    /// <summary>EIP-1559: priority fee and max fee.</summary>
    DynamicFee = 2,
    /// <summary>EIP-4844: blob-carrying. Decoded, but not accepted on this L2.</summary>
    Blob = 3,
    /// <summary>EIP-7702: set EOA code via an authorization list (Prague).</summary>
    SetCode = 4,
}
