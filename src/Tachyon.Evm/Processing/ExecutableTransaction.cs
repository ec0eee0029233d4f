using Tachyon.Core.Numerics;
using Tachyon.Core.Types;

namespace Tachyon.Evm.Processing;

public readonly record struct AccessListEntry(Address Address, UInt256[] StorageKeys);

/// <summary>An EIP-7702 authorization tuple with its recovered authority (null when the signature is invalid).</summary>
public sealed record AuthorizationEntry(UInt256 ChainId, Address Address, ulong Nonce, Address? Authority);

/// <summary>
/// A decoded transaction with the sender (and 7702 authorities) already recovered: what the
/// transaction processor executes. Built from a signed transaction by the node, or from a state test.
/// </summary>
public sealed class ExecutableTransaction
{
    public byte Type { get; init; }
    public Address Sender { get; init; }
    public ulong Nonce { get; init; }
    /// <summary>Legacy / EIP-2930 gas price.</summary>
    public UInt256 GasPrice { get; init; }
    public UInt256 MaxPriorityFeePerGas { get; init; }
    public UInt256 MaxFeePerGas { get; init; }
    public long GasLimit { get; init; }
    public Address? To { get; init; }
    public UInt256 Value { get; init; }
    public byte[] Data { get; init; } = [];
    public AccessListEntry[] AccessList { get; init; } = [];
    public AuthorizationEntry[]? AuthorizationList { get; init; }
    public Hash256[] BlobVersionedHashes { get; init; } = [];
    public UInt256 MaxFeePerBlobGas { get; init; }

    public bool IsCreate => To is null;
    public bool IsDynamicFee => Type >= 2;
}

/// <summary>Conversion from the Core transaction model (signature already checked, sender recovered).</summary>
public static class ExecutableTransactionExtensions
{
    public static ExecutableTransaction ToExecutable(this Tachyon.Core.Transactions.Transaction tx, Address sender)
    {
        AuthorizationEntry[]? auths = null;
        if (tx.Type == Tachyon.Core.Transactions.TransactionType.SetCode)
        {
            auths = new AuthorizationEntry[tx.AuthorizationList.Count];
            for (int i = 0; i < auths.Length; i++)
            {
                Tachyon.Core.Transactions.AuthorizationTuple a = tx.AuthorizationList[i];
                Address? authority = Tachyon.Core.Transactions.AuthorityRecovery.TryRecoverAuthority(a, out Address au, out _) ? au : null;
                auths[i] = new AuthorizationEntry(a.ChainId, a.Address, a.Nonce, authority);
            }
        }
        return new ExecutableTransaction
        {
            Type = (byte)tx.Type,
            Sender = sender,
            Nonce = tx.Nonce,
            GasPrice = tx.GasPrice,
            MaxFeePerGas = tx.MaxFeeCap,
            MaxPriorityFeePerGas = tx.PriorityFeeCap,
            GasLimit = tx.GasLimit > long.MaxValue ? long.MaxValue : (long)tx.GasLimit,
            To = tx.To,
            Value = tx.Value,
            Data = tx.Data.ToArray(),
            AccessList = tx.AccessList.Select(e => new AccessListEntry(e.Address,
                e.StorageKeys.Select(k => UInt256.FromBigEndian(k.Bytes)).ToArray())).ToArray(),
            AuthorizationList = auths,
            BlobVersionedHashes = tx.BlobVersionedHashes.ToArray(),
            MaxFeePerBlobGas = tx.MaxFeePerBlobGas,
        };
    }
}
