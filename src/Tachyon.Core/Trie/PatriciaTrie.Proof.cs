namespace Tachyon.Core.Trie;

public sealed partial class PatriciaTrie
{
    /// <summary>
    /// The eth_getProof node list for <paramref name="key"/>: the RLP of every hashed node on the path
    /// from the root (always included) to where the key is found or the path ends. Embedded nodes
    /// travel inside their parents. An empty trie gives an empty list.
    /// </summary>
    public IReadOnlyList<byte[]> GetProof(ReadOnlySpan<byte> key)
    {
        var proof = new List<byte[]>();
        if (_root is null) return proof;
        EnsureHashed();
        TrieNode? node = _root;
        int depth = 0, keyLength = key.Length * 2;
        while (node is not null)
        {
            if (node == _root || node.IsHashed) proof.Add(NodeEncoder.EncodeToArray(node));
            switch (node)
            {
                case LeafNode:
                    return proof;
                case ExtensionNode ext:
                    if (ext.Path.CommonPrefix(key, depth) != ext.Path.Length) return proof;
                    depth += ext.Path.Length;
                    node = ext.Child;
                    break;
                default:
                    if (depth == keyLength) return proof;
                    node = ((BranchNode)node).Children[NibblePath.Nibble(key, depth++)];
                    break;
            }
        }
        return proof;
    }
}
