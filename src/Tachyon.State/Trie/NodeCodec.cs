using Tachyon.Core.Rlp;
using Tachyon.Core.Types;

namespace Tachyon.State.Trie;

/// <summary>RLP encoding of arena trie nodes (children must be clean) and decoding of stored nodes into the arena.</summary>
internal static class NodeCodec
{
    private static int RefLength(NodeArena a, int child) =>
        child == 0 ? 1 : a[child].InlineLength is var l and > 0 ? l : 33;

    private static void WriteRef(ref RlpWriter w, NodeArena a, int child)
    {
        if (child == 0) { w.WriteRaw([Rlp.EmptyString]); return; }
        ref var c = ref a[child];
        if (c.InlineLength > 0) w.WriteRaw(c.Hash.Bytes[..c.InlineLength]);
        else w.WriteHash(c.Hash);
    }

    /// <summary>Encoded size of a node whose children are clean.</summary>
    public static int EncodedLength(NodeArena a, int handle)
    {
        ref var n = ref a[handle];
        return n.Kind switch
        {
            NodeKind.Leaf => Rlp.LengthOfList(HexPrefixRlpLength(n.PathLength) + Rlp.LengthOf(a.Value(n))),
            NodeKind.Extension => Rlp.LengthOfList(HexPrefixRlpLength(n.PathLength) + RefLength(a, n.Child)),
            NodeKind.Branch => Rlp.LengthOfList(BranchContentLength(a, a.Children(n))),
            _ => throw new InvalidOperationException($"{n.Kind} nodes are never encoded"),
        };
    }

    /// <summary>Writes the node's RLP into <paramref name="dst"/> (at least <see cref="EncodedLength"/> bytes); returns its length.</summary>
    public static int Encode(NodeArena a, int handle, Span<byte> dst)
    {
        var w = new RlpWriter(dst);
        ref var n = ref a[handle];
        switch (n.Kind)
        {
            case NodeKind.Leaf:
            case NodeKind.Extension:
            {
                bool leaf = n.Kind == NodeKind.Leaf;
                Span<byte> hp = stackalloc byte[Nibbles.HexPrefixLength(n.PathLength)];
                Nibbles.WriteHexPrefix(a.Path(n), leaf, hp);
                int content = Rlp.LengthOf(hp) + (leaf ? Rlp.LengthOf(a.Value(n)) : RefLength(a, n.Child));
                w.WriteListHeader(content);
                w.WriteBytes(hp);
                if (leaf) w.WriteBytes(a.Value(n));
                else WriteRef(ref w, a, n.Child);
                return Rlp.LengthOfList(content);
            }
            case NodeKind.Branch:
            {
                var children = a.Children(n);
                int content = BranchContentLength(a, children);
                w.WriteListHeader(content);
                for (int i = 0; i < 16; i++) WriteRef(ref w, a, children[i]);
                w.WriteRaw([Rlp.EmptyString]);
                return Rlp.LengthOfList(content);
            }
            default:
                throw new InvalidOperationException($"{n.Kind} nodes are never encoded");
        }
    }

    /// <summary>Largest branch encoding: a 3-byte list header, 16 hash references and the empty value.</summary>
    public const int MaxBranchLength = 3 + 16 * 33 + 1;

    /// <summary>
    /// Encodes a branch in one pass over its children (no separate length pass): the content goes
    /// to dst[3..], the list header right before it. Returns where the encoding starts; its length
    /// is <paramref name="length"/>. dst must hold <see cref="MaxBranchLength"/> bytes.
    /// </summary>
    public static int EncodeBranch(NodeArena a, int handle, Span<byte> dst, out int length)
    {
        var children = a.Children(a[handle]);
        int p = 3;
        for (int i = 0; i < 16; i++)
        {
            int child = children[i];
            if (child == 0) { dst[p++] = Rlp.EmptyString; continue; }
            ref var c = ref a[child];
            if (c.InlineLength > 0)
            {
                c.Hash.Bytes[..c.InlineLength].CopyTo(dst[p..]);
                p += c.InlineLength;
            }
            else
            {
                dst[p++] = 0x80 + Hash256.Size;
                c.Hash.Bytes.CopyTo(dst[p..]);
                p += Hash256.Size;
            }
        }
        dst[p++] = Rlp.EmptyString;
        int content = p - 3, start;
        // A branch has at least two children, so its content is over 2 bytes; header forms per RLP.
        if (content < 56) { start = 2; dst[2] = (byte)(0xC0 + content); }
        else if (content < 256) { start = 1; dst[1] = 0xF8; dst[2] = (byte)content; }
        else { start = 0; dst[0] = 0xF9; dst[1] = (byte)(content >> 8); dst[2] = (byte)content; }
        length = p - start;
        return start;
    }

