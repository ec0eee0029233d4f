using System.Security.Cryptography;
using Tachyon.Core.Crypto;
using Tachyon.Core.Numerics;
using Tachyon.Core.Types;

namespace Tachyon.Core.Blocks;

/// <summary>
/// An execution block header with every field through Prague. The fork-dependent fields
/// (<see cref="BaseFeePerGas"/> onwards) are null when absent and must be present as a
/// contiguous suffix: each one requires all before it. Immutable once built, so the hash is cached.
/// </summary>
public sealed partial class BlockHeader
{
    /// <summary>Number of fields before the first fork-dependent one (Frontier..Berlin headers).</summary>
    public const int BaseFieldCount = 15;

    /// <summary>Number of fields in a Prague header.</summary>
    public const int MaxFieldCount = 21;

    /// <summary>EIP-7685 requests hash of a block without requests: sha256 of the empty string.</summary>
    public static readonly Hash256 EmptyRequestsHash = new(SHA256.HashData(ReadOnlySpan<byte>.Empty));

    private Bloom _logsBloom;
    private Hash256 _hash;
    private volatile bool _hashed;

    public Hash256 ParentHash { get; init; }

    /// <summary>Keccak of the RLP ommers list; <see cref="Hash256.EmptyListHash"/> after the merge.</summary>
    public Hash256 OmmersHash { get; init; } = Hash256.EmptyListHash;

    /// <summary>The beneficiary (fee recipient).</summary>
    public Address Coinbase { get; init; }

    public Hash256 StateRoot { get; init; }
    public Hash256 TransactionsRoot { get; init; } = Hash256.EmptyTrieRoot;
    public Hash256 ReceiptsRoot { get; init; } = Hash256.EmptyTrieRoot;

    public Bloom LogsBloom { get => _logsBloom; init => _logsBloom = value; }

    public UInt256 Difficulty { get; init; }
    public ulong Number { get; init; }
    public ulong GasLimit { get; init; }
    public ulong GasUsed { get; init; }
    public ulong Timestamp { get; init; }
    public ReadOnlyMemory<byte> ExtraData { get; init; }

    /// <summary>The mix hash; since the merge, prevRandao (EIP-4399).</summary>
    public Hash256 MixHash { get; init; }

    /// <summary>The 8-byte proof-of-work nonce as a big-endian integer; zero after the merge.</summary>
    public ulong Nonce { get; init; }

    /// <summary>EIP-1559 (London).</summary>
    public UInt256? BaseFeePerGas { get; init; }

    /// <summary>EIP-4895 (Shanghai).</summary>
    public Hash256? WithdrawalsRoot { get; init; }

    /// <summary>EIP-4844 (Cancun).</summary>
    public ulong? BlobGasUsed { get; init; }

    /// <summary>EIP-4844 (Cancun).</summary>
    public ulong? ExcessBlobGas { get; init; }

    /// <summary>EIP-4788 (Cancun).</summary>
    public Hash256? ParentBeaconBlockRoot { get; init; }

    /// <summary>EIP-7685 (Prague).</summary>
    public Hash256? RequestsHash { get; init; }

    /// <summary>Alias of <see cref="MixHash"/> under its post-merge meaning.</summary>
    public Hash256 PrevRandao => MixHash;

    /// <summary>keccak(rlp(header)), computed once.</summary>
    public Hash256 Hash
    {
        get
        {
            // Racing threads compute and store the same bytes, so a lock is not needed.
            if (!_hashed)
            {
                _hash = Keccak256.Compute(Encode());
                _hashed = true;
            }
            return _hash;
        }
    }

    /// <summary>How many RLP fields this header has (15..21), from which optional fields are set.</summary>
    public int FieldCount
    {
        get
        {
            int count = BaseFieldCount;
            if (BaseFeePerGas.HasValue) count++; else return count;
            if (WithdrawalsRoot.HasValue) count++; else return count;
            if (BlobGasUsed.HasValue) count++; else return count;
            if (ExcessBlobGas.HasValue) count++; else return count;
            if (ParentBeaconBlockRoot.HasValue) count++; else return count;
            if (RequestsHash.HasValue) count++;
            return count;
        }
    }

    /// <summary>Throws when a fork-dependent field is set but one before it is not.</summary>
    public void Validate()
    {
        int presentCount = (BaseFeePerGas.HasValue ? 1 : 0) + (WithdrawalsRoot.HasValue ? 1 : 0) + (BlobGasUsed.HasValue ? 1 : 0)
            + (ExcessBlobGas.HasValue ? 1 : 0) + (ParentBeaconBlockRoot.HasValue ? 1 : 0) + (RequestsHash.HasValue ? 1 : 0);
        if (BaseFieldCount + presentCount != FieldCount)
            throw new InvalidOperationException(
                "block header optional fields must be a contiguous suffix (baseFeePerGas, withdrawalsRoot, blobGasUsed, " +
                $"excessBlobGas, parentBeaconBlockRoot, requestsHash); field {FieldCount + 1} is missing but a later one is set");
    }

    public override string ToString() => $"#{Number} {Hash}";
}
