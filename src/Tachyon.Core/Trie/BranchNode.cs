using System.Runtime.CompilerServices;

namespace Tachyon.Core.Trie;

/// <summary>
/// Sixteen children, one per nibble, plus the value of a key that ends here (empty when none):
/// RLP [ref0, ..., ref15, value].
/// </summary>
internal sealed class BranchNode : TrieNode
{
    public Children16 Children;
    public ReadOnlyMemory<byte> Value;

    // Inline so that a branch is one allocation, not two.
    [InlineArray(16)]
    public struct Children16 { private TrieNode? _e; }

    /// <summary>How many children are set, and the nibble of the last one found.</summary>
    public int CountChildren(out int lastIndex)
    {
        int count = 0;
        lastIndex = -1;
        for (int i = 0; i < 16; i++)
        {
            if (Children[i] is null) continue;
            count++;
            lastIndex = i;
        }
        return count;
    }
}
