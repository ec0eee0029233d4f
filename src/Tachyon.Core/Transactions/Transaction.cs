using Tachyon.Core.Numerics;
using Tachyon.Core.Types;

namespace Tachyon.Core.Transactions;

/// <summary>
/// A transaction of any type. Which fields apply depends on <see cref="Type"/>: legacy and type 1
/// use <see cref="GasPrice"/>; types 2-4 use the EIP-1559 fee pair; only type 3 has blob fields and
/// only type 4 an authorization list. Unused fields stay at their defaults and are not encoded.
/// Build new ones with `with { ... }`; the cached <see cref="Hash"/> is never copied.
/// </summary>
public sealed record Transaction
{
    public TransactionType Type { get; init; }

    /// <summary>
    /// The chain id the signature commits to. Null only for legacy transactions without EIP-155
    /// replay protection (v = 27/28), or a legacy v that implies no representable chain id.
    /// </summary>
    public ulong? ChainId { get; init; }

    public ulong Nonce { get; init; }

    /// <summary>Legacy and type 1 only.</summary>
    public UInt256 GasPrice { get; init; }

    /// <summary>Types 2, 3 and 4 only.</summary>
    public UInt256 MaxPriorityFeePerGas { get; init; }

    /// <summary>Types 2, 3 and 4 only.</summary>
    public UInt256 MaxFeePerGas { get; init; }

    public ulong GasLimit { get; init; }

    /// <summary>Null for contract creation (not allowed for types 3 and 4).</summary>
    public Address? To { get; init; }

    public UInt256 Value { get; init; }

    public ReadOnlyMemory<byte> Data { get; init; }

    /// <summary>Types 1-4.</summary>
    public IReadOnlyList<AccessListItem> AccessList { get; init; } = [];

    /// <summary>Type 3 only.</summary>
    public UInt256 MaxFeePerBlobGas { get; init; }

    /// <summary>Type 3 only.</summary>
    public IReadOnlyList<Hash256> BlobVersionedHashes { get; init; } = [];

    /// <summary>Type 4 only.</summary>
    public IReadOnlyList<AuthorizationTuple> AuthorizationList { get; init; } = [];

    /// <summary>Legacy: v as encoded (27/28, or chainId*2+35/36). Typed: y_parity.</summary>
    public UInt256 V { get; init; }

    public UInt256 R { get; init; }
    public UInt256 S { get; init; }

    private Hash256 _hash;
    private volatile bool _hashReady;

    public Transaction() { }

    // Copies every field except the cached hash, so `with` on a signed transaction is safe.
    private Transaction(Transaction other)
    {
        Type = other.Type;
        ChainId = other.ChainId;
        Nonce = other.Nonce;
        GasPrice = other.GasPrice;
        MaxPriorityFeePerGas = other.MaxPriorityFeePerGas;
        MaxFeePerGas = other.MaxFeePerGas;
        GasLimit = other.GasLimit;
        To = other.To;
        Value = other.Value;
        Data = other.Data;
        AccessList = other.AccessList;
        MaxFeePerBlobGas = other.MaxFeePerBlobGas;
        BlobVersionedHashes = other.BlobVersionedHashes;
        AuthorizationList = other.AuthorizationList;
        V = other.V;
        R = other.R;
        S = other.S;
    }

    public bool IsContractCreation => To is null;

    /// <summary>The most the sender pays per gas: gas price, or max fee for EIP-1559 types.</summary>
    public UInt256 MaxFeeCap => Type is TransactionType.Legacy or TransactionType.AccessList ? GasPrice : MaxFeePerGas;

    /// <summary>The tip cap: gas price, or max priority fee for EIP-1559 types.</summary>
    public UInt256 PriorityFeeCap => Type is TransactionType.Legacy or TransactionType.AccessList ? GasPrice : MaxPriorityFeePerGas;

    /// <summary>keccak256 of the canonical encoding (type byte || payload for typed transactions).</summary>
    public Hash256 Hash
    {
        get
        {
            if (_hashReady) return _hash;
            SetHash(TransactionEncoder.ComputeHash(this));
            return _hash;
        }
    }

    // The decoder hashes the bytes it was given (identical to the re-encoding, as decoding is strict).
    internal void SetHash(in Hash256 hash)
    {
        _hash = hash;
        _hashReady = true; // volatile write after the hash: readers never see a torn value
    }

    // Equal encodings mean equal transactions; the generated member-wise comparison would compare
    // list and memory references instead.
    public bool Equals(Transaction? other) => other is not null && (ReferenceEquals(this, other) || Hash == other.Hash);

    public override int GetHashCode() => Hash.GetHashCode();

    public override string ToString() => $"{Type} transaction {Hash}";
}
