namespace Tachyon.Core.Trie;

public sealed partial class PatriciaTrie
{
    /// <summary>
    /// Inserts or updates below <paramref name="node"/> (at nibble <paramref name="depth"/>) and returns
    /// the node that replaces it. Sets <paramref name="changed"/> and invalidates each node whose
    /// encoding changed; writing an equal value changes nothing.
    /// </summary>
    private static TrieNode Insert(TrieNode? node, ref KeyCursor key, int depth, ReadOnlyMemory<byte> value, ref bool changed)
    {
        switch (node)
        {
            case null:
                changed = true;
                return new LeafNode(key.RestFrom(depth), value);

            case LeafNode leaf:
            {
                int common = leaf.Path.CommonPrefix(key.Key, depth);
                if (common == leaf.Path.Length && depth + common == key.NibbleCount)
                {
                    if (leaf.Value.Span.SequenceEqual(value.Span)) return leaf;
                    leaf.Value = value;
                    leaf.Invalidate();
                    changed = true;
                    return leaf;
                }
                changed = true;
                NibblePath shared = leaf.Path.Slice(0, common);
                var branch = new BranchNode();
                if (common == leaf.Path.Length)
                {
                    // The old key is a prefix of the new one: its value moves into the branch.
                    branch.Value = leaf.Value;
                }
                else
                {
                    byte nibble = leaf.Path[common];
                    leaf.Path = leaf.Path.Slice(common + 1);
                    leaf.Invalidate();
                    branch.Children[nibble] = leaf;
                }
                PlaceNew(branch, ref key, depth + common, value);
                return common == 0 ? branch : new ExtensionNode(shared, branch);
            }

            case ExtensionNode ext:
            {
                int common = ext.Path.CommonPrefix(key.Key, depth);
                if (common == ext.Path.Length)
                {
                    TrieNode child = Insert(ext.Child, ref key, depth + common, value, ref changed);
                    if (changed)
                    {
                        ext.Child = child;
                        ext.Invalidate();
                    }
                    return ext;
                }
                changed = true;
                NibblePath shared = ext.Path.Slice(0, common);
                var branch = new BranchNode();
                byte nibble = ext.Path[common];
                if (common + 1 == ext.Path.Length)
                {
                    branch.Children[nibble] = ext.Child;
                }
                else
                {
                    ext.Path = ext.Path.Slice(common + 1);
                    ext.Invalidate();
                    branch.Children[nibble] = ext;
                }
                PlaceNew(branch, ref key, depth + common, value);
                return common == 0 ? branch : new ExtensionNode(shared, branch);
            }

            default:
            {
                var branch = (BranchNode)node;
                if (depth == key.NibbleCount)
                {
                    if (branch.Value.Span.SequenceEqual(value.Span)) return branch;
                    branch.Value = value;
                    branch.Invalidate();
                    changed = true;
                    return branch;
                }
                byte nibble = key.NibbleAt(depth);
                TrieNode child = Insert(branch.Children[nibble], ref key, depth + 1, value, ref changed);
                if (changed)
                {
                    branch.Children[nibble] = child;
                    branch.Invalidate();
                }
                return branch;
            }
        }
    }

    /// <summary>Puts the new key's value into a fresh branch at nibble <paramref name="depth"/>.</summary>
    private static void PlaceNew(BranchNode branch, ref KeyCursor key, int depth, ReadOnlyMemory<byte> value)
    {
        if (depth == key.NibbleCount) branch.Value = value;
        else branch.Children[key.NibbleAt(depth)] = new LeafNode(key.RestFrom(depth + 1), value);
    }
}
