namespace Tachyon.State.Trie;

/// <summary>
/// What one block did to the node store: records to write and stored records that are no longer
/// referenced by the newest root (deleted once no root in the history window needs them).
/// Keys are full node-store keys (owner prefix || hash).
/// </summary>
internal sealed class TrieChanges
{
    public readonly List<KeyValuePair<byte[], byte[]>> NewNodes = new();
    public readonly List<byte[]> DeadNodes = new();

    public void AddFrom(TrieChanges other)
    {
        NewNodes.AddRange(other.NewNodes);
        DeadNodes.AddRange(other.DeadNodes);
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
internal readonly record struct TrieUpdate(Tachyon.Core.Types.Hash256 Key, byte[]? Value, bool KeepStorageRoot = false);
