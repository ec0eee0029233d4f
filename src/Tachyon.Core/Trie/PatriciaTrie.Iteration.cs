using System.Diagnostics.CodeAnalysis;

namespace Tachyon.Core.Trie;

public sealed partial class PatriciaTrie
{
    /// <summary>The smallest key strictly greater than <paramref name="key"/> (byte-wise order).</summary>
    public bool TryGetNextKey(ReadOnlySpan<byte> key, [NotNullWhen(true)] out byte[]? next)
    {
        var path = new NibbleStack();
        next = _root is not null && FindNext(_root, key, 0, path) ? path.ToKey() : null;
        return next is not null;
    }

    /// <summary>The largest key strictly smaller than <paramref name="key"/> (byte-wise order).</summary>
    public bool TryGetPreviousKey(ReadOnlySpan<byte> key, [NotNullWhen(true)] out byte[]? previous)
    {
        var path = new NibbleStack();
        previous = _root is not null && FindPrevious(_root, key, 0, path) ? path.ToKey() : null;
        return previous is not null;
    }

    /// <summary>All entries in ascending key order, walked lazily: do not modify the trie meanwhile.</summary>
    public IEnumerable<KeyValuePair<byte[], ReadOnlyMemory<byte>>> Enumerate() =>
        _root is null ? [] : Walk(_root, new NibbleStack());

    private static IEnumerable<KeyValuePair<byte[], ReadOnlyMemory<byte>>> Walk(TrieNode node, NibbleStack path)
    {
        int mark = path.Count;
        switch (node)
        {
            case LeafNode leaf:
                path.Push(leaf.Path);
                yield return new(path.ToKey(), leaf.Value);
                break;
            case ExtensionNode ext:
                path.Push(ext.Path);
                foreach (var entry in Walk(ext.Child, path)) yield return entry;
                break;
            case BranchNode branch:
                // A key ending at the branch is a prefix of, so sorts before, every key below it.
                if (!branch.Value.IsEmpty) yield return new(path.ToKey(), branch.Value);
                for (int i = 0; i < 16; i++)
                {
                    if (branch.Children[i] is not { } child) continue;
                    path.Push((byte)i);
                    foreach (var entry in Walk(child, path)) yield return entry;
                    path.Truncate(mark);
                }
                break;
        }
        path.Truncate(mark);
    }

    /// <summary>
    /// Order of a node's path against the target's nibbles from <paramref name="depth"/>:
    /// +1 when every key through the path is greater, -1 when every one is smaller, 0 when the
    /// target runs through the whole path.
    /// </summary>
    private static int ComparePath(NibblePath path, ReadOnlySpan<byte> target, int depth)
    {
        int targetLength = target.Length * 2;
        for (int i = 0; i < path.Length; i++)
        {
            if (depth + i >= targetLength) return 1;
            int t = NibblePath.Nibble(target, depth + i);
            if (path[i] != t) return path[i] > t ? 1 : -1;
        }
        return 0;
    }

    private static bool FindNext(TrieNode node, ReadOnlySpan<byte> target, int depth, NibbleStack path)
    {
        switch (node)
        {
            case LeafNode leaf:
            {
                int order = ComparePath(leaf.Path, target, depth);
                // Equal through the path: the leaf's key equals the target or is a prefix of it.
                if (order <= 0) return false;
                path.Push(leaf.Path);
                return true;
            }
            case ExtensionNode ext:
            {
                int order = ComparePath(ext.Path, target, depth);
                if (order < 0) return false;
                path.Push(ext.Path);
                if (order > 0)
                {
                    PushMin(ext.Child, path);
                    return true;
                }
                if (FindNext(ext.Child, target, depth + ext.Path.Length, path)) return true;
                path.Truncate(depth);
                return false;
            }
            default:
            {
                var branch = (BranchNode)node;
                int from = 0;
                if (depth < target.Length * 2)
                {
                    byte nibble = NibblePath.Nibble(target, depth);
                    if (branch.Children[nibble] is { } child)
                    {
                        path.Push(nibble);
                        if (FindNext(child, target, depth + 1, path)) return true;
                        path.Truncate(depth);
                    }
                    from = nibble + 1;
                }
                for (int i = from; i < 16; i++)
                {
                    if (branch.Children[i] is not { } child) continue;
                    path.Push((byte)i);
                    PushMin(child, path);
                    return true;
                }
                return false;
            }
        }
    }

    private static bool FindPrevious(TrieNode node, ReadOnlySpan<byte> target, int depth, NibbleStack path)
    {
        switch (node)
        {
            case LeafNode leaf:
            {
                int order = ComparePath(leaf.Path, target, depth);
                bool smaller = order < 0 || (order == 0 && depth + leaf.Path.Length < target.Length * 2);
                if (!smaller) return false;
                path.Push(leaf.Path);
                return true;
            }
            case ExtensionNode ext:
            {
                int order = ComparePath(ext.Path, target, depth);
                if (order > 0) return false;
                path.Push(ext.Path);
                if (order < 0)
                {
                    PushMax(ext.Child, path);
                    return true;
                }
                if (FindPrevious(ext.Child, target, depth + ext.Path.Length, path)) return true;
                path.Truncate(depth);
                return false;
            }
            default:
            {
                var branch = (BranchNode)node;
                // Target ends here: the branch's own key equals it, and its children are greater.
                if (depth == target.Length * 2) return false;
                byte nibble = NibblePath.Nibble(target, depth);
                if (branch.Children[nibble] is { } child)
                {
                    path.Push(nibble);
                    if (FindPrevious(child, target, depth + 1, path)) return true;
                    path.Truncate(depth);
                }
                for (int i = nibble - 1; i >= 0; i--)
                {
                    if (branch.Children[i] is not { } smaller) continue;
                    path.Push((byte)i);
                    PushMax(smaller, path);
                    return true;
                }
                return !branch.Value.IsEmpty;
            }
        }
    }

    /// <summary>Appends the path to the smallest key in the subtree.</summary>
    private static void PushMin(TrieNode node, NibbleStack path)
    {
        while (true)
        {
            switch (node)
            {
                case LeafNode leaf:
                    path.Push(leaf.Path);
                    return;
                case ExtensionNode ext:
                    path.Push(ext.Path);
                    node = ext.Child;
                    break;
                default:
                    var branch = (BranchNode)node;
                    if (!branch.Value.IsEmpty) return;
                    int i = 0;
                    while (branch.Children[i] is null) i++;
                    path.Push((byte)i);
                    node = branch.Children[i]!;
                    break;
            }
        }
    }

    /// <summary>Appends the path to the largest key in the subtree.</summary>
    private static void PushMax(TrieNode node, NibbleStack path)
    {
        while (true)
        {
            switch (node)
            {
                case LeafNode leaf:
                    path.Push(leaf.Path);
                    return;
                case ExtensionNode ext:
                    path.Push(ext.Path);
                    node = ext.Child;
                    break;
                default:
                    var branch = (BranchNode)node;
                    int i = 15;
                    while (i >= 0 && branch.Children[i] is null) i--;
                    if (i < 0) return; // only a value: the branch's own key is the largest
                    path.Push((byte)i);
                    node = branch.Children[i]!;
                    break;
            }
        }
    }
}
