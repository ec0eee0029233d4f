using Tachyon.Core.Crypto;
using Tachyon.Core.Rlp;
using Tachyon.Core.Types;

namespace Tachyon.State.Trie;

/// <summary>RLP encoding of trie nodes (children must be clean) and decoding of stored nodes.</summary>
internal static class NodeCodec
{
    private static int RefLength(TrieNode? child) => child == null ? 1 : child.Inline?.Length ?? 33;

    private static void WriteRef(ref RlpWriter w, TrieNode? child)
    {
        if (child == null) w.WriteRaw([Rlp.EmptyString]);
        else if (child.Inline != null) w.WriteRaw(child.Inline);
        else w.WriteHash(child.Hash);
    }

    /// <summary>Encoded size of a node whose children are clean.</summary>
    public static int EncodedLength(TrieNode node)
    {
        switch (node)
        {
            case LeafNode l:
                return Rlp.LengthOfList(HexPrefixRlpLength(l.Path.Length) + Rlp.LengthOf(l.Value));
            case ExtensionNode e:
                return Rlp.LengthOfList(HexPrefixRlpLength(e.Path.Length) + RefLength(e.Child));
            case BranchNode b:
                return Rlp.LengthOfList(BranchContentLength(b));
            default:
                throw new InvalidOperationException("hash nodes are never encoded");
        }
    }

    /// <summary>Writes the node's RLP into <paramref name="dst"/> (at least <see cref="EncodedLength"/> bytes); returns its length.</summary>
    public static int Encode(TrieNode node, Span<byte> dst)
    {
        var w = new RlpWriter(dst);
        switch (node)
        {
            case LeafNode l:
            {
                Span<byte> hp = stackalloc byte[Nibbles.HexPrefixLength(l.Path.Length)];
                Nibbles.WriteHexPrefix(l.Path, true, hp);
                int content = Rlp.LengthOf(hp) + Rlp.LengthOf(l.Value);
                w.WriteListHeader(content);
                w.WriteBytes(hp);
                w.WriteBytes(l.Value);
                return Rlp.LengthOfList(content);
            }
            case ExtensionNode e:
            {
                Span<byte> hp = stackalloc byte[Nibbles.HexPrefixLength(e.Path.Length)];
                Nibbles.WriteHexPrefix(e.Path, false, hp);
                int content = Rlp.LengthOf(hp) + RefLength(e.Child);
                w.WriteListHeader(content);
                w.WriteBytes(hp);
                WriteRef(ref w, e.Child);
                return Rlp.LengthOfList(content);
            }
            case BranchNode b:
            {
                int content = BranchContentLength(b);
                w.WriteListHeader(content);
                for (int i = 0; i < 16; i++) WriteRef(ref w, b.Children[i]);
                w.WriteRaw([Rlp.EmptyString]);
                return Rlp.LengthOfList(content);
            }
            default:
                throw new InvalidOperationException("hash nodes are never encoded");
        }
    }

    public static byte[] Encode(TrieNode node)
    {
        var buf = new byte[EncodedLength(node)];
        Encode(node, buf);
        return buf;
    }

    // Hex-prefix bytes as an RLP string: a lone first byte is below 0x40 (flags), so it needs no header.
    private static int HexPrefixRlpLength(int nibbles)
    {
        int len = Nibbles.HexPrefixLength(nibbles);
        return len == 1 ? 1 : len + 1;
    }

    private static int BranchContentLength(BranchNode b)
    {
        int content = 1; // empty value slot
        for (int i = 0; i < 16; i++) content += RefLength(b.Children[i]);
        return content;
    }

    /// <summary>Decodes a stored node; the result is clean and refers to itself by <paramref name="hash"/>.</summary>
    public static TrieNode Decode(ReadOnlySpan<byte> encoded, in Hash256 hash)
    {
        TrieNode n = DecodeItem(encoded);
        if (encoded.Length >= 32) { n.Hash = hash; n.Inline = null; }
        return n;
    }

    private static TrieNode DecodeItem(ReadOnlySpan<byte> raw)
    {
        var outer = new RlpReader(raw);
        var list = outer.ReadList();
        var counter = list;
        int count = 0;
        while (counter.HasMore) { counter.Skip(); count++; }
        TrieNode node;
        if (count == 2)
        {
            byte[] path = Nibbles.ReadHexPrefix(list.ReadBytes(), out bool leaf);
            node = leaf ? new LeafNode(path, list.ReadBytes().ToArray()) : new ExtensionNode(path, ReadRef(ref list) ?? throw new InvalidDataException("extension without child"));
        }
        else if (count == 17)
        {
            var b = new BranchNode();
            for (int i = 0; i < 16; i++) b.Children[i] = ReadRef(ref list);
            if (list.ReadBytes().Length != 0) throw new InvalidDataException("branch values are not used by secure tries");
            node = b;
        }
        else throw new InvalidDataException($"trie node with {count} items");
        if (raw.Length < 32) node.Inline = raw.ToArray();
        return node;
    }

    private static TrieNode? ReadRef(ref RlpReader r)
    {
        if (r.PeekIsList) return DecodeItem(r.ReadRaw());
        var bytes = r.ReadBytes();
        if (bytes.Length == 0) return null;
        if (bytes.Length != 32) throw new InvalidDataException($"child reference of {bytes.Length} bytes");
        return new HashNode(new Hash256(bytes));
    }

    public static Hash256 HashOf(ReadOnlySpan<byte> encoded) => Keccak256.Compute(encoded);
}
