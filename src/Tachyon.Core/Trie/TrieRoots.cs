using Tachyon.Core.Rlp;
using Tachyon.Core.Types;

namespace Tachyon.Core.Trie;

/// <summary>Roots of the list tries in a block header (transactions, receipts, withdrawals).</summary>
public static class TrieRoots
{
    /// <summary>
    /// Root of the trie mapping rlp(i) to the i-th already-encoded item. The items are referenced,
    /// not copied, and must not change during the call.
    /// </summary>
    public static Hash256 OrderedRoot(IReadOnlyList<ReadOnlyMemory<byte>> encodedItems)
    {
        ArgumentNullException.ThrowIfNull(encodedItems);
        if (encodedItems.Count == 0) return Hash256.EmptyTrieRoot;
        var trie = new PatriciaTrie();
        Span<byte> key = stackalloc byte[9];
        for (int i = 0; i < encodedItems.Count; i++)
        {
            ReadOnlyMemory<byte> item = encodedItems[i];
            if (item.IsEmpty) throw new ArgumentException($"item {i} is empty; list items are RLP-encoded and never empty", nameof(encodedItems));
            var writer = new RlpWriter(key);
            writer.WriteUInt64((ulong)i);
            trie.SetShared(key[..writer.Position], item);
        }
        return trie.RootHash;
    }
}
