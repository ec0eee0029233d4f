namespace Tachyon.Core.Trie;

/// <summary>A shared path segment leading to a branch: RLP [hexPrefix(path, extension), childRef].</summary>
internal sealed class ExtensionNode(NibblePath path, TrieNode child) : TrieNode
{
    public NibblePath Path = path;
    public TrieNode Child = child;
}
