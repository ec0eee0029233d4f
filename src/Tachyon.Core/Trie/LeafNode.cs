namespace Tachyon.Core.Trie;

/// <summary>A key's remaining nibbles and its value: RLP [hexPrefix(path, leaf), value].</summary>
internal sealed class LeafNode(NibblePath path, ReadOnlyMemory<byte> value) : TrieNode
{
    public NibblePath Path = path;
    public ReadOnlyMemory<byte> Value = value;
}
