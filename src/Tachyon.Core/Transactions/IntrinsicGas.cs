namespace Tachyon.Core.Transactions;

/// <summary>
/// Gas charged before execution (<see cref="Standard"/>) and, from Prague, the EIP-7623 calldata
/// floor the transaction pays at least (<see cref="Floor"/>; 0 before Prague). A transaction is
/// invalid when its gas limit is below <see cref="Minimum"/>.
/// </summary>
public readonly record struct IntrinsicGasCost(ulong Standard, ulong Floor)
{
    public ulong Minimum => Math.Max(Standard, Floor);
}

/// <summary>Intrinsic gas for Cancun and Prague.</summary>
public static class IntrinsicGas
{
    public const ulong TxBase = 21_000;
    public const ulong TxCreate = 32_000;
    public const ulong TxDataZeroByte = 4;
    public const ulong TxDataNonZeroByte = 16;                 // EIP-2028
    public const ulong AccessListAddress = 2_400;              // EIP-2930
    public const ulong AccessListStorageKey = 1_900;
    public const ulong InitCodeWord = 2;                       // EIP-3860
    public const int MaxInitCodeSize = 49_152;                 // EIP-3860: 2 * 24576
    public const ulong PerEmptyAccount = 25_000;               // EIP-7702, per authorization
    public const ulong FloorPerToken = 10;                     // EIP-7623
    public const ulong TokensPerNonZeroByte = 4;

    public static IntrinsicGasCost Calculate(Transaction tx, bool isPrague)
    {
        int keys = 0;
        IReadOnlyList<AccessListItem> list = tx.AccessList;
        for (int i = 0; i < list.Count; i++) keys += list[i].StorageKeys.Count; // no enumerator allocation
        return Calculate(tx.Data.Span, tx.IsContractCreation, tx.AccessList.Count, keys, tx.AuthorizationList.Count, isPrague);
    }

    public static IntrinsicGasCost Calculate(ReadOnlySpan<byte> data, bool isContractCreation, int accessListAddresses,
        int accessListStorageKeys, int authorizations, bool isPrague)
    {
        ulong zeros = (ulong)data.Count((byte)0);
        ulong nonZeros = (ulong)data.Length - zeros;

        ulong gas = TxBase + zeros * TxDataZeroByte + nonZeros * TxDataNonZeroByte;
        if (isContractCreation) gas += TxCreate + InitCodeWord * (((ulong)data.Length + 31) / 32);
        gas += (ulong)accessListAddresses * AccessListAddress + (ulong)accessListStorageKeys * AccessListStorageKey;
        if (isPrague) gas += (ulong)authorizations * PerEmptyAccount;

        ulong floor = isPrague ? TxBase + FloorPerToken * (zeros + TokensPerNonZeroByte * nonZeros) : 0;
        return new IntrinsicGasCost(gas, floor);
    }
}
