using Tachyon.Core.Types;

namespace Tachyon.State.Trie;

/// <summary>
/// A node of the live (mutable) trie. A clean node knows how its parent refers to it: by
/// <see cref="Hash"/> when its encoding is 32 bytes or more (then it is stored under that hash),
/// or by <see cref="Inline"/>, its encoding, when shorter (embedded in the parent).
/// </summary>
internal abstract class TrieNode
{
    public bool Dirty;
    public Hash256 Hash;
    public byte[]? Inline;

    /// <summary>True when this node has its own record in the node store.</summary>
    public bool IsStored => !Dirty && Inline == null;
}

internal sealed class LeafNode(byte[] path, byte[] value) : TrieNode
{
    public byte[] Path = path;
    public byte[] Value = value;
}

internal sealed class ExtensionNode(byte[] path, TrieNode child) : TrieNode
{
    public byte[] Path = path;
    public TrieNode Child = child;
}

internal sealed class BranchNode : TrieNode
{
    public readonly TrieNode?[] Children = new TrieNode?[16];

    public int CountChildren(out int last)
    {
        int n = 0;
        last = -1;
        for (int i = 0; i < 16; i++)
            if (Children[i] != null) { n++; last = i; }
        return n;
    }
}

/// <summary>A stored node not loaded yet: resolved from the node store on first use.</summary>
internal sealed class HashNode : TrieNode
{
    public HashNode(in Hash256 hash) => Hash = hash;
}
