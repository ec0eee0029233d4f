using Tachyon.Core.Types;

namespace Tachyon.State.Trie;

/// <summary>
/// A node-store key without a heap array: the node hash, plus the owning account for storage
/// tries (whose records are stored under address || hash). Cheap to keep by the hundred thousand
/// in the pruner's bookkeeping.
/// </summary>
internal readonly struct NodeKey : IEquatable<NodeKey>
{
    public const int MaxLength = Address.Size + Hash256.Size;

    public readonly Hash256 Hash;
    public readonly Address Owner;
    public readonly bool InStorage;

    public NodeKey(in Hash256 hash, in Address owner, bool inStorage)
    {
        Hash = hash;
        Owner = owner;
        InStorage = inStorage;
    }

    public int Length => InStorage ? MaxLength : Hash256.Size;

    /// <summary>Writes owner prefix || hash; returns the length.</summary>
    public int WriteTo(Span<byte> dst)
    {
        int p = 0;
        if (InStorage) { Owner.Bytes.CopyTo(dst); p = Address.Size; }
        Hash.Bytes.CopyTo(dst[p..]);
        return p + Hash256.Size;
    }

    public byte[] ToArray()
    {
        var k = new byte[Length];
        WriteTo(k);
        return k;
    }

    /// <summary>Parses a full store key (32 bytes: account trie; 52: storage trie).</summary>
    public static bool TryParse(ReadOnlySpan<byte> key, out NodeKey nodeKey)
    {
        if (key.Length == Hash256.Size) { nodeKey = new NodeKey(new Hash256(key), default, false); return true; }
        if (key.Length == MaxLength) { nodeKey = new NodeKey(new Hash256(key[Address.Size..]), new Address(key[..Address.Size]), true); return true; }
        nodeKey = default;
        return false;
    }

    /// <summary>
    /// 64 bits of the key (hash bytes, mixed with the owner for storage tries). Distinct keys may
    /// share one; users must only ever err towards keeping a record when they do.
    /// </summary>
    public ulong Fingerprint
    {
        get
        {
            ulong h = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(Hash.Bytes);
            if (!InStorage) return h;
            ulong o = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(Owner.Bytes);
            return h ^ (o * 0x9E3779B97F4A7C15UL) ^ 1;
        }
    }

    public bool Equals(NodeKey other) => Hash.Equals(other.Hash) && InStorage == other.InStorage && Owner.Equals(other.Owner);

    public override bool Equals(object? obj) => obj is NodeKey k && Equals(k);

    // The hash is already uniform; the owner only separates equal subtries of different accounts.
    public override int GetHashCode() => Hash.GetHashCode() ^ (InStorage ? Owner.GetHashCode() : 0);
}
