using System.Buffers;
using System.Runtime.CompilerServices;
using Tachyon.Core.Rlp;
using RlpCodec = Tachyon.Core.Rlp.Rlp;

namespace Tachyon.Core.Trie;

/// <summary>
/// RLP encoding of trie nodes and the hash-or-embed reference computation. Children's references
/// must already be computed: encoding a node never recurses.
/// </summary>
[SkipLocalsInit]
internal static class NodeEncoder
{
    // Covers a branch with 16 hashed children and a value of up to ~480 bytes.
    private const int StackLimit = 1024;

    public static int EncodedLength(TrieNode node) => RlpCodec.LengthOfList(ContentLength(node));

    /// <summary>Computes <paramref name="node"/>'s reference, and those of its children first where missing.</summary>
    public static void EnsureReference(TrieNode node)
    {
        if (node.HasReference) return;
        switch (node)
        {
            case ExtensionNode ext:
                EnsureReference(ext.Child);
                break;
            case BranchNode branch:
                for (int i = 0; i < 16; i++)
                {
                    if (branch.Children[i] is { } child) EnsureReference(child);
                }
                break;
        }
        ComputeReference(node);
    }

    /// <summary>Encodes <paramref name="node"/> (children already referenced) and caches hash-or-embed.</summary>
    public static void ComputeReference(TrieNode node)
    {
        int content = ContentLength(node);
        int length = RlpCodec.LengthOfList(content);
        if (length <= StackLimit)
        {
            Span<byte> buffer = stackalloc byte[StackLimit];
            Encode(node, content, buffer[..length]);
            node.SetReference(buffer[..length]);
            return;
        }
        byte[] rented = ArrayPool<byte>.Shared.Rent(length);
        Encode(node, content, rented.AsSpan(0, length));
        node.SetReference(rented.AsSpan(0, length));
        ArrayPool<byte>.Shared.Return(rented);
    }

    /// <summary>The node's RLP in a new array (for proofs; hot paths use <see cref="Encode"/>).</summary>
    public static byte[] EncodeToArray(TrieNode node)
    {
        var output = new byte[EncodedLength(node)];
        Encode(node, output);
        return output;
    }

    /// <summary>Writes the node's RLP into <paramref name="output"/>, which must be exactly <see cref="EncodedLength"/> long.</summary>
    public static void Encode(TrieNode node, Span<byte> output) => Encode(node, ContentLength(node), output);

    private static void Encode(TrieNode node, int contentLength, Span<byte> output)
    {
        scoped var w = new RlpWriter(output);
        w.WriteListHeader(contentLength);
        Span<byte> pathBuffer = stackalloc byte[64];
        switch (node)
        {
            case LeafNode leaf:
                w.WriteBytes(HexPrefix(leaf.Path, isLeaf: true, pathBuffer));
                w.WriteBytes(leaf.Value.Span);
                break;
            case ExtensionNode ext:
                w.WriteBytes(HexPrefix(ext.Path, isLeaf: false, pathBuffer));
                WriteReference(ref w, ext.Child);
                break;
            case BranchNode branch:
                for (int i = 0; i < 16; i++)
                {
                    if (branch.Children[i] is { } child) WriteReference(ref w, child);
                    else w.WriteRaw(RlpCodec.EmptyStringEncoding);
                }
                w.WriteBytes(branch.Value.Span);
                break;
        }
    }

    private static int ContentLength(TrieNode node)
    {
        switch (node)
        {
            case LeafNode leaf:
                return PathItemLength(leaf.Path) + RlpCodec.LengthOf(leaf.Value.Span);
            case ExtensionNode ext:
                return PathItemLength(ext.Path) + ReferenceLength(ext.Child);
            default:
                var branch = (BranchNode)node;
                int total = RlpCodec.LengthOf(branch.Value.Span);
                for (int i = 0; i < 16; i++)
                    total += branch.Children[i] is { } child ? ReferenceLength(child) : 1;
                return total;
        }
    }

    private static int ReferenceLength(TrieNode child)
    {
        if (!child.HasReference) throw new InvalidOperationException("child reference not computed");
        return child.ReferenceLengthInParent;
    }

    // A one-byte hex prefix is always below 0x80 (flags 0..3), so it is its own RLP.
    private static int PathItemLength(NibblePath path)
    {
        int hp = path.HexPrefixLength;
        return hp == 1 ? 1 : RlpCodec.LengthOfHeader(hp) + hp;
    }

    /// <summary>The path's hex-prefix form, in <paramref name="buffer"/> when it fits (keys up to 63 bytes).</summary>
    private static Span<byte> HexPrefix(NibblePath path, bool isLeaf, Span<byte> buffer)
    {
        int hp = path.HexPrefixLength;
        Span<byte> target = hp <= buffer.Length ? buffer[..hp] : new byte[hp];
        path.WriteHexPrefix(target, isLeaf);
        return target;
    }

    private static void WriteReference(ref RlpWriter w, TrieNode child)
    {
        if (child.IsHashed) w.WriteBytes(child.Reference);
        else w.WriteRaw(child.Reference);
    }
}
