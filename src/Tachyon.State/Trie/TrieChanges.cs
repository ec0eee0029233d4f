using Tachyon.Core.Types;

namespace Tachyon.State.Trie;

/// <summary>
/// What one block did to the node store: records to write and stored records that are no longer
/// referenced by the newest root (deleted once no root in the history window needs them).
/// </summary>
internal sealed class TrieChanges
{
    public readonly NodeRecords NewNodes = new();
    public readonly NodeKeyList DeadNodes = new();

    /// <summary>
    /// Leaf values before the change, by key, for every key an update or wipe touched (null:
    /// absent). They are the "origins" views of older blocks need, captured without a read.
    /// </summary>
    public readonly Dictionary<Hash256, byte[]?> OldValues = new();

    /// <summary>Moves the node records of <paramref name="other"/> here (old values of different tries must not mix).</summary>
    public void AddFrom(TrieChanges other)
    {
        NewNodes.Adopt(other.NewNodes);
        DeadNodes.AddFrom(other.DeadNodes);
    }
}

/// <summary>Reads stored nodes by full key (owner prefix || hash).</summary>
internal interface INodeReader
{
    byte[]? Load(ReadOnlySpan<byte> key);
}

/// <summary>
/// One pending change: value null deletes the key. With <paramref name="KeepStorageRoot"/> the value
/// is an account whose storage root is copied in place from the leaf it replaces (if any), which
/// saves a separate lookup of the old account.
/// </summary>
internal readonly record struct TrieUpdate(Hash256 Key, byte[]? Value, bool KeepStorageRoot = false)
{
    /// <summary>With a length of -1 the value is all of <see cref="Value"/>; else a slice of it (a shared buffer).</summary>
    public int Offset { get; }
    public int Length { get; } = -1;

    /// <summary>A value that is a slice of a buffer shared with other updates (the trie copies it).</summary>
    public TrieUpdate(Hash256 key, byte[] buffer, int offset, int length, bool keepStorageRoot = false)
        : this(key, buffer, keepStorageRoot)
    {
        Offset = offset;
        Length = length;
    }

    /// <summary>The value (empty for a delete).</summary>
    public Span<byte> ValueSpan => Value == null ? default : Length < 0 ? Value : Value.AsSpan(Offset, Length);
}
