using Tachyon.Core.Crypto;
using Tachyon.Core.Types;

namespace Tachyon.Core.Trie;

/// <summary>
/// An in-memory Merkle Patricia Trie (Yellow Paper appendix D) over raw byte keys.
/// Node references are cached and cleared only along changed paths, so <see cref="RootHash"/>
/// after k updates re-hashes O(k log n) nodes. Not thread-safe.
/// </summary>
public sealed partial class PatriciaTrie
{
    // Above this many changes since the last hash, the root's subtrees are hashed in parallel.
    private const int ParallelHashThreshold = 2048;

    private TrieNode? _root;
    private int _changesSinceHash;

    public bool IsEmpty => _root is null;

    /// <summary>Keccak-256 of the root node's RLP (always hashed, even when under 32 bytes).</summary>
    public Hash256 RootHash
    {
        get
        {
            if (_root is null) return Hash256.EmptyTrieRoot;
            EnsureHashed();
            return _root.IsHashed ? _root.Hash : Keccak256.Compute(_root.Reference);
        }
    }

    /// <summary>Sets <paramref name="key"/> to a copy of <paramref name="value"/>; an empty value deletes the key.</summary>
    public void Set(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty) Delete(key);
        else SetShared(key, value.ToArray());
    }

    /// <summary>
    /// Sets <paramref name="key"/> to <paramref name="value"/> without copying it: the caller must not
    /// modify that memory afterwards. An empty value deletes the key.
    /// </summary>
    public void SetShared(ReadOnlySpan<byte> key, ReadOnlyMemory<byte> value)
    {
        if (value.IsEmpty)
        {
            Delete(key);
            return;
        }
        var cursor = new KeyCursor(key);
        bool changed = false;
        _root = Insert(_root, ref cursor, 0, value, ref changed);
        if (changed) _changesSinceHash++;
    }

    /// <summary>Removes <paramref name="key"/>; returns false when it was not present.</summary>
    public bool Delete(ReadOnlySpan<byte> key)
    {
        if (_root is null) return false;
        bool changed = false;
        _root = Delete(_root, key, 0, ref changed);
        if (changed) _changesSinceHash++;
        return changed;
    }

    /// <summary>A copy of the value stored under <paramref name="key"/>, or null.</summary>
    public byte[]? Get(ReadOnlySpan<byte> key) => TryGet(key, out ReadOnlyMemory<byte> value) ? value.ToArray() : null;

    /// <summary>The stored value without copying; the memory must not be modified.</summary>
    public bool TryGet(ReadOnlySpan<byte> key, out ReadOnlyMemory<byte> value)
    {
        value = default;
        TrieNode? node = _root;
        int depth = 0, keyLength = key.Length * 2;
        while (node is not null)
        {
            switch (node)
            {
                case LeafNode leaf:
                    if (!leaf.Path.EqualsKeyRest(key, depth)) return false;
                    value = leaf.Value;
                    return true;
                case ExtensionNode ext:
                    if (ext.Path.CommonPrefix(key, depth) != ext.Path.Length) return false;
                    depth += ext.Path.Length;
                    node = ext.Child;
                    break;
                default:
                    var branch = (BranchNode)node;
                    if (depth == keyLength)
                    {
                        value = branch.Value;
                        return !value.IsEmpty;
                    }
                    node = branch.Children[NibblePath.Nibble(key, depth++)];
                    break;
            }
        }
        return false;
    }

    public bool ContainsKey(ReadOnlySpan<byte> key) => TryGet(key, out _);

    /// <summary>Computes every missing node reference, the root's included.</summary>
    private void EnsureHashed()
    {
        if (_root is null || _root.HasReference) return;
        if (_changesSinceHash >= ParallelHashThreshold && Environment.ProcessorCount > 1)
        {
            TrieNode top = _root is ExtensionNode ext ? ext.Child : _root;
            if (top is BranchNode branch)
                Parallel.For(0, 16, i => { if (branch.Children[i] is { } child) NodeEncoder.EnsureReference(child); });
        }
        NodeEncoder.EnsureReference(_root);
        _changesSinceHash = 0;
    }

    /// <summary>The key being written, copied to the heap only if a new leaf needs it.</summary>
    private ref struct KeyCursor(ReadOnlySpan<byte> key)
    {
        public readonly ReadOnlySpan<byte> Key = key;
        private byte[]? _owned;

        public readonly int NibbleCount => Key.Length * 2;

        public readonly byte NibbleAt(int index) => NibblePath.Nibble(Key, index);

        public NibblePath RestFrom(int nibble)
        {
            _owned ??= Key.ToArray();
            return NibblePath.FromKey(_owned, nibble);
        }
    }

    /// <summary>Tests only: the root's reference state, to check that unchanged paths stay cached.</summary>
    internal bool RootHasCachedReference => _root is { HasReference: true };
}
