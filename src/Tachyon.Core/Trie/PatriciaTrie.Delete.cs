namespace Tachyon.Core.Trie;

public sealed partial class PatriciaTrie
{
    /// <summary>
    /// Deletes below <paramref name="node"/> and returns its replacement (null when the subtree is
    /// gone). Branches left with a single entry collapse so the trie stays canonical.
    /// </summary>
    private static TrieNode? Delete(TrieNode node, ReadOnlySpan<byte> key, int depth, ref bool changed)
    {
        switch (node)
        {
            case LeafNode leaf:
                if (!leaf.Path.EqualsKeyRest(key, depth)) return leaf;
                changed = true;
                return null;

            case ExtensionNode ext:
            {
                if (ext.Path.CommonPrefix(key, depth) != ext.Path.Length) return ext;
                TrieNode? child = Delete(ext.Child, key, depth + ext.Path.Length, ref changed);
                if (!changed) return ext;
                // The child was a branch; a branch never vanishes from a single delete.
                return AttachPrefix(ext.Path, child!, ext);
            }

            default:
            {
                var branch = (BranchNode)node;
                if (depth == key.Length * 2)
                {
                    if (branch.Value.IsEmpty) return branch;
                    branch.Value = default;
                }
                else
                {
                    byte nibble = NibblePath.Nibble(key, depth);
                    if (branch.Children[nibble] is not { } child) return branch;
                    TrieNode? replacement = Delete(child, key, depth + 1, ref changed);
                    if (!changed) return branch;
                    branch.Children[nibble] = replacement;
                }
                changed = true;
                branch.Invalidate();
                return Collapse(branch);
            }
        }
    }

    /// <summary>A branch left with one entry becomes a leaf or joins its only child.</summary>
    private static TrieNode? Collapse(BranchNode branch)
    {
        int count = branch.CountChildren(out int last);
        bool hasValue = !branch.Value.IsEmpty;
        if (count == 0) return hasValue ? new LeafNode(NibblePath.Empty, branch.Value) : null;
        if (count == 1 && !hasValue) return AttachPrefix(NibblePath.Single(last), branch.Children[last]!, reuse: null);
        return branch;
    }

    /// <summary>
    /// Puts <paramref name="prefix"/> in front of <paramref name="child"/>: merged into a leaf's or an
    /// extension's path, or as an extension over a branch (reusing <paramref name="reuse"/> if given).
    /// </summary>
    private static TrieNode AttachPrefix(NibblePath prefix, TrieNode child, ExtensionNode? reuse)
    {
        switch (child)
        {
            case LeafNode leaf:
                leaf.Path = NibblePath.Concat(prefix, leaf.Path);
                leaf.Invalidate();
                return leaf;
            case ExtensionNode ext:
                ext.Path = NibblePath.Concat(prefix, ext.Path);
                ext.Invalidate();
                return ext;
            default:
                if (reuse is null) return new ExtensionNode(prefix, child);
                reuse.Path = prefix;
                reuse.Child = child;
                reuse.Invalidate();
                return reuse;
        }
    }
}