    // Hex-prefix bytes as an RLP string: a lone first byte is below 0x40 (flags), so it needs no header.
    private static int HexPrefixRlpLength(int nibbles)
    {
        int len = Nibbles.HexPrefixLength(nibbles);
        return len == 1 ? 1 : len + 1;
    }

    private static int BranchContentLength(NodeArena a, ReadOnlySpan<int> children)
    {
        int content = 1; // empty value slot
        for (int i = 0; i < 16; i++) content += RefLength(a, children[i]);
        return content;
    }

    /// <summary>
    /// Decodes a stored node into <paramref name="handle"/> (a hash node until now): the result is
    /// clean; it keeps referring to itself by its hash, or by its encoding when that is short.
    /// </summary>
    public static void DecodeInto(NodeArena a, int handle, ReadOnlySpan<byte> encoded)
    {
        DecodeItem(a, handle, encoded);
        if (encoded.Length < 32) SetInline(ref a[handle], encoded);
    }

    private static void SetInline(ref ArenaNode n, ReadOnlySpan<byte> raw)
    {
        n.Hash = default;
        raw.CopyTo(n.Hash.AsWritableSpan());
        n.InlineLength = (byte)raw.Length;
    }

    [System.Runtime.CompilerServices.SkipLocalsInit]
    private static void DecodeItem(NodeArena a, int handle, ReadOnlySpan<byte> raw)
    {
        var outer = new RlpReader(raw);
        var list = outer.ReadList();
        var counter = list;
        int count = 0;
        while (counter.HasMore) { counter.Skip(); count++; }
        if (count == 2)
        {
            Span<byte> path = stackalloc byte[Nibbles.KeyLength];
            path = path[..Nibbles.ReadHexPrefix(list.ReadBytes(), out bool leaf, path)];
            if (leaf)
            {
                ref var n = ref a[handle];
                n.Kind = NodeKind.Leaf;
                a.SetPathAndValue(ref n, path, list.ReadBytes());
            }
            else
            {
                int child = ReadRef(a, ref list);
                if (child == 0) throw new InvalidDataException("extension without child");
                ref var n = ref a[handle];
                n.Kind = NodeKind.Extension;
                n.Child = child;
                a.SetPathAndValue(ref n, path, default);
            }
        }
        else if (count == 17)
        {
            a.BecomeBranch(ref a[handle]);
            for (int i = 0; i < 16; i++)
            {
                int c = ReadRef(a, ref list);
                a.Children(a[handle])[i] = c;
            }
            if (list.ReadBytes().Length != 0) throw new InvalidDataException("branch values are not used by secure tries");
        }
        else throw new InvalidDataException($"trie node with {count} items");
    }

    private static int ReadRef(NodeArena a, ref RlpReader r)
    {
        if (r.PeekIsList)
        {
            var raw = r.ReadRaw();
            if (raw.Length >= 32) throw new InvalidDataException($"embedded node of {raw.Length} bytes");
            int h = a.NewHash(default);
            DecodeItem(a, h, raw);
            SetInline(ref a[h], raw);
            return h;
        }
        var bytes = r.ReadBytes();
        if (bytes.Length == 0) return 0;
        if (bytes.Length != 32) throw new InvalidDataException($"child reference of {bytes.Length} bytes");
        return a.NewHash(new Hash256(bytes));
    }
}
