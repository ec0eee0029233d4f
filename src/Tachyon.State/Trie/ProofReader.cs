using Tachyon.Core.Rlp;
using Tachyon.Core.Types;

namespace Tachyon.State.Trie;

/// <summary>
/// Walks stored trie nodes from a root to a key, collecting the eth_getProof node list: every node
/// stored under its own hash (the root always), embedded nodes travelling inside their parents.
/// </summary>
internal static class ProofReader
{
    /// <summary>The leaf value at <paramref name="key"/> (null when absent); the path's nodes go to <paramref name="proof"/>.</summary>
    public static byte[]? Walk(INodeReader reader, ReadOnlySpan<byte> ownerPrefix, in Hash256 root, in Hash256 key, List<byte[]> proof)
    {
        if (root == Hash256.EmptyTrieRoot) return null;
        byte[] node = Load(reader, ownerPrefix, root);
        proof.Add(node);
        ReadOnlySpan<byte> current = node;
        int depth = 0;
        while (true)
        {
            var outer = new RlpReader(current);
            RlpReader list = outer.ReadList();
            RlpReader counter = list;
            int count = 0;
            while (counter.HasMore) { counter.Skip(); count++; }
            ReadOnlySpan<byte> childRef;
            if (count == 17)
            {
                if (depth == Nibbles.KeyLength) return null;
                int nibble = Nibbles.At(key, depth++);
                for (int i = 0; i < nibble; i++) list.Skip();
                childRef = list.ReadRaw();
            }
            else if (count == 2)
            {
                byte[] path = Nibbles.ReadHexPrefix(list.ReadBytes(), out bool leaf);
                if (Nibbles.Match(path, key, depth) != path.Length) return null;
                depth += path.Length;
                if (leaf) return depth == Nibbles.KeyLength ? list.ReadBytes().ToArray() : null;
                childRef = list.ReadRaw();
            }
            else throw new InvalidDataException($"trie node with {count} items");

            // A child is embedded (an RLP list shorter than 32 bytes), absent (empty string) or a hash.
            if (childRef[0] >= 0xC0) { current = childRef; continue; }
            ReadOnlySpan<byte> hash = new RlpReader(childRef).ReadBytes();
            if (hash.Length == 0) return null;
            if (hash.Length != Hash256.Size) throw new InvalidDataException($"child reference of {hash.Length} bytes");
            node = Load(reader, ownerPrefix, new Hash256(hash));
            proof.Add(node);
            current = node;
        }
    }

    private static byte[] Load(INodeReader reader, ReadOnlySpan<byte> ownerPrefix, in Hash256 hash)
    {
        Span<byte> key = stackalloc byte[ownerPrefix.Length + Hash256.Size];
        ownerPrefix.CopyTo(key);
        hash.Bytes.CopyTo(key[ownerPrefix.Length..]);
        return reader.Load(key) ?? throw new InvalidDataException($"missing trie node {hash}");
    }
}
